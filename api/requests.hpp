//! The typed requests of the routes with a JSON body, each read from a FieldReader (request_reader.hpp).
#pragma once

#include "api/request_reader.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace simbook::api {

//! POST /v1/events (and a stored event's creation record).
struct CreateEventRequest {
    std::string sport;
    std::string league;
    std::string home_team;
    std::string away_team;
    std::optional<std::string> commence_time; //!< ISO 8601 UTC, YYYY-MM-DDTHH:MM:SSZ; absent: now
    std::string pricing = "exact";
    static CreateEventRequest Read(const FieldReader& in);
};

//! POST /v1/simulate.
struct SimulateRequest {
    std::string sport;
    std::string league;
    std::string home_team;
    std::string away_team;
    std::uint64_t sims = 20'000;
    std::uint64_t seed = 1;
    std::optional<nlohmann::json> state; //!< live state to start from; kick-off when absent or null
    static SimulateRequest Read(const FieldReader& in, std::uint64_t max_sims);
};

//! POST /v1/bets.
struct PlaceBetRequest {
    std::string idempotency_key; //!< the Idempotency-Key header, else the body's idempotency_key
    std::string event_id;
    std::string market;
    std::string outcome;
    std::optional<std::string> customer_id; //!< default: the key's owner
    double price = 0.0;                     //!< decimal odds asked for
    double stake = 0.0;                     //!< currency units
    static PlaceBetRequest Read(const FieldReader& in, const std::string& header_key);
};

//! POST /v1/events/{id}/markets/{market}/settle.
struct SettleRequest {
    std::string winner;
    static SettleRequest Read(const FieldReader& in);
};

//! POST /v1/events/{id}/markets/{market}/resolve: evidence from a data or video feed.
struct ResolveRequest {
    std::string label;
    double confidence = 0.0;             //!< in [0, 1]
    std::optional<std::string> source;   //!< default: the caller
    std::optional<std::int64_t> time_ms; //!< Unix milliseconds; default: now
    static ResolveRequest Read(const FieldReader& in);
};

} // namespace simbook::api
