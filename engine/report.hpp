//! Finalize: a SimulationResult as JSON (the CLI/API contract) and as a readable summary.
#pragma once

#include "engine/simulation_result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace simbook::engine {

//! Percentiles reported for distributions (in percent).
inline constexpr int kReportedPercentiles[] = {10, 25, 50, 75, 90};

//! The result as one JSON object: sims, seed, backend, win_probability, mean_score, standard_error,
//! score_distribution ([home, away, probability] for every score seen), margin and total distributions,
//! and the sport's extras (soccer: half-time, first goal, goal minutes, lead changes, red cards;
//! basketball: overtime, period means, lead changes, largest run, players with mean and percentiles).
//! Deterministic: the same counts always give byte-identical text.
nlohmann::json ToJson(const SimulationResult& result);

//! A readable multi-line summary for people; names are the teams' display names.
std::string Summary(const SimulationResult& result, const std::string& home_name, const std::string& away_name);

} // namespace simbook::engine
