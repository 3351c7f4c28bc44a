//! JSON in, JSON out: the season-futures request that the CLI (`simbook futures --json`) and the HTTP API serve.
//!
//! Request (an object; unknown keys are refused). Either an explicit table:
//!   {"league": "premier-league",                  // fitted model for fixtures without xg (optional otherwise)
//!    "table": [{"team": "Arsenal", "played": 26, "points": 51, "gf": 45, "ga": 25}, ...],
//!    "fixtures": [{"home": "Arsenal", "away": "Chelsea", "home_xg": 1.6, "away_xg": 1.1}, ...],  // xg optional
//!    ...common keys}
//! or a past season of the data folder cut at a date (results before it form the table, the rest the fixtures,
//! priced by a Dixon-Coles fit to results before it):
//!   {"league": "premier-league", "season": "2015-16", "as_of": "2016-03-01", ...common keys}
//! Common keys, all optional: "positions": {"title": 1, "top4": 4, "relegation": 3} (defaults shrink to
//! teams - 1 in a smaller league), "seasons": 100000 (or max_seasons when lower),
//! "seed": 7, "margin": 0.05 (overround in [0, 0.5)), "method": "multiplicative" (odds/margin.hpp names),
//! "state_effects": true (false: independent Poisson goals, no score effects or red cards),
//! "model": {SoccerModel fields: shape, stoppage, multipliers, red-card rates}.
//!
//! Response:
//!   {"league", "seasons", "invalid_seasons", "seed", "matches_simulated", "seconds", "backend", "state_effects",
//!    "tie_breaks": ["points", "goal_difference", "goals_for", "lottery"],
//!    "positions": {"title", "top4", "relegation"},
//!    "source": {"kind": "table"} | {"kind": "data", "season", "as_of", "ratings", "new_teams": [...],
//!               "new_team_prior"},
//!    "teams": [{"team", "played", "points", "gf", "ga", "remaining", "expected_points", "expected_points_se",
//!               "points_sd", "title": {"probability", "std_error"}, "top4": {...}, "relegation": {...},
//!               "positions": [P(1st), P(2nd), ...], "expected_position", "actual_position" (data only: the
//!               real final place)}, ...]   // in the table's order (data: as the table stood at as_of)
//!    "markets": [{"market": "title" | "top4" | "relegation", "places", "margin", "method", "overround",
//!                 "note"?, "outcomes": [{"team", "probability", "std_error", "fair_decimal", "decimal"}]}]}
//!   Prices are decimal odds of "yes" (see futures/outrights.hpp), null where no price is offered.
//! Errors: InvalidArgument naming the field (unknown team, team listed twice, fixture of a team with itself,
//! negative or impossible record, both table and season given, seasons above the context's maximum); nothing is
//! simulated then. Unavailable when a fitted model or the data folder cannot be read.
#pragma once

#include "engine/run_shares.hpp"
#include "kernels/core/config.hpp"
#include "kernels/core/result.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace simbook::futures {

//! Where a request reads from and how much it may run.
struct FuturesContext {
    std::string params_dir;                //!< folder of fitted models (models/params layout)
    std::string data_dir;                  //!< data folder (models::ResolveDataDir)
    int threads = 0;                       //!< CPU threads, 0 = all cores
    std::uint64_t max_seasons = 1'000'000; //!< largest "seasons" accepted
    kernels::Backend backend = kernels::Backend::kAuto;
    engine::RunShares shares; //!< split across processes (MPI ranks); empty: the whole run here
};

//! Runs a futures request (see the file comment for the shapes).
Result<nlohmann::json> FuturesRequest(const nlohmann::json& body, const FuturesContext& ctx);

} // namespace simbook::futures
