//! HDF5 output of a run, for analysis in h5py / notebooks.
#pragma once

#include "engine/simulation_result.hpp"
#include "kernels/core/result.hpp"

#include <string>

namespace simbook::engine {

//! Writes the run to an HDF5 file (created or truncated). Root attributes: sport, seed, sims, backend,
//! invalid_paths, model (JSON text), state (JSON text). Datasets: score_counts (uint64 [home][away]),
//! score_distribution (float64), margin_distribution (with attribute offset), total_distribution, and per
//! sport: soccer/half_time_counts, soccer/goal_minute_counts [team][minute], soccer/first_goal_counts
//! [none, home, away, before_state]; basketball/player_stat_counts [player][stat][value] with attributes
//! player_names (JSON list), player_teams, stats; basketball/overtime_counts, basketball/largest_run_counts.
Status WriteHdf5(const std::string& path, const SimulationResult& result, const std::string& model_json,
                 const std::string& state_json);

} // namespace simbook::engine
