// Events: list, create, one event, its odds, its win-probability path, the book's exposure on it and its live
// state updates.
#include "api/errors.hpp"
#include "api/event_feed.hpp"
#include "api/event_lifecycle.hpp"
#include "api/handlers.hpp"
#include "api/service_context.hpp"

namespace simbook::api {

using nlohmann::json;

RouteReply ListEvents(ServiceContext& ctx, const RouteCall&) {
    json list = json::array();
    for (const std::string& id : ctx.events.Ids()) {
        list.push_back(EventJson(*ctx.events.Find(id)));
    }
    return list;
}

RouteReply CreateEvent(ServiceContext& ctx, const RouteCall& call) {
    std::shared_ptr<Event> e = AddEvent(ctx, ReadRequest<CreateEventRequest>(call.request.body));
    RouteReply reply(EventJson(*e));
    reply.status = 201;
    return reply;
}

RouteReply GetEvent(ServiceContext& ctx, const RouteCall& call) {
    return EventJson(*ctx.events.Find(call.Param("id")));
}

RouteReply GetEventOdds(ServiceContext& ctx, const RouteCall& call) {
    std::shared_ptr<Event> e = ctx.events.Find(call.Param("id"));
    RouteReply reply;
    reply.text =
        OddsText(*e, ctx.book.get(), call.Query("markets", "h2h,spreads,totals"), call.Query("oddsFormat", "decimal"));
    return reply;
}

RouteReply GetEventMomentum(ServiceContext& ctx, const RouteCall& call) {
    std::shared_ptr<Event> e = ctx.events.Find(call.Param("id"));
    std::lock_guard lock(e->mutex);
    return json{{"id", e->id},
                {"version", e->version},
                {"last_update", e->last_update},
                {"win_prob_path", e->momentum.is_null() ? json::array() : e->momentum}};
}

RouteReply GetEventExposure(ServiceContext& ctx, const RouteCall& call) {
    std::shared_ptr<Event> e = ctx.events.Find(call.Param("id"));
    json markets = json::array();
    double worst = 0.0;
    double stakes = 0.0;
    for (const odds::risk::MarketExposure& x : ctx.book->EventExposures(e->id)) {
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
    auto liability = ctx.book->EventLiability(e->id);
    if (liability.ok()) {
        worst = static_cast<double>(liability.value()) / 100.0;
    }
    return json{{"event_id", e->id}, {"stakes", stakes}, {"liability", worst}, {"markets", markets}};
}

RouteReply PostEventState(ServiceContext& ctx, const RouteCall& call) {
    std::shared_ptr<Event> e = ctx.events.Find(call.Param("id"));
    // Subscribers get every version in order: an exact event's main lines as soon as they are priced, then the
    // version with every market.
    return ApplyState(ctx, *e, ParseBody(call.request.body), PushOdds(ctx), call.request.received);
}

} // namespace simbook::api
