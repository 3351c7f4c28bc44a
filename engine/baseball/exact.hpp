//! Exact baseball: a half-inning is a Markov chain over the 24 base-out states, a game the convolution of its
//! half-innings under the rules (no bottom of the 9th when the home team leads, walk-offs, extra innings).
#pragma once

#include "engine/score_distribution.hpp"
#include "kernels/core/result.hpp"
#include "models/baseball_model.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace simbook::engine {

//! A live baseball state (pre-game: the defaults).
struct BaseballState {
    int inning = 1;      //!< 1-based; past 9 is extra innings
    bool bottom = false; //!< the home team bats
    int outs = 0;        //!< 0..2 in the current half-inning
    int bases = 0;       //!< bit 0 runner on 1st, bit 1 on 2nd, bit 2 on 3rd
    int home_runs = 0;   //!< runs so far, 0..40
    int away_runs = 0;   //!< runs so far, 0..40
    //! The team's starter pitches (or pitched) its current or latest half-inning; false: the bullpen has taken
    //! over (it pitches every half-inning from the current one).
    bool home_starter_in = true;
    bool away_starter_in = true;
};

//! Ok, or InvalidArgument naming the field of an impossible state (bottom of the 9th or later with the home
//! team ahead, extra innings with the home team ahead, outs outside 0..2, ...).
Status ValidateBaseballState(const BaseballState& state);

//! Runs of one half-inning played out from a base-out state.
struct HalfInningRuns {
    std::vector<double> ends; //!< P(the half-inning ends with r runs), r = 0..cap
    double tail = 0.0;        //!< mass past the run cap (or alive after the step cap): dropped
    //! scoring[r][k - 1][hr]: P(a plate appearance with r runs in so far scores k more), hr = 1 for home runs.
    //! The first crossing of any deficit d (r <= d < r + k) is a walk-off, which is all StopWhenAhead needs.
    std::vector<std::array<std::array<double, 2>, 4>> scoring;

    //! Expected runs (of the part below the cap).
    double Mean() const;
};

//! The run distribution of a half-inning with these rates from (outs, bases), runs capped at `cap`.
HalfInningRuns ExactHalfInning(const models::PaRates& rates, const models::BaseRunning& running, int outs = 0,
                               int bases = 0, int cap = 30);

//! A bottom half of the 9th or later with the home team `deficit` >= 0 runs behind: it stops once the home
//! team leads. Non-home-run walk-offs count only the winning run; a walk-off home run counts every run.
struct WalkoffHalf {
    std::vector<double> ends;        //!< P(three outs with r runs), r = 0..deficit
    std::array<double, 4> walkoff{}; //!< P(a walk-off that leaves the home team m runs ahead), m = 1..4
};
//! The stop-when-ahead half from the plain chain's run distribution and first crossings (exact: a path that
//! ends with r <= deficit runs never led, every other one first led on one plate appearance).
WalkoffHalf StopWhenAhead(const HalfInningRuns& half, int deficit);

//! Innings a team's starter pitches in full: floor(E) or floor(E) + 1 with the mean E = starter_innings; from a
//! live state, conditioned on the starter being in at inning `inning` (he finishes it when the pmf gives
//! no such length), or inning - 1 when he has left. Pairs (innings, probability).
std::vector<std::pair<int, double>> StarterInningsPmf(double starter_innings, int inning, bool starter_in);

//! Exact outputs of a game from a state.
struct BaseballExact {
    ScoreDistribution final_score{1}; //!< joint (home, away) final runs
    //! Joint runs after five full innings, runs before the state included (none when the state is past the 5th).
    std::optional<ScoreDistribution> first_five;
    //! Joint runs of the 1st inning (none when the state is past the 1st); NRFI = P(0, 0).
    std::optional<ScoreDistribution> first_inning;
    //! inning_runs[i - 1]: pmf of the runs both teams score in inning i (top plus bottom), for innings 1..8 that
    //! start at or after the state (the state's own inning when it is at its very start); empty otherwise (the
    //! 9th and later depend on the score).
    std::array<std::vector<double>, 8> inning_runs;
    double extra_innings = 0.0; //!< P(the game goes past the 9th)
    double walkoff = 0.0;       //!< P(the game ends on a walk-off)
    double truncated = 0.0;     //!< mass lost to the run cap, the grid (scores >= dim) and the innings cap
};

//! The game from `state` by dynamic programming over the (home, away) score grid, half-inning by half-inning,
//! mixed over the teams' day factors (models::DayFactors, fixed for the whole game: from a live state they are
//! still unknown, as the state holds no sign of them) and the starters' lengths (StarterInningsPmf). Bottom halves from
//! the 9th on are StopWhenAhead chains; extra innings go on (with a runner on 2nd when the model says so) until one
//! side leads, all of them at once through their renewal series (no innings cap; only scores past the grid are
//! lost). Errors: an invalid model or state.
Result<BaseballExact> ExactBaseball(const models::BaseballModel& model, const BaseballState& state,
                                    std::size_t dim = 64);

} // namespace simbook::engine
