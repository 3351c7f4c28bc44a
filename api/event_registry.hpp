//! EventRegistry: the events the service prices, by id and in creation order, and the Event record itself.
#pragma once

#include "api/event_pricing.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace simbook::api {

//! A game the service prices.
struct Event {
    std::string id;
    std::string sport; //!< "soccer" or "basketball"
    std::string sport_key;
    std::string league;
    std::string home_team; //!< the team as the fitted model names it ("Arsenal", "BOS"): the event's key
    std::string away_team;
    std::string home_name; //!< the team as the public feed names it ("Arsenal", "Boston Celtics")
    std::string away_name;
    std::string commence_time;
    std::string pricing = "monte_carlo";           //!< or "exact": soccer without state effects, priced in closed form
    int version = 0;                               //!< bumps at every accepted state update
    std::string last_update;                       //!< UTC time of the latest pricing, ISO 8601
    nlohmann::json state;                          //!< latest live state as given (null before kick-off)
    engine::Game game;                             //!< model parameters and live state; changes under update_mutex
    std::vector<PricedMarket> markets;             //!< priced at `version`
    std::set<std::string> line_suspended;          //!< book markets suspended because the pricer stopped offering them
    std::map<std::string, std::string> odds_cache; //!< odds JSON of `version` by "markets|format"
    std::uint64_t odds_cache_generation = 0;       //!< the book's StateGeneration the cache was built at
    nlohmann::json momentum;                       //!< win-probability path at `version` (null when not priced)
    mutable std::mutex mutex;                      //!< guards everything above but the ids
    std::mutex update_mutex; //!< held through a whole state update (validate, reprice, publish): one at a time
};

//! The events by id. Thread-safe.
class EventRegistry {
public:
    //! Ids of new events are "<prefix>-<n>".
    explicit EventRegistry(std::string id_prefix) : id_prefix_(std::move(id_prefix)) {}
    //! A fresh event id, "<prefix>-<n>": n is `shared` when given (a number no other node sharing the store gets),
    //! else the registry's own count. The id is Known from now on (an event being created).
    std::string NextId(std::optional<std::int64_t> shared = std::nullopt);
    //! Adds a created (or restored) event; an id already added is left as it is (false).
    bool Add(std::shared_ptr<Event> event);
    //! Whether the event is here or being created here (NextId without Add yet): another node's notice of it
    //! adds nothing.
    bool Known(const std::string& id) const;
    //! The event; NotFound when there is none.
    std::shared_ptr<Event> Find(const std::string& id) const;
    //! The events' ids, in creation order.
    std::vector<std::string> Ids() const;

private:
    std::string id_prefix_;
    std::atomic<std::uint64_t> next_{1};
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Event>> events_;
    std::vector<std::string> order_;
    std::set<std::string> creating_; // ids from NextId not yet added
};

} // namespace simbook::api
