#include "api/odds_api_v4.hpp"

#include "api/event_pricing.hpp"

#include <chrono>
#include <cmath>
#include <limits>
#include <sstream>

namespace simbook::api {
namespace {

using nlohmann::json;

//! The regions v4 names; simbook's one bookmaker quotes in every one of them.
const std::set<std::string> kRegions{"us", "us2", "us_dfs", "us_ex", "uk", "eu", "au"};
//! At most this many ids in eventIds or keys in bookmakers (a query string comes from a client).
constexpr std::size_t kMaxListItems = 100;

//! The comma-separated items of a parameter; an empty item, or more than kMaxListItems, is refused.
std::set<std::string> ReadList(const std::string& value, const std::string& parameter, const std::string& code) {
    std::set<std::string> items;
    std::istringstream in(value);
    std::string item;
    std::size_t count = 0;
    while (std::getline(in, item, ',')) {
        if (item.empty()) {
            throw V4ParameterError(code, parameter, parameter + " has an empty item in '" + value + "'");
        }
        items.insert(item);
        ++count;
    }
    if (items.empty() || value.back() == ',') {
        throw V4ParameterError(code, parameter, parameter + " has an empty item in '" + value + "'");
    }
    if (count > kMaxListItems) {
        throw V4ParameterError(code, parameter, parameter + " lists more than " + std::to_string(kMaxListItems));
    }
    return items;
}

void ReadRegions(const RouteCall& call, V4Query* query) {
    if (call.query.count("bookmakers") != 0) {
        const std::set<std::string> keys = ReadList(call.Query("bookmakers", ""), "bookmakers", "INVALID_BOOKMAKERS");
        for (const std::string& key : keys) {
            if (key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
                throw V4ParameterError("INVALID_BOOKMAKERS", "bookmakers", "'" + key + "' is not a bookmaker key");
            }
        }
        query->bookmakers = keys;
        return; // bookmakers take the place of regions, as in v4
    }
    if (call.query.count("regions") == 0) {
        throw V4ParameterError("MISSING_REGION", "regions",
                               "regions is required (us, us2, us_dfs, us_ex, uk, eu, au; comma-separated) "
                               "unless bookmakers is given");
    }
    for (const std::string& region : ReadList(call.Query("regions", ""), "regions", "INVALID_REGION")) {
        if (kRegions.count(region) == 0) {
            throw V4ParameterError("INVALID_REGION", "regions",
                                   "'" + region + "' is not one of us, us2, us_dfs, us_ex, uk, eu, au");
        }
    }
}

void ReadMarkets(const RouteCall& call, bool props, V4Query* query) {
    if (call.query.count("markets") == 0) {
        return; // h2h, as in v4
    }
    query->markets = ReadList(call.Query("markets", ""), "markets", "INVALID_MARKET");
    for (const std::string& key : query->markets) {
        if (!IsFeedMarketKey(key)) {
            throw V4ParameterError("INVALID_MARKET", "markets",
                                   "'" + key +
                                       "' is not a market simbook prices (h2h, spreads, totals; player "
                                       "props and innings markets on /v4/sports/{sport}/events/{eventId}/odds)");
        }
        if (!props && !IsMainLine(key)) {
            throw V4ParameterError("INVALID_MARKET", "markets",
                                   "'" + key +
                                       "' is only on /v4/sports/{sport}/events/{eventId}/odds; this endpoint "
                                       "has h2h, spreads and totals");
        }
    }
}

void ReadOddsFormat(const RouteCall& call, V4Query* query) {
    const std::string value = call.Query("oddsFormat", "decimal");
    if (value != "decimal" && value != "american") {
        throw V4ParameterError("INVALID_ODDS_FORMAT", "oddsFormat", "'" + value + "' is not decimal or american");
    }
    query->odds_format = value == "american" ? odds::OddsFormat::kAmerican : odds::OddsFormat::kDecimal;
}

void ReadDateFormat(const RouteCall& call, V4Query* query) {
    const std::string value = call.Query("dateFormat", "iso");
    if (value != "iso" && value != "unix") {
        throw V4ParameterError("INVALID_DATE_FORMAT", "dateFormat", "'" + value + "' is not iso or unix");
    }
    query->unix_dates = value == "unix";
}

void ReadEventIds(const RouteCall& call, V4Query* query) {
    if (call.query.count("eventIds") != 0) {
        query->event_ids = ReadList(call.Query("eventIds", ""), "eventIds", "INVALID_EVENT_IDS");
    }
}

std::optional<std::int64_t> ReadCommenceTime(const RouteCall& call, const std::string& parameter,
                                             const std::string& code) {
    if (call.query.count(parameter) == 0) {
        return std::nullopt;
    }
    const std::string value = call.Query(parameter, "");
    std::optional<std::int64_t> seconds = ParseUtcSeconds(value);
    if (!seconds) {
        throw V4ParameterError(code, parameter, "'" + value + "' is not a UTC time like 2026-12-26T15:00:00Z");
    }
    return seconds;
}

void ReadCommenceTimes(const RouteCall& call, V4Query* query) {
    query->commence_from = ReadCommenceTime(call, "commenceTimeFrom", "INVALID_COMMENCE_TIME_FROM");
    query->commence_to = ReadCommenceTime(call, "commenceTimeTo", "INVALID_COMMENCE_TIME_TO");
    if (query->commence_from && query->commence_to && *query->commence_from > *query->commence_to) {
        throw V4ParameterError("INVALID_COMMENCE_TIME_RANGE", "commenceTimeTo",
                               "commenceTimeTo is before commenceTimeFrom");
    }
}

void ReadDaysFrom(const RouteCall& call, V4Query* query) {
    if (call.query.count("daysFrom") == 0) {
        return;
    }
    const std::string value = call.Query("daysFrom", "");
    if (value != "1" && value != "2" && value != "3") {
        throw V4ParameterError("INVALID_DAYS_FROM", "daysFrom", "'" + value + "' is not a whole number from 1 to 3");
    }
    query->days_from = value[0] - '0';
}

//! The v4 error_code of an error.
std::string V4ErrorCode(const ApiError& error, bool key_given) {
    switch (error.code) {
    case StatusCode::kUnauthenticated:
        return key_given ? "INVALID_KEY" : "MISSING_KEY";
    case StatusCode::kResourceExhausted:
        return "EXCEEDED_FREQ_LIMIT";
    default:
        break;
    }
    std::string code = error.reason;
    for (char& c : code) {
        c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    return code;
}

std::string V4ErrorMessage(const ApiError& error, bool key_given) {
    if (error.code == StatusCode::kUnauthenticated) {
        return key_given ? "API key is not valid" : "API key is missing: pass it as the apiKey query parameter";
    }
    return error.message;
}

} // namespace

ApiError V4ParameterError(const std::string& error_code, const std::string& parameter, const std::string& message) {
    ApiError error = Bad(parameter, message);
    error.reason = error_code;
    return error;
}

ApiError V4NotFound(const std::string& error_code, const std::string& message) {
    ApiError error = MakeError(StatusCode::kNotFound, message);
    error.reason = error_code;
    return error;
}

V4Query ReadV4Query(const RouteCall& call, V4Endpoint endpoint) {
    V4Query query;
    if (endpoint == V4Endpoint::kSportOdds || endpoint == V4Endpoint::kEventOdds) {
        ReadRegions(call, &query);
        ReadMarkets(call, endpoint == V4Endpoint::kEventOdds, &query);
        ReadOddsFormat(call, &query);
    }
    ReadDateFormat(call, &query);
    if (endpoint != V4Endpoint::kEventOdds) {
        ReadEventIds(call, &query);
    }
    if (endpoint == V4Endpoint::kSportOdds || endpoint == V4Endpoint::kEvents) {
        ReadCommenceTimes(call, &query);
    }
    if (endpoint == V4Endpoint::kScores) {
        ReadDaysFrom(call, &query);
    }
    return query;
}

std::optional<std::int64_t> ParseUtcSeconds(const std::string& t) {
    if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z') {
        return std::nullopt;
    }
    const auto number = [&t](std::size_t from, std::size_t n) {
        int value = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (t[i] < '0' || t[i] > '9') {
                return -1;
            }
            value = value * 10 + (t[i] - '0');
        }
        return value;
    };
    const int year = number(0, 4);
    const int month = number(5, 2);
    const int day = number(8, 2);
    const int hour = number(11, 2);
    const int minute = number(14, 2);
    const int second = number(17, 2);
    const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                           std::chrono::day(static_cast<unsigned>(day))};
    if (year < 1970 || !date.ok() || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
        return std::nullopt;
    }
    const auto days = std::chrono::sys_days(date).time_since_epoch().count();
    return static_cast<std::int64_t>(days) * 86400 + hour * 3600 + minute * 60 + second;
}

