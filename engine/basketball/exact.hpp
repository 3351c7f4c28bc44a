//! Exact basketball pricing: possession points convolved over the remaining possessions.
#pragma once

#include "engine/score_distribution.hpp"
#include "kernels/basketball/basketball_params.hpp"

#include <array>
#include <cstddef>

namespace simbook::engine {

//! Points of one possession: P(0), P(1), P(2), P(3), from the kernel's quantised chance probabilities
//! (offensive-rebound chains summed as a geometric series).
std::array<double, 4> PossessionPointsPmf(const kernels::basketball::BasketballTeamParams& team);

//! Basketball by dynamic programming: possession points convolved over the remaining possessions of each
//! team, mixed over the pace distribution, then overtimes until untied, exactly as the kernel schedules
//! possessions from the state.
ScoreDistribution ExactBasketball(const kernels::basketball::BasketballParams& params,
                                  const kernels::basketball::BasketballState& state, std::size_t dim = 320);

} // namespace simbook::engine
