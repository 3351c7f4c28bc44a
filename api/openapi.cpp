#include "api/openapi.hpp"

#include "api/routes.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace simbook::api {
namespace {

using nlohmann::json;

// The document around the paths: info, security, and the shared parameters, responses and schemas. Every error
// response is {error: {code, status, message, field?, request_id}}: the "default" response of each operation.
constexpr const char* kDocument = R"json({
  "openapi": "3.0.3",
  "info": {"title": "simbook", "version": "0.1.0", "description": "Live odds from Monte Carlo simulation, game states, bets and traders' tools. Every error is {error: {code, status, message, field?, request_id}}: code a reason (\"invalid_argument\", \"out_of_order\", \"price_moved\"...), status the canonical code that fixed the HTTP status."},
  "servers": [{"url": "/"}],
  "security": [{"ApiKey": []}],
  "components": {
    "securitySchemes": {
      "ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    },
    "parameters": {
      "Markets": {"name": "markets", "in": "query", "required": false, "description": "comma-separated: h2h, spreads, totals, player_points, player_rebounds, player_assists, player_threes, player_points_rebounds_assists", "schema": {"type": "string", "default": "h2h,spreads,totals"}},
      "OddsFormat": {"name": "oddsFormat", "in": "query", "required": false, "schema": {"type": "string", "enum": ["decimal", "american"], "default": "decimal"}}
    },
    "responses": {
      "Error": {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "status", "message", "request_id"], "properties": {"code": {"type": "string"}, "status": {"type": "string", "description": "the canonical status code (Abseil's names)", "enum": ["CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"]}, "message": {"type": "string"}, "field": {"type": "string"}, "request_id": {"type": "string"}}}}},
      "Health": {"type": "object", "required": ["status", "events"], "properties": {"status": {"type": "string"}, "events": {"type": "integer", "minimum": 0}}},
      "Sport": {"type": "object", "required": ["key", "group", "title", "league", "active", "has_outrights"], "properties": {"key": {"type": "string"}, "group": {"type": "string"}, "title": {"type": "string"}, "league": {"type": "string"}, "active": {"type": "boolean"}, "has_outrights": {"type": "boolean"}}},
      "EventCreate": {"type": "object", "required": ["sport", "league", "home_team", "away_team"], "properties": {"sport": {"type": "string", "enum": ["soccer", "basketball"]}, "league": {"type": "string", "description": "premier-league, bundesliga, la-liga, serie-a, ligue-1 or nba"}, "home_team": {"type": "string"}, "away_team": {"type": "string"}, "commence_time": {"type": "string", "description": "ISO 8601"}, "pricing": {"type": "string", "enum": ["monte_carlo", "exact"], "description": "exact: soccer without state effects, closed form"}}},
      "Event": {"type": "object", "required": ["id", "sport", "sport_key", "league", "commence_time", "home_team", "away_team", "version", "last_update", "state"], "properties": {"id": {"type": "string"}, "sport": {"type": "string"}, "sport_key": {"type": "string"}, "league": {"type": "string"}, "commence_time": {"type": "string"}, "home_team": {"type": "string"}, "away_team": {"type": "string"}, "version": {"type": "integer", "minimum": 0}, "last_update": {"type": "string"}, "state": {"type": "object", "nullable": true}}},
      "Outcome": {"type": "object", "required": ["name", "selection", "price"], "properties": {"name": {"type": "string"}, "selection": {"type": "string"}, "price": {"type": "number"}, "point": {"type": "number"}, "description": {"type": "string"}}},
      "Market": {"type": "object", "required": ["key", "market", "last_update", "outcomes"], "properties": {"key": {"type": "string"}, "market": {"type": "string", "description": "the book's market key, used to bet"}, "last_update": {"type": "string"}, "outcomes": {"type": "array", "items": {"$ref": "#/components/schemas/Outcome"}}}},
      "EventOdds": {"type": "object", "required": ["id", "sport_key", "commence_time", "home_team", "away_team", "version", "bookmakers"], "properties": {"id": {"type": "string"}, "sport_key": {"type": "string"}, "commence_time": {"type": "string"}, "home_team": {"type": "string"}, "away_team": {"type": "string"}, "version": {"type": "integer"}, "pricing": {"type": "string"}, "bookmakers": {"type": "array", "items": {"type": "object", "required": ["key", "title", "last_update", "markets"], "properties": {"key": {"type": "string"}, "title": {"type": "string"}, "last_update": {"type": "string"}, "markets": {"type": "array", "items": {"$ref": "#/components/schemas/Market"}}}}}}},
      "GameState": {"type": "object", "description": "soccer: minute, home, away, half, stoppage, red_home, red_away, ht_home, ht_away, last_leader, finished; basketball: period, clock (M:SS), home, away, possession, last_leader, finished", "properties": {"minute": {"type": "number", "minimum": 0, "maximum": 90}, "home": {"type": "integer", "minimum": 0}, "away": {"type": "integer", "minimum": 0}, "half": {"type": "integer", "enum": [1, 2]}, "stoppage": {"type": "number", "minimum": 0}, "red_home": {"type": "integer", "minimum": 0}, "red_away": {"type": "integer", "minimum": 0}, "ht_home": {"type": "integer", "minimum": 0}, "ht_away": {"type": "integer", "minimum": 0}, "period": {"type": "integer", "minimum": 1}, "clock": {"type": "string"}, "possession": {"type": "string", "enum": ["home", "away", "none"]}, "last_leader": {"type": "string", "enum": ["home", "away", "none"]}, "finished": {"type": "boolean"}}},
      "StateAccepted": {"type": "object", "required": ["id", "version", "last_update", "state", "key_events"], "properties": {"id": {"type": "string"}, "version": {"type": "integer"}, "last_update": {"type": "string"}, "state": {"type": "object"}, "key_events": {"type": "integer", "minimum": 0}}},
      "MarketAction": {"type": "object", "required": ["event_id", "market"], "properties": {"event_id": {"type": "string"}, "market": {"type": "string"}, "state": {"type": "string"}, "winner": {"type": "string"}, "bets": {"type": "integer"}, "payouts": {"type": "number"}, "settled": {"type": "boolean"}, "reason": {"type": "string"}}},
      "BetRequest": {"type": "object", "required": ["event_id", "market", "outcome", "price", "stake"], "properties": {"event_id": {"type": "string"}, "market": {"type": "string"}, "outcome": {"type": "string"}, "price": {"type": "number", "description": "decimal odds the customer accepts; a better price is given"}, "stake": {"type": "number", "description": "in currency units, (0, 100000000]"}, "customer_id": {"type": "string"}, "idempotency_key": {"type": "string"}}},
      "Bet": {"type": "object", "required": ["id", "idempotency_key", "customer_id", "event_id", "market", "outcome", "price", "requested_price", "stake", "potential_payout", "placed_at_ms", "settled", "payout"], "properties": {"id": {"type": "string"}, "idempotency_key": {"type": "string"}, "customer_id": {"type": "string"}, "event_id": {"type": "string"}, "market": {"type": "string"}, "outcome": {"type": "string"}, "price": {"type": "number"}, "requested_price": {"type": "number"}, "stake": {"type": "number"}, "potential_payout": {"type": "number"}, "placed_at_ms": {"type": "integer"}, "settled": {"type": "boolean"}, "payout": {"type": "number"}, "duplicate": {"type": "boolean"}}},
      "BetList": {"type": "object", "required": ["customer_id", "bets"], "properties": {"customer_id": {"type": "string"}, "bets": {"type": "array", "items": {"$ref": "#/components/schemas/Bet"}}}},
      "Exposure": {"type": "object", "required": ["event_id", "stakes", "liability", "markets"], "properties": {"event_id": {"type": "string"}, "stakes": {"type": "number"}, "liability": {"type": "number"}, "markets": {"type": "array", "items": {"type": "object", "required": ["market", "state", "stakes", "liability", "outcomes"], "properties": {"market": {"type": "string"}, "state": {"type": "string"}, "stakes": {"type": "number"}, "liability": {"type": "number"}, "outcomes": {"type": "array", "items": {"type": "object", "required": ["outcome", "stakes", "potential_payout", "liability", "base_price", "price"], "properties": {"outcome": {"type": "string"}, "stakes": {"type": "number"}, "potential_payout": {"type": "number"}, "liability": {"type": "number"}, "base_price": {"type": "number"}, "price": {"type": "number"}}}}}}}}},
      "FuturesRequest": {"type": "object", "required": ["league"], "properties": {"league": {"type": "string"}, "table": {"type": "array", "items": {"type": "object", "required": ["team"], "properties": {"team": {"type": "string"}, "played": {"type": "integer", "minimum": 0}, "points": {"type": "integer", "minimum": 0}, "gf": {"type": "integer", "minimum": 0}, "ga": {"type": "integer", "minimum": 0}}}}, "fixtures": {"type": "array", "items": {"type": "object", "required": ["home", "away"], "properties": {"home": {"type": "string"}, "away": {"type": "string"}, "home_xg": {"type": "number"}, "away_xg": {"type": "number"}}}}, "season": {"type": "string", "description": "a past season, e.g. 2015-16 (with as_of, instead of table and fixtures)"}, "as_of": {"type": "string", "description": "YYYY-MM-DD"}, "positions": {"type": "object", "properties": {"title": {"type": "integer"}, "top4": {"type": "integer"}, "relegation": {"type": "integer"}}}, "seasons": {"type": "integer", "minimum": 1, "description": "at most the server's --futures-max-seasons"}, "seed": {"type": "integer", "minimum": 0}, "margin": {"type": "number"}, "method": {"type": "string"}, "state_effects": {"type": "boolean"}}},
      "FuturesResult": {"type": "object", "required": ["league", "seasons", "teams", "markets"], "properties": {"league": {"type": "string"}, "seasons": {"type": "integer"}, "seed": {"type": "integer"}, "teams": {"type": "array", "items": {"type": "object", "required": ["team"], "properties": {"team": {"type": "string"}}}}, "markets": {"type": "array", "items": {"type": "object", "required": ["market", "outcomes"], "properties": {"market": {"type": "string"}, "outcomes": {"type": "array", "items": {"type": "object"}}}}}}},
      "WhatIfRequest": {"type": "object", "required": ["sport"], "properties": {"sport": {"type": "string", "enum": ["soccer", "basketball"]}, "league": {"type": "string"}, "home_team": {"type": "string"}, "away_team": {"type": "string"}, "home_xg": {"type": "number"}, "away_xg": {"type": "number"}, "state": {"$ref": "#/components/schemas/GameState"}, "markets": {"description": "comma-separated string or array of market keys"}, "scenario": {"type": "array", "items": {"type": "object", "required": ["type"], "properties": {"type": {"type": "string", "enum": ["player_out", "minutes_cap", "rating", "pace", "red_card", "state", "neutral_venue"]}}}}, "sweep": {"type": "object"}, "sims": {"type": "integer", "minimum": 1}, "seed": {"type": "integer", "minimum": 0}, "scenario_seed": {"type": "integer", "minimum": 0}, "margin": {"type": "number"}, "method": {"type": "string"}}},
      "WhatIfResult": {"type": "object", "required": ["sport", "sims", "seed"], "properties": {"sport": {"type": "string"}, "sims": {"type": "integer"}, "seed": {"type": "integer"}, "common_random_numbers": {"type": "boolean"}, "median_se_ratio": {"type": "number", "nullable": true}, "markets": {"type": "array", "items": {"type": "object"}}, "sweep": {"type": "object"}}},
      "MomentumResult": {"type": "object", "required": ["sport", "sims", "markets", "win_prob_path"], "properties": {"sport": {"type": "string"}, "sims": {"type": "integer"}, "markets": {"type": "array", "items": {"type": "object"}}, "win_prob_path": {"type": "array", "items": {"type": "object"}}}},
      "FantasyRequest": {"type": "object", "required": ["slate"], "properties": {"slate": {"type": "object", "required": ["games"], "properties": {"games": {"type": "array", "items": {"type": "object", "required": ["home", "away"], "properties": {"home": {"type": "string"}, "away": {"type": "string"}}}}, "availability": {"type": "array", "items": {"type": "object", "required": ["player"], "properties": {"player": {"type": "string"}, "out": {"type": "boolean"}, "max_minutes": {"type": "number", "minimum": 0, "maximum": 48}}}}}}, "scoring": {"description": "draftkings, fanduel or an object of stat weights"}, "thresholds": {"type": "array", "items": {"type": "number"}}, "site": {"type": "string", "enum": ["draftkings", "fanduel"]}, "salaries_csv": {"type": "string"}, "salaries": {"type": "array", "items": {"type": "object"}}, "lineups": {"type": "integer", "minimum": 1}, "objective": {"type": "string", "enum": ["mean", "p_target"]}, "target": {"type": "number"}, "locks": {"type": "array", "items": {"type": "string"}}, "excludes": {"type": "array", "items": {"type": "string"}}, "max_per_team": {"type": "integer"}, "team_limits": {"type": "array", "items": {"type": "object"}}, "stacks": {"type": "array", "items": {"type": "object"}}, "max_exposure": {"type": "number"}, "min_different": {"type": "integer"}, "sims": {"type": "integer", "minimum": 1}, "seed": {"type": "integer", "minimum": 0}}},
      "SimulateRequest": {"type": "object", "required": ["sport", "league", "home_team", "away_team"], "properties": {"sport": {"type": "string", "enum": ["soccer", "basketball"]}, "league": {"type": "string"}, "home_team": {"type": "string"}, "away_team": {"type": "string"}, "state": {"$ref": "#/components/schemas/GameState"}, "sims": {"type": "integer", "minimum": 1, "description": "default 20000; at most the server's --simulate-max-sims"}, "seed": {"type": "integer", "minimum": 0}}},
      "SimulationSummary": {"type": "object", "required": ["sport", "sims", "seed", "win_probability", "mean_score"], "properties": {"sport": {"type": "string"}, "league": {"type": "string"}, "home_team": {"type": "string"}, "away_team": {"type": "string"}, "sims": {"type": "integer"}, "seed": {"type": "integer"}, "win_probability": {"type": "object"}, "mean_score": {"type": "object"}}}
    }
  }
})json";

