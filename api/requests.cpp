#include "api/requests.hpp"

#include "api/errors.hpp"

#include <limits>

namespace simbook::api {

CreateEventRequest CreateEventRequest::Read(const FieldReader& in) {
    CreateEventRequest r;
    r.sport = in.String("sport");
    r.league = in.String("league");
    r.home_team = in.String("home_team");
    r.away_team = in.String("away_team");
    if (const nlohmann::json* time = in.Find("commence_time"); time != nullptr && time->is_string()) {
        r.commence_time = time->get<std::string>();
    }
    r.pricing = in.OptionalString("pricing").value_or(r.pricing);
    return r;
}

SimulateRequest SimulateRequest::Read(const FieldReader& in, std::uint64_t max_sims) {
    SimulateRequest r;
    r.sport = in.String("sport");
    r.league = in.String("league");
    r.home_team = in.String("home_team");
    r.away_team = in.String("away_team");
    r.sims = in.OptionalInteger("sims", 1, max_sims).value_or(r.sims);
    r.seed =
        in.OptionalInteger("seed", 0, std::numeric_limits<std::uint64_t>::max(), "seed must be a non-negative integer")
            .value_or(r.seed);
    r.state = in.OptionalObject("state");
    return r;
}

PlaceBetRequest PlaceBetRequest::Read(const FieldReader& in, const std::string& header_key) {
    PlaceBetRequest r;
    r.idempotency_key = header_key;
    if (r.idempotency_key.empty()) {
        r.idempotency_key = in.OptionalString("idempotency_key").value_or("");
    }
    if (r.idempotency_key.empty()) {
        throw Bad("Idempotency-Key", "an Idempotency-Key header (or idempotency_key field) is required");
    }
    r.event_id = in.String("event_id");
    r.market = in.String("market");
    r.outcome = in.String("outcome");
    r.customer_id = in.OptionalString("customer_id");
    r.price = in.Number("price");
    r.stake = in.Number("stake");
    return r;
}

SettleRequest SettleRequest::Read(const FieldReader& in) {
    return {in.String("winner")};
}

ResolveRequest ResolveRequest::Read(const FieldReader& in) {
    ResolveRequest r;
    r.label = in.String("label");
    r.confidence = in.Number("confidence");
    r.source = in.OptionalString("source");
    if (auto time = in.OptionalNumber("time_ms")) {
        r.time_ms = static_cast<std::int64_t>(*time);
    }
    return r;
}

} // namespace simbook::api
