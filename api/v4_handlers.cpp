// The public odds API's v4 surface: sports, events, odds and scores in v4's shapes.
#include "api/v4_handlers.hpp"

#include "api/event_pricing.hpp"
#include "api/event_registry.hpp"
#include "api/odds_api_v4.hpp"
#include "engine/game_spec.hpp"

#include <algorithm>
#include <chrono>
#include <map>

namespace simbook::api {
namespace {

using nlohmann::json;

//! simbook is the one bookmaker of its own feed.
constexpr const char* kBookmaker = "simbook";
//! "upcoming" lists every live event and at most this many not yet started.
constexpr std::size_t kUpcomingEvents = 8;

//! v4's descriptions of the sport keys it shares with simbook; others are described by their title.
const std::map<std::string, std::string> kDescriptions{
    {"soccer_epl", "English Premier League"},     {"soccer_germany_bundesliga", "German Soccer"},
    {"soccer_spain_la_liga", "Spanish Soccer"},   {"soccer_italy_serie_a", "Italian Soccer"},
    {"soccer_france_ligue_one", "French Soccer"}, {"soccer_international", "International matches"},
    {"basketball_nba", "US Basketball"},          {"baseball_mlb", "Major League Baseball"},
    {"americanfootball_nfl", "US Football"},
};

const SportInfo* FindSportKey(const std::string& key) {
    for (const SportInfo& sport : Sports()) {
        if (key == sport.key) {
            return &sport;
        }
    }
    return nullptr;
}

//! The sport of a key, or v4's 404 UNKNOWN_SPORT.
const SportInfo& KnownSport(const std::string& key) {
    if (const SportInfo* sport = FindSportKey(key)) {
        return *sport;
    }
    throw V4NotFound("UNKNOWN_SPORT", "Unknown sport '" + key + "': GET /v4/sports lists the sport keys");
}

std::string Group(const SportInfo& sport) {
    std::string group = sport.sport;
    if (!group.empty() && group[0] >= 'a' && group[0] <= 'z') {
        group[0] = static_cast<char>(group[0] - 'a' + 'A');
    }
    return group;
}

std::string SportTitle(const std::string& key) {
    const SportInfo* sport = FindSportKey(key);
    return sport != nullptr ? sport->title : key;
}

//! The event's live state says the game is over (the caller holds the event's mutex).
bool Completed(const Event& e) {
    return e.state.is_object() && e.state.contains("finished") && e.state["finished"].is_boolean() &&
           e.state["finished"].get<bool>();
}

bool CompletedLocked(const Event& e) {
    std::lock_guard lock(e.mutex);
    return Completed(e);
}

bool StartedLocked(const Event& e) {
    std::lock_guard lock(e.mutex);
    return !e.state.is_null();
}

//! The event passes eventIds and the commence-time window.
bool Selected(const Event& e, const V4Query& query) {
    if (query.event_ids && query.event_ids->count(e.id) == 0) {
        return false;
    }
    const std::optional<std::int64_t> start = ParseUtcSeconds(e.commence_time);
    if (query.commence_from && (!start || *start < *query.commence_from)) {
        return false;
    }
    return !query.commence_to || (start && *start <= *query.commence_to);
}

//! The events of a sport key ("" for every sport) that the query selects, by commence time.
std::vector<std::shared_ptr<Event>> SportEvents(ServiceContext& ctx, const std::string& sport_key,
                                                const V4Query& query) {
    std::vector<std::shared_ptr<Event>> events;
    for (const std::string& id : ctx.events.Ids()) {
        std::shared_ptr<Event> e = ctx.events.Find(id);
        if ((sport_key.empty() || e->sport_key == sport_key) && Selected(*e, query)) {
            events.push_back(std::move(e));
        }
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const auto& a, const auto& b) { return a->commence_time < b->commence_time; });
    return events;
}

//! The live events and those not yet started (v4 lists no finished game but in scores with daysFrom).
std::vector<std::shared_ptr<Event>> LiveAndUpcoming(std::vector<std::shared_ptr<Event>> events) {
    std::erase_if(events, [](const auto& e) { return CompletedLocked(*e); });
    return events;
}

//! "upcoming": every live event and the next kUpcomingEvents to start.
std::vector<std::shared_ptr<Event>> NextUp(std::vector<std::shared_ptr<Event>> events) {
    std::size_t not_started = 0;
    std::erase_if(events,
                  [&not_started](const auto& e) { return !StartedLocked(*e) && ++not_started > kUpcomingEvents; });
    return events;
}

//! {id, sport_key, sport_title, commence_time, home_team, away_team} (the caller holds the event's mutex).
json EventHead(const Event& e, bool unix_dates) {
    return json{{"id", e.id},
                {"sport_key", e.sport_key},
                {"sport_title", SportTitle(e.sport_key)},
                {"commence_time", V4Date(e.commence_time, unix_dates)},
                {"home_team", e.home_name},
                {"away_team", e.away_name}};
}

json Outcome(const PricedOutcome& o, odds::OddsFormat format) {
    json out{{"name", o.name}, {"price", V4Price(o.decimal, format)}};
    if (o.point) {
        out["point"] = *o.point;
    }
    if (!o.description.empty()) {
        out["description"] = o.description;
    }
    return out;
}

//! The wanted markets, one per key as v4 has them: a player prop's lines for every player under one key, each
//! outcome naming its player in description (the caller holds the event's mutex).
json Markets(const Event& e, const V4Query& query) {
    json markets = json::array();
    std::map<std::string, std::size_t> index;
    for (const PricedMarket& pm : e.markets) {
        if (query.markets.count(pm.key) == 0) {
            continue;
        }
        auto [at, fresh] = index.try_emplace(pm.key, markets.size());
        if (fresh) {
            markets.push_back({{"key", pm.key},
                               {"last_update", V4Date(e.last_update, query.unix_dates)},
                               {"outcomes", json::array()}});
        }
        for (const PricedOutcome& o : pm.outcomes) {
            markets[at->second]["outcomes"].push_back(Outcome(o, query.odds_format));
        }
    }
    return markets;
}

//! The event in v4's odds shape: its head and simbook as its one bookmaker (none when bookmakers leaves it out).
json OddsJson(const Event& e, const V4Query& query) {
    std::lock_guard lock(e.mutex);
    json out = EventHead(e, query.unix_dates);
    out["bookmakers"] = json::array();
    if (!query.bookmakers || query.bookmakers->count(kBookmaker) != 0) {
        out["bookmakers"].push_back({{"key", kBookmaker},
                                     {"title", kBookmaker},
                                     {"last_update", V4Date(e.last_update, query.unix_dates)},
                                     {"markets", Markets(e, query)}});
    }
    return out;
}

//! The event in v4's scores shape: scores and last_update null before the start, scores as strings.
json ScoreJson(const Event& e, bool unix_dates) {
    std::lock_guard lock(e.mutex);
    json out = EventHead(e, unix_dates);
    out["completed"] = Completed(e);
    out["scores"] = nullptr;
    out["last_update"] = nullptr;
    if (!e.state.is_null()) {
        const std::array<int, 2> score = engine::CurrentScore(e.game.spec);
        out["scores"] = json::array({{{"name", e.home_name}, {"score", std::to_string(score[0])}},
                                     {{"name", e.away_name}, {"score", std::to_string(score[1])}}});
        out["last_update"] = V4Date(e.last_update, unix_dates);
    }
    return out;
}

//! With daysFrom, a completed event that started within that many days of now; without, none.
bool RecentlyCompleted(const Event& e, int days_from) {
    const std::optional<std::int64_t> start = ParseUtcSeconds(e.commence_time);
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    return days_from > 0 && start && *start >= now - std::int64_t{days_from} * 86400;
}

//! The event of that id and sport key, or v4's 404 EVENT_NOT_FOUND.
std::shared_ptr<Event> EventOfSport(ServiceContext& ctx, const std::string& id, const std::string& sport_key) {
    const std::vector<std::string> ids = ctx.events.Ids();
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
        std::shared_ptr<Event> e = ctx.events.Find(id);
        if (e->sport_key == sport_key) {
            return e;
        }
    }
    throw V4NotFound("EVENT_NOT_FOUND", "Event '" + id + "' not found for sport " + sport_key);
}

} // namespace

