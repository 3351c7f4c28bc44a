// The OpenAPI document around its paths: info, security, and the parameters, responses and schemas the
// operations share. Every error response is {error: {code, status, message, field?, request_id}}.
#include "api/openapi.hpp"

#include <nlohmann/json.hpp>

namespace simbook::api {
namespace {

constexpr const char* kDocument = R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "simbook",
    "version": "0.1.0",
    "description": "Live odds from Monte Carlo simulation, game states, bets and traders' tools. Every error is {error: {code, status, message, field?, request_id}}: code a reason (\"invalid_argument\", \"out_of_order\", \"price_moved\"...), status the canonical code that fixed the HTTP status."
  },
  "servers": [{"url": "/"}],
  "security": [{"ApiKey": []}],
  "components": {
    "securitySchemes": {
      "ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
      "OddsApiKey": {"type": "apiKey", "in": "query", "name": "apiKey", "description": "the public odds API's v4 key parameter (/v4 routes only)"}
    },
    "headers": {
      "V4RequestsRemaining": {"description": "whole requests the key may make now (its rate-limit bucket)", "schema": {"type": "integer"}},
      "V4RequestsUsed": {"description": "the bucket's size less x-requests-remaining", "schema": {"type": "integer"}},
      "V4RequestsLast": {"description": "what this request counted: 1", "schema": {"type": "integer"}}
    },
    "parameters": {
      "Markets": {
        "name": "markets",
        "in": "query",
        "required": false,
        "description": "comma-separated: h2h, spreads, totals, player_points, player_rebounds, player_assists, player_threes, player_points_rebounds_assists",
        "schema": {"type": "string", "default": "h2h,spreads,totals"}
      },
      "OddsFormat": {
        "name": "oddsFormat",
        "in": "query",
        "required": false,
        "schema": {"type": "string", "enum": ["decimal", "american"], "default": "decimal"}
      },
      "V4Regions": {
        "name": "regions",
        "in": "query",
        "required": false,
        "description": "comma-separated: us, us2, us_dfs, us_ex, uk, eu, au (simbook quotes in every region); required unless bookmakers is given",
        "schema": {"type": "string"}
      },
      "V4Bookmakers": {
        "name": "bookmakers",
        "in": "query",
        "required": false,
        "description": "comma-separated bookmaker keys (simbook is the one bookmaker); takes the place of regions",
        "schema": {"type": "string"}
      },
      "V4OddsFormat": {
        "name": "oddsFormat",
        "in": "query",
        "required": false,
        "schema": {"type": "string", "enum": ["decimal", "american"], "default": "decimal"}
      },
      "V4DateFormat": {
        "name": "dateFormat",
        "in": "query",
        "required": false,
        "description": "iso: 2026-12-26T15:00:00Z; unix: seconds since 1970",
        "schema": {"type": "string", "enum": ["iso", "unix"], "default": "iso"}
      },
      "V4EventIds": {
        "name": "eventIds",
        "in": "query",
        "required": false,
        "description": "comma-separated event ids (at most 100)",
        "schema": {"type": "string"}
      },
      "V4CommenceTimeFrom": {
        "name": "commenceTimeFrom",
        "in": "query",
        "required": false,
        "description": "events starting at or after this UTC time, like 2026-12-26T15:00:00Z",
        "schema": {"type": "string"}
      },
      "V4CommenceTimeTo": {
        "name": "commenceTimeTo",
        "in": "query",
        "required": false,
        "description": "events starting at or before this UTC time, like 2026-12-26T15:00:00Z",
        "schema": {"type": "string"}
      }
    },
    "responses": {
      "Error": {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "V4Error": {
        "description": "the public odds API's v4 error: 401 missing or unknown key, 404 unknown sport or event, 422 a parameter's value, 429 throttled",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/V4Error"}}}
      }
    },
    "schemas": {
      "V4Error": {
        "type": "object",
        "required": ["message", "error_code"],
        "properties": {"message": {"type": "string"}, "error_code": {"type": "string"}, "details_url": {"type": "string"}}
      },
      "V4Sport": {
        "type": "object",
        "required": ["key", "group", "title", "description", "active", "has_outrights"],
        "properties": {
          "key": {"type": "string"},
          "group": {"type": "string"},
          "title": {"type": "string"},
          "description": {"type": "string"},
          "active": {"type": "boolean"},
          "has_outrights": {"type": "boolean"}
        }
      },
      "V4Time": {"description": "ISO 8601 UTC text, or Unix seconds with dateFormat=unix", "oneOf": [{"type": "string"}, {"type": "integer"}]},
      "V4Event": {
        "type": "object",
        "required": ["id", "sport_key", "sport_title", "commence_time", "home_team", "away_team"],
        "properties": {
          "id": {"type": "string"},
          "sport_key": {"type": "string"},
          "sport_title": {"type": "string"},
          "commence_time": {"$ref": "#/components/schemas/V4Time"},
          "home_team": {"type": "string"},
          "away_team": {"type": "string"}
        }
      },
      "V4EventOdds": {
        "allOf": [
          {"$ref": "#/components/schemas/V4Event"},
          {
            "type": "object",
            "required": ["bookmakers"],
            "properties": {
              "bookmakers": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["key", "title", "last_update", "markets"],
                  "properties": {
                    "key": {"type": "string"},
                    "title": {"type": "string"},
                    "last_update": {"$ref": "#/components/schemas/V4Time"},
                    "markets": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": ["key", "last_update", "outcomes"],
                        "properties": {
                          "key": {"type": "string"},
                          "last_update": {"$ref": "#/components/schemas/V4Time"},
                          "outcomes": {
                            "type": "array",
                            "items": {
                              "type": "object",
                              "required": ["name", "price"],
                              "properties": {
                                "name": {"type": "string"},
                                "price": {"type": "number", "description": "decimal odds, or whole American odds with oddsFormat=american"},
                                "point": {"type": "number"},
                                "description": {"type": "string", "description": "player props: the player"}
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        ]
      },
      "V4Score": {
        "allOf": [
          {"$ref": "#/components/schemas/V4Event"},
          {
            "type": "object",
            "required": ["completed", "scores", "last_update"],
            "properties": {
              "completed": {"type": "boolean"},
              "scores": {
                "type": "array",
                "nullable": true,
                "items": {"type": "object", "required": ["name", "score"], "properties": {"name": {"type": "string"}, "score": {"type": "string"}}}
              },
              "last_update": {"oneOf": [{"type": "string", "nullable": true}, {"type": "integer"}]}
            }
          }
        ]
      },
      "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
          "error": {
            "type": "object",
            "required": ["code", "status", "message", "request_id"],
            "properties": {
              "code": {"type": "string"},
              "status": {
                "type": "string",
                "description": "the canonical status code (Abseil's names)",
                "enum": [
                  "CANCELLED",
                  "UNKNOWN",
                  "INVALID_ARGUMENT",
                  "DEADLINE_EXCEEDED",
                  "NOT_FOUND",
                  "ALREADY_EXISTS",
                  "PERMISSION_DENIED",
                  "RESOURCE_EXHAUSTED",
                  "FAILED_PRECONDITION",
                  "ABORTED",
                  "OUT_OF_RANGE",
                  "UNIMPLEMENTED",
                  "INTERNAL",
                  "UNAVAILABLE",
                  "DATA_LOSS",
                  "UNAUTHENTICATED"
                ]
              },
              "message": {"type": "string"},
              "field": {"type": "string"},
              "request_id": {"type": "string"}
            }
          }
        }
      },
      "Health": {
        "type": "object",
        "required": ["status", "events"],
        "properties": {"status": {"type": "string"}, "events": {"type": "integer", "minimum": 0}}
      },
      "Sport": {
        "type": "object",
        "required": ["key", "group", "title", "league", "active", "has_outrights"],
        "properties": {
          "key": {"type": "string"},
          "group": {"type": "string"},
          "title": {"type": "string"},
          "league": {"type": "string"},
          "active": {"type": "boolean"},
          "has_outrights": {"type": "boolean"}
        }
      },
      "EventCreate": {
        "type": "object",
        "required": ["sport", "league", "home_team", "away_team"],
        "properties": {
          "sport": {"type": "string", "enum": ["soccer", "basketball"]},
          "league": {"type": "string", "description": "premier-league, bundesliga, la-liga, serie-a, ligue-1 or nba"},
          "home_team": {"type": "string"},
          "away_team": {"type": "string"},
          "commence_time": {"type": "string", "description": "UTC, YYYY-MM-DDTHH:MM:SSZ; absent: now"},
          "pricing": {"type": "string", "enum": ["monte_carlo", "exact"], "description": "exact: main lines from the sport's exact Markov pricer, pushed first; path-based markets (props, momentum) follow in the next version. monte_carlo: every market from one pass over the paths, one version per update"}
        }
      },
      "Event": {
        "type": "object",
        "required": ["id", "sport", "sport_key", "league", "commence_time", "home_team", "away_team", "version", "last_update", "state"],
        "properties": {
          "id": {"type": "string"},
          "sport": {"type": "string"},
          "sport_key": {"type": "string"},
          "league": {"type": "string"},
          "commence_time": {"type": "string"},
          "home_team": {"type": "string", "description": "the team as the public feed names it (Boston Celtics)"},
          "away_team": {"type": "string"},
          "home_team_abbreviation": {"type": "string", "description": "the home team as the fitted model names it, when the feed name differs (NBA)"},
          "away_team_abbreviation": {"type": "string"},
          "version": {"type": "integer", "minimum": 0},
          "last_update": {"type": "string"},
          "state": {"type": "object", "nullable": true}
        }
      },
      "Outcome": {
        "type": "object",
        "required": ["name", "selection", "price"],
        "properties": {
          "name": {"type": "string"},
          "selection": {"type": "string"},
          "price": {"type": "number"},
          "point": {"type": "number"},
          "description": {"type": "string"}
        }
      },
      "Market": {
        "type": "object",
        "required": ["key", "market", "last_update", "outcomes"],
        "properties": {
          "key": {"type": "string"},
          "market": {"type": "string", "description": "the book's market key, used to bet"},
          "last_update": {"type": "string"},
          "outcomes": {"type": "array", "items": {"$ref": "#/components/schemas/Outcome"}},
          "suspended": {"type": "boolean", "description": "present (true) only while the book takes no bet on the market"},
          "state": {"type": "string", "enum": ["suspended", "manual_review", "settled"], "description": "why, when suspended"}
        }
      },
      "EventOdds": {
        "type": "object",
        "required": ["id", "sport_key", "commence_time", "home_team", "away_team", "version", "bookmakers"],
        "properties": {
          "id": {"type": "string"},
          "sport_key": {"type": "string"},
          "commence_time": {"type": "string"},
          "home_team": {"type": "string", "description": "the team as the public feed names it (Boston Celtics)"},
          "away_team": {"type": "string"},
          "home_team_abbreviation": {"type": "string", "description": "the home team as the fitted model names it, when the feed name differs (NBA)"},
          "away_team_abbreviation": {"type": "string"},
          "version": {"type": "integer"},
          "pricing": {"type": "string"},
          "bookmakers": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["key", "title", "last_update", "markets"],
              "properties": {
                "key": {"type": "string"},
                "title": {"type": "string"},
                "last_update": {"type": "string"},
                "markets": {"type": "array", "items": {"$ref": "#/components/schemas/Market"}}
              }
            }
          }
        }
      },
      "GameState": {
        "type": "object",
        "description": "soccer: minute, home, away, half, stoppage, red_home, red_away, ht_home, ht_away, last_leader, finished; basketball: period, clock (M:SS), home, away, possession, last_leader, finished",
        "properties": {
          "minute": {"type": "number", "minimum": 0, "maximum": 90},
          "home": {"type": "integer", "minimum": 0},
          "away": {"type": "integer", "minimum": 0},
          "half": {"type": "integer", "enum": [1, 2]},
          "stoppage": {"type": "number", "minimum": 0},
          "red_home": {"type": "integer", "minimum": 0},
          "red_away": {"type": "integer", "minimum": 0},
          "ht_home": {"type": "integer", "minimum": 0},
          "ht_away": {"type": "integer", "minimum": 0},
          "period": {"type": "integer", "minimum": 1},
          "clock": {"type": "string"},
          "possession": {"type": "string", "enum": ["home", "away", "none"]},
          "last_leader": {"type": "string", "enum": ["home", "away", "none"]},
          "finished": {"type": "boolean"}
        }
      },
      "StateAccepted": {
        "type": "object",
        "required": ["id", "version", "last_update", "state", "key_events"],
        "properties": {
          "id": {"type": "string"},
          "version": {"type": "integer"},
          "last_update": {"type": "string"},
          "state": {"type": "object"},
          "key_events": {"type": "integer", "minimum": 0}
        }
      },
      "MarketAction": {
        "type": "object",
        "required": ["event_id", "market"],
        "properties": {
          "event_id": {"type": "string"},
          "market": {"type": "string"},
          "state": {"type": "string"},
          "winner": {"type": "string"},
          "bets": {"type": "integer"},
          "payouts": {"type": "number"},
          "settled": {"type": "boolean"},
          "reason": {"type": "string"}
        }
      },
      "BetRequest": {
        "type": "object",
        "required": ["event_id", "market", "outcome", "price", "stake"],
        "properties": {
          "event_id": {"type": "string"},
          "market": {"type": "string"},
          "outcome": {"type": "string"},
          "price": {"type": "number", "description": "decimal odds the customer accepts; a better price is given"},
          "stake": {"type": "number", "description": "in currency units, (0, 100000000]"},
          "customer_id": {"type": "string"},
          "idempotency_key": {"type": "string"}
        }
      },
      "Bet": {
        "type": "object",
        "required": [
          "id",
          "idempotency_key",
          "customer_id",
          "event_id",
          "market",
          "outcome",
          "price",
          "requested_price",
          "stake",
          "potential_payout",
          "placed_at_ms",
          "settled",
          "payout"
        ],
        "properties": {
          "id": {"type": "string"},
          "idempotency_key": {"type": "string"},
          "customer_id": {"type": "string"},
          "event_id": {"type": "string"},
          "market": {"type": "string"},
          "outcome": {"type": "string"},
          "price": {"type": "number"},
          "requested_price": {"type": "number"},
          "stake": {"type": "number"},
          "potential_payout": {"type": "number"},
          "placed_at_ms": {"type": "integer"},
          "settled": {"type": "boolean"},
          "payout": {"type": "number"},
          "duplicate": {"type": "boolean"}
        }
      },
      "BetList": {
        "type": "object",
        "required": ["customer_id", "bets"],
        "properties": {"customer_id": {"type": "string"}, "bets": {"type": "array", "items": {"$ref": "#/components/schemas/Bet"}}}
      },
      "Exposure": {
        "type": "object",
        "required": ["event_id", "stakes", "liability", "markets"],
        "properties": {
          "event_id": {"type": "string"},
          "stakes": {"type": "number"},
          "liability": {"type": "number"},
          "markets": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["market", "state", "stakes", "liability", "outcomes"],
              "properties": {
                "market": {"type": "string"},
                "state": {"type": "string"},
                "stakes": {"type": "number"},
                "liability": {"type": "number"},
                "outcomes": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["outcome", "stakes", "potential_payout", "liability", "base_price", "price"],
                    "properties": {
                      "outcome": {"type": "string"},
                      "stakes": {"type": "number"},
                      "potential_payout": {"type": "number"},
                      "liability": {"type": "number"},
                      "base_price": {"type": "number"},
                      "price": {"type": "number"}
                    }
                  }
                }
              }
            }
          }
        }
      },
      "FuturesRequest": {
        "type": "object",
        "required": ["league"],
        "properties": {
          "league": {"type": "string"},
          "table": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["team"],
              "properties": {
                "team": {"type": "string"},
                "played": {"type": "integer", "minimum": 0},
                "points": {"type": "integer", "minimum": 0},
                "gf": {"type": "integer", "minimum": 0},
                "ga": {"type": "integer", "minimum": 0}
              }
            }
          },
          "fixtures": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["home", "away"],
              "properties": {"home": {"type": "string"}, "away": {"type": "string"}, "home_xg": {"type": "number"}, "away_xg": {"type": "number"}}
            }
          },
          "season": {"type": "string", "description": "a past season, e.g. 2015-16 (with as_of, instead of table and fixtures)"},
          "as_of": {"type": "string", "description": "YYYY-MM-DD"},
          "positions": {
            "type": "object",
            "properties": {"title": {"type": "integer"}, "top4": {"type": "integer"}, "relegation": {"type": "integer"}}
          },
          "seasons": {"type": "integer", "minimum": 1, "description": "at most the server's --futures-max-seasons"},
          "seed": {"type": "integer", "minimum": 0},
          "margin": {"type": "number"},
          "method": {"type": "string"},
          "state_effects": {"type": "boolean"}
        }
      },
      "FuturesResult": {
        "type": "object",
        "required": ["league", "seasons", "teams", "markets"],
        "properties": {
          "league": {"type": "string"},
          "seasons": {"type": "integer"},
          "seed": {"type": "integer"},
          "teams": {"type": "array", "items": {"type": "object", "required": ["team"], "properties": {"team": {"type": "string"}}}},
          "markets": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["market", "outcomes"],
              "properties": {"market": {"type": "string"}, "outcomes": {"type": "array", "items": {"type": "object"}}}
            }
          }
        }
      },
      "WhatIfRequest": {
        "type": "object",
        "required": ["sport"],
        "properties": {
          "sport": {"type": "string", "enum": ["soccer", "basketball"]},
          "league": {"type": "string"},
          "home_team": {"type": "string"},
          "away_team": {"type": "string"},
          "home_xg": {"type": "number"},
          "away_xg": {"type": "number"},
          "state": {"$ref": "#/components/schemas/GameState"},
          "markets": {"description": "comma-separated string or array of market keys"},
          "scenario": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["type"],
              "properties": {
                "type": {"type": "string", "enum": ["player_out", "minutes_cap", "rating", "pace", "red_card", "state", "neutral_venue"]}
              }
            }
          },
          "sweep": {"type": "object"},
          "sims": {"type": "integer", "minimum": 1},
          "seed": {"type": "integer", "minimum": 0},
          "scenario_seed": {"type": "integer", "minimum": 0},
          "margin": {"type": "number"},
          "method": {"type": "string"}
        }
      },
      "WhatIfResult": {
        "type": "object",
        "required": ["sport", "sims", "seed"],
        "properties": {
          "sport": {"type": "string"},
          "sims": {"type": "integer"},
          "seed": {"type": "integer"},
          "common_random_numbers": {"type": "boolean"},
          "median_se_ratio": {"type": "number", "nullable": true},
          "markets": {"type": "array", "items": {"type": "object"}},
          "sweep": {"type": "object"}
        }
      },
      "MomentumResult": {
        "type": "object",
        "required": ["sport", "sims", "markets", "win_prob_path"],
        "properties": {
          "sport": {"type": "string"},
          "sims": {"type": "integer"},
          "markets": {"type": "array", "items": {"type": "object"}},
          "win_prob_path": {"type": "array", "items": {"type": "object"}}
        }
      },
      "FantasyRequest": {
        "type": "object",
        "required": ["slate"],
        "properties": {
          "slate": {
            "type": "object",
            "required": ["games"],
            "properties": {
              "games": {
                "type": "array",
                "items": {"type": "object", "required": ["home", "away"], "properties": {"home": {"type": "string"}, "away": {"type": "string"}}}
              },
              "availability": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["player"],
                  "properties": {
                    "player": {"type": "string"},
                    "out": {"type": "boolean"},
                    "max_minutes": {"type": "number", "minimum": 0, "maximum": 48}
                  }
                }
              }
            }
          },
          "scoring": {"description": "draftkings, fanduel or an object of stat weights"},
          "thresholds": {"type": "array", "items": {"type": "number"}},
          "site": {"type": "string", "enum": ["draftkings", "fanduel"]},
          "salaries_csv": {"type": "string"},
          "salaries": {"type": "array", "items": {"type": "object"}},
          "lineups": {"type": "integer", "minimum": 1},
          "objective": {"type": "string", "enum": ["mean", "p_target"]},
          "target": {"type": "number"},
          "locks": {"type": "array", "items": {"type": "string"}},
          "excludes": {"type": "array", "items": {"type": "string"}},
          "max_per_team": {"type": "integer"},
          "team_limits": {"type": "array", "items": {"type": "object"}},
          "stacks": {"type": "array", "items": {"type": "object"}},
          "max_exposure": {"type": "number"},
          "min_different": {"type": "integer"},
          "sims": {"type": "integer", "minimum": 1},
          "seed": {"type": "integer", "minimum": 0}
        }
      },
      "SimulateRequest": {
        "type": "object",
        "required": ["sport", "league", "home_team", "away_team"],
        "properties": {
          "sport": {"type": "string", "enum": ["soccer", "basketball"]},
          "league": {"type": "string"},
          "home_team": {"type": "string"},
          "away_team": {"type": "string"},
          "state": {"$ref": "#/components/schemas/GameState"},
          "sims": {"type": "integer", "minimum": 1, "description": "default 20000; at most the server's --simulate-max-sims"},
          "seed": {"type": "integer", "minimum": 0}
        }
      },
      "SimulationSummary": {
        "type": "object",
        "required": ["sport", "sims", "seed", "win_probability", "mean_score"],
        "properties": {
          "sport": {"type": "string"},
          "league": {"type": "string"},
          "home_team": {"type": "string"},
          "away_team": {"type": "string"},
          "sims": {"type": "integer"},
          "seed": {"type": "integer"},
          "win_probability": {"type": "object"},
          "mean_score": {"type": "object"}
        }
      }
    }
  }
})json";

} // namespace

const nlohmann::json& OpenApiBase() {
    static const nlohmann::json document = nlohmann::json::parse(kDocument);
    return document;
}

} // namespace simbook::api
