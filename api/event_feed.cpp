#include "api/event_feed.hpp"

#include "api/errors.hpp"
#include "odds/formats.hpp"

#include <cmath>
#include <set>
#include <sstream>

namespace simbook::api {

using nlohmann::json;

namespace {

//! The teams as the public feed names them; a team the fitted model names otherwise (an NBA abbreviation)
//! keeps that name in home_team_abbreviation / away_team_abbreviation.
void AddTeams(const Event& e, json& out) {
    out["home_team"] = e.home_name;
    out["away_team"] = e.away_name;
    if (e.home_name != e.home_team || e.away_name != e.away_team) {
        out["home_team_abbreviation"] = e.home_team;
        out["away_team_abbreviation"] = e.away_team;
    }
}

//! The odds format of the query: decimal or American; InvalidArgument (oddsFormat) otherwise.
odds::OddsFormat ReadFormat(const std::string& format_text) {
    auto format = odds::ParseOddsFormat(format_text);
    if (!format.ok() ||
        (format.value() != odds::OddsFormat::kDecimal && format.value() != odds::OddsFormat::kAmerican)) {
        throw Bad("oddsFormat", "'" + format_text + "' is not decimal or american");
    }
    return format.value();
}

//! The feed keys of a comma-separated list; InvalidArgument (markets) for a key the feed does not have.
std::set<std::string> ReadMarkets(const std::string& markets) {
    std::set<std::string> wanted;
    std::istringstream in(markets);
    std::string key;
    while (std::getline(in, key, ',')) {
        if (!IsFeedMarketKey(key)) {
            throw Bad("markets", "'" + key +
                                     "' is not one of h2h, spreads, totals, player_points, player_rebounds, "
                                     "player_assists, player_threes, player_points_rebounds_assists, "
                                     "h2h_1st_5_innings, totals_1st_5_innings, totals_1st_1_innings, team_totals");
        }
        wanted.insert(key);
    }
    return wanted;
}

} // namespace

void CheckOddsQuery(const std::string& markets, const std::string& format) {
    ReadFormat(format);
    ReadMarkets(markets);
}

json EventJson(const Event& e) {
    std::lock_guard lock(e.mutex);
    json out{{"id", e.id},
             {"sport", e.sport},
             {"sport_key", e.sport_key},
             {"league", e.league},
             {"commence_time", e.commence_time},
             {"version", e.version},
             {"last_update", e.last_update},
             {"state", e.state}};
    AddTeams(e, out);
    return out;
}

ClosedMarkets ClosedMarketsOf(const odds::risk::RiskBook* book, const std::string& event_id) {
    return book != nullptr ? book->ClosedMarkets(event_id) : ClosedMarkets{};
}

std::string OddsText(Event& e, const odds::risk::RiskBook* book, const std::string& markets,
                     const std::string& format_text) {
    const std::string cache_key = markets + "|" + format_text;
    // The generation is read before the states: a state change after this read moves it again, so a text built from
    // newer states is at worst rebuilt once more.
    const std::uint64_t generation = book != nullptr ? book->StateGeneration() : 0;
    {
        std::lock_guard lock(e.mutex);
        if (e.odds_cache_generation != generation) {
            e.odds_cache.clear();
            e.odds_cache_generation = generation;
        }
        if (auto it = e.odds_cache.find(cache_key); it != e.odds_cache.end()) {
            return it->second;
        }
    }
    std::string text = OddsJson(e, markets, format_text, ClosedMarketsOf(book, e.id))
                           .dump(-1, ' ', false, json::error_handler_t::replace);
    std::lock_guard lock(e.mutex);
    // A bounded cache per version and generation: query strings come from clients.
    if (e.odds_cache_generation == generation && e.odds_cache.size() < 64) {
        e.odds_cache.emplace(cache_key, text);
    }
    return text;
}

json OddsJson(const Event& e, const std::string& markets, const std::string& format_text, const ClosedMarkets& closed) {
    const odds::OddsFormat format = ReadFormat(format_text);
    const std::set<std::string> wanted = ReadMarkets(markets);
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
            if (format == odds::OddsFormat::kAmerican) {
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
        json market{{"key", pm.key}, {"market", pm.market}, {"last_update", e.last_update}, {"outcomes", outcomes}};
        if (const auto c = closed.find(pm.market); c != closed.end()) {
            market["suspended"] = true;
            market["state"] = std::string(odds::risk::ToString(c->second));
        }
        list.push_back(std::move(market));
    }
    json out{
        {"id", e.id},
        {"sport_key", e.sport_key},
        {"commence_time", e.commence_time},
        {"version", e.version},
        {"pricing", e.pricing},
        {"bookmakers",
         json::array({{{"key", "simbook"}, {"title", "simbook"}, {"last_update", e.last_update}, {"markets", list}}})}};
    AddTeams(e, out);
    return out;
}

} // namespace simbook::api
