//! Baseball plate-appearance model: outcome rates of the batting team against the pitching side (log5), base
//! running over the 24 base-out states, home advantage and park factors.
#pragma once

#include "kernels/core/result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace simbook::models {

//! Outcomes of a plate appearance.
enum class PaOutcome { kStrikeout, kOtherOut, kWalk, kSingle, kDouble, kTriple, kHomeRun };
inline constexpr int kPaOutcomes = 7;
//! Probabilities per plate appearance, PaOutcome order, summing to 1. Walk includes hit-by-pitch (and
//! catcher's interference); other out includes reaching on an error and sacrifice bunts.
using PaRates = std::array<double, kPaOutcomes>;

//! JSON names of the outcomes: "strikeout", "other_out", "walk", "single", "double", "triple", "home_run".
const std::array<const char*, kPaOutcomes>& PaOutcomeNames();

//! Runner advancement. Not modelled as such: stolen bases, caught stealing, wild pitches, passed balls, balks,
//! reaching on errors, outs on the bases; out_advance stands in for them.
struct BaseRunning {
    double single_second_scores = 0.60;  //!< P(runner on 2nd scores on a single) (assumed; else stops at 3rd)
    double single_first_to_third = 0.28; //!< P(runner on 1st reaches 3rd on a single when 3rd is free) (assumed)
    double double_first_scores = 0.42;   //!< P(runner on 1st scores on a double) (assumed; else stops at 3rd)
    //! P(double play | other out, runner on 1st, < 2 outs): batter and the runner from 1st out, other runners
    //! move up one base (a run from 3rd counts when the inning goes on). Fitted from GIDP totals.
    double double_play = 0.22;
    //! P(runner on 3rd scores | other out that is not a double play, < 2 outs): a sacrifice fly or a run on a
    //! ground out; other runners hold. Fitted from SF totals.
    double sacrifice_fly = 0.39;
    //! P(every runner moves up one base, a runner on 3rd scoring, on an other out that is neither a double play
    //! nor a sacrifice fly, < 2 outs): a productive out. Fitted so that the league's runs per inning match the
    //! data, so it also absorbs the advances the chain leaves out (steals, wild pitches, errors).
    double out_advance = 0.65;
};

//! A pitching side's rates: the starter for about `starter_innings` innings, then the bullpen.
struct PitchingStaff {
    std::string starter;          //!< starting pitcher's name (or id)
    PaRates starter_rates{};      //!< rates allowed by the starter against a league-average batter
    double starter_innings = 5.7; //!< expected full innings of the starter, in [0, 9]
    PaRates bullpen_rates{};      //!< rates allowed by the bullpen against a league-average batter
};

//! A team: its batters' rates against a league-average pitcher, and its pitching.
struct BaseballTeamModel {
    std::string name;
    PaRates batting{};
    PitchingStaff pitching;
};

//! A game. A plate appearance of batting team B against pitcher P has rates Log5(B.batting, P, league), then
//! the on-base outcomes scaled (outs taking up the rest) so that expected runs per inning are multiplied by
//! park_factor x home_run_factor for the home team's batters (park_factor / home_run_factor for the visitors).
struct BaseballModel {
    BaseballTeamModel home;
    BaseballTeamModel away;
    PaRates league{};              //!< league rates, the log5 reference (every entry > 0)
    BaseRunning running;           //!< shared by both teams
    double home_run_factor = 1.0;  //!< home batters' runs per inning x this, visitors' / this; in [0.5, 2]
    double park_factor = 1.0;      //!< runs per inning in this park relative to the league, in [0.5, 2]
    bool automatic_runner = false; //!< extra innings start with a runner on 2nd (MLB from 2020; off for 2014-18)
    //! Runs per half-inning in innings 1..9 relative to the average inning, each in [0.5, 2] (the order comes round:
    //! the top of the order bats in the 1st); extra innings use 1. Applied like the park factor.
    std::array<double, 9> inning_factors{1, 1, 1, 1, 1, 1, 1, 1, 1};
    //! Game-to-game spread the rates do not see (a starter's day, weather, lineup changes), in [0, 0.5]: each team's
    //! runs per inning for the whole game are multiplied by a day factor of its own (DayFactors(day_sd)), applied
    //! like the park factor; 0 leaves the rates as they are.
    double day_sd = 0.0;
};

//! A team's day factor: log factor -sqrt(3) sd, 0 or +sqrt(3) sd with probabilities 1/6, 2/3, 1/6 (three-point
//! Gauss-Hermite: the moments of a normal up to the fifth), scaled so that the factor's mean is 1. Pairs
//! (factor, probability); one pair (1, 1) when sd is 0.
std::vector<std::pair<double, double>> DayFactors(double sd);

