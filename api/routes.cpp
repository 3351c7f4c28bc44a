#include "api/routes.hpp"

#include "api/handlers.hpp"
#include "api/v4_handlers.hpp"

#include <algorithm>
#include <sstream>

namespace simbook::api {
namespace {

using enum Role;

const std::vector<Role> kPublic;
const std::vector<Role> kAnyKey{kSportsbook, kFantasy, kTrader, kAdmin};
const std::vector<Role> kTraders{kTrader, kAdmin};
const std::vector<Role> kBook{kSportsbook, kTrader, kAdmin};
constexpr Serving kCompute = Serving::kComputePool;
constexpr Serving kLive = Serving::kLivePool;
constexpr Serving kIo = Serving::kIoThread;
constexpr Dialect kV4 = Dialect::kOddsApiV4;

std::vector<std::string_view> Segments(std::string_view path) {
    std::vector<std::string_view> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        if (end > start) {
            segments.push_back(path.substr(start, end - start));
        }
        start = end + 1;
    }
    return segments;
}

//! The pattern's parameters when the path's segments match it (empty segments are skipped, as "//" and a
//! trailing '/').
std::optional<std::map<std::string, std::string>> Match(std::string_view pattern,
                                                        const std::vector<std::string_view>& path) {
    const std::vector<std::string_view> want = Segments(pattern);
    if (want.size() != path.size()) {
        return std::nullopt;
    }
    std::map<std::string, std::string> params;
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
            params.emplace(want[i].substr(1, want[i].size() - 2), path[i]);
        } else if (want[i] != path[i]) {
            return std::nullopt;
        }
    }
    return params;
}

} // namespace

const std::vector<Route>& RouteTable() {
    // clang-format off
    static const std::vector<Route> table{
        {"GET",  "/v1/health",                                 kPublic,  &GetHealth},
        {"GET",  "/v1/ready",                                  kPublic,  &GetReady},
        {"GET",  "/v1/openapi.json",                           kPublic,  &GetOpenApi},
        {"GET",  "/metrics",                                   kPublic,  &GetMetrics},
        {"GET",  "/v1/sports",                                 kAnyKey,  &ListSports},
        {"GET",  "/v1/sports/{sport}/odds",                    kAnyKey,  &GetSportOdds},
        {"GET",  "/v1/events",                                 kAnyKey,  &ListEvents},
        {"POST", "/v1/events",                                 kTraders, &CreateEvent, kLive},
        {"GET",  "/v1/events/{id}",                            kAnyKey,  &GetEvent},
        {"GET",  "/v1/events/{id}/odds",                       kAnyKey,  &GetEventOdds},
        {"POST", "/v1/events/{id}/state",                      kTraders, &PostEventState, kLive},
        {"GET",  "/v1/events/{id}/exposure",                   kTraders, &GetEventExposure},
        {"GET",  "/v1/events/{id}/momentum",                   kAnyKey,  &GetEventMomentum},
        {"POST", "/v1/events/{id}/markets/{market}/suspend",   kTraders, &SuspendMarket},
        {"POST", "/v1/events/{id}/markets/{market}/resume",    kTraders, &ResumeMarket},
        {"POST", "/v1/events/{id}/markets/{market}/settle",    kTraders, &SettleMarket},
        {"POST", "/v1/events/{id}/markets/{market}/resolve",   kTraders, &ResolveMarket},
        {"GET",  "/v1/stream",                                 kAnyKey,  &GetStream, Serving::kWebSocket},
        {"GET",  "/v1/bets",                                   kBook,    &ListBets},
        {"POST", "/v1/bets",                                   kBook,    &PlaceBet},
        {"GET",  "/v1/bets/{id}",                              kBook,    &GetBet},
        {"POST", "/v1/futures",                                kBook,    &Futures, kCompute},
        {"POST", "/v1/whatif",                                 kTraders, &WhatIf, kCompute},
        {"POST", "/v1/momentum",                               kAnyKey,  &Momentum, kCompute},
        {"POST", "/v1/fantasy/projections",                    {kFantasy, kAdmin}, &FantasyProjections, kCompute},
        {"POST", "/v1/fantasy/lineups",                        {kFantasy, kAdmin}, &FantasyLineups, kCompute},
        {"POST", "/v1/simulate",                               {kTrader, kAdmin, kFantasy}, &Simulate, kCompute},
        // The public odds API's v4 surface for its existing clients (v4_handlers.hpp).
        {"GET",  "/v4/sports",                                 kAnyKey,  &V4ListSports, kIo, kV4},
        {"GET",  "/v4/sports/{sport}/odds",                    kAnyKey,  &V4SportOdds, kIo, kV4},
        {"GET",  "/v4/sports/{sport}/events",                  kAnyKey,  &V4SportEvents, kIo, kV4},
        {"GET",  "/v4/sports/{sport}/events/{eventId}/odds",   kAnyKey,  &V4EventOdds, kIo, kV4},
        {"GET",  "/v4/sports/{sport}/scores",                  kAnyKey,  &V4SportScores, kIo, kV4},
    };
    // clang-format on
    return table;
}

const Route* PathMatch::ForMethod(std::string_view method) const {
    for (const Route* route : routes) {
        if (route->method == method) {
            return route;
        }
    }
    return nullptr;
}

std::string PathMatch::Allow() const {
    std::vector<std::string_view> methods;
    for (const Route* route : routes) {
        methods.push_back(route->method);
    }
    std::sort(methods.begin(), methods.end());
    std::string allow;
    for (std::string_view method : methods) {
        allow += allow.empty() ? "" : ", ";
        allow += method;
    }
    return allow;
}

std::optional<PathMatch> MatchPath(const std::vector<Route>& table, const std::string& path) {
    const std::vector<std::string_view> segments = Segments(path);
    std::optional<PathMatch> match;
    for (const Route& route : table) {
        if (match) {
            if (route.pattern == match->pattern) {
                match->routes.push_back(&route);
            }
            continue;
        }
        if (auto params = Match(route.pattern, segments)) {
            match.emplace(PathMatch{route.pattern, std::move(*params), {&route}});
        }
    }
    return match;
}

std::string SplitTarget(const std::string& target, std::map<std::string, std::string>* query) {
    const std::size_t q = target.find('?');
    std::string path = target.substr(0, q);
    if (q == std::string::npos) {
        return path;
    }
    std::istringstream params(target.substr(q + 1));
    std::string pair;
    while (std::getline(params, pair, '&')) {
        const std::size_t eq = pair.find('=');
        std::string value = eq == std::string::npos ? "" : pair.substr(eq + 1);
        std::string decoded;
        const auto hex = [](char c) {
            return c >= '0' && c <= '9'   ? c - '0'
                   : c >= 'a' && c <= 'f' ? c - 'a' + 10
                   : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                          : -1;
        };
        for (std::size_t i = 0; i < value.size(); ++i) {
            // %XX with two hex digits decodes; a malformed escape stays as it is (the field's own check refuses it).
            if (value[i] == '%' && i + 2 < value.size() && hex(value[i + 1]) >= 0 && hex(value[i + 2]) >= 0) {
                decoded.push_back(static_cast<char>(hex(value[i + 1]) * 16 + hex(value[i + 2])));
                i += 2;
            } else {
                decoded.push_back(value[i] == '+' ? ' ' : value[i]);
            }
        }
        (*query)[pair.substr(0, eq)] = decoded;
    }
    return path;
}

} // namespace simbook::api
