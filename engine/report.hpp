//! Finalize: a SimulationResult as JSON (the CLI/API contract) and as a readable summary.
#pragma once

#include "engine/simulation_result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

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

//! Formatting shared by the sports' reports (engine/<sport>/tallies.cpp).
namespace report_format {
//! count / total, 0 for no total.
double Ratio(std::uint64_t count, std::uint64_t total);
//! {"mean": m, "p10": ..., "p90": ...} of a histogram.
nlohmann::json Describe(const Histogram1D& h);
//! [[value, probability], ...] for values with non-zero mass.
nlohmann::json Pairs(const std::vector<double>& p, int offset);
nlohmann::json Pairs(const Histogram1D& h);
//! [[home, away, probability], ...] for scores seen.
nlohmann::json ScoreGrid(const Histogram2D& h, std::uint64_t sims);
//! P(home), P(draw), P(away) of a score histogram.
std::array<double, 3> Outcomes(const Histogram2D& h, std::uint64_t sims);
} // namespace report_format

} // namespace simbook::engine
