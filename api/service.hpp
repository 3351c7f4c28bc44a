//! Service: the API's routes behind one catch point (requests in, JSON responses out, no I/O). Routes come
//! from the route table (routes.hpp), their handlers from one file per resource; the service authenticates,
//! throttles, checks roles, counts every answer and turns every error into the one error shape.
#pragma once

#include "api/auth.hpp"
#include "api/errors.hpp"
#include "api/routes.hpp"
#include "api/service_types.hpp"
#include "kernels/core/result.hpp"

#include <nlohmann/json.hpp> // bodies are JSON: includers parse them

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace simbook::api {

struct ServiceContext;
class EventListener;
class Metrics;

//! Sets one role's compute budget from "ROLE=PATHS/SECONDS" (e.g. "fantasy=100000/2"); InvalidArgument naming
//! --compute-budget otherwise, with the options unchanged.
Status SetComputeBudget(std::string_view spec, ServiceOptions* options);

//! The routes. Thread-safe.
class Service {
public:
    //! Opens the store and the risk book, and creates the demo events when asked.
    static Result<std::unique_ptr<Service>> Create(ServiceOptions options, KeyStore keys);
    ~Service();
    //! Answers one request; never throws. Errors use {error: {code, status, message, field?, request_id}}.
    ApiResponse Handle(const ApiRequest& request);
    //! An error response in the API's shape, for failures outside Handle (oversized body, bad HTTP).
    ApiResponse ErrorResponse(const ApiError& error, const std::string& request_id = "");
    //! Counts a response in the metrics (Handle does this itself).
    //! seconds >= 0 is also observed in the route's latency histogram.
    void Count(const std::string& method, const std::string& route, int status, double seconds = -1.0);
    //! Where the server answers the request: its route's Serving (an unknown route: on the I/O thread).
    Serving ServingOf(const ApiRequest& request) const;
    //! The events, by id order.
    std::vector<std::string> EventIds() const;
    //! The owner of the request's API key, throttled per key by the rate limit; throws ApiError: 401 for a
    //! missing or unknown key, 429 (Retry-After) past the rate. Requests without a valid key are throttled per
    //! client address at the same rate, so guessing keys answers 429 too.
    Principal Authorize(const ApiRequest& request);
    //! The role of an API key, or nothing for an unknown one (no throttling: for scheduling only).
    std::optional<Role> RoleOf(const std::string& api_key) const;
    //! Called with (event id, odds JSON text) after every accepted state update; set before serving.
    void OnOddsUpdate(std::function<void(const std::string&, const std::string&)> listener);
    //! On a shared store (PostgreSQL), follows the versions other nodes commit: each newer one is priced here
    //! once and published to this node's subscribers (LISTEN on its own connection). Call once, after
    //! OnOddsUpdate and before serving; nothing on an embedded store.
    void Listen();
    //! Stops following the store (before the odds listener's target goes away); idempotent.
    void StopListening();
    //! The service's metrics (benchmarks read the live updates' phase traces from them).
    const Metrics& GetMetrics() const;

private:
    Service(std::unique_ptr<ServiceContext> context, std::string id_prefix);
    //! Matches the route, authenticates, throttles, checks the role and runs the handler; *route receives the
    //! metrics label (the route's pattern).
    ApiResponse Dispatch(const ApiRequest& request, std::string* route);
    //! Authenticates, checks the role and runs a matched route's handler within its compute budget.
    ApiResponse Run(const Route& route, RouteCall& call);
    //! Runs a route of the public odds API's v4 dialect: the key from ?apiKey= (else the headers), its quota
    //! headers on the answer, and its error shape for every failure.
    ApiResponse RunOddsApiV4(const Route& route, RouteCall& call);
    std::string NextRequestId();

    std::unique_ptr<ServiceContext> context_;
    std::unique_ptr<EventListener> listener_; // after context_: stopped before the context goes
    std::string id_prefix_;
    std::atomic<std::uint64_t> next_request_{1};
};

} // namespace simbook::api