RouteReply V4ListSports(ServiceContext&, const RouteCall&) {
    json list = json::array();
    for (const SportInfo& sport : Sports()) {
        const auto description = kDescriptions.find(sport.key);
        list.push_back({{"key", sport.key},
                        {"group", Group(sport)},
                        {"title", sport.title},
                        {"description", description != kDescriptions.end() ? description->second : sport.title},
                        {"active", true},
                        {"has_outrights", false}});
    }
    return list;
}

RouteReply V4SportOdds(ServiceContext& ctx, const RouteCall& call) {
    const std::string& sport = call.Param("sport");
    const bool upcoming = sport == "upcoming";
    if (!upcoming) {
        KnownSport(sport);
    }
    const V4Query query = ReadV4Query(call, V4Endpoint::kSportOdds);
    std::vector<std::shared_ptr<Event>> events = LiveAndUpcoming(SportEvents(ctx, upcoming ? "" : sport, query));
    if (upcoming) {
        events = NextUp(std::move(events));
    }
    json list = json::array();
    for (const auto& e : events) {
        list.push_back(OddsJson(*e, query));
    }
    return list;
}

RouteReply V4SportEvents(ServiceContext& ctx, const RouteCall& call) {
    const std::string sport = KnownSport(call.Param("sport")).key;
    const V4Query query = ReadV4Query(call, V4Endpoint::kEvents);
    json list = json::array();
    for (const auto& e : LiveAndUpcoming(SportEvents(ctx, sport, query))) {
        std::lock_guard lock(e->mutex);
        list.push_back(EventHead(*e, query.unix_dates));
    }
    return list;
}

RouteReply V4EventOdds(ServiceContext& ctx, const RouteCall& call) {
    const std::string sport = KnownSport(call.Param("sport")).key;
    const V4Query query = ReadV4Query(call, V4Endpoint::kEventOdds);
    return OddsJson(*EventOfSport(ctx, call.Param("eventId"), sport), query);
}

RouteReply V4SportScores(ServiceContext& ctx, const RouteCall& call) {
    const std::string sport = KnownSport(call.Param("sport")).key;
    const V4Query query = ReadV4Query(call, V4Endpoint::kScores);
    json list = json::array();
    for (const auto& e : SportEvents(ctx, sport, query)) {
        if (!CompletedLocked(*e) || RecentlyCompleted(*e, query.days_from)) {
            list.push_back(ScoreJson(*e, query.unix_dates));
        }
    }
    return list;
}

} // namespace simbook::api
