//! Event pricing: everything sport-specific the API does, in one unit: the sports and leagues priced, loading
//! a game's fitted model, the live state (kick-off, parsing, validating an update, detecting key events) and
//! the pricing policy (main lines, player props, momentum markets, exact or Monte Carlo, margin).
#pragma once

#include "engine/game_spec.hpp"
#include "engine/score_distribution.hpp"
#include "engine/simulation.hpp"
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
    const char* sport;  //!< "soccer", "basketball", "baseball" or "football"
    const char* league; //!< the fitted model's league: "premier-league", "nba", ...
    const char* title;
};

//! Every sport key the service prices.
std::span<const SportInfo> Sports();
//! The sport key of (sport, league), or nullptr.
const SportInfo* FindSport(const std::string& sport, const std::string& league);

//! An event's game: the sport's entry and the game (engine::Game: parameters, live state, rosters).
struct LoadedGame {
    const SportInfo* info = nullptr;
    engine::Game game;
};

//! Loads home against away from the league's fitted model through engine::LoadGame, at kick-off / tip-off
//! (event creation and /v1/simulate); errors name the field.
LoadedGame LoadEventGame(const std::string& params_dir, const std::string& sport, const std::string& league,
                         const std::string& home, const std::string& away);

//! Refuses a pricing other than "monte_carlo" (everything from the paths) and "exact" (main lines from the
//! sport's exact pricer first, then the path-based markets).
void CheckPricing(const std::string& pricing);

//! Sets a stored event's live state; InvalidArgument (field "state") when it does not parse.
void RestoreState(const nlohmann::json& state, engine::Game* game);

//! An accepted live-state update: the game at the new state and the key events since the old one.
struct StateUpdate {
    engine::Game game;
    std::vector<odds::risk::LiveEvent> key_events; //!< a goal, a red card, a basket (time_ms not set)
};
//! Validates a live state against the event's current one (engine::AdvanceState): a state that does not parse
//! is InvalidArgument, a score going down or a clock going back is FailedPrecondition ("out_of_order").
StateUpdate ValidateStateUpdate(const Event& event, const nlohmann::json& body);

//! A simulation of a game from kick-off or from a given state (POST /v1/simulate).
engine::Simulation MakeSimulation(engine::Game game, const std::optional<nlohmann::json>& state);

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
    std::uint64_t sims = 20'000;    //!< Monte Carlo paths per repricing
    int sim_threads = 1;            //!< OpenMP threads per repricing
    double margin = 0.05;           //!< overround, in [0, 0.5)
    bool momentum_markets = true;   //!< also price the momentum and next-event markets
    bool coalesce_launches = false; //!< concurrent repricings share kernel launches (ServiceOptions)
};

//! What a pricing publishes: the main lines alone (h2h, spreads, totals: the first stage of an exact event's
//! update) or every market.
enum class PricingStage { kMainLines, kAll };

//! The event's markets priced at its model and the given game state, seeded by the version; no lock needed.
//! Exact events ("pricing": "exact") price the main lines with the sport's exact Markov pricer
//! (engine::ExactFinalScore) and run paths only for the path-based markets (props, momentum); Monte Carlo
//! events price everything from the paths. Each path id runs once for every market published; momentum (when
//! not null) receives the win-probability path of the same run. `exact_lines` (when not null): an exact event's main
//! lines at this game state, taken when set and set when computed, so that an update's two stages compute them once.
std::vector<PricedMarket> PriceMarkets(const Event& event, const engine::Game& game, int version,
                                       const PricingOptions& options, nlohmann::json* momentum = nullptr,
                                       PricingStage stage = PricingStage::kAll,
                                       std::optional<engine::ExactLines>* exact_lines = nullptr);

//! A main line's feed key: h2h, spreads or totals (what an exact event's first stage prices).
bool IsMainLine(const std::string& key);

//! A market key of the odds feed (the `markets` query parameter).
bool IsFeedMarketKey(const std::string& key);

} // namespace simbook::api
