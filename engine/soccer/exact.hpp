//! Exact soccer pricing where the model factorises.
#pragma once

#include "engine/score_distribution.hpp"
#include "kernels/soccer/soccer_params.hpp"

#include <cstddef>

namespace simbook::engine {

//! Soccer with no state effects (leading/trailing multipliers 1, no red cards): the remaining goals of each
//! team are independent Poissons whose means integrate the piecewise intensity from the state to full time.
//! Requires params without state effects (checked).
ScoreDistribution ExactSoccer(const kernels::soccer::SoccerParams& params, const kernels::soccer::SoccerState& state,
                              std::size_t dim = 64);

//! Remaining expected goals of a team (0 home, 1 away) from a played minute to full time, no state effects.
double RemainingExpectedGoals(const kernels::soccer::SoccerParams& params, int team, double minute);

} // namespace simbook::engine
