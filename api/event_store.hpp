//! EventStore: the service's events in the SQLite store beside the bets, so that a restarted server keeps
//! its events, their live states and their odds versions (prices are recomputed: same seed, same prices).
#pragma once

#include "kernels/core/result.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

struct sqlite3;

namespace simbook::api {

//! One stored event: how it was created, its latest accepted live state and its version.
struct StoredEvent {
    std::string id;
    nlohmann::json created; //!< {sport, league, home_team, away_team, commence_time, pricing}
    nlohmann::json state;   //!< null before the first state update
    int version = 0;
};

class EventStore {
public:
    //! Opens or creates the events table in the SQLite file (":memory:" keeps nothing across restarts).
    static Result<std::unique_ptr<EventStore>> Open(const std::string& path);
    ~EventStore();
    EventStore(const EventStore&) = delete;
    EventStore& operator=(const EventStore&) = delete;

    //! Every stored event, in creation order.
    Result<std::vector<StoredEvent>> Load() const;
    //! Adds an event (durable before it returns).
    Status Insert(const StoredEvent& event);
    //! Records an accepted state update.
    Status SaveState(const std::string& id, const nlohmann::json& state, int version);

private:
    explicit EventStore(sqlite3* db) : db_(db) {}
    Status Exec(const std::string& sql, const std::vector<std::string>& text, std::int64_t number = -1) const;

    sqlite3* db_ = nullptr;
    mutable std::mutex mutex_;
};

} // namespace simbook::api
