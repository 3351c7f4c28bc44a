#include "api/service.hpp"

#include "api/openapi.hpp"

#include "engine/exact.hpp"
#include "engine/game_state.hpp"
#include "engine/report.hpp"
#include "engine/simulation.hpp"
#include "fantasy/fantasy_api.hpp"
#include "futures/futures_api.hpp"
#include "models/basketball_fit.hpp"
#include "models/basketball_model.hpp"
#include "models/dixon_coles.hpp"
#include "models/fitted.hpp"
#include "models/soccer_model.hpp"
#include "odds/formats.hpp"
#include "odds/market.hpp"
#include "odds/market_engine.hpp"
#include "odds/quote.hpp"
#include "odds/score_markets.hpp"
#include "whatif/whatif_api.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <exception>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>

namespace simbook::api {
namespace {

using nlohmann::json;

//! The sports the service prices: key, sport, league file, title.
struct SportInfo {
    const char* key;
    const char* sport;
    const char* league;
    const char* title;
};
constexpr SportInfo kSports[] = {
    {"soccer_epl", "soccer", "premier-league", "EPL"},
    {"soccer_germany_bundesliga", "soccer", "bundesliga", "Bundesliga - Germany"},
    {"soccer_spain_la_liga", "soccer", "la-liga", "La Liga - Spain"},
    {"soccer_italy_serie_a", "soccer", "serie-a", "Serie A - Italy"},
    {"soccer_france_ligue_one", "soccer", "ligue-1", "Ligue 1 - France"},
    {"soccer_international", "soccer", "international", "International"},
    {"basketball_nba", "basketball", "nba", "NBA"},
};

ApiError Bad(const std::string& field, const std::string& message) {
    return {400, "invalid_argument", message, field};
}
ApiError NotFound(const std::string& what) {
    return {404, "not_found", what + " not found", ""};
}

//! A Status from a lower layer as an API error: InvalidArgument 400, Unavailable 503, else 500.
ApiError FromStatus(const Status& status, const std::string& field = "") {
    switch (status.code()) {
    case StatusCode::kInvalidArgument:
        return {400, "invalid_argument", status.message(), field};
    case StatusCode::kUnavailable:
        return {503, "unavailable", status.message(), field};
    default:
        return {500, "internal", "internal error", ""};
    }
}

std::string UtcNow() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::string Line(double value) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.1f", value);
    return text;
}

json ParseBody(const std::string& body) {
    json parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded()) {
        throw Bad("body", "request body is not valid JSON");
    }
    if (!parsed.is_object()) {
        throw Bad("body", "request body must be a JSON object");
    }
    return parsed;
}

std::string RequireString(const json& body, const std::string& field) {
    auto it = body.find(field);
    if (it == body.end()) {
        throw Bad(field, field + " is required");
    }
    if (!it->is_string() || it->get<std::string>().empty()) {
        throw Bad(field, field + " must be a non-empty string");
    }
    return it->get<std::string>();
}

double RequireNumber(const json& body, const std::string& field) {
    auto it = body.find(field);
    if (it == body.end()) {
        throw Bad(field, field + " is required");
    }
    if (!it->is_number()) {
        throw Bad(field, field + " must be a number");
    }
    return it->get<double>();
}

//! Splits "/a/b?x=1&y=2" into path segments and query parameters (no percent-decoding but '+' and %3A/%2C).
void SplitTarget(const std::string& target, std::vector<std::string>* segments,
                 std::map<std::string, std::string>* query) {
    const std::size_t q = target.find('?');
    const std::string path = target.substr(0, q);
    std::string segment;
    std::istringstream in(path);
    while (std::getline(in, segment, '/')) {
        if (!segment.empty()) {
            segments->push_back(segment);
        }
    }
    if (q == std::string::npos) {
        return;
    }
    std::istringstream params(target.substr(q + 1));
    std::string pair;
    while (std::getline(params, pair, '&')) {
        const std::size_t eq = pair.find('=');
        std::string value = eq == std::string::npos ? "" : pair.substr(eq + 1);
        std::string decoded;
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (value[i] == '%' && i + 2 < value.size()) {
                decoded.push_back(static_cast<char>(std::stoi(value.substr(i + 1, 2), nullptr, 16)));
                i += 2;
            } else {
                decoded.push_back(value[i] == '+' ? ' ' : value[i]);
            }
        }
        (*query)[pair.substr(0, eq)] = decoded;
    }
}

void RequireRole(const Principal& who, std::initializer_list<Role> allowed) {
    for (Role r : allowed) {
        if (who.role == r) {
            return;
        }
    }
    std::string message = "role ";
    message += ToString(who.role);
    message += " may not do this";
    throw ApiError{403, "permission_denied", message, ""};
}

const SportInfo* FindSport(const std::string& sport, const std::string& league) {
    for (const SportInfo& s : kSports) {
        if (sport == s.sport && league == s.league) {
            return &s;
        }
    }
    return nullptr;
}

//! A request over its key's rate limit, carried to the catch point with the seconds to wait.
struct RateLimited {
    int retry_after = 1;
};

//! A game's fitted model: the sport, its parameters and (basketball) the players' names.
struct GameModel {
    const SportInfo* info = nullptr;
    kernels::soccer::SoccerParams soccer{};
    kernels::basketball::BasketballParams basketball{};
    std::vector<std::string> players;
};

//! Builds the fitted model of home against away (shared by event creation and /v1/simulate); errors name
//! the field.
GameModel LoadGame(const std::string& params_dir, const std::string& sport, const std::string& league,
                   const std::string& home, const std::string& away, bool without_state_effects = false) {
    GameModel game;
    game.info = FindSport(sport, league);
    if (game.info == nullptr) {
        throw Bad("league", "no fitted model for sport '" + sport + "', league '" + league + "' (see /v1/sports)");
    }
    if (home == away) {
        throw Bad("away_team", "'" + away + "' cannot play itself");
    }
    if (sport == "soccer") {
        auto model = models::FittedSoccerMatch(params_dir, league, home, away);
        if (!model.ok()) {
            throw model.status().code() == StatusCode::kUnavailable
                ? ApiError{503, "unavailable", model.status().message(), ""}
                : Bad("home_team", model.status().message());
        }
        auto params =
            models::MakeSoccerParams(without_state_effects ? model.value().WithoutStateEffects() : model.value());
        if (!params.ok()) {
            throw FromStatus(params.status());
        }
        game.soccer = params.value();
    } else {
        auto matchup = models::FittedNbaMatch(params_dir, home, away);
        if (!matchup.ok()) {
            throw matchup.status().code() == StatusCode::kUnavailable
                ? ApiError{503, "unavailable", matchup.status().message(), ""}
                : Bad("home_team", matchup.status().message());
        }
        auto params = models::MakeBasketballParams(matchup.value());
        if (!params.ok()) {
            throw FromStatus(params.status());
        }
        game.basketball = params.value();
        for (const auto* team : {&matchup.value().home, &matchup.value().away}) {
            for (const models::PlayerModel& p : team->players) {
                game.players.push_back(p.name);
            }
        }
    }
    return game;
}

std::string_view ToString(odds::risk::RefusalReason reason) {
    switch (reason) {
    case odds::risk::RefusalReason::kMarketSuspended:
        return "market_suspended";
    case odds::risk::RefusalReason::kMarketClosed:
        return "market_closed";
    case odds::risk::RefusalReason::kPriceMoved:
        return "price_moved";
    case odds::risk::RefusalReason::kLimit:
        return "limit";
    case odds::risk::RefusalReason::kNone:
        break;
    }
    return "refused";
}

