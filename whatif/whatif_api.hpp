//! JSON in, JSON out: the what-if and momentum-market entry points that `POST /v1/whatif`, the odds feed and
//! `simbook whatif` share. Every input is validated before any path runs; errors are InvalidArgument with a
//! one-line message naming the field.
//!
//! Game fields (both requests):
//!   "sport": "soccer" | "basketball"                                     required
//!   "league", "home_team", "away_team"   a fitted model ("premier-league" + "Arsenal"/"Chelsea", "nba" + "BOS"/"DAL")
//!   "home_xg", "away_xg"                 soccer expected goals (not with a league)
//!   "model"                              SoccerModel fields / BasketballModel JSON (not with a league)
//!   "state"                              live state (engine/game_state.hpp); absent = kick-off / tip-off
//!   "markets"                            "h2h,totals:2.5" or ["h2h", "totals:2.5"] (PathMarket keys)
//!   "sims" (paths, default 100000), "seed" (default 7), "margin" (default 0.05), "method" ("multiplicative")
//!
//! WhatIfRequest adds "scenario": [change, ...] (see whatif/scenario.hpp) and/or "sweep": a change with one
//! field given as {"from", "to", "step"} (at most kMaxSweepPoints points, applied on top of "scenario"), and
//! "scenario_seed" (default: "seed", common random numbers; another seed prices the scenario independently).
//! Response:
//!   {"sport", "sims", "seed", "scenario_seed", "common_random_numbers": bool, "invalid_paths",
//!    "markets": [{"market", "settled", "outcomes": [{"name", "base", "scenario", "delta", "delta_se",
//!                  "independent_se", "se_ratio", "base_se", "scenario_se", "base_price", "scenario_price"}]}],
//!    "median_se_ratio": independent_se / delta_se over outcomes with delta_se > 0}
//! ("base"/"scenario" are fair probabilities, "*_price" decimal odds with the margin, null when not offered).
//! With a sweep, "markets" is absent and "sweep" holds the curves:
//!   {"sweep": {"change", "field", "values": [v...], "markets": [{"market", "outcomes": [{"name", "base",
//!              "scenario": [p per value], "delta": [...], "delta_se": [...]}]}]}}
//!
//! MomentumRequest prices momentum and next-event markets of one game from one run (default keys per sport:
//! soccer next_goal, goal_before:M, lead_change:15, lead_at:T; basketball next_team_to_score, next_score,
//! lead_change:5, largest_run:10.5, largest_run_team, lead_at:T). Response:
//!   {"sport", "sims", "seed", "margin", "method",
//!    "markets": [{"market", "settled", "overround", "note"?, "outcomes": [{"name", "probability", "std_error",
//!                 "fair_price", "price"}]}],
//!    "win_prob_path": [{"minute", "home", "level", "away", "std_error"}...,
//!                      {"minute": "final", "home", "draw"?, "away"}]}
//! The win-probability path is, for the state given, P(home leads), P(level), P(away leads) at each later
//! checkpoint (soccer every 15 football minutes and half time; basketball the end of each quarter) and the
//! final result: the curve a dashboard plots forward from now, every point from the same paths.
#pragma once

#include "kernels/core/result.hpp"
#include "kernels/launch.hpp"
#include "odds/margin.hpp"
#include "whatif/scenario.hpp"
#include "whatif/whatif.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace simbook::whatif {

//! What the server (or CLI) fixes for every request.
struct WhatIfContext {
    std::string params_dir;              //!< fitted models folder
    kernels::LaunchConfig launch;        //!< backend and threads
    std::uint64_t max_paths = 2'000'000; //!< most "sims" one request may ask for
    //! Most paths one request may run in all: sims * (1 + scenarios), the base counted once.
    std::uint64_t max_total_paths = 20'000'000;
    engine::RunShares shares; //!< split across processes (MPI ranks); empty: the whole run here
};

//! The base game of a request (game fields above).
Result<GameModel> BaseGameFromJson(const nlohmann::json& body, const std::string& params_dir);

//! A what-if: base and scenario (or each sweep point) priced on common random numbers.
Result<nlohmann::json> WhatIfRequest(const nlohmann::json& body, const WhatIfContext& ctx);

//! Momentum and next-event markets of one game, priced with margin, and its win-probability path.
Result<nlohmann::json> MomentumRequest(const nlohmann::json& body, const WhatIfContext& ctx);

//! For the odds feed, which already holds a game's kernel parameters and state (GameSpec from them): the
//! momentum markets of `keys` (comma-separated; empty = DefaultMomentumKeys) quoted with `margin` by `method`,
//! as {"markets": [...], "win_prob_path": [...]} in MomentumRequest's shapes.
Result<nlohmann::json> MomentumMarkets(const GameSpec& game, const std::string& keys, const RunConfig& run,
                                       double margin, odds::MarginMethod method);

//! Momentum markets planned before their paths run: the requested markets, then the leads at the checkpoints
//! of the win-probability path and the result.
struct MomentumPlan {
    std::vector<PathMarket> markets;
    std::size_t requested = 0;    //!< the first `requested` markets were asked for
    std::vector<int> checkpoints; //!< minutes of the win-probability path
};
//! The plan of `keys` (comma-separated; empty = DefaultMomentumKeys); errors name "markets".
Result<MomentumPlan> PlanMomentumMarkets(const GameSpec& game, const std::string& keys);
//! The priced plan in MomentumMarkets' shape; `prices` are the plan's markets in order, from one run (from
//! PriceMarkets, or a PathMarketTally on another consumer's paths).
nlohmann::json MomentumBookJson(const MomentumPlan& plan, const std::vector<MarketPrices>& prices, double margin,
                                odds::MarginMethod method);

//! The default momentum market keys for a game (see MomentumRequest).
std::vector<std::string> DefaultMomentumKeys(const GameSpec& game);

} // namespace simbook::whatif
