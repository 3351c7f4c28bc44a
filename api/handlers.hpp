//! The route handlers, by resource (one file each: system_handlers.cpp, sports_handlers.cpp,
//! events_handlers.cpp, markets_handlers.cpp, bets_handlers.cpp, simulate_handlers.cpp, whatif_handlers.cpp,
//! futures_handlers.cpp, fantasy_handlers.cpp). Each throws ApiError on an expected failure; the route table
//! (routes.cpp) names them.
#pragma once

#include "api/errors.hpp"
#include "api/request_reader.hpp"
#include "api/routes.hpp"
#include "api/service_context.hpp"

namespace simbook::api {

// System: no key needed but for the stream.
RouteReply GetMetrics(ServiceContext& ctx, const RouteCall& call);
RouteReply GetHealth(ServiceContext& ctx, const RouteCall& call);
RouteReply GetReady(ServiceContext& ctx, const RouteCall& call);
RouteReply GetOpenApi(ServiceContext& ctx, const RouteCall& call);
RouteReply GetStream(ServiceContext& ctx, const RouteCall& call); //!< without a WebSocket upgrade: 426

// Sports.
RouteReply ListSports(ServiceContext& ctx, const RouteCall& call);
RouteReply GetSportOdds(ServiceContext& ctx, const RouteCall& call);

// Events.
RouteReply ListEvents(ServiceContext& ctx, const RouteCall& call);
RouteReply CreateEvent(ServiceContext& ctx, const RouteCall& call);
RouteReply GetEvent(ServiceContext& ctx, const RouteCall& call);
RouteReply GetEventOdds(ServiceContext& ctx, const RouteCall& call);
RouteReply GetEventMomentum(ServiceContext& ctx, const RouteCall& call);
RouteReply GetEventExposure(ServiceContext& ctx, const RouteCall& call);
RouteReply PostEventState(ServiceContext& ctx, const RouteCall& call);

// An event's markets in the book.
RouteReply SuspendMarket(ServiceContext& ctx, const RouteCall& call);
RouteReply ResumeMarket(ServiceContext& ctx, const RouteCall& call);
RouteReply SettleMarket(ServiceContext& ctx, const RouteCall& call);
RouteReply ResolveMarket(ServiceContext& ctx, const RouteCall& call);

// Bets.
RouteReply ListBets(ServiceContext& ctx, const RouteCall& call);
RouteReply PlaceBet(ServiceContext& ctx, const RouteCall& call);
RouteReply GetBet(ServiceContext& ctx, const RouteCall& call);

// Traders' and fantasy tools.
RouteReply Simulate(ServiceContext& ctx, const RouteCall& call);
RouteReply WhatIf(ServiceContext& ctx, const RouteCall& call);
RouteReply Momentum(ServiceContext& ctx, const RouteCall& call);
RouteReply Futures(ServiceContext& ctx, const RouteCall& call);
RouteReply FantasyProjections(ServiceContext& ctx, const RouteCall& call);
RouteReply FantasyLineups(ServiceContext& ctx, const RouteCall& call);

//! A simulation request answered by another layer's JSON entry point (what-if, momentum, futures, fantasy):
//! the body as a JSON object, counted in the metrics, the layer's error as the API's.
template <typename Context>
RouteReply LayerRequest(ServiceContext& ctx, const RouteCall& call, const Context& context,
                        Result<nlohmann::json> (*request)(const nlohmann::json&, const Context&)) {
    ++ctx.metrics.simulations;
    return ValueOrThrow(request(ParseBody(call.request.body), context));
}

} // namespace simbook::api