json BetJson(const odds::risk::BetRecord& b) {
    return {{"id", std::to_string(b.id)},
            {"idempotency_key", b.idempotency_key},
            {"customer_id", b.customer_id},
            {"event_id", b.event_id},
            {"market", b.market_key},
            {"outcome", b.outcome},
            {"price", odds::risk::ToDecimal(b.price)},
            {"requested_price", odds::risk::ToDecimal(b.requested_price)},
            {"stake", static_cast<double>(b.stake) / 100.0},
            {"potential_payout", static_cast<double>(b.potential_payout) / 100.0},
            {"placed_at_ms", b.placed_at_ms},
            {"settled", b.settled},
            {"payout", static_cast<double>(b.payout) / 100.0}};
}

} // namespace

Result<std::unique_ptr<Service>> Service::Create(ServiceOptions options, KeyStore keys) {
    if (!(options.margin >= 0.0 && options.margin < 0.5)) {
        return InvalidArgument("--margin", std::to_string(options.margin) + " is outside [0, 0.5)");
    }
    if (options.sims == 0 || options.sims > 10'000'000) {
        return InvalidArgument("--sims", std::to_string(options.sims) + " is outside [1, 10000000]");
    }
    if (!(options.rate_limit >= 0.0 && options.rate_limit <= 1e9)) {
        return InvalidArgument("--rate-limit", std::to_string(options.rate_limit) + " is outside [0, 1e9]");
    }
    if (!(options.rate_burst == 0.0 || (options.rate_burst >= 1.0 && options.rate_burst <= 1e9))) {
        return InvalidArgument("--rate-burst", std::to_string(options.rate_burst) + " is neither 0 nor in [1, 1e9]");
    }
    if (options.simulate_max_sims == 0 || options.simulate_max_sims > engine::kMaxSims) {
        return InvalidArgument("--simulate-max-sims", std::to_string(options.simulate_max_sims) + " is outside [1, " +
                                                          std::to_string(engine::kMaxSims) + "]");
    }
    if (!(options.simulate_seconds > 0.0 && options.simulate_seconds <= 3600.0)) {
        return InvalidArgument("--simulate-seconds",
                               std::to_string(options.simulate_seconds) + " is outside (0, 3600]");
    }
    std::unique_ptr<Service> service(new Service(std::move(options), std::move(keys)));
    std::random_device device;
    char prefix[16];
    std::snprintf(prefix, sizeof(prefix), "%06x", static_cast<unsigned>(device() & 0xffffffU));
    service->id_prefix_ = prefix;
    auto ledger = odds::risk::SqliteLedger::Open(service->options_.store);
    if (!ledger.ok()) {
        return InvalidArgument("--store", ledger.status().message());
    }
    service->ledger_ = std::move(ledger.value());
    auto book = odds::risk::RiskBook::Open(*service->ledger_);
    if (!book.ok()) {
        return InvalidArgument("--store", book.status().message());
    }
    service->book_ = std::move(book.value());
    auto store = EventStore::Open(service->options_.store);
    if (!store.ok()) {
        return InvalidArgument("--store", store.status().message());
    }
    service->event_store_ = std::move(store.value());
    auto stored = service->event_store_->Load();
    if (!stored.ok()) {
        return InvalidArgument("--store", stored.status().message());
    }
    for (const StoredEvent& e : stored.value()) {
        try {
            service->CreateEvent(e.created, &e);
        } catch (const ApiError& error) {
            return Status(StatusCode::kInvalidArgument, "--store: stored event " + e.id + ": " + error.message);
        }
    }
    if (service->options_.demo_events && stored.value().empty()) {
        try {
            service->CreateEvent({{"sport", "soccer"},
                                  {"league", "premier-league"},
                                  {"home_team", "Arsenal"},
                                  {"away_team", "Chelsea"},
                                  {"commence_time", "2026-12-26T15:00:00Z"}});
            service->CreateEvent({{"sport", "basketball"},
                                  {"league", "nba"},
                                  {"home_team", "BOS"},
                                  {"away_team", "DAL"},
                                  {"commence_time", "2026-12-25T20:00:00Z"}});
        } catch (const ApiError& e) {
            return Status(StatusCode::kInvalidArgument, "demo events: " + e.message);
        }
    }
    return service;
}

std::string Service::NextRequestId() {
    char text[32];
    std::snprintf(text, sizeof(text), "req-%s-%llu", id_prefix_.c_str(),
                  static_cast<unsigned long long>(next_request_.fetch_add(1)));
    return text;
}

ApiResponse Service::ErrorResponse(const ApiError& error, const std::string& request_id) {
    ApiResponse response;
    response.request_id = request_id.empty() ? NextRequestId() : request_id;
    response.status = error.http_status;
    json e{{"code", error.code}, {"message", error.message}, {"request_id", response.request_id}};
    if (!error.field.empty()) {
        e["field"] = error.field;
    }
    // Invalid UTF-8 in a message (client text echoed back) is replaced, never thrown: Handle must not throw.
    response.body = json{{"error", e}}.dump(-1, ' ', false, json::error_handler_t::replace);
    return response;
}

void LatencyHistogram::Observe(double seconds) {
    std::size_t i = 0;
    while (i < kBounds.size() && seconds > kBounds[i]) {
        ++i;
    }
    ++counts[i];
    sum += seconds;
    ++count;
}

void Service::Count(const std::string& method, const std::string& route, int status, double seconds) {
    std::lock_guard lock(metrics_mutex_);
    ++request_counts_[method + "|" + route + "|" + std::to_string(status)];
    if (seconds >= 0.0) {
        latency_[route].Observe(seconds);
    }
}

