//! The public odds API's v4 surface, served beside /v1 so that its existing clients read simbook unchanged:
//! sports, a sport's events, odds and scores, and one event's odds, in v4's field names and types. The route
//! table marks these routes Dialect::kOddsApiV4: the key comes from ?apiKey=, errors and quota headers are v4's
//! (odds_api_v4.hpp).
#pragma once

#include "api/routes.hpp"
#include "api/service_context.hpp"

namespace simbook::api {

//! GET /v4/sports: [{key, group, title, description, active, has_outrights}].
RouteReply V4ListSports(ServiceContext& ctx, const RouteCall& call);
//! GET /v4/sports/{sport}/odds: the live and upcoming events of a sport key (or "upcoming": every sport's live
//! events and the next 8 to start) with simbook's prices as one bookmaker.
RouteReply V4SportOdds(ServiceContext& ctx, const RouteCall& call);
//! GET /v4/sports/{sport}/events: the live and upcoming events, without odds.
RouteReply V4SportEvents(ServiceContext& ctx, const RouteCall& call);
//! GET /v4/sports/{sport}/events/{eventId}/odds: one event's odds, player props included.
RouteReply V4EventOdds(ServiceContext& ctx, const RouteCall& call);
//! GET /v4/sports/{sport}/scores: live and upcoming events with their scores (null before the start); with
//! daysFrom, also the events completed that started within that many days.
RouteReply V4SportScores(ServiceContext& ctx, const RouteCall& call);

} // namespace simbook::api
