// System routes: metrics, liveness, readiness, the OpenAPI document and the stream's plain-HTTP answer.
#include "api/errors.hpp"
#include "api/event_listener.hpp"
#include "api/handlers.hpp"
#include "api/openapi.hpp"
#include "api/service_context.hpp"

namespace simbook::api {

RouteReply GetMetrics(ServiceContext& ctx, const RouteCall&) {
    RouteReply reply;
    reply.content_type = "text/plain; version=0.0.4";
    reply.text = ctx.metrics.Text();
    return reply;
}

RouteReply GetHealth(ServiceContext& ctx, const RouteCall&) {
    return nlohmann::json{{"status", "ok"}, {"events", ctx.events.Ids().size()}};
}

RouteReply GetReady(ServiceContext& ctx, const RouteCall&) {
    // A load balancer sends traffic only to nodes whose store answers (a PostgreSQL node that lost its
    // database answers 503 here until it is back).
    if (!ctx.store->Reachable()) {
        throw MakeError(StatusCode::kUnavailable, "the store is unreachable");
    }
    if (ctx.listener != nullptr && !ctx.listener->Connected()) {
        // Its odds would go stale: other nodes' updates reach it through this connection.
        throw MakeError(StatusCode::kUnavailable, "not listening for other nodes' updates (reconnecting)");
    }
    return nlohmann::json{{"status", "ready"}, {"events", ctx.events.Ids().size()}};
}

RouteReply GetOpenApi(ServiceContext&, const RouteCall&) {
    return OpenApiDocument();
}

RouteReply GetStream(ServiceContext&, const RouteCall&) {
    // The server upgrades GET /v1/stream with Upgrade: websocket before routing; anything else lands here.
    ApiError error =
        MakeError(StatusCode::kFailedPrecondition, "GET /v1/stream is a WebSocket: send Upgrade: websocket");
    error.reason = "upgrade_required";
    error.http_override = 426;
    throw error;
}

} // namespace simbook::api
