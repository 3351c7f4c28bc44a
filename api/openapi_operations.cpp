// The OpenAPI operations by "METHOD pattern", exactly the route table's routes: summary, query and header
// parameters, request body and success responses. Path parameters, security, roles and the error response
// come from the table (openapi.cpp).
#include "api/openapi.hpp"

#include <nlohmann/json.hpp>

namespace simbook::api {
namespace {

constexpr const char* kOperations = R"json({
  "GET /v1/health": {
    "summary": "liveness",
    "responses": {"200": {"description": "alive", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}}
  },
  "GET /v1/ready": {
    "summary": "readiness",
    "responses": {"200": {"description": "ready", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}}
  },
  "GET /v1/openapi.json": {
    "summary": "this document",
    "responses": {"200": {"description": "OpenAPI 3.0 document", "content": {"application/json": {"schema": {"type": "object"}}}}}
  },
  "GET /metrics": {
    "summary": "Prometheus metrics: requests by route and status, latency histograms, reprices, bets, simulations",
    "responses": {"200": {"description": "Prometheus text format", "content": {"text/plain": {"schema": {"type": "string"}}}}}
  },
  "GET /v1/sports": {
    "summary": "sports and leagues priced",
    "responses": {
      "200": {
        "description": "sports",
        "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Sport"}}}}
      }
    }
  },
  "GET /v1/sports/{sport}/odds": {
    "summary": "odds of every event of a sport key",
    "responses": {
      "200": {
        "description": "one odds object per event",
        "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/EventOdds"}}}}
      }
    },
    "parameters": [{"$ref": "#/components/parameters/Markets"}, {"$ref": "#/components/parameters/OddsFormat"}]
  },
  "GET /v1/events": {
    "summary": "events with their live state",
    "responses": {
      "200": {
        "description": "events",
        "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}}}
      }
    }
  },
  "POST /v1/events": {
    "summary": "create an event from the fitted models",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventCreate"}}}},
    "responses": {"201": {"description": "created and priced", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}}}
  },
  "GET /v1/events/{id}": {
    "summary": "one event",
    "responses": {"200": {"description": "the event", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}}}
  },
  "GET /v1/events/{id}/odds": {
    "summary": "the event's odds in the public odds-feed shape; player props before tip-off",
    "responses": {"200": {"description": "odds", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventOdds"}}}}},
    "parameters": [{"$ref": "#/components/parameters/Markets"}, {"$ref": "#/components/parameters/OddsFormat"}]
  },
  "POST /v1/events/{id}/state": {
    "summary": "live state from a data feed: key events suspend the markets, the event is repriced and pushed to subscribers",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/GameState"}}}},
    "responses": {"200": {"description": "accepted", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StateAccepted"}}}}}
  },
  "GET /v1/events/{id}/exposure": {
    "summary": "the book's exposure on the event: stakes and liabilities by market and outcome",
    "responses": {"200": {"description": "exposure", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Exposure"}}}}}
  },
  "POST /v1/events/{id}/markets/{market}/suspend": {
    "summary": "suspend a market: no bets until it is resumed",
    "responses": {"200": {"description": "done", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MarketAction"}}}}}
  },
  "POST /v1/events/{id}/markets/{market}/resume": {
    "summary": "resume a suspended market",
    "responses": {"200": {"description": "done", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MarketAction"}}}}}
  },
  "POST /v1/events/{id}/markets/{market}/settle": {
    "summary": "settle a market naming its winning outcome",
    "requestBody": {
      "required": true,
      "content": {"application/json": {"schema": {"type": "object", "required": ["winner"], "properties": {"winner": {"type": "string"}}}}}
    },
    "responses": {"200": {"description": "done", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MarketAction"}}}}}
  },
  "POST /v1/events/{id}/markets/{market}/resolve": {
    "summary": "resolve a market from evidence: settled when confident and inside the market's window, else manual review",
    "requestBody": {
      "required": true,
      "content": {
        "application/json": {
          "schema": {
            "type": "object",
            "required": ["label", "confidence"],
            "properties": {
              "label": {"type": "string"},
              "confidence": {"type": "number", "minimum": 0, "maximum": 1},
              "source": {"type": "string"},
              "time_ms": {"type": "integer"}
            }
          }
        }
      }
    },
    "responses": {"200": {"description": "done", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MarketAction"}}}}}
  },
  "GET /v1/stream": {
    "summary": "WebSocket upgrade (key in X-API-Key, ?api_key= or, for browsers, the subprotocols simbook.v1, simbook.key.HEX with HEX the key in hex, answered simbook.v1): send {subscribe: [event ids]}; {type: odds, version, stage} is pushed for every version of an event: an exact event's update pushes stage main_lines (exact main lines) then stage all; a Monte Carlo event's one version, stage all. Without an upgrade: 426.",
    "responses": {"101": {"description": "switching to WebSocket"}}
  },
  "GET /v1/bets": {
    "summary": "a customer's bets",
    "parameters": [{"name": "customer_id", "in": "query", "required": true, "schema": {"type": "string", "minLength": 1}}],
    "responses": {"200": {"description": "bets", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BetList"}}}}}
  },
  "POST /v1/bets": {
    "summary": "place a bet; Idempotency-Key header (a repeat returns the first bet)",
    "parameters": [{"name": "Idempotency-Key", "in": "header", "required": false, "schema": {"type": "string"}}],
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BetRequest"}}}},
    "responses": {
      "200": {
        "description": "a repeat of an earlier request: the original bet",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Bet"}}}
      },
      "201": {"description": "accepted, durable", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Bet"}}}}
    }
  },
  "GET /v1/bets/{id}": {
    "summary": "one bet",
    "responses": {"200": {"description": "the bet", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Bet"}}}}}
  },
  "POST /v1/futures": {
    "summary": "season futures: a league's table and remaining fixtures (or a past season cut at as_of) simulated season by season; title, top-N and relegation probabilities and outright prices with margin",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FuturesRequest"}}}},
    "responses": {
      "200": {
        "description": "probabilities and outright markets",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FuturesResult"}}}
      }
    }
  },
  "POST /v1/whatif": {
    "summary": "what-if: base and scenario (or a sweep of one parameter) priced on common random numbers; per outcome the base and scenario prices, the delta and its standard error",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WhatIfRequest"}}}},
    "responses": {
      "200": {
        "description": "prices, deltas and their errors (or curves for a sweep)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WhatIfResult"}}}
      }
    }
  },
  "POST /v1/momentum": {
    "summary": "momentum and next-event markets of a game from a state, priced with margin, and its win-probability path",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WhatIfRequest"}}}},
    "responses": {
      "200": {
        "description": "markets and the win-probability path",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MomentumResult"}}}
      }
    }
  },
  "GET /v1/events/{id}/momentum": {
    "summary": "the event's win-probability path at its current version (the momentum markets are in its odds)",
    "responses": {
      "200": {
        "description": "path",
        "content": {
          "application/json": {
            "schema": {
              "type": "object",
              "required": ["id", "version", "win_prob_path"],
              "properties": {
                "id": {"type": "string"},
                "version": {"type": "integer"},
                "last_update": {"type": "string"},
                "win_prob_path": {"type": "array", "items": {"type": "object"}}
              }
            }
          }
        }
      }
    }
  },
  "POST /v1/fantasy/projections": {
    "summary": "fantasy points of every player of a slate as distributions (mean, median, sd, percentiles, P(reach thresholds)) from the joint simulation, with availability overrides",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FantasyRequest"}}}},
    "responses": {
      "200": {
        "description": "projections",
        "content": {
          "application/json": {
            "schema": {
              "type": "object",
              "required": ["players"],
              "properties": {
                "players": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["name", "team", "mean"],
                    "properties": {"name": {"type": "string"}, "team": {"type": "string"}, "mean": {"type": "number"}}
                  }
                }
              }
            }
          }
        }
      }
    }
  },
  "POST /v1/fantasy/lineups": {
    "summary": "salary-cap lineups (DraftKings or FanDuel NBA classic) by exact MILP on the mean projection, or maximising P(score >= target) on the joint paths",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FantasyRequest"}}}},
    "responses": {
      "200": {
        "description": "lineups",
        "content": {
          "application/json": {
            "schema": {
              "type": "object",
              "required": ["lineups"],
              "properties": {
                "lineups": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["players", "salary", "mean"],
                    "properties": {
                      "players": {"type": "array", "items": {"type": "object"}},
                      "salary": {"type": "number"},
                      "mean": {"type": "number"}
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  },
  "POST /v1/simulate": {
    "summary": "run a simulation and return the distribution summary, within the server's path and time limits",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SimulateRequest"}}}},
    "responses": {
      "200": {"description": "distribution summary", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SimulationSummary"}}}}
    }
  },
  "GET /v4/sports": {
    "summary": "the public odds API's v4: the sport keys priced (key in ?apiKey=; v4 errors and quota headers)",
    "security": [{"OddsApiKey": []}, {"ApiKey": []}],
    "parameters": [{"name": "all", "in": "query", "required": false, "schema": {"type": "string"}, "description": "accepted; every sport simbook prices is active"}],
    "responses": {
      "200": {
        "description": "sports",
        "headers": {
          "x-requests-remaining": {"$ref": "#/components/headers/V4RequestsRemaining"},
          "x-requests-used": {"$ref": "#/components/headers/V4RequestsUsed"},
          "x-requests-last": {"$ref": "#/components/headers/V4RequestsLast"}
        },
        "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/V4Sport"}}}}
      },
      "401": {"$ref": "#/components/responses/V4Error"},
      "429": {"$ref": "#/components/responses/V4Error"}
    }
  },
  "GET /v4/sports/{sport}/odds": {
    "summary": "the public odds API's v4: odds of a sport key's live and upcoming events (or of 'upcoming': every live event and the next 8), simbook as the one bookmaker",
    "security": [{"OddsApiKey": []}, {"ApiKey": []}],
    "parameters": [
      {"$ref": "#/components/parameters/V4Regions"},
      {"$ref": "#/components/parameters/V4Bookmakers"},
      {"name": "markets", "in": "query", "required": false, "schema": {"type": "string", "default": "h2h"}, "description": "comma-separated: h2h, spreads, totals"},
      {"$ref": "#/components/parameters/V4OddsFormat"},
      {"$ref": "#/components/parameters/V4DateFormat"},
      {"$ref": "#/components/parameters/V4EventIds"},
      {"$ref": "#/components/parameters/V4CommenceTimeFrom"},
      {"$ref": "#/components/parameters/V4CommenceTimeTo"}
    ],
    "responses": {
      "200": {
        "description": "one odds object per event",
        "headers": {
          "x-requests-remaining": {"$ref": "#/components/headers/V4RequestsRemaining"},
          "x-requests-used": {"$ref": "#/components/headers/V4RequestsUsed"},
          "x-requests-last": {"$ref": "#/components/headers/V4RequestsLast"}
        },
        "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/V4EventOdds"}}}}
      },
      "401": {"$ref": "#/components/responses/V4Error"},
      "404": {"$ref": "#/components/responses/V4Error"},
      "422": {"$ref": "#/components/responses/V4Error"},
      "429": {"$ref": "#/components/responses/V4Error"}
    }
  },
  "GET /v4/sports/{sport}/events": {
    "summary": "the public odds API's v4: a sport key's live and upcoming events without odds",
    "security": [{"OddsApiKey": []}, {"ApiKey": []}],
    "parameters": [
      {"$ref": "#/components/parameters/V4DateFormat"},
      {"$ref": "#/components/parameters/V4EventIds"},
      {"$ref": "#/components/parameters/V4CommenceTimeFrom"},
      {"$ref": "#/components/parameters/V4CommenceTimeTo"}
    ],
    "responses": {
      "200": {
        "description": "events",
        "headers": {
          "x-requests-remaining": {"$ref": "#/components/headers/V4RequestsRemaining"},
          "x-requests-used": {"$ref": "#/components/headers/V4RequestsUsed"},
          "x-requests-last": {"$ref": "#/components/headers/V4RequestsLast"}
        },
        "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/V4Event"}}}}
      },
      "401": {"$ref": "#/components/responses/V4Error"},
      "404": {"$ref": "#/components/responses/V4Error"},
      "422": {"$ref": "#/components/responses/V4Error"},
      "429": {"$ref": "#/components/responses/V4Error"}
    }
  },
  "GET /v4/sports/{sport}/events/{eventId}/odds": {
    "summary": "the public odds API's v4: one event's odds, player props included (outcome description: the player)",
    "security": [{"OddsApiKey": []}, {"ApiKey": []}],
    "parameters": [
      {"$ref": "#/components/parameters/V4Regions"},
      {"$ref": "#/components/parameters/V4Bookmakers"},
      {"name": "markets", "in": "query", "required": false, "schema": {"type": "string", "default": "h2h"}, "description": "comma-separated: h2h, spreads, totals, player_points, player_rebounds, player_assists, player_threes, player_points_rebounds_assists"},
      {"$ref": "#/components/parameters/V4OddsFormat"},
      {"$ref": "#/components/parameters/V4DateFormat"}
    ],
    "responses": {
      "200": {
        "description": "the event's odds",
        "headers": {
          "x-requests-remaining": {"$ref": "#/components/headers/V4RequestsRemaining"},
          "x-requests-used": {"$ref": "#/components/headers/V4RequestsUsed"},
          "x-requests-last": {"$ref": "#/components/headers/V4RequestsLast"}
        },
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/V4EventOdds"}}}
      },
      "401": {"$ref": "#/components/responses/V4Error"},
      "404": {"$ref": "#/components/responses/V4Error"},
      "422": {"$ref": "#/components/responses/V4Error"},
      "429": {"$ref": "#/components/responses/V4Error"}
    }
  },
  "GET /v4/sports/{sport}/scores": {
    "summary": "the public odds API's v4: live and upcoming events with their scores (null before the start); daysFrom adds the games completed within that many days",
    "security": [{"OddsApiKey": []}, {"ApiKey": []}],
    "parameters": [
      {"name": "daysFrom", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 3}},
      {"$ref": "#/components/parameters/V4DateFormat"},
      {"$ref": "#/components/parameters/V4EventIds"}
    ],
    "responses": {
      "200": {
        "description": "scores",
        "headers": {
          "x-requests-remaining": {"$ref": "#/components/headers/V4RequestsRemaining"},
          "x-requests-used": {"$ref": "#/components/headers/V4RequestsUsed"},
          "x-requests-last": {"$ref": "#/components/headers/V4RequestsLast"}
        },
        "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/V4Score"}}}}
      },
      "401": {"$ref": "#/components/responses/V4Error"},
      "404": {"$ref": "#/components/responses/V4Error"},
      "422": {"$ref": "#/components/responses/V4Error"},
      "429": {"$ref": "#/components/responses/V4Error"}
    }
  }
})json";

} // namespace

const nlohmann::json& OpenApiOperations() {
    static const nlohmann::json operations = nlohmann::json::parse(kOperations);
    return operations;
}

} // namespace simbook::api
