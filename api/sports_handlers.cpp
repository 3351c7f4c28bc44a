// Sports: the sport keys priced, and the odds of every event of one.
#include "api/errors.hpp"
#include "api/event_feed.hpp"
#include "api/handlers.hpp"
#include "api/service_context.hpp"

namespace simbook::api {

using nlohmann::json;

RouteReply ListSports(ServiceContext&, const RouteCall&) {
    json list = json::array();
    for (const SportInfo& sport : Sports()) {
        list.push_back({{"key", sport.key},
                        {"group", sport.sport},
                        {"title", sport.title},
                        {"league", sport.league},
                        {"active", true},
                        {"has_outrights", false}});
    }
    return list;
}

RouteReply GetSportOdds(ServiceContext& ctx, const RouteCall& call) {
    const std::string& key = call.Param("sport");
    bool known = false;
    for (const SportInfo& sport : Sports()) {
        known = known || key == sport.key;
    }
    if (!known) {
        throw NotFound("sport '" + key + "'");
    }
    const std::string markets = call.Query("markets", "h2h,spreads,totals");
    const std::string format = call.Query("oddsFormat", "decimal");
    CheckOddsQuery(markets, format); // refused even when the sport has no event
    json list = json::array();
    for (const std::string& id : ctx.events.Ids()) {
        std::shared_ptr<Event> e = ctx.events.Find(id);
        if (e->sport_key == key) {
            list.push_back(OddsJson(*e, markets, format, ClosedMarketsOf(ctx.book.get(), e->id)));
        }
    }
    return list;
}

} // namespace simbook::api