json V4Date(const std::string& utc, bool unix_dates) {
    if (!unix_dates) {
        return utc;
    }
    const std::optional<std::int64_t> seconds = ParseUtcSeconds(utc);
    return seconds ? json(*seconds) : json(nullptr);
}

json V4Price(double decimal, odds::OddsFormat format) {
    if (format == odds::OddsFormat::kAmerican) {
        const Result<double> american = odds::DecimalToAmerican(decimal);
        return american.ok() ? json(std::lround(american.value())) : json(nullptr);
    }
    return std::round(decimal * 1000.0) / 1000.0;
}

ApiResponse V4ErrorResponse(const ApiError& error, bool key_given) {
    ApiResponse response;
    response.status = error.code == StatusCode::kInvalidArgument ? 422 : error.Http();
    response.headers = error.headers;
    response.body = json{{"message", V4ErrorMessage(error, key_given)},
                         {"error_code", V4ErrorCode(error, key_given)},
                         {"details_url", "/v1/openapi.json"}}
                        .dump(-1, ' ', false, json::error_handler_t::replace);
    return response;
}

void AddV4QuotaHeaders(const std::optional<RateLimiter::Usage>& usage,
                       std::vector<std::pair<std::string, std::string>>* headers) {
    const std::int64_t remaining = usage ? usage->remaining : std::numeric_limits<std::int32_t>::max();
    const std::int64_t used = usage ? usage->used : 0;
    headers->emplace_back("x-requests-remaining", std::to_string(remaining));
    headers->emplace_back("x-requests-used", std::to_string(used));
    headers->emplace_back("x-requests-last", "1");
}

} // namespace simbook::api
