//! The public odds API's v4 conventions, so that its existing clients read simbook unchanged: its query
//! parameters (read and checked), its dates (ISO 8601 or Unix seconds), its error shape and its quota headers.
#pragma once

#include "api/errors.hpp"
#include "api/rate_limiter.hpp"
#include "api/routes.hpp"
#include "api/service_types.hpp"
#include "odds/formats.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace simbook::api {

//! The query of a v4 request, checked. Every reader throws a v4 parameter error (422 with its error_code)
//! naming the parameter and the value it refuses; parameters v4 does not know are ignored, as v4 does.
struct V4Query {
    std::set<std::string> markets{"h2h"}; //!< feed market keys
    odds::OddsFormat odds_format = odds::OddsFormat::kDecimal;
    bool unix_dates = false;                         //!< dateFormat=unix: dates as Unix seconds
    std::optional<std::set<std::string>> event_ids;  //!< eventIds, when given
    std::optional<std::set<std::string>> bookmakers; //!< bookmakers, when given
    std::optional<std::int64_t> commence_from;       //!< commenceTimeFrom, Unix seconds (inclusive)
    std::optional<std::int64_t> commence_to;         //!< commenceTimeTo, Unix seconds (inclusive)
    int days_from = 0;                               //!< daysFrom 1-3 (scores); 0: live and upcoming only
};

//! What a v4 endpoint reads from the query.
enum class V4Endpoint {
    kSportOdds, //!< regions (or bookmakers), markets (main lines), oddsFormat, dateFormat, eventIds, commence times
    kEventOdds, //!< regions (or bookmakers), markets (main lines and player props), oddsFormat, dateFormat
    kEvents,    //!< dateFormat, eventIds, commence times
    kScores,    //!< daysFrom, dateFormat, eventIds
};

//! Reads and checks the query parameters an endpoint takes.
V4Query ReadV4Query(const RouteCall& call, V4Endpoint endpoint);

//! A v4 request error: InvalidArgument (422 in v4) whose reason is the v4 error_code ("INVALID_MARKET").
ApiError V4ParameterError(const std::string& error_code, const std::string& parameter, const std::string& message);
//! A v4 not-found error (404) with its error_code ("UNKNOWN_SPORT", "EVENT_NOT_FOUND").
ApiError V4NotFound(const std::string& error_code, const std::string& message);

//! Seconds since the Unix epoch of "YYYY-MM-DDTHH:MM:SSZ" (a real calendar date), or nothing.
std::optional<std::int64_t> ParseUtcSeconds(const std::string& text);
//! A stored UTC time ("2026-12-26T15:00:00Z") as v4 writes it: the same text (iso) or Unix seconds (unix).
nlohmann::json V4Date(const std::string& utc, bool unix_dates);
//! Decimal odds (> 1) as a v4 price: decimal rounded to thousandths, or American as a whole number.
nlohmann::json V4Price(double decimal, odds::OddsFormat format);

//! The v4 error reply: {message, error_code, details_url}; InvalidArgument answers 422 (as v4 documents), an
//! unknown or missing key 401 (INVALID_KEY, MISSING_KEY), throttling 429 (EXCEEDED_FREQ_LIMIT, Retry-After).
ApiResponse V4ErrorResponse(const ApiError& error, bool key_given);
//! The v4 quota headers from the key's rate-limit bucket: x-requests-remaining (whole requests it may make now),
//! x-requests-used (the bucket's size less those) and x-requests-last (1). Without a rate limit nothing is
//! counted: remaining 2147483647, used 0.
void AddV4QuotaHeaders(const std::optional<RateLimiter::Usage>& usage,
                       std::vector<std::pair<std::string, std::string>>* headers);

} // namespace simbook::api