ApiResponse Service::Handle(const ApiRequest& request) {
    const auto start = std::chrono::steady_clock::now();
    std::string route = "unmatched";
    ApiResponse response;
    // The one catch point: expected failures arrive as ApiError, anything else is a 500 with the request id.
    try {
        response.request_id = NextRequestId();
        std::string text;
        json body = Route(request, &route, &response.status, &response.content_type, &text);
        response.body = text.empty() ? body.dump(-1, ' ', false, json::error_handler_t::replace) : text;
    } catch (const RateLimited& limited) {
        response = ErrorResponse({429, "rate_limited", "too many requests for this API key; retry later", ""},
                                 response.request_id);
        response.headers.emplace_back("Retry-After", std::to_string(limited.retry_after));
    } catch (const ApiError& e) {
        response = ErrorResponse(e, response.request_id);
        if (e.http_status == 405) {
            // RFC 9110: a 405 lists the methods the route allows, as the OpenAPI document has them.
            const json& paths = OpenApiDocument()["paths"];
            std::string allow;
            if (auto it = paths.find(route); it != paths.end()) {
                for (const auto& [method, op] : it->items()) {
                    if (method == "get" || method == "post") {
                        allow += allow.empty() ? "" : ", ";
                        allow += method == "get" ? "GET" : "POST";
                    }
                }
            }
            response.headers.emplace_back("Allow", allow);
        }
    } catch (const std::exception& e) {
        spdlog::error("{} {} {}: {}", response.request_id, request.method, request.target, e.what());
        response = ErrorResponse({500, "internal", "internal error", ""}, response.request_id);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Count(request.method, route, response.status, seconds);
    if (options_.log_requests) {
        spdlog::info(json{{"request_id", response.request_id},
                          {"method", request.method},
                          {"route", route},
                          {"status", response.status},
                          {"ms", std::round(seconds * 1e6) / 1e3}}
                         .dump(-1, ' ', false, json::error_handler_t::replace));
    }
    return response;
}

Principal Service::Authenticate(const ApiRequest& request) const {
    if (request.api_key.empty()) {
        throw ApiError{401, "unauthenticated", "an API key is required (X-API-Key header)", ""};
    }
    std::optional<Principal> who = keys_.Find(request.api_key);
    if (!who) {
        throw ApiError{401, "unauthenticated", "unknown API key", ""};
    }
    return *who;
}

std::vector<std::string> Service::EventIds() const {
    std::lock_guard lock(events_mutex_);
    return event_order_;
}

std::shared_ptr<Event> Service::FindEvent(const std::string& id) const {
    std::lock_guard lock(events_mutex_);
    auto it = events_.find(id);
    if (it == events_.end()) {
        throw NotFound("event '" + id + "'");
    }
    return it->second;
}

json Service::Route(const ApiRequest& request, std::string* route, int* status, std::string* content_type,
                    std::string* text) {
    std::vector<std::string> s;
    std::map<std::string, std::string> query;
    SplitTarget(request.target, &s, &query);
    const std::string& m = request.method;
    const std::size_t n = s.size();
    auto method_not_allowed = [&] { return ApiError{405, "method_not_allowed", m + " is not allowed here", ""}; };

    if (n == 1 && s[0] == "metrics") {
        *route = "/metrics";
        if (m != "GET") {
            throw method_not_allowed();
        }
        *content_type = "text/plain; version=0.0.4";
        *text = Metrics();
        return nullptr;
    }
    if (n < 2 || s[0] != "v1") {
        throw ApiError{404, "not_found", "no route " + request.target.substr(0, request.target.find('?')), ""};
    }
    const std::string& head = s[1];
    if (n == 2 && (head == "health" || head == "ready" || head == "openapi.json")) {
        *route = "/v1/" + head;
        if (m != "GET") {
            throw method_not_allowed();
        }
        if (head == "openapi.json") {
            return OpenApiDocument();
        }
        return {{"status", head == "health" ? "ok" : "ready"}, {"events", EventIds().size()}};
    }
    if (head != "sports" && head != "events" && head != "bets" && head != "simulate" && head != "futures" &&
        head != "whatif" && head != "momentum" && head != "fantasy" && head != "stream") {
        throw ApiError{404, "not_found", "no route " + request.target.substr(0, request.target.find('?')), ""};
    }
    *route = "/v1/" + head; // a fixed set of labels: request text never becomes a metrics label
    const Principal who = Authenticate(request);
    if (const int wait = Throttle(who); wait > 0) {
        throw RateLimited{wait};
    }
    if (n == 2 && head == "stream") {
        if (m != "GET") {
            throw method_not_allowed();
        }
        throw ApiError{426, "upgrade_required", "GET /v1/stream is a WebSocket: send Upgrade: websocket", ""};
    }
    if (n == 2 && head == "simulate") {
        if (m != "POST") {
            throw method_not_allowed();
        }
        RequireRole(who, {Role::kTrader, Role::kAdmin, Role::kFantasy});
        return Simulate(ParseBody(request.body));
    }
    if (n == 3 && head == "fantasy" && (s[2] == "projections" || s[2] == "lineups")) {
        *route = "/v1/fantasy/" + s[2];
        if (m != "POST") {
            throw method_not_allowed();
        }
        RequireRole(who, {Role::kFantasy, Role::kAdmin});
        fantasy::FantasyContext context;
        context.params_dir = options_.params_dir;
        context.extra_rates_file = fantasy::DefaultExtraRatesFile();
        context.max_sims = std::min<std::uint64_t>(50'000, options_.simulate_max_sims);
        context.default_sims = std::min<std::uint64_t>(10'000, context.max_sims);
        context.threads = options_.sim_threads;
        context.backend = kernels::Backend::kCpu;
        ++simulations_;
        const json body = ParseBody(request.body);
        return RunTool(s[2] == "projections" ? fantasy::ProjectionsRequest(body, context)
                                             : fantasy::LineupsRequest(body, context));
    }
    if (n == 2 && (head == "whatif" || head == "momentum")) {
        if (m != "POST") {
            throw method_not_allowed();
        }
        if (head == "whatif") {
            RequireRole(who, {Role::kTrader, Role::kAdmin});
        } else {
            RequireRole(who, {Role::kTrader, Role::kAdmin, Role::kSportsbook, Role::kFantasy});
        }
        whatif::WhatIfContext context;
        context.params_dir = options_.params_dir;
        context.launch = {kernels::Backend::kCpu, options_.sim_threads};
        context.max_paths = options_.simulate_max_sims;
        context.max_total_paths = 10 * options_.simulate_max_sims;
        ++simulations_;
        const json body = ParseBody(request.body);
        return RunTool(head == "whatif" ? whatif::WhatIfRequest(body, context)
                                        : whatif::MomentumRequest(body, context));
    }
    if (n == 2 && head == "futures") {
        if (m != "POST") {
            throw method_not_allowed();
        }
        RequireRole(who, {Role::kSportsbook, Role::kTrader, Role::kAdmin});
        futures::FuturesContext context;
        context.params_dir = options_.params_dir;
        context.data_dir = options_.data_dir;
        context.threads = options_.sim_threads;
        context.max_seasons = options_.futures_max_seasons;
        context.backend = kernels::Backend::kCpu;
        ++simulations_;
        return RunTool(futures::FuturesRequest(ParseBody(request.body), context));
    }
    if (n == 4 && head == "sports" && s[3] == "odds") {
        *route = "/v1/sports/{sport}/odds";
        if (m != "GET") {
            throw method_not_allowed();
        }
        bool known = false;
        for (const SportInfo& sport : kSports) {
            known = known || s[2] == sport.key;
        }
        if (!known) {
            throw NotFound("sport '" + s[2] + "'");
        }
        auto markets = query.count("markets") ? query["markets"] : std::string("h2h,spreads,totals");
        auto format = query.count("oddsFormat") ? query["oddsFormat"] : std::string("decimal");
        json list = json::array();
        for (const std::string& id : EventIds()) {
            std::shared_ptr<Event> e = FindEvent(id);
            if (e->sport_key == s[2]) {
                list.push_back(OddsJson(*e, markets, format));
            }
        }
        return list;
    }
    if (n == 2 && head == "sports") {
        if (m != "GET") {
            throw method_not_allowed();
        }
        json list = json::array();
        for (const SportInfo& sport : kSports) {
            list.push_back({{"key", sport.key},
                            {"group", sport.sport},
                            {"title", sport.title},
                            {"league", sport.league},
                            {"active", true},
                            {"has_outrights", false}});
        }
        return list;
    }
    if (head == "events") {
        if (n == 2) {
            if (m == "GET") {
                json list = json::array();
                for (const std::string& id : EventIds()) {
                    std::shared_ptr<Event> e = FindEvent(id);
                    list.push_back(EventJson(*e));
                }
                return list;
            }
            if (m == "POST") {
                RequireRole(who, {Role::kTrader, Role::kAdmin});
                std::shared_ptr<Event> e = CreateEvent(ParseBody(request.body));
                *status = 201;
                return EventJson(*e);
            }
            throw method_not_allowed();
        }
        std::shared_ptr<Event> e = [&] {
            *route = "/v1/events/{id}";
            return FindEvent(s[2]);
        }();
        if (n == 3) {
            if (m != "GET") {
                throw method_not_allowed();
            }
            return EventJson(*e);
        }
        if (n == 4 && s[3] == "odds") {
            *route = "/v1/events/{id}/odds";
            if (m != "GET") {
                throw method_not_allowed();
            }
            auto markets = query.count("markets") ? query["markets"] : std::string("h2h,spreads,totals");
            auto format = query.count("oddsFormat") ? query["oddsFormat"] : std::string("decimal");
            *text = OddsText(*e, markets, format);
            return nullptr;
        }
        if (n == 4 && s[3] == "momentum") {
            *route = "/v1/events/{id}/momentum";
            if (m != "GET") {
                throw method_not_allowed();
            }
            std::lock_guard lock(e->mutex);
            return {{"id", e->id},
                    {"version", e->version},
                    {"last_update", e->last_update},
                    {"win_prob_path", e->momentum.is_null() ? json::array() : e->momentum}};
        }
        if (n == 4 && s[3] == "exposure") {
            *route = "/v1/events/{id}/exposure";
            if (m != "GET") {
                throw method_not_allowed();
            }
            RequireRole(who, {Role::kTrader, Role::kAdmin});
            return ExposureJson(*e);
        }
        if (n == 4 && s[3] == "state") {
            *route = "/v1/events/{id}/state";
            if (m != "POST") {
                throw method_not_allowed();
            }
            RequireRole(who, {Role::kTrader, Role::kAdmin});
            json updated = UpdateState(*e, ParseBody(request.body));
            if (listener_) {
                json pushed = OddsJson(*e, "h2h,spreads,totals", "decimal");
                pushed["type"] = "odds";
                listener_(e->id, pushed.dump(-1, ' ', false, json::error_handler_t::replace));
            }
            return updated;
        }
        if (n == 6 && s[3] == "markets") {
            *route = "/v1/events/{id}/markets/{market}/{action}";
            if (m != "POST") {
                throw method_not_allowed();
            }
            RequireRole(who, {Role::kTrader, Role::kAdmin});
            const std::string actor = std::string(ToString(who.role)) + ":" + who.name;
            if (!book_->Exposure(e->id, s[4]).ok()) {
                throw NotFound("market '" + s[4] + "' of event '" + e->id + "'");
            }
            if (s[5] == "suspend" || s[5] == "resume") {
                Status done = s[5] == "suspend" ? book_->Suspend(e->id, s[4], actor, "manual")
                                                : book_->Reopen(e->id, s[4], actor);
                if (!done.ok()) {
                    throw ApiError{409, "failed_precondition", done.message(), ""};
                }
                auto exposure = book_->Exposure(e->id, s[4]);
                return {{"event_id", e->id}, {"market", s[4]}, {"state", odds::risk::ToString(exposure.value().state)}};
            }
            if (s[5] == "settle") {
                const std::string winner = RequireString(ParseBody(request.body), "winner");
                auto report = book_->SettleWithWinner(e->id, s[4], winner, actor);
                if (!report.ok()) {
                    throw ApiError{409, "failed_precondition", report.status().message(), "winner"};
                }
                return {{"event_id", e->id},
                        {"market", s[4]},
                        {"winner", winner},
                        {"bets", report.value().bets},
                        {"payouts", static_cast<double>(report.value().payouts) / 100.0}};
            }
            if (s[5] == "resolve") {
                // Evidence from a data or video feed: confident evidence inside the market's window settles the
                // market with its label as winner, anything else sends it to manual review; both are audited.
                const json body = ParseBody(request.body);
                odds::risk::Evidence evidence;
                evidence.label = RequireString(body, "label");
                evidence.confidence = RequireNumber(body, "confidence");
                evidence.source = body.contains("source") ? RequireString(body, "source") : actor;
                evidence.time_ms = body.contains("time_ms") ? static_cast<std::int64_t>(RequireNumber(body, "time_ms"))
                                                            : std::chrono::duration_cast<std::chrono::milliseconds>(
                                                                  std::chrono::system_clock::now().time_since_epoch())
                                                                  .count();
                auto resolution = book_->ResolveWithEvidence(e->id, s[4], evidence, actor);
                if (!resolution.ok()) {
                    throw resolution.status().code() == StatusCode::kInvalidArgument
                        ? FromStatus(resolution.status())
                        : ApiError{409, "failed_precondition", resolution.status().message(), ""};
                }
                const odds::risk::Resolution& r = resolution.value();
                json out{{"event_id", e->id}, {"market", s[4]}, {"settled", r.settled}, {"reason", r.reason}};
                out["state"] = r.settled ? "settled" : "manual_review";
                if (r.report) {
                    out["bets"] = r.report->bets;
                    out["payouts"] = static_cast<double>(r.report->payouts) / 100.0;
                }
                return out;
            }
            throw ApiError{404, "not_found", "no market action '" + s[5] + "'", ""};
        }
        throw ApiError{404, "not_found", "no route " + request.target.substr(0, request.target.find('?')), ""};
    }
    if (head == "bets") {
        if (n == 2) {
            RequireRole(who, {Role::kSportsbook, Role::kTrader, Role::kAdmin});
            if (m == "GET") {
                auto customer = query.find("customer_id");
                if (customer == query.end() || customer->second.empty()) {
                    throw Bad("customer_id", "customer_id query parameter is required");
                }
                return ListBets(customer->second);
            }
            if (m != "POST") {
                throw method_not_allowed();
            }
            return PlaceBet(who, ParseBody(request.body), request.idempotency_key, status);
        }
        if (n == 3) {
            *route = "/v1/bets/{id}";
            if (m != "GET") {
                throw method_not_allowed();
            }
            RequireRole(who, {Role::kSportsbook, Role::kTrader, Role::kAdmin});
            std::int64_t id = 0;
            try {
                std::size_t used = 0;
                id = std::stoll(s[2], &used);
                if (used != s[2].size()) {
                    id = 0;
                }
            } catch (const std::exception&) {
                id = 0;
            }
            std::optional<odds::risk::BetRecord> bet = id > 0 ? book_->GetBet(id) : std::nullopt;
            if (!bet) {
                throw NotFound("bet '" + s[2] + "'");
            }
            return BetJson(*bet);
        }
    }
    throw ApiError{404, "not_found", "no route " + request.target.substr(0, request.target.find('?')), ""};
}

std::shared_ptr<Event> Service::CreateEvent(const json& body, const StoredEvent* restore) {
    const std::string sport = RequireString(body, "sport");
    const std::string league = RequireString(body, "league");
    auto event = std::make_shared<Event>();
    event->home_team = RequireString(body, "home_team");
    event->away_team = RequireString(body, "away_team");
    event->commence_time = body.contains("commence_time") && body["commence_time"].is_string()
                               ? body["commence_time"].get<std::string>()
                               : UtcNow();
    if (body.contains("pricing")) {
        event->pricing = RequireString(body, "pricing");
        if (event->pricing != "monte_carlo" && event->pricing != "exact") {
            throw Bad("pricing", "pricing must be monte_carlo or exact");
        }
        if (event->pricing == "exact" && sport != "soccer") {
            throw Bad("pricing", "exact pricing needs a soccer model without state effects; basketball is "
                                 "priced by Monte Carlo");
        }
    }
    GameModel game =
        LoadGame(options_.params_dir, sport, league, event->home_team, event->away_team, event->pricing == "exact");
    event->sport = sport;
    event->league = league;
    event->sport_key = game.info->key;
    if (sport == "soccer") {
        event->soccer_params = game.soccer;
        event->soccer_state = engine::SoccerKickOff();
    } else {
        event->basketball_params = game.basketball;
        event->basketball_state = engine::BasketballTipOff();
        event->player_names = std::move(game.players);
    }
    const json created{{"sport", sport},
                       {"league", league},
                       {"home_team", event->home_team},
                       {"away_team", event->away_team},
                       {"commence_time", event->commence_time},
                       {"pricing", event->pricing}};
    if (restore != nullptr) {
        // A stored event: its last accepted state and version, priced again with the same seed.
        event->id = restore->id;
        if (!restore->state.is_null()) {
            if (sport == "soccer") {
                auto state = engine::ParseSoccerState(restore->state, event->soccer_params);
                if (!state.ok()) {
                    throw FromStatus(state.status(), "state");
                }
                event->soccer_state = state.value();
            } else {
                auto state = engine::ParseBasketballState(restore->state);
                if (!state.ok()) {
                    throw FromStatus(state.status(), "state");
                }
                event->basketball_state = state.value();
            }
            event->state = restore->state;
        }
        event->version = restore->version;
    } else {
        event->id = id_prefix_ + "-" + std::to_string(next_event_.fetch_add(1));
    }
    {
        std::lock_guard update(event->update_mutex);
        event->markets =
            PriceMarkets(*event, event->soccer_state, event->basketball_state, event->version, &event->momentum);
        event->last_update = UtcNow();
        if (restore == nullptr) {
            if (Status saved = event_store_->Insert({event->id, created, nullptr, 0}); !saved.ok()) {
                throw FromStatus(saved);
            }
        }
        SyncBook(*event);
    }
    std::lock_guard lock(events_mutex_);
    events_[event->id] = event;
    event_order_.push_back(event->id);
    return event;
}

namespace {

//! Decimal prices with margin for a fair book: multiplicative first; near-certain outcomes push it past
//! probability 1, where the odds-ratio method still prices every outcome.
Result<odds::QuotedMarket> Quote(const odds::FairMarket& fair, double margin) {
    auto quote = odds::QuoteMarket(fair, margin, odds::MarginMethod::kMultiplicative);
    if (quote.ok() && !quote.value().note.empty()) {
        quote = odds::QuoteMarket(fair, margin, odds::MarginMethod::kOddsRatio);
    }
    return quote;
}

//! Public feed keys of the player prop markets and the book's stat names.
constexpr std::pair<const char*, const char*> kPlayerProps[] = {{"player_points", "player_points"},
                                                                {"player_rebounds", "player_rebounds"},
                                                                {"player_assists", "player_assists"},
                                                                {"player_threes", "player_threes"},
                                                                {"player_points_rebounds_assists", "player_pra"}};
//! Public feed keys of the momentum and next-event markets (whatif::DefaultMomentumKeys, before the ':').
constexpr const char* kMomentumKeys[] = {"next_goal",          "goal_before", "lead_change", "lead_at",
                                         "next_team_to_score", "next_score",  "largest_run", "largest_run_team"};
//! Players with fewer expected points than this get no props (deep bench).
constexpr double kPropMinPoints = 4.0;

} // namespace

void Service::AddMomentumMarkets(const Event& e, const kernels::soccer::SoccerState& soccer_state,
                                 const kernels::basketball::BasketballState& basketball_state, int version,
                                 std::vector<PricedMarket>* priced, json* momentum) const {
    // Momentum and next-event markets from the same seed and path count as the main markets (whatif/).
    engine::Game game;
    if (e.sport == "soccer") {
        game.spec = engine::SoccerGame{e.soccer_params, soccer_state};
    } else {
        game.spec = engine::BasketballGame{e.basketball_params, basketball_state, e.player_names};
    }
    game.home_name = e.home_team;
    game.away_name = e.away_team;
    whatif::RunConfig run;
    run.paths = options_.sims;
    run.seed = 7 + static_cast<std::uint64_t>(version);
    run.launch = {kernels::Backend::kCpu, options_.sim_threads};
    auto result = whatif::MomentumMarkets(game, "", run, options_.margin, odds::MarginMethod::kMultiplicative);
    if (!result.ok()) {
        spdlog::warn("event {}: momentum markets: {}", e.id, result.status().message());
        return;
    }
    for (const json& m : result.value()["markets"]) {
        if (m.value("settled", std::uint64_t{0}) == 0) {
            continue; // no path settles it (e.g. no goal left to be next)
        }
        const std::string market = m.value("market", "");
        // In the book these are event props ("prop:next_goal"), settled by naming the winner or from evidence.
        PricedMarket pm{market.substr(0, market.find(':')), "prop:" + market, {}};
        for (const json& o : m["outcomes"]) {
            auto milli = o.contains("price") && o["price"].is_number()
                             ? odds::risk::PriceFromDecimal(o["price"].get<double>())
                             : Result<odds::risk::PriceMilli>(InvalidArgument("price", "none"));
            if (milli.ok()) {
                const std::string name = o.value("name", "");
                pm.outcomes.push_back({name, name, odds::risk::ToDecimal(milli.value()), std::nullopt, ""});
            }
        }
        if (pm.outcomes.size() >= 2) {
            priced->push_back(std::move(pm));
        }
    }
    if (momentum != nullptr) {
        *momentum = result.value()["win_prob_path"];
    }
}

std::vector<PricedMarket> Service::PriceMarkets(const Event& e, const kernels::soccer::SoccerState& soccer_state,
                                                const kernels::basketball::BasketballState& basketball_state,
                                                int version, json* momentum) {
    const auto start = std::chrono::steady_clock::now();
    const bool soccer = e.sport == "soccer";
    std::optional<odds::MarketEngine> engine;
    std::array<double, 2> mean{};
    std::vector<std::array<double, 4>> player_means;
    if (e.pricing == "exact") {
        // Closed form: with no state effects the remaining goals are independent Poissons (engine/exact).
        const engine::ScoreDistribution d = engine::ExactSoccer(e.soccer_params, soccer_state);
        std::vector<std::vector<double>> rows(d.dim(), std::vector<double>(d.dim()));
        for (std::size_t h = 0; h < d.dim(); ++h) {
            for (std::size_t a = 0; a < d.dim(); ++a) {
                rows[h][a] = d.At(h, a);
            }
        }
        auto matrix = odds::ScoreMatrix::Create(std::move(rows));
        if (!matrix.ok()) {
            throw FromStatus(matrix.status());
        }
        engine.emplace(odds::MarketEngine::FromScoreMatrix(matrix.value()));
        mean = d.MeanScore();
    } else {
        engine::Simulation simulation =
            soccer ? engine::Simulation::Soccer(e.soccer_params, soccer_state)
                   : engine::Simulation::Basketball(e.basketball_params, basketball_state, e.player_names);
        simulation.WithSeed(7 + static_cast<std::uint64_t>(version))
            .WithPaths(options_.sims)
            .WithLaunch({kernels::Backend::kCpu, options_.sim_threads});
        Result<engine::SimulationResult> result = simulation.Run();
        if (!result.ok()) {
            throw FromStatus(result.status());
        }
        auto built = odds::MarketEngine::FromSimulation(result.value());
        if (!built.ok()) {
            throw FromStatus(built.status());
        }
        engine.emplace(std::move(built.value()));
        mean = result.value().MeanScore();
        for (const engine::PlayerTallies& p : result.value().basketball.players) {
            std::array<double, 4> m{};
            for (std::size_t k = 0; k < m.size(); ++k) {
                m[k] = p.stat[k].Mean();
            }
            player_means.push_back(m);
        }
    }
    // Main lines: half-point lines nearest the expected margin and total, so no bet can push.
    const double spread = -(std::floor(mean[0] - mean[1]) + 0.5);
    const double total = std::floor(mean[0] + mean[1]) + 0.5;
    std::vector<std::pair<std::string, std::string>> wanted{{"h2h", "h2h"},
                                                            {"spreads", "spreads:" + Line(spread)},
                                                            {"totals", "totals:" + Line(total < 0.5 ? 0.5 : total)}};
    // Player props before tip-off only: after it the kernel's player lines count from the state onward,
    // which is not what a prop settles on, so the props stop being offered (and are suspended in the book).
    const bool pre_game = !soccer && basketball_state.period == 1 &&
                          basketball_state.clock_seconds == engine::BasketballTipOff().clock_seconds &&
                          basketball_state.score[0] == 0 && basketball_state.score[1] == 0;
    if (pre_game) {
        for (std::size_t i = 0; i < player_means.size() && i < e.player_names.size(); ++i) {
            const auto& m = player_means[i];
            if (m[0] < kPropMinPoints) {
                continue;
            }
            const double values[] = {m[0], m[1], m[2], m[3], m[0] + m[1] + m[2]};
            for (std::size_t k = 0; k < std::size(kPlayerProps); ++k) {
                wanted.emplace_back(kPlayerProps[k].first, std::string(kPlayerProps[k].second) + ":" +
                                                               e.player_names[i] + ":" +
                                                               Line(std::floor(values[k]) + 0.5));
            }
        }
    }
    std::vector<PricedMarket> priced;
    for (const auto& [key, text] : wanted) {
        auto market = odds::ParseMarket(text);
        if (!market.ok()) {
            continue; // e.g. a player name the market grammar cannot carry
        }
        auto fair = engine->Price(market.value());
        if (!fair.ok()) {
            continue;
        }
        auto quote = Quote(fair.value(), options_.margin);
        if (!quote.ok()) {
            continue;
        }
        PricedMarket pm{key, market.value().Key(), {}};
        for (const odds::QuotedOutcome& o : quote.value().outcomes) {
            // The published price is the book's: decimal odds floored to thousandths (in the book's favour), so
            // a bet at the published price is a bet at the book's price.
            auto milli = o.decimal ? odds::risk::PriceFromDecimal(*o.decimal)
                                   : Result<odds::risk::PriceMilli>(InvalidArgument("price", "none"));
            if (!milli.ok()) {
                continue;
            }
            PricedOutcome out{o.name, o.name, odds::risk::ToDecimal(milli.value()), std::nullopt, ""};
            if (key == "h2h") {
                out.name = o.name == "home" ? e.home_team : o.name == "away" ? e.away_team : "Draw";
            } else if (key == "spreads") {
                out.name = o.name == "home" ? e.home_team : e.away_team;
                out.point = o.name == "home" ? market.value().line : -market.value().line;
            } else {
                out.name = o.name == "over" ? "Over" : "Under";
                out.point = market.value().line;
                out.description = market.value().player;
            }
            pm.outcomes.push_back(out);
        }
        if (pm.outcomes.size() >= 2) {
            priced.push_back(std::move(pm));
        }
    }
    if (options_.momentum_markets) {
        AddMomentumMarkets(e, soccer_state, basketball_state, version, &priced, momentum);
    }
    ++reprices_;
    std::lock_guard lock(metrics_mutex_);
    reprice_latency_.Observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return priced;
}

void Service::SyncBook(Event& e) {
    // Markets priced now are opened or repriced; markets of the event the new pricing no longer offers (a
    // moved line, a settled outcome) are suspended so that no bet is taken at a stale price.
    const std::string actor = "system:pricer";
    std::set<std::string> offered;
    for (const PricedMarket& pm : e.markets) {
        std::vector<odds::risk::OutcomePrice> prices;
        for (const PricedOutcome& o : pm.outcomes) {
            auto milli = odds::risk::PriceFromDecimal(o.decimal);
            if (!milli.ok()) {
                prices.clear();
                break;
            }
            prices.push_back({o.selection, milli.value()});
        }
        if (prices.empty()) {
            continue;
        }
        auto exposure = book_->Exposure(e.id, pm.market);
        Status done = Status::Ok();
        if (!exposure.ok()) {
            odds::risk::MarketSpec spec{e.id, e.sport, pm.market, prices, 0, 0};
            if (pm.market.rfind("prop:", 0) == 0) {
                // Evidence about a momentum market counts from its opening to four hours after.
                spec.window_start_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count();
                spec.window_end_ms = spec.window_start_ms + 4 * 3600 * 1000;
            }
            done = book_->AddMarket(spec, actor);
        } else if (exposure.value().state != odds::risk::MarketState::kSettled &&
                   exposure.value().outcomes.size() == prices.size()) {
            done = book_->Reprice(e.id, pm.market, prices, actor);
            // Reprice itself reopens what a key event or a stale feed suspended; the pricer reopens what it
            // suspended when it stopped offering the line; a trader's manual suspension stays.
            if (done.ok() && exposure.value().cause == odds::risk::SuspensionCause::kManual &&
                e.line_suspended.count(pm.market) != 0) {
                done = book_->Reopen(e.id, pm.market, actor);
            }
        }
        e.line_suspended.erase(pm.market);
        if (!done.ok()) {
            spdlog::warn("event {} market {}: {}", e.id, pm.market, done.message());
            continue;
        }
        offered.insert(pm.market);
    }
    for (const odds::risk::MarketExposure& x : book_->EventExposures(e.id)) {
        if (offered.count(x.key) == 0 && x.state == odds::risk::MarketState::kOpen) {
            if (book_->Suspend(e.id, x.key, actor, "line no longer offered").ok()) {
                e.line_suspended.insert(x.key);
            }
        }
    }
}

json Service::EventJson(Event& e) const {
    std::lock_guard lock(e.mutex);
    return {{"id", e.id},
            {"sport", e.sport},
            {"sport_key", e.sport_key},
            {"league", e.league},
            {"commence_time", e.commence_time},
            {"home_team", e.home_team},
            {"away_team", e.away_team},
            {"version", e.version},
            {"last_update", e.last_update},
            {"state", e.state}};
}

namespace {
//! A market key of the odds feed (the `markets` query parameter).
bool IsFeedMarketKey(const std::string& key) {
    if (key == "h2h" || key == "spreads" || key == "totals") {
        return true;
    }
    for (const auto& [feed, book] : kPlayerProps) {
        if (key == feed) {
            return true;
        }
    }
    for (const char* momentum : kMomentumKeys) {
        if (key == momentum) {
            return true;
        }
    }
    return false;
}
} // namespace

std::string Service::OddsText(Event& e, const std::string& markets, const std::string& format_text) const {
    const std::string cache_key = markets + "|" + format_text;
    {
        std::lock_guard lock(e.mutex);
        if (auto it = e.odds_cache.find(cache_key); it != e.odds_cache.end()) {
            return it->second;
        }
    }
    std::string text = OddsJson(e, markets, format_text).dump(-1, ' ', false, json::error_handler_t::replace);
    std::lock_guard lock(e.mutex);
    if (e.odds_cache.size() < 64) { // a bounded cache per version: query strings come from clients
        e.odds_cache.emplace(cache_key, text);
    }
    return text;
}

json Service::OddsJson(Event& e, const std::string& markets, const std::string& format_text) const {
    auto format = odds::ParseOddsFormat(format_text);
    if (!format.ok() ||
        (format.value() != odds::OddsFormat::kDecimal && format.value() != odds::OddsFormat::kAmerican)) {
        throw Bad("oddsFormat", "'" + format_text + "' is not decimal or american");
    }
    std::set<std::string> wanted;
    std::istringstream in(markets);
    std::string key;
    while (std::getline(in, key, ',')) {
        if (!IsFeedMarketKey(key)) {
            throw Bad("markets", "'" + key +
                                     "' is not one of h2h, spreads, totals, player_points, player_rebounds, "
                                     "player_assists, player_threes, player_points_rebounds_assists");
        }
        wanted.insert(key);
    }
    std::lock_guard lock(e.mutex);
    json list = json::array();
    for (const PricedMarket& pm : e.markets) {
        if (wanted.count(pm.key) == 0) {
            continue;
        }
        json outcomes = json::array();
        for (const PricedOutcome& o : pm.outcomes) {
            json out{{"name", o.name}, {"selection", o.selection}};
            if (!o.description.empty()) {
                out["description"] = o.description;
            }
            if (format.value() == odds::OddsFormat::kAmerican) {
                auto text = odds::FormatOdds(o.decimal, odds::OddsFormat::kAmerican);
                out["price"] = text.ok() ? std::stoi(text.value()) : 0;
            } else {
                out["price"] = std::round(o.decimal * 1000.0) / 1000.0;
            }
            if (o.point) {
                out["point"] = *o.point;
            }
            outcomes.push_back(std::move(out));
        }
        list.push_back(
            {{"key", pm.key}, {"market", pm.market}, {"last_update", e.last_update}, {"outcomes", outcomes}});
    }
    return {
        {"id", e.id},
        {"sport_key", e.sport_key},
        {"commence_time", e.commence_time},
        {"home_team", e.home_team},
        {"away_team", e.away_team},
        {"version", e.version},
        {"pricing", e.pricing},
        {"bookmakers",
         json::array({{{"key", "simbook"}, {"title", "simbook"}, {"last_update", e.last_update}, {"markets", list}}})}};
}

json Service::ListBets(const std::string& customer_id) const {
    auto bets = ledger_->ListBetsByCustomer(customer_id);
    if (!bets.ok()) {
        throw FromStatus(bets.status());
    }
    json list = json::array();
    for (const odds::risk::BetRecord& b : bets.value()) {
        // The ledger's record may be older than the book's (settlement): the book's copy wins.
        std::optional<odds::risk::BetRecord> live = book_->GetBet(b.id);
        list.push_back(BetJson(live ? *live : b));
    }
    return {{"customer_id", customer_id}, {"bets", list}};
}

json Service::ExposureJson(const Event& e) const {
    json markets = json::array();
    double worst = 0.0;
    double stakes = 0.0;
    for (const odds::risk::MarketExposure& x : book_->EventExposures(e.id)) {
        json outcomes = json::array();
        for (const odds::risk::OutcomeExposure& o : x.outcomes) {
            outcomes.push_back({{"outcome", o.name},
                                {"stakes", static_cast<double>(o.stakes) / 100.0},
                                {"potential_payout", static_cast<double>(o.potential_payout) / 100.0},
                                {"liability", static_cast<double>(o.liability) / 100.0},
                                {"base_price", odds::risk::ToDecimal(o.base_price)},
                                {"price", odds::risk::ToDecimal(o.price)}});
        }
        markets.push_back({{"market", x.key},
                           {"state", odds::risk::ToString(x.state)},
                           {"stakes", static_cast<double>(x.stakes) / 100.0},
                           {"liability", static_cast<double>(x.liability) / 100.0},
                           {"outcomes", outcomes}});
        stakes += static_cast<double>(x.stakes) / 100.0;
    }
    auto liability = book_->EventLiability(e.id);
    if (liability.ok()) {
        worst = static_cast<double>(liability.value()) / 100.0;
    }
    return {{"event_id", e.id}, {"stakes", stakes}, {"liability", worst}, {"markets", markets}};
}

json Service::UpdateState(Event& e, const json& body) {
    std::lock_guard update(e.update_mutex); // the state fields change only under this lock
    kernels::soccer::SoccerState soccer_now = e.soccer_state;
    kernels::basketball::BasketballState basketball_now = e.basketball_state;
    std::vector<odds::risk::LiveEvent> key_events;
    if (e.sport == "soccer") {
        auto parsed = engine::ParseSoccerState(body, e.soccer_params);
        if (!parsed.ok()) {
            throw FromStatus(parsed.status());
        }
        const kernels::soccer::SoccerState& now = parsed.value();
        const kernels::soccer::SoccerState& was = e.soccer_state;
        if (now.home < was.home || now.away < was.away) {
            throw ApiError{409, "out_of_order", "the score cannot go down", "home"};
        }
        if (now.minute < was.minute) {
            throw ApiError{409, "out_of_order", "the clock cannot go backwards", "minute"};
        }
        if (now.red[0] < was.red[0] || now.red[1] < was.red[1]) {
            throw ApiError{409, "out_of_order", "red cards cannot go down", "red_home"};
        }
        if (now.home != was.home || now.away != was.away) {
            key_events.push_back({"goal", -1, 0});
        }
        if (now.red[0] != was.red[0] || now.red[1] != was.red[1]) {
            key_events.push_back({"red_card", -1, 0});
        }
        soccer_now = now;
    } else {
        auto parsed = engine::ParseBasketballState(body);
        if (!parsed.ok()) {
            throw FromStatus(parsed.status());
        }
        const kernels::basketball::BasketballState& now = parsed.value();
        const kernels::basketball::BasketballState& was = e.basketball_state;
        if (now.score[0] < was.score[0] || now.score[1] < was.score[1]) {
            throw ApiError{409, "out_of_order", "the score cannot go down", "home"};
        }
        if (now.period < was.period || (now.period == was.period && now.clock_seconds > was.clock_seconds)) {
            throw ApiError{409, "out_of_order", "the clock cannot go backwards", "clock"};
        }
        if (now.score[0] != was.score[0] || now.score[1] != was.score[1]) {
            const int left = now.period >= 4 ? now.clock_seconds : -1;
            key_events.push_back({"basket", left, 0});
        }
        basketball_now = now;
    }
    // Key events (a goal, a red card, a late basket) suspend the event's open markets while it is repriced,
    // so no bet is taken at the old price; the reprice reopens them.
    const std::string actor = "system:feed";
    const std::int64_t now_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    (void)book_->OnGameState(e.id, now_ms); // the event is live: its state must now stay fresh
    for (odds::risk::LiveEvent& key : key_events) {
        key.time_ms = now_ms;
        auto suspended = book_->OnLiveEvent(e.id, key, actor);
        if (suspended.ok()) {
            key_event_suspensions_ += static_cast<std::uint64_t>(suspended.value());
        }
    }
    const int version = e.version + 1;
    json momentum;
    std::vector<PricedMarket> markets = PriceMarkets(e, soccer_now, basketball_now, version, &momentum);
    // Durable before it is acknowledged: a restarted server resumes from this state and version.
    if (Status saved = event_store_->SaveState(e.id, body, version); !saved.ok()) {
        throw FromStatus(saved);
    }
    {
        std::lock_guard lock(e.mutex);
        e.soccer_state = soccer_now;
        e.basketball_state = basketball_now;
        e.state = body;
        e.version = version;
        e.markets = std::move(markets);
        e.momentum = std::move(momentum);
        e.last_update = UtcNow();
        e.odds_cache.clear();
    }
    SyncBook(e);
    return {{"id", e.id},
            {"version", version},
            {"last_update", e.last_update},
            {"state", body},
            {"key_events", key_events.size()}};
}

json Service::PlaceBet(const Principal& who, const json& body, const std::string& header_key, int* status) {
    odds::risk::BetRequest request;
    request.idempotency_key = header_key;
    if (request.idempotency_key.empty() && body.contains("idempotency_key")) {
        request.idempotency_key = RequireString(body, "idempotency_key");
    }
    if (request.idempotency_key.empty()) {
        throw Bad("Idempotency-Key", "an Idempotency-Key header (or idempotency_key field) is required");
    }
    request.event_id = RequireString(body, "event_id");
    request.market_key = RequireString(body, "market");
    request.outcome = RequireString(body, "outcome");
    request.customer_id = body.contains("customer_id") ? RequireString(body, "customer_id") : who.name;
    const double price = RequireNumber(body, "price");
    const double stake = RequireNumber(body, "stake");
    auto milli = odds::risk::PriceFromDecimal(price, "price");
    if (!milli.ok()) {
        throw FromStatus(milli.status(), "price");
    }
    if (!(stake > 0.0 && stake <= 1e8)) {
        throw Bad("stake", "stake must be in (0, 100000000]");
    }
    request.requested_price = milli.value();
    request.stake = static_cast<odds::risk::Cents>(std::llround(stake * 100.0));
    request.actor = "customer:" + request.customer_id;
    FindEvent(request.event_id);
    auto exposure = book_->Exposure(request.event_id, request.market_key);
    if (!exposure.ok()) {
        throw NotFound("market '" + request.market_key + "' of event '" + request.event_id + "'");
    }
    auto market = odds::ParseMarket(request.market_key);
    request.line = market.ok() ? market.value().line : 0.0;
    auto response = book_->PlaceBet(request);
    if (!response.ok()) {
        throw FromStatus(response.status());
    }
    const odds::risk::BetResponse& r = response.value();
    if (r.decision == odds::risk::BetDecision::kRefused) {
        ++bets_refused_;
        throw ApiError{409, std::string(ToString(r.reason)), r.message.empty() ? "bet refused" : r.message, ""};
    }
    if (r.decision == odds::risk::BetDecision::kAccepted) {
        ++bets_accepted_;
        *status = 201;
    }
    json bet = BetJson(r.bet);
    bet["duplicate"] = r.decision == odds::risk::BetDecision::kDuplicate;
    return bet;
}

int Service::Throttle(const Principal& who) {
    const double rate = options_.rate_limit;
    if (rate <= 0.0) {
        return 0;
    }
    const double burst = options_.rate_burst > 0.0 ? options_.rate_burst : std::max(1.0, 2.0 * rate);
    const auto now = std::chrono::steady_clock::now();
    std::string id(ToString(who.role));
    id += ":";
    id += who.name;
    std::lock_guard lock(buckets_mutex_);
    auto [it, fresh] = buckets_.try_emplace(id, Bucket{burst, now});
    Bucket& bucket = it->second;
    if (!fresh) {
        const double elapsed = std::chrono::duration<double>(now - bucket.at).count();
        bucket.tokens = std::min(burst, bucket.tokens + elapsed * rate);
        bucket.at = now;
    }
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return 0;
    }
    return std::max(1, static_cast<int>(std::ceil((1.0 - bucket.tokens) / rate)));
}

json Service::RunTool(const Result<json>& result) {
    if (!result.ok()) {
        const Status status = result.status();
        const std::string message = status.message();
        // Lower layers name the field first: "fixtures[1].away: unknown team 'Spurs'".
        const std::size_t colon = message.find(':');
        const std::string field =
            colon == std::string::npos || message.find(' ') < colon ? "" : message.substr(0, colon);
        throw FromStatus(status, field);
    }
    return result.value();
}

json Service::Simulate(const json& body) {
    const std::string sport = RequireString(body, "sport");
    const std::string league = RequireString(body, "league");
    const std::string home = RequireString(body, "home_team");
    const std::string away = RequireString(body, "away_team");
    std::uint64_t sims = 20'000;
    if (auto it = body.find("sims"); it != body.end()) {
        if (!it->is_number_integer() || it->get<std::int64_t>() < 1 ||
            it->get<std::uint64_t>() > options_.simulate_max_sims) {
            throw Bad("sims", "sims must be an integer in [1, " + std::to_string(options_.simulate_max_sims) + "]");
        }
        sims = it->get<std::uint64_t>();
    }
    std::uint64_t seed = 1;
    if (auto it = body.find("seed"); it != body.end()) {
        if (!it->is_number_integer() || it->get<std::int64_t>() < 0) {
            throw Bad("seed", "seed must be a non-negative integer");
        }
        seed = it->get<std::uint64_t>();
    }
    const json* state = nullptr;
    if (auto it = body.find("state"); it != body.end() && !it->is_null()) {
        if (!it->is_object()) {
            throw Bad("state", "state must be an object");
        }
        state = &*it;
    }
    GameModel game = LoadGame(options_.params_dir, sport, league, home, away);
    std::optional<engine::Simulation> simulation;
    if (sport == "soccer") {
        kernels::soccer::SoccerState start = engine::SoccerKickOff();
        if (state != nullptr) {
            auto parsed = engine::ParseSoccerState(*state, game.soccer);
            if (!parsed.ok()) {
                throw FromStatus(parsed.status(), "state");
            }
            start = parsed.value();
        }
        simulation.emplace(engine::Simulation::Soccer(game.soccer, start));
    } else {
        kernels::basketball::BasketballState start = engine::BasketballTipOff();
        if (state != nullptr) {
            auto parsed = engine::ParseBasketballState(*state);
            if (!parsed.ok()) {
                throw FromStatus(parsed.status(), "state");
            }
            start = parsed.value();
        }
        simulation.emplace(engine::Simulation::Basketball(game.basketball, start, game.players));
    }
    // The time limit is checked between batches of 16,384 paths: a run past it stops there and answers 504.
    struct DeadlineExceeded {};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(options_.simulate_seconds);
    simulation->WithSeed(seed)
        .WithPaths(sims)
        .WithBatchSize(1 << 14)
        .WithLaunch({kernels::Backend::kCpu, options_.sim_threads})
        .WithProgress([deadline](std::uint64_t done, std::uint64_t planned) {
            if (done < planned && std::chrono::steady_clock::now() > deadline) {
                throw DeadlineExceeded{};
            }
        });
    std::optional<Result<engine::SimulationResult>> run;
    try {
        run.emplace(simulation->Run());
    } catch (const DeadlineExceeded&) {
        char message[128];
        std::snprintf(message, sizeof(message), "the simulation ran past the %.3g s limit; ask for fewer sims",
                      options_.simulate_seconds);
        throw ApiError{504, "deadline_exceeded", message, "sims"};
    }
    Result<engine::SimulationResult>& result = *run;
    if (!result.ok()) {
        throw FromStatus(result.status());
    }
    ++simulations_;
    json out = engine::ToJson(result.value());
    out["sport"] = sport;
    out["league"] = league;
    out["home_team"] = home;
    out["away_team"] = away;
    return out;
}

namespace {
//! Prometheus text lines of one histogram: cumulative buckets, +Inf, sum and count.
void AppendHistogram(std::string* out, const std::string& name, const std::string& labels, const LatencyHistogram& h) {
    std::uint64_t cumulative = 0;
    char bound[32];
    for (std::size_t i = 0; i <= LatencyHistogram::kBounds.size(); ++i) {
        cumulative += h.counts[i];
        if (i < LatencyHistogram::kBounds.size()) {
            std::snprintf(bound, sizeof(bound), "%g", LatencyHistogram::kBounds[i]);
        } else {
            std::snprintf(bound, sizeof(bound), "+Inf");
        }
        out->append(name).append("_bucket{").append(labels).append("le=\"").append(bound).append("\"} ");
        out->append(std::to_string(cumulative)).append("\n");
    }
    const std::string tail = labels.empty() ? "" : "{" + labels.substr(0, labels.size() - 1) + "}";
    char sum[64];
    std::snprintf(sum, sizeof(sum), "%.9g", h.sum);
    out->append(name).append("_sum").append(tail).append(" ").append(sum).append("\n");
    out->append(name).append("_count").append(tail).append(" ").append(std::to_string(h.count)).append("\n");
}
} // namespace

std::string Service::Metrics() const {
    std::string out = "# HELP simbook_http_requests_total HTTP requests by method, route and status.\n"
                      "# TYPE simbook_http_requests_total counter\n";
    {
        std::lock_guard lock(metrics_mutex_);
        for (const auto& [key, count] : request_counts_) {
            const std::size_t a = key.find('|');
            const std::size_t b = key.rfind('|');
            out += "simbook_http_requests_total{method=\"";
            out += key.substr(0, a);
            out += "\",route=\"";
            out += key.substr(a + 1, b - a - 1);
            out += "\",status=\"";
            out += key.substr(b + 1);
            out += "\"} ";
            out += std::to_string(count);
            out += "\n";
        }
    }
    out += "# TYPE simbook_reprices_total counter\nsimbook_reprices_total " + std::to_string(reprices_.load()) + "\n";
    out += "# TYPE simbook_bets_accepted_total counter\nsimbook_bets_accepted_total " +
           std::to_string(bets_accepted_.load()) + "\n";
    out += "# TYPE simbook_bets_refused_total counter\nsimbook_bets_refused_total " +
           std::to_string(bets_refused_.load()) + "\n";
    out += "# TYPE simbook_simulations_total counter\nsimbook_simulations_total ";
    out += std::to_string(simulations_.load());
    out += "\n# TYPE simbook_key_event_suspensions_total counter\nsimbook_key_event_suspensions_total ";
    out += std::to_string(key_event_suspensions_.load());
    out += "\n";
    std::lock_guard lock(metrics_mutex_);
    out += "# HELP simbook_http_request_duration_seconds Time to answer a request, by route.\n"
           "# TYPE simbook_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        AppendHistogram(&out, "simbook_http_request_duration_seconds", "route=\"" + route + "\",", h);
    }
    out += "# HELP simbook_reprice_duration_seconds Time to price an event's markets (simulation included).\n"
           "# TYPE simbook_reprice_duration_seconds histogram\n";
    AppendHistogram(&out, "simbook_reprice_duration_seconds", "", reprice_latency_);
    return out;
}

} // namespace simbook::api
