//! JSON-in / JSON-out entry points of the fantasy features, shared by the CLI (`simbook project`, `simbook
//! lineup`) and the API (POST /v1/fantasy/projections, POST /v1/fantasy/lineups). Errors are InvalidArgument
//! naming the field or the conflict (HTTP 400), Unavailable when the fitted models cannot be read (503).
//!
//! POST /v1/fantasy/projections body:
//!   {"slate": {"games": [{"home": "BOS", "away": "DAL"}, ...],           // fitted NBA codes, each team once
//!              "availability": [{"player": "Luka Dončić", "out": true},
//!                               {"player": "Jayson Tatum", "max_minutes": 30}]},   // optional
//!    "scoring": "draftkings" | "fanduel" | {"points": 1, "rebounds": 1.2, ..., "double_double": 0},  // default dk
//!    "thresholds": [20, 30, 40, 50],   // optional, fantasy points; P(points >= t) per threshold
//!    "sims": 10000, "seed": 7}         // optional; sims in [100, ctx.max_sims]
//! response:
//!   {"scoring": {"name", "weights": {...}, "double_double", "triple_double"}, "sims", "seed", "invalid_paths",
//!    "games": [{"label": "DAL@BOS", "home", "away", "seed"}], "extra_rates_source", "assumptions": [strings],
//!    "players": [{"name", "team", "opponent", "game": "DAL@BOS", "out": bool, "minutes", "base_minutes",
//!                 "usage", "mean", "median", "sd", "percentiles": {"p10", "p25", "p75", "p90"},
//!                 "p_reach": [{"threshold", "probability"}], "stats": {"points", "rebounds", "assists", "threes",
//!                 "steals", "blocks", "turnovers"} (means), "double_double", "triple_double"}]}  // by mean, desc
//!
//! POST /v1/fantasy/lineups body:
//!   {"slate": as above, "site": "draftkings" | "fanduel",
//!    "salaries_csv": "<the site's salary export as text>"  or  "salaries": [{"id"?, "name", "team",
//!                    "positions": "PG/SG" | ["PG", "SG"], "salary"}],
//!    "lineups": 20, "objective": "mean" | "p_target", "target": 300,       // target required for p_target
//!    "locks": ["id or name"], "excludes": ["id or name"], "max_per_team": 0,
//!    "team_limits": [{"team": "BOS", "min": 0, "max": 3}],
//!    "stacks": [{"kind": "team" | "game", "size": 3, "among": ["BOS"] | ["DAL@BOS"]}],
//!    "max_exposure": 1.0, "min_different": 1, "candidates": 3, "scoring": (default: the site's),
//!    "sims": 10000, "seed": 7}
//! response:
//!   {"site", "objective", "target" (null for mean), "method", "salary_cap", "slots": ["PG", ...], "sims", "seed",
//!    "lineups": [{"players": [{"slot", "id", "name", "team", "positions", "salary", "mean"}], "salary", "mean",
//!                 "p_target", "p_target_se"}],   // p_target null without a target
//!    "exposure": [{"id", "name", "lineups", "share"}], "unmatched": [{"line", "name", "team", "reason"}],
//!    "unavailable": [names of salary-file players ruled out], "milps", "note" (when fewer lineups than asked),
//!    "timing": {"simulate_s", "optimize_s"}}
//!
//! Cost and threads: a lineups request simulates the slate (about 1 s for 10 games x 10,000 paths on 2 cores)
//! and solves one MILP per lineup (150 lineups: seconds to a minute, more with stacks), so run it off the
//! I/O thread. Calls on different threads are safe: every request builds its own GLPK problem, and Debian's
//! GLPK 5.0 keeps its environment thread-local (glp_config("TLS") = _Thread_local).
#pragma once

#include "kernels/core/config.hpp"
#include "kernels/core/result.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace simbook::fantasy {

//! Server- or CLI-side settings of a fantasy request.
struct FantasyContext {
    std::string params_dir;              //!< fitted models folder (the one with nba/2023-24.json)
    std::string extra_rates_file;        //!< steal/block/turnover rates; empty = league averages
    std::uint64_t default_sims = 10'000; //!< joint paths when the body gives none
    std::uint64_t max_sims = 50'000;     //!< most paths a body may ask for (memory ~11 bytes x players x paths)
    int threads = 0;                     //!< OpenMP threads, 0 = all cores
    kernels::Backend backend = kernels::Backend::kAuto;
};

//! The committed rates file (data/fantasy/nba-2023-24-extra-rates.json in this checkout).
std::string DefaultExtraRatesFile();
//! The committed demo data folder (data/fantasy in this checkout).
std::string DefaultFantasyDataDir();

//! POST /v1/fantasy/projections (shape above).
Result<nlohmann::json> ProjectionsRequest(const nlohmann::json& body, const FantasyContext& ctx);
//! POST /v1/fantasy/lineups (shape above).
Result<nlohmann::json> LineupsRequest(const nlohmann::json& body, const FantasyContext& ctx);

} // namespace simbook::fantasy
