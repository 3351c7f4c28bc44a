#include "api/requests.hpp"

#include "api/errors.hpp"

#include <limits>

namespace simbook::api {

namespace {

//! YYYY-MM-DDTHH:MM:SSZ with plausible fields (the public feed's commence_time shape).
bool IsUtcTimestamp(const std::string& t) {
    const auto digits = [&t](std::size_t from, std::size_t n, int lo, int hi) {
        int value = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (t[i] < '0' || t[i] > '9') {
                return false;
            }
            value = value * 10 + (t[i] - '0');
        }
        return value >= lo && value <= hi;
    };
    return t.size() == 20 && t[4] == '-' && t[7] == '-' && t[10] == 'T' && t[13] == ':' && t[16] == ':' &&
           t[19] == 'Z' && digits(0, 4, 1900, 2999) && digits(5, 2, 1, 12) && digits(8, 2, 1, 31) &&
           digits(11, 2, 0, 23) && digits(14, 2, 0, 59) && digits(17, 2, 0, 60);
}

} // namespace

CreateEventRequest CreateEventRequest::Read(const FieldReader& in) {
    CreateEventRequest r;
    r.sport = in.String("sport");
    r.league = in.String("league");
    r.home_team = in.String("home_team");
    r.away_team = in.String("away_team");
    r.commence_time = in.OptionalString("commence_time");
    if (r.commence_time && !IsUtcTimestamp(*r.commence_time)) {
        throw Bad("commence_time", "expected a UTC time like 2026-12-26T15:00:00Z");
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
    // Checked, not cast: a double outside int64 (1e30) made the cast undefined (found by the fuzzer).
    constexpr std::uint64_t kYear9999Ms = 253'402'300'799'999;
    if (auto time = in.OptionalInteger("time_ms", 0, kYear9999Ms,
                                       "time_ms must be Unix milliseconds, an integer in [0, 253402300799999]")) {
        r.time_ms = static_cast<std::int64_t>(*time);
    }
    return r;
}

} // namespace simbook::api
