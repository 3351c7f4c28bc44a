//! EventStore: the service's events in the store beside the bets (a SQLite file, or PostgreSQL shared by several
//! nodes), so that a restarted server keeps its events, their live states and their odds versions (prices are
//! recomputed: same seed, same prices).
#pragma once

#include "kernels/core/result.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace simbook::api {

//! One stored event: how it was created, its latest accepted live state and its version.
struct StoredEvent {
    std::string id;
    nlohmann::json created; //!< {sport, league, home_team, away_team, commence_time, pricing}
    nlohmann::json state;   //!< null before the first state update
    int version = 0;
    //! The version's priced markets and momentum as the node that took the update priced them (a shared store's
    //! LoadEvent only; null otherwise): the other nodes publish them instead of pricing the version again.
    nlohmann::json priced;
};

//! Where events are stored. Implementations are thread-safe.
class EventStore {
public:
    //! Opens or creates the events table: in PostgreSQL when `store` is a postgresql:// URI, else in the SQLite
    //! file (":memory:" keeps nothing across restarts).
    static Result<std::unique_ptr<EventStore>> Open(const std::string& store);
    virtual ~EventStore() = default;

    //! Every stored event, in creation order.
    virtual Result<std::vector<StoredEvent>> Load() const = 0;
    //! One stored event by id; NotFound when there is none. The default reads them all.
    virtual Result<StoredEvent> LoadEvent(const std::string& id) const;
    //! A number for a new event's id that no other node sharing the store gets (a PostgreSQL sequence); nullopt
    //! for an embedded store, whose one node numbers its events itself.
    virtual Result<std::optional<std::int64_t>> NextEventNumber() { return std::optional<std::int64_t>(); }
    //! Adds an event (durable before it returns); a shared store announces it to the other nodes at commit.
    virtual Status Insert(const StoredEvent& event) = 0;
    //! Records an accepted state update, with its priced markets for the other nodes (`priced`, kept by a shared
    //! store only). A shared store keeps the highest version: an older one (from a node that lost a race) is a
    //! FailedPrecondition and changes nothing.
    virtual Status SaveState(const std::string& id, const nlohmann::json& state, int version,
                             const nlohmann::json& priced) = 0;
    //! Claims a one-time task by name (the demo events of an empty store): true for the one caller that gets it,
    //! on any node sharing the store, ever. An embedded store has one node, which the caller's own check covers.
    virtual Result<bool> ClaimOnce(const std::string& /*task*/) { return true; }
    //! Whether other nodes share the store (and read a version's prices from it).
    virtual bool Shared() const { return false; }
    //! Whether the store answers now (for /v1/ready); an embedded file always does.
    virtual bool Reachable() { return true; }
};

//! The events table in PostgreSQL (postgres_event_store.cpp).
Result<std::unique_ptr<EventStore>> OpenPostgresEventStore(const std::string& uri);

} // namespace simbook::api