//! The half-inning matchups of a game: rates[inning][batting side][pitcher]; inning 1..9, 0 for extra innings;
//! side 0 = home batting (against the visitors' pitchers), 1 = away batting; pitcher 0 = starter, 1 = bullpen.
struct MatchupRates {
    std::array<std::array<std::array<PaRates, 2>, 2>, 10> rates{};

    //! The rates of a half-inning of `inning` (1-based; past the 9th the extra-inning rates).
    const PaRates& For(int inning, int side, int pitcher) const {
        return rates[static_cast<std::size_t>(inning >= 1 && inning <= 9 ? inning : 0)][static_cast<std::size_t>(side)]
                    [static_cast<std::size_t>(pitcher)];
    }
};

//! Base-out state index: outs * 8 + bases (bit 0 runner on 1st, bit 1 on 2nd, bit 2 on 3rd), 0..23.
inline constexpr int kBaseOutStates = 24;
//! The "three outs" index of PaTransition::next.
inline constexpr int kInningOver = 24;

//! One way a plate appearance can end: the next base-out state (kInningOver when it makes the third out), the
//! runs that score on it and its probability.
struct PaTransition {
    int next = 0;
    int runs = 0;
    double probability = 0.0;
    bool home_run = false; //!< every run counts even in a walk-off (other walk-off hits stop at the winning run)
};

//! The transitions of one plate appearance from base-out state `state` (at most 16, `count` of them used;
//! probabilities sum to 1 over those with positive rates).
struct PaTransitions {
    std::array<PaTransition, 16> items{};
    int count = 0;
};
PaTransitions BaseOutTransitions(int state, const PaRates& rates, const BaseRunning& running);

//! Generalised log5 (odds-ratio) combination: p_i proportional to batter_i x pitcher_i / league_i.
PaRates Log5(const PaRates& batter, const PaRates& pitcher, const PaRates& league);

//! Rates with the on-base outcomes multiplied by k and the two outs scaled to keep the sum 1 (k x P(on base) < 1).
PaRates ScaleOnBase(const PaRates& rates, double k);

//! Expected runs to the end of the half-inning from each base-out state, index outs * 8 + bases (bit 0 first,
//! bit 1 second, bit 2 third).
std::array<double, 24> RunExpectancy(const PaRates& rates, const BaseRunning& running);

//! Expected plate appearances started in each base-out state during one half-inning from 0 outs, empty bases.
std::array<double, 24> ExpectedVisits(const PaRates& rates, const BaseRunning& running);

//! Expected double plays and expected runners scoring from 3rd on a non-DP out (sacrifice flies) per half-inning.
std::array<double, 2> ExpectedDoublePlaysAndSacFlies(const PaRates& rates, const BaseRunning& running);

//! ScaleOnBase's k that multiplies expected runs per inning by `factor` (bisection; factor in [0.25, 4]).
double OnBaseScaleForRuns(const PaRates& rates, const BaseRunning& running, double factor);

//! Every matchup of a game with log5, park factor, home advantage and inning factors applied (see BaseballModel),
//! and the teams' day factors (home_day for the home team's batters, away_day for the visitors').
MatchupRates MakeMatchupRates(const BaseballModel& model, double home_day = 1.0, double away_day = 1.0);

//! Mean and variance of the runs of one half-inning from 0 outs, bases empty (exact, from the chain's first two
//! moments).
std::array<double, 2> HalfInningRunMoments(const PaRates& rates, const BaseRunning& running);

//! Ok, or an InvalidArgument naming the first bad field ("home.pitching.starter_rates.walk: ...").
Status ValidateBaseballModel(const BaseballModel& model);

//! The built-in example game: two league-average-ish teams with 2014-18-like rates (not fitted).
BaseballModel ExampleBaseballModel();

//! Reads {"home": team, "away": team, "league": rates, "running": {...}, "home_run_factor", "park_factor",
//! "automatic_runner", "inning_factors": [9 numbers], "day_sd"}; team = {"name", "batting": rates, "pitching":
//! {"starter", "starter_rates", "starter_innings", "bullpen_rates"}}; rates = {"strikeout": p, ..., "home_run": p}
//! summing to 1 (within 1e-6). Every field is checked; errors name the field by its path.
Result<BaseballModel> BaseballModelFromJson(const nlohmann::json& json);
nlohmann::json ToJson(const BaseballModel& model);

} // namespace simbook::models
