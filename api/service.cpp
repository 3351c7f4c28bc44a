#include "api/service.hpp"

#include "api/event_lifecycle.hpp"
#include "api/openapi.hpp"
#include "api/routes.hpp"
#include "api/service_context.hpp"
#include "engine/simulation.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <random>

namespace simbook::api {
namespace {

using nlohmann::json;

Principal Authenticate(const ServiceContext& ctx, const ApiRequest& request) {
    if (request.api_key.empty()) {
        throw MakeError(StatusCode::kUnauthenticated, "an API key is required (X-API-Key header)");
    }
    std::optional<Principal> who = ctx.keys.Find(request.api_key);
    if (!who) {
        throw MakeError(StatusCode::kUnauthenticated, "unknown API key");
    }
    return *who;
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
    auto ledger = odds::risk::SqliteLedger::Open(ctx.options.store);
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
        try {
            AddEvent(ctx, {"soccer", "premier-league", "Arsenal", "Chelsea", "2026-12-26T15:00:00Z"});
            AddEvent(ctx, {"basketball", "nba", "BOS", "DAL", "2026-12-25T20:00:00Z"});
        } catch (const ApiError& e) {
            return Status(StatusCode::kInvalidArgument, "demo events: " + e.message);
        }
    }
    return Status::Ok();
}

} // namespace

Service::Service(std::unique_ptr<ServiceContext> context, std::string id_prefix)
    : context_(std::move(context)), id_prefix_(std::move(id_prefix)) {}

Service::~Service() = default;

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

std::optional<Principal> Service::FindKey(const std::string& api_key) const {
    return context_->keys.Find(api_key);
}

void Service::OnOddsUpdate(std::function<void(const std::string&, const std::string&)> listener) {
    context_->odds_listener = std::move(listener);
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
    if (!route->roles.empty()) {
        call.who = Authenticate(*context_, request);
        if (const int wait = context_->limiter.Take(std::string(ToString(call.who.role)) + ":" + call.who.name);
            wait > 0) {
            ApiError error =
                MakeError(StatusCode::kResourceExhausted, "too many requests for this API key; retry later");
            error.reason = "rate_limited";
            error.headers.emplace_back("Retry-After", std::to_string(wait));
            throw error;
        }
        RequireRole(call.who, route->roles);
    }
    call.params = std::move(match->params);
    RouteReply reply = route->handler(*context_, call);
    ApiResponse response;
    response.status = reply.status;
    response.content_type = reply.content_type;
    response.body =
        reply.text.empty() ? reply.body.dump(-1, ' ', false, json::error_handler_t::replace) : std::move(reply.text);
    return response;
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