// The operations by "METHOD pattern", exactly the route table's routes: summary, query and header parameters,
// request body and responses. Path parameters, security and roles come from the table.
constexpr const char* kOperations = R"json({
  "GET /v1/health": {
    "summary": "liveness",
    "responses": {"200": {"description": "alive", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "GET /v1/ready": {
    "summary": "readiness",
    "responses": {"200": {"description": "ready", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "GET /v1/openapi.json": {
    "summary": "this document",
    "responses": {"200": {"description": "OpenAPI 3.0 document", "content": {"application/json": {"schema": {"type": "object"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "GET /metrics": {
    "summary": "Prometheus metrics: requests by route and status, latency histograms, reprices, bets, simulations",
    "responses": {"200": {"description": "Prometheus text format", "content": {"text/plain": {"schema": {"type": "string"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "GET /v1/sports": {
    "summary": "sports and leagues priced",
    "responses": {"200": {"description": "sports", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Sport"}}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "GET /v1/sports/{sport}/odds": {
    "summary": "odds of every event of a sport key",
    "responses": {"200": {"description": "one odds object per event", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/EventOdds"}}}}}, "default": {"$ref": "#/components/responses/Error"}},
    "parameters": [{"$ref": "#/components/parameters/Markets"}, {"$ref": "#/components/parameters/OddsFormat"}]
  },
  "GET /v1/events": {
    "summary": "events with their live state",
    "responses": {"200": {"description": "events", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "POST /v1/events": {
    "summary": "create an event from the fitted models",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventCreate"}}}},
    "responses": {"201": {"description": "created and priced", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "GET /v1/events/{id}": {
    "summary": "one event",
    "responses": {"200": {"description": "the event", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "GET /v1/events/{id}/odds": {
    "summary": "the event's odds in the public odds-feed shape; player props before tip-off",
    "responses": {"200": {"description": "odds", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventOdds"}}}}, "default": {"$ref": "#/components/responses/Error"}},
    "parameters": [{"$ref": "#/components/parameters/Markets"}, {"$ref": "#/components/parameters/OddsFormat"}]
  },
  "POST /v1/events/{id}/state": {
    "summary": "live state from a data feed: key events suspend the markets, the event is repriced and pushed to subscribers",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/GameState"}}}},
    "responses": {"200": {"description": "accepted", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StateAccepted"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "GET /v1/events/{id}/exposure": {
    "summary": "the book's exposure on the event: stakes and liabilities by market and outcome",
    "responses": {"200": {"description": "exposure", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Exposure"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "POST /v1/events/{id}/markets/{market}/suspend": {
    "summary": "suspend a market: no bets until it is resumed",
    "responses": {"200": {"description": "done", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MarketAction"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "POST /v1/events/{id}/markets/{market}/resume": {
    "summary": "resume a suspended market",
    "responses": {"200": {"description": "done", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MarketAction"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "POST /v1/events/{id}/markets/{market}/settle": {
    "summary": "settle a market naming its winning outcome",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["winner"], "properties": {"winner": {"type": "string"}}}}}},
    "responses": {"200": {"description": "done", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MarketAction"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "POST /v1/events/{id}/markets/{market}/resolve": {
    "summary": "resolve a market from evidence: settled when confident and inside the market's window, else manual review",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["label", "confidence"], "properties": {"label": {"type": "string"}, "confidence": {"type": "number", "minimum": 0, "maximum": 1}, "source": {"type": "string"}, "time_ms": {"type": "integer"}}}}}},
    "responses": {"200": {"description": "done", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MarketAction"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "GET /v1/stream": {
    "summary": "WebSocket upgrade (key in X-API-Key or ?api_key=): send {subscribe: [event ids]}; odds are pushed after each state update. Without an upgrade: 426.",
    "responses": {"101": {"description": "switching to WebSocket"}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "GET /v1/bets": {
    "summary": "a customer's bets",
    "parameters": [{"name": "customer_id", "in": "query", "required": true, "schema": {"type": "string", "minLength": 1}}],
    "responses": {"200": {"description": "bets", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BetList"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "POST /v1/bets": {
    "summary": "place a bet; Idempotency-Key header (a repeat returns the first bet)",
    "parameters": [{"name": "Idempotency-Key", "in": "header", "required": false, "schema": {"type": "string"}}],
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BetRequest"}}}},
    "responses": {"200": {"description": "a repeat of an earlier request: the original bet", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Bet"}}}}, "201": {"description": "accepted, durable", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Bet"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "GET /v1/bets/{id}": {
    "summary": "one bet",
    "responses": {"200": {"description": "the bet", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Bet"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "POST /v1/futures": {
    "summary": "season futures: a league's table and remaining fixtures (or a past season cut at as_of) simulated season by season; title, top-N and relegation probabilities and outright prices with margin",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FuturesRequest"}}}},
    "responses": {"200": {"description": "probabilities and outright markets", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FuturesResult"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "POST /v1/whatif": {
    "summary": "what-if: base and scenario (or a sweep of one parameter) priced on common random numbers; per outcome the base and scenario prices, the delta and its standard error",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WhatIfRequest"}}}},
    "responses": {"200": {"description": "prices, deltas and their errors (or curves for a sweep)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WhatIfResult"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "POST /v1/momentum": {
    "summary": "momentum and next-event markets of a game from a state, priced with margin, and its win-probability path",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WhatIfRequest"}}}},
    "responses": {"200": {"description": "markets and the win-probability path", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MomentumResult"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "GET /v1/events/{id}/momentum": {
    "summary": "the event's win-probability path at its current version (the momentum markets are in its odds)",
    "responses": {"200": {"description": "path", "content": {"application/json": {"schema": {"type": "object", "required": ["id", "version", "win_prob_path"], "properties": {"id": {"type": "string"}, "version": {"type": "integer"}, "last_update": {"type": "string"}, "win_prob_path": {"type": "array", "items": {"type": "object"}}}}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "POST /v1/fantasy/projections": {
    "summary": "fantasy points of every player of a slate as distributions (mean, median, sd, percentiles, P(reach thresholds)) from the joint simulation, with availability overrides",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FantasyRequest"}}}},
    "responses": {"200": {"description": "projections", "content": {"application/json": {"schema": {"type": "object", "required": ["players"], "properties": {"players": {"type": "array", "items": {"type": "object", "required": ["name", "team", "mean"], "properties": {"name": {"type": "string"}, "team": {"type": "string"}, "mean": {"type": "number"}}}}}}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "POST /v1/fantasy/lineups": {
    "summary": "salary-cap lineups (DraftKings or FanDuel NBA classic) by exact MILP on the mean projection, or maximising P(score >= target) on the joint paths",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FantasyRequest"}}}},
    "responses": {"200": {"description": "lineups", "content": {"application/json": {"schema": {"type": "object", "required": ["lineups"], "properties": {"lineups": {"type": "array", "items": {"type": "object", "required": ["players", "salary", "mean"], "properties": {"players": {"type": "array", "items": {"type": "object"}}, "salary": {"type": "number"}, "mean": {"type": "number"}}}}}}}}}, "default": {"$ref": "#/components/responses/Error"}}
  },
  "POST /v1/simulate": {
    "summary": "run a simulation and return the distribution summary, within the server's path and time limits",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SimulateRequest"}}}},
    "responses": {"200": {"description": "distribution summary", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SimulationSummary"}}}}, "default": {"$ref": "#/components/responses/Error"}}
  }
})json";

std::string Lower(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return lower;
}

} // namespace

const nlohmann::json& OpenApiOperations() {
    static const json operations = json::parse(kOperations);
    return operations;
}

Result<nlohmann::json> BuildOpenApiDocument(const std::vector<Route>& routes, const nlohmann::json& operations) {
    json document = json::parse(kDocument);
    json& paths = document["paths"];
    paths = json::object();
    std::set<std::string> used;
    for (const Route& route : routes) {
        const std::string key = std::string(route.method) + " " + std::string(route.pattern);
        auto documented = operations.find(key);
        if (documented == operations.end()) {
            return Status(StatusCode::kInternal, "OpenAPI: route " + key + " has no documented operation");
        }
        used.insert(key);
        json operation = *documented;
        if (route.roles.empty()) {
            operation["security"] = json::array(); // public: no key
        } else {
            json roles = json::array();
            std::string names;
            for (Role role : route.roles) {
                roles.push_back(std::string(ToString(role)));
                names += names.empty() ? "" : ", ";
                names += ToString(role);
            }
            operation["x-roles"] = roles;
            operation["description"] = "Roles: " + names + ".";
        }
        json& item = paths[std::string(route.pattern)];
        // Path parameters from the pattern's {name} segments.
        json parameters = json::array();
        const std::string pattern(route.pattern);
        for (std::size_t open = pattern.find('{'); open != std::string::npos; open = pattern.find('{', open + 1)) {
            const std::size_t close = pattern.find('}', open);
            parameters.push_back({{"name", pattern.substr(open + 1, close - open - 1)},
                                  {"in", "path"},
                                  {"required", true},
                                  {"schema", {{"type", "string"}}}});
        }
        if (!parameters.empty()) {
            item["parameters"] = parameters;
        }
        item[Lower(route.method)] = std::move(operation);
    }
    for (const auto& [key, operation] : operations.items()) {
        if (used.count(key) == 0) {
            return Status(StatusCode::kInternal, "OpenAPI: documented operation " + key + " is not in the route table");
        }
    }
    return document;
}

const nlohmann::json& OpenApiDocument() {
    static const json document = BuildOpenApiDocument(RouteTable(), OpenApiOperations()).value();
    return document;
}

} // namespace simbook::api
