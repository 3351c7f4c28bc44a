//! Exact soccer pricing: independent Poissons where the model factorises, the goal and red-card chain otherwise.
#pragma once

#include "engine/score_distribution.hpp"
#include "kernels/soccer/soccer_params.hpp"

#include <array>
#include <cstddef>

namespace simbook::engine {

//! Soccer with no state effects (leading/trailing multipliers 1, no red cards): the remaining goals of each
//! team are independent Poissons whose means integrate the piecewise intensity from the state to full time.
//! Requires params without state effects (checked).
ScoreDistribution ExactSoccer(const kernels::soccer::SoccerParams& params, const kernels::soccer::SoccerState& state,
                              std::size_t dim = 64);

//! Remaining expected goals of a team (0 home, 1 away) from a played minute to full time, no state effects.
double RemainingExpectedGoals(const kernels::soccer::SoccerParams& params, int team, double minute);

//! What the exact goal and red-card chain gives from a live state.
struct SoccerLiveDistribution {
    ScoreDistribution final_score; //!< joint final score, probabilities in [0, 1]
    //! Joint half-time score; from a second-half state, a point mass at the state's half-time score.
    ScoreDistribution half_time;
    //! P(home reds, away reds) at the final whistle, [home][away].
    std::array<std::array<double, kernels::soccer::kMaxReds + 1>, kernels::soccer::kMaxReds + 1> red_cards{};
    int steps = 0; //!< sparse transition products computed (uniformisation terms over all pieces)
};

//! Soccer with every state effect of the kernel (leading/trailing multipliers on the margin sign, red-card
//! rates, red_factor, a scheduled red card at red_card_at, the half-time score), solved exactly: the chain
//! on (home goals, away goals, home reds, away reds) runs on the shape clock, where every intensity is
//! constant, so each piece between half-time and scheduled red cards is one uniformisation (Poisson-weighted
//! powers of the sparse jump matrix, summed to 1e-15 of Poisson tail). Goals past dim - 1 leave the grid
//! (reported by final_score.Truncated()); the cells on the grid are exact. Any SoccerParams, any state.
SoccerLiveDistribution ExactSoccerLive(const kernels::soccer::SoccerParams& params,
                                       const kernels::soccer::SoccerState& state, std::size_t dim = 16);

struct SoccerGame;
//! The exact final-score distribution of a game from its state (ExactSoccerLive: every state effect).
ScoreDistribution ExactFinalScore(const SoccerGame& game);
//! The exact final margin and total from the state (the marginals of ExactFinalScore).
ExactLines ExactMainLines(const SoccerGame& game);

} // namespace simbook::engine
