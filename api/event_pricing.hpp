//! Event pricing: everything sport-specific the API does, in one unit: the sports and leagues priced, loading
//! a game's fitted model, the live state (kick-off, parsing, validating an update, detecting key events) and
//! the pricing policy (main lines, player props, momentum markets, exact or Monte Carlo, margin).
#pragma once

#include "engine/simulation.hpp"
#include "kernels/basketball/basketball_params.hpp"
#include "kernels/soccer/soccer_params.hpp"
#include "odds/risk/suspension.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace simbook::api {

struct Event;

//! A sport the service prices: feed key, sport, league file, title.
struct SportInfo {
    const char* key;    //!< "soccer_epl", "basketball_nba", ...
    const char* sport;  //!< "soccer" or "basketball"
    const char* league; //!< the fitted model's league: "premier-league", "nba", ...
    const char* title;
};

//! Every sport key the service prices.
std::span<const SportInfo> Sports();
//! The sport key of (sport, league), or nullptr.
const SportInfo* FindSport(const std::string& sport, const std::string& league);

//! A game's fitted model: the sport, its parameters and (basketball) the players' names.
struct GameModel {
    const SportInfo* info = nullptr;
    kernels::soccer::SoccerParams soccer{};
    kernels::basketball::BasketballParams basketball{};
    std::vector<std::string> players;
};

//! Builds the fitted model of home against away (event creation and /v1/simulate); errors name the field.
GameModel LoadGame(const std::string& params_dir, const std::string& sport, const std::string& league,
                   const std::string& home, const std::string& away, bool without_state_effects = false);

//! Refuses a pricing an event of the sport cannot have: "monte_carlo" or "exact" (soccer only).
void CheckPricing(const std::string& pricing, const std::string& sport);

//! The sport-specific part of an event: its model's parameters and its live state (the fields of its sport).
struct EventGame {
    kernels::soccer::SoccerParams soccer_params{};
    kernels::soccer::SoccerState soccer_state{};
    kernels::basketball::BasketballParams basketball_params{};
    kernels::basketball::BasketballState basketball_state{};
    std::vector<std::string> player_names;
};

//! A new event's game at kick-off (tip-off).
EventGame StartGame(const std::string& sport, GameModel model);
//! Sets a stored event's live state; InvalidArgument (field "state") when it does not parse.
void RestoreState(const std::string& sport, const nlohmann::json& state, EventGame* game);

//! An accepted live-state update: the game at the new state and the key events since the old one.
struct StateUpdate {
    EventGame game;
    std::vector<odds::risk::LiveEvent> key_events; //!< a goal, a red card, a basket (time_ms not set)
};
//! Validates a live state against the event's current one: a state that does not parse is InvalidArgument,
//! a score going down or a clock going back is FailedPrecondition ("out_of_order").
StateUpdate ValidateStateUpdate(const Event& event, const nlohmann::json& body);

//! A simulation of a game from kick-off or from a given state (POST /v1/simulate).
engine::Simulation MakeSimulation(const std::string& sport, const GameModel& model,
                                  const std::optional<nlohmann::json>& state);

//! One priced outcome in the public odds shape.
struct PricedOutcome {
    std::string name;      //!< team name, "Draw", "Over", "Under"
    std::string selection; //!< the book's outcome ("home", "draw", "away", "over", "under")
    double decimal = 0.0;  //!< decimal odds with margin (> 1)
    std::optional<double> point;
    std::string description; //!< player props: the player's name
};

//! One priced market.
struct PricedMarket {
    std::string key;    //!< public key: "h2h", "spreads", "totals", "player_points", ...
    std::string market; //!< the book's market key ("h2h", "spreads:-0.5", "player_points:NAME:24.5"), used to bet
    std::vector<PricedOutcome> outcomes;
};

//! How events are priced.
struct PricingOptions {
    std::uint64_t sims = 20'000;  //!< Monte Carlo paths per repricing
    int sim_threads = 1;          //!< OpenMP threads per repricing
    double margin = 0.05;         //!< overround, in [0, 0.5)
    bool momentum_markets = true; //!< also price the momentum and next-event markets
};

//! The event's markets priced at its model and the given game state, seeded by the version; no lock needed.
//! momentum (when not null) receives the win-probability path of the same run.
std::vector<PricedMarket> PriceMarkets(const Event& event, const EventGame& game, int version,
                                       const PricingOptions& options, nlohmann::json* momentum = nullptr);

//! A market key of the odds feed (the `markets` query parameter).
bool IsFeedMarketKey(const std::string& key);

} // namespace simbook::api
