//! A result's counts as one vector of words, for runs split across processes (`mpirun ... simbook simulate`): each
//! process runs a disjoint range of path ids of the same game, and since every count is an exact integer that
//! adds up over paths, the word-by-word sum of their words is the whole run's result, whatever the split.
#pragma once

#include "engine/run_shares.hpp"
#include "engine/simulation_result.hpp"
#include "kernels/core/result.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace simbook::engine {

//! The counts of a result (valid and invalid paths, the score grid, the sport's tallies), in an order that depends
//! only on the game, not on the paths.
std::vector<std::uint64_t> CountWords(const SimulationResult& result);

//! Sets a result's counts from words written by CountWords for a result of the same game; InvalidArgument, with
//! the result unchanged, when the number of words differs.
Status SetCountWords(SimulationResult& result, std::span<const std::uint64_t> words);

} // namespace simbook::engine
