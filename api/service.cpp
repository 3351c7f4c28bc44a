#include "api/service.hpp"

#include "api/event_lifecycle.hpp"
#include "api/event_listener.hpp"
#include "api/odds_api_v4.hpp"
#include "api/openapi.hpp"
#include "api/routes.hpp"
#include "api/service_context.hpp"
#include "api/static_assets.hpp"
#include "engine/simulation.hpp"
#include "kernels/core/run_deadline.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <random>

namespace simbook::api {
namespace {

using nlohmann::json;

//! Takes one request from the client's bucket: 429 with Retry-After when it is empty.
void Throttle(ServiceContext& ctx, const std::string& client, const char* who) {
    if (const int wait = ctx.limiter.Take(client); wait > 0) {
        ApiError error =
            MakeError(StatusCode::kResourceExhausted, std::string("too many requests ") + who + "; retry later");
        error.reason = "rate_limited";
        error.headers.emplace_back("Retry-After", std::to_string(wait));
        throw error;
    }
}

void RequireRole(const Principal& who, const std::vector<Role>& allowed) {
    for (Role r : allowed) {
        if (who.role == r) {
            return;
        }
    }
    std::string message = "role ";
    message += ToString(who.role);
    message += " may not do this";
    throw MakeError(StatusCode::kPermissionDenied, message);
}

//! The rate limiter's client of a key's owner.
std::string ClientOf(const Principal& who) {
    return std::string(ToString(who.role)) + ":" + who.name;
}

Status CheckOptions(const ServiceOptions& options) {
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
    return Status::Ok();
}

//! Opens the book, its ledger and the event store, and restores the stored events (or creates the demo ones).
Status Open(ServiceContext& ctx) {
    auto ledger = odds::risk::OpenLedger(ctx.options.store); // SQLite file, or PostgreSQL by its URI
    if (!ledger.ok()) {
        return InvalidArgument("--store", ledger.status().message());
    }
    ctx.ledger = std::move(ledger.value());
    auto book = odds::risk::RiskBook::Open(*ctx.ledger);
    if (!book.ok()) {
        return InvalidArgument("--store", book.status().message());
    }
    ctx.book = std::move(book.value());
    auto store = EventStore::Open(ctx.options.store);
    if (!store.ok()) {
        return InvalidArgument("--store", store.status().message());
    }
    ctx.store = std::move(store.value());
    auto stored = ctx.store->Load();
    if (!stored.ok()) {
        return InvalidArgument("--store", stored.status().message());
    }
    for (const StoredEvent& e : stored.value()) {
        try {
            AddEvent(ctx, CreateEventRequest::Read(FieldReader(e.created)), &e);
        } catch (const ApiError& error) {
            return Status(StatusCode::kInvalidArgument, "--store: stored event " + e.id + ": " + error.message);
        }
    }
    if (ctx.options.demo_events && stored.value().empty()) {
        // Nodes starting together on an empty shared store: one of them adds the demo events, the others follow it.
        auto claimed = ctx.store->ClaimOnce("demo_events");
        if (!claimed.ok()) {
            return InvalidArgument("--store", claimed.status().message());
        }
        if (!claimed.value()) {
            return Status::Ok();
        }
        try {
            AddEvent(ctx, {"soccer", "premier-league", "Arsenal", "Chelsea", "2026-12-26T15:00:00Z"});
            AddEvent(ctx, {"basketball", "nba", "BOS", "DAL", "2026-12-25T20:00:00Z"});
            AddEvent(ctx, {"baseball", "mlb", "NYA", "BOS", "2027-04-01T17:05:00Z"});
            AddEvent(ctx, {"football", "nfl", "Patriots", "Chiefs", "2027-09-12T17:00:00Z"});
        } catch (const ApiError& e) {
            return Status(StatusCode::kInvalidArgument, "demo events: " + e.message);
        }
    }
    return Status::Ok();
}

//! Whether a failure leaves a notice unapplied for want of an answer from the store (the listener then catches up).
bool Answered(const Status& status, const std::string& what) {
    if (!status.ok()) {
        spdlog::warn("event listener: {}: {}", what, status.message());
    }
    return status.code() != StatusCode::kUnavailable;
}

//! The book's exposures on the event become those of every node's bets (the shared ledger's totals).
bool FollowBets(ServiceContext& ctx, const std::string& id) {
    return Answered(ctx.book->FollowSharedExposure(id), "bets on event " + id);
}

//! The book's markets of the event take their stored states (another node's trader suspended, resumed or settled
//! one) and its exposure every node's bets.
bool FollowMarkets(ServiceContext& ctx, const std::string& id) {
    return Answered(ctx.book->FollowSharedMarkets(id), "markets of event " + id);
}

//! Makes an event's committed version this node's: a newer version is published as the node that took it priced it
//! (read with its priced markets); an event another
//! node created is added (with its stored state, if any), its book following every node's bets on it. An event
//! this node is creating now is left to its creator.
bool Follow(ServiceContext& ctx, const StoredEvent& stored) {
    if (!ctx.events.Known(stored.id)) {
        // Its markets as stored first (a market the other node suspended or settled stays so), then priced here.
        if (Status markets = ctx.book->FollowSharedMarkets(stored.id); !markets.ok()) {
            return Answered(markets, "markets of event " + stored.id);
        }
        AddEvent(ctx, CreateEventRequest::Read(FieldReader(stored.created)), &stored);
        return true;
    }
    std::shared_ptr<Event> e;
    try {
        e = ctx.events.Find(stored.id);
    } catch (const ApiError&) {
        return true; // being created here
    }
    if (stored.priced.is_null() && !stored.state.is_null()) {
        int known = 0;
        {
            std::lock_guard lock(e->mutex);
            known = e->version;
        }
        if (stored.version > known) {
            // A catch-up lists the events without their priced markets: the version read on its own with them, so
            // that it is published as the node that took it priced it, not priced again here.
            auto full = ctx.store->LoadEvent(stored.id);
            if (!full.ok()) {
                return Answered(full.status(), "event " + stored.id);
            }
            ApplyCommitted(ctx, *e, full.value(), PushOdds(ctx));
            return true;
        }
    }
    ApplyCommitted(ctx, *e, stored, PushOdds(ctx));
    return true;
}

//! A notice from the listener: an event's new version or creation, bets or market states on an event, or (after a
//! (re)connection) everything: every event's latest version, its markets' states and its bets. False when the store
//! did not answer.
bool OnStoreNotified(ServiceContext& ctx, const StoreNotice& notice) {
    const std::string& id = notice.id;
    try {
        switch (notice.kind) {
        case StoreNotice::Kind::kCatchUp: {
            auto all = ctx.store->Load();
            if (!all.ok()) {
                return Answered(all.status(), "catching up");
            }
            bool answered = true;
            for (const StoredEvent& stored : all.value()) {
                answered = Follow(ctx, stored) && FollowMarkets(ctx, stored.id) && answered;
            }
            return answered;
        }
        case StoreNotice::Kind::kBets:
            return FollowBets(ctx, id);
        case StoreNotice::Kind::kMarkets:
            // An event this node does not have (yet) takes its markets as stored when it is added.
            return !ctx.events.Known(id) || FollowMarkets(ctx, id);
        case StoreNotice::Kind::kEvent:
            break;
        }
        auto stored = ctx.store->LoadEvent(id);
        if (!stored.ok()) {
            return Answered(stored.status(), "event " + id); // NotFound: another schema's event, nothing to do
        }
        return Follow(ctx, stored.value());
    } catch (const ApiError& error) {
        spdlog::warn("event listener: event {}: {}", id, error.message);
    } catch (const std::exception& error) {
        spdlog::warn("event listener: event {}: {}", id, error.what());
    }
    return true; // not for want of an answer: catching up would not help
}

} // namespace

Status SetComputeBudget(std::string_view spec, ServiceOptions* options) {
    const std::size_t eq = spec.find('=');
    const std::size_t slash = spec.find('/', eq == std::string_view::npos ? 0 : eq);
    const auto refuse = [&](const std::string& why) {
        return InvalidArgument("--compute-budget", "'" + std::string(spec.substr(0, 64)) + "': " + why);
    };
    if (eq == std::string_view::npos || slash == std::string_view::npos) {
        return refuse("expected ROLE=PATHS/SECONDS, e.g. fantasy=100000/2");
    }
    auto role = ParseRole(spec.substr(0, eq));
    if (!role.ok()) {
        return refuse(role.status().message());
    }
    const std::string paths_text(spec.substr(eq + 1, slash - eq - 1));
    const std::string seconds_text(spec.substr(slash + 1));
    std::uint64_t paths = 0;
    double seconds = 0.0;
    const auto [paths_end, paths_error] =
        std::from_chars(paths_text.data(), paths_text.data() + paths_text.size(), paths);
    const auto [seconds_end, seconds_error] =
        std::from_chars(seconds_text.data(), seconds_text.data() + seconds_text.size(), seconds);
    if (paths_error != std::errc() || paths_end != paths_text.data() + paths_text.size() || paths == 0 ||
        paths > engine::kMaxSims) {
        return refuse("PATHS must be a whole number in [1, " + std::to_string(engine::kMaxSims) + "]");
    }
    if (seconds_error != std::errc() || seconds_end != seconds_text.data() + seconds_text.size() ||
        !(seconds > 0.0 && seconds <= 3600.0)) {
        return refuse("SECONDS must be a number in (0, 3600]");
    }
    options->compute_budgets.at(static_cast<std::size_t>(role.value())) = {paths, seconds};
    return Status::Ok();
}

Service::Service(std::unique_ptr<ServiceContext> context, std::string id_prefix)
    : context_(std::move(context)), id_prefix_(std::move(id_prefix)) {}

Service::~Service() {
    StopListening();
}

Result<std::unique_ptr<Service>> Service::Create(ServiceOptions options, KeyStore keys) {
    if (Status checked = CheckOptions(options); !checked.ok()) {
        return checked;
    }
    // A route without a documented operation (or the reverse) is a bug: refuse to start rather than serve it.
    if (auto document = BuildOpenApiDocument(RouteTable(), OpenApiOperations()); !document.ok()) {
        return document.status();
    }
    std::random_device device;
    char prefix[16];
    std::snprintf(prefix, sizeof(prefix), "%06x", static_cast<unsigned>(device() & 0xffffffU));
    auto context = std::make_unique<ServiceContext>(std::move(options), std::move(keys), prefix);
    if (Status opened = Open(*context); !opened.ok()) {
        return opened;
    }
    return std::unique_ptr<Service>(new Service(std::move(context), prefix));
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
    response.status = error.Http();
    response.body = ErrorBody(error, response.request_id);
    response.headers = error.headers;
    return response;
}

void Service::Count(const std::string& method, const std::string& route, int status, double seconds) {
    context_->metrics.CountRequest(method, route, status, seconds);
}

std::vector<std::string> Service::EventIds() const {
    return context_->events.Ids();
}

std::optional<Role> Service::RoleOf(const std::string& api_key) const {
    if (std::optional<Principal> who = context_->keys.Find(api_key)) {
        return who->role;
    }
    return std::nullopt;
}

Principal Service::Authorize(const ApiRequest& request) {
    std::optional<Principal> who;
    if (!request.api_key.empty()) {
        who = context_->keys.Find(request.api_key);
    }
    if (!who) {
        // Failed keys share their address's bucket: a client guessing keys is throttled like one using a key.
        Throttle(*context_, "address:" + request.peer, "without a valid API key from this address");
        throw MakeError(StatusCode::kUnauthenticated,
                        request.api_key.empty() ? "an API key is required (X-API-Key header)" : "unknown API key");
    }
    Throttle(*context_, ClientOf(*who), "for this API key");
    return *who;
}

void Service::OnOddsUpdate(std::function<void(const std::string&, const std::string&)> listener) {
    context_->odds_listener = std::move(listener);
}

void Service::Listen() {
    if (listener_ != nullptr || !odds::risk::IsPostgresUri(context_->options.store)) {
        return;
    }
    ServiceContext* ctx = context_.get();
    listener_ = std::make_unique<EventListener>(
        context_->options.store, [ctx](const StoreNotice& notice) { return OnStoreNotified(*ctx, notice); });
    context_->listener = listener_.get();
}

void Service::StopListening() {
    if (listener_ != nullptr) {
        listener_->Stop();
    }
}

const Metrics& Service::GetMetrics() const {
    return context_->metrics;
}

Serving Service::ServingOf(const ApiRequest& request) const {
    // The path only: this runs outside the catch point, and the query is the handler's business.
    auto match = MatchPath(RouteTable(), request.target.substr(0, request.target.find('?')));
    const Route* route = match ? match->ForMethod(request.method) : nullptr;
    return route != nullptr ? route->serving : Serving::kIoThread;
}

ApiResponse Service::Dispatch(const ApiRequest& request, std::string* label) {
    RouteCall call{request, {}, {}, {}};
    const std::string path = SplitTarget(request.target, &call.query);
    std::optional<PathMatch> match = MatchPath(RouteTable(), path);
    if (!match) {
        // The dashboard's files: outside the API's route table and its OpenAPI document, no key needed.
        if (request.method == "GET" || request.method == "HEAD") {
            if (std::optional<ApiResponse> file = ServeWebFile(path, request.if_none_match)) {
                *label = "web";
                return std::move(*file);
            }
        }
        throw MakeError(StatusCode::kNotFound, "no route " + path);
    }
    *label = std::string(match->pattern); // a fixed set of labels: request text never becomes a metrics label
    const Route* route = match->ForMethod(request.method);
    if (route == nullptr) {
        // RFC 9110: a 405 lists the methods the route allows.
        ApiError error = MakeError(StatusCode::kUnimplemented, request.method + " is not allowed here");
        error.reason = "method_not_allowed";
        error.http_override = 405;
        error.headers.emplace_back("Allow", match->Allow());
        throw error;
    }
    call.params = std::move(match->params);
    if (route->dialect == Dialect::kOddsApiV4) {
        return RunOddsApiV4(*route, call);
    }
    return Run(*route, call);
}

ApiResponse Service::Run(const Route& route, RouteCall& call) {
    if (!route.roles.empty()) {
        call.who = Authorize(call.request);
        RequireRole(call.who, route.roles);
    }
    // A client's batch request runs within its role's time budget: every path run it starts stops at the first
    // batch boundary past it (504).
    std::optional<kernels::ScopedRunDeadline> deadline;
    if (route.serving == Serving::kComputePool && !route.roles.empty()) {
        if (const double seconds = context_->Budget(call.who.role).seconds; seconds > 0.0) {
            deadline.emplace(seconds);
        }
    }
    RouteReply reply = route.handler(*context_, call);
    ApiResponse response;
    response.status = reply.status;
    response.content_type = reply.content_type;
    response.headers = std::move(reply.headers);
    response.body =
        reply.text.empty() ? reply.body.dump(-1, ' ', false, json::error_handler_t::replace) : std::move(reply.text);
    return response;
}

ApiResponse Service::RunOddsApiV4(const Route& route, RouteCall& call) {
    // v4's key is the apiKey parameter; X-API-Key counts only without one.
    ApiRequest keyed = call.request;
    if (call.query.count("apiKey") != 0) {
        keyed.api_key = call.Query("apiKey", "");
    }
    RouteCall v4_call{keyed, call.who, std::move(call.params), std::move(call.query)};
    try {
        ApiResponse response = Run(route, v4_call);
        AddV4QuotaHeaders(context_->limiter.UsageOf(ClientOf(v4_call.who)), &response.headers);
        return response;
    } catch (const ApiError& error) {
        return V4ErrorResponse(error, !keyed.api_key.empty());
    }
}

ApiResponse Service::Handle(const ApiRequest& request) {
    const auto start = std::chrono::steady_clock::now();
    std::string route = "unmatched";
    ApiResponse response;
    const std::string request_id = NextRequestId();
    // The one catch point: expected failures arrive as ApiError, anything else is a 500 with the request id.
    try {
        response = Dispatch(request, &route);
        response.request_id = request_id;
    } catch (const ApiError& e) {
        response = ErrorResponse(e, request_id);
    } catch (const std::exception& e) {
        spdlog::error("{} {} {}: {}", request_id, request.method, request.target, e.what());
        response = ErrorResponse(MakeError(StatusCode::kInternal, "internal error"), request_id);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Count(request.method, route, response.status, seconds);
    if (context_->options.log_requests) {
        spdlog::info(json{{"request_id", response.request_id},
                          {"method", request.method},
                          {"route", route},
                          {"status", response.status},
                          {"ms", std::round(seconds * 1e6) / 1e3}}
                         .dump(-1, ' ', false, json::error_handler_t::replace));
    }
    return response;
}

} // namespace simbook::api
