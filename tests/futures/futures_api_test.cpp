// The JSON entry point: request validation (one clear error naming the field, nothing run), the outright
// markets' margins, and a backtest season built from the data folder.
#include "futures/futures_api.hpp"
#include "futures/outrights.hpp"
#include "futures/season_data.hpp"
#include "models/soccer_data.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace simbook::futures {
namespace {

FuturesContext Context() {
    FuturesContext ctx;
    ctx.params_dir = SIMBOOK_TEST_PARAMS_DIR;
    ctx.data_dir = models::ResolveDataDir("");
    ctx.threads = 2;
    ctx.max_seasons = 200'000;
    ctx.backend = kernels::Backend::kCpu;
    return ctx;
}

nlohmann::json SmallRequest() {
    return nlohmann::json::parse(R"({
        "league": "premier-league",
        "table": [{"team": "Arsenal", "played": 2, "points": 4, "gf": 3, "ga": 1},
                  {"team": "Chelsea", "played": 2, "points": 3, "gf": 2, "ga": 2},
                  {"team": "Liverpool", "played": 2, "points": 3, "gf": 4, "ga": 3},
                  {"team": "Everton", "played": 2, "points": 1, "gf": 1, "ga": 4}],
        "fixtures": [{"home": "Arsenal", "away": "Chelsea"},
                     {"home": "Liverpool", "away": "Everton", "home_xg": 1.8, "away_xg": 0.9}],
        "positions": {"title": 1, "top4": 2, "relegation": 1},
        "seasons": 20000, "seed": 3, "margin": 0.06})");
}

std::string ErrorOf(const nlohmann::json& body) {
    const Result<nlohmann::json> r = FuturesRequest(body, Context());
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.status().message();
}

TEST(FuturesApi, SmallLeagueResponse) {
    const Result<nlohmann::json> r = FuturesRequest(SmallRequest(), Context());
    ASSERT_TRUE(r.ok()) << r.status().message();
    const nlohmann::json& out = r.value();
    EXPECT_EQ(out["seasons"], 20000);
    ASSERT_EQ(out["teams"].size(), 4u);
    double title = 0.0;
    double top = 0.0;
    double down = 0.0;
    for (const nlohmann::json& t : out["teams"]) {
        title += t["title"]["probability"].get<double>();
        top += t["top4"]["probability"].get<double>();
        down += t["relegation"]["probability"].get<double>();
        double places = 0.0;
        for (double p : t["positions"]) {
            places += p;
        }
        EXPECT_NEAR(places, 1.0, 1e-12);
    }
    EXPECT_NEAR(title, 1.0, 1e-12);
    EXPECT_NEAR(top, 2.0, 1e-12);
    EXPECT_NEAR(down, 1.0, 1e-12);
    // Everton reach at most 4 points, while Arsenal v Chelsea leaves one of them on 5 or more.
    EXPECT_EQ(out["teams"][3]["title"]["probability"], 0.0);
    ASSERT_EQ(out["markets"].size(), 3u);
    const nlohmann::json& title_market = out["markets"][0];
    double implied = 0.0;
    for (const nlohmann::json& o : title_market["outcomes"]) {
        if (!o["decimal"].is_null()) {
            implied += 1.0 / o["decimal"].get<double>();
        }
    }
    EXPECT_NEAR(implied, 1.06, 1e-9);
    EXPECT_TRUE(title_market["outcomes"][3]["decimal"].is_null());
    // Top 2: the priced teams' implied probabilities are their fair ones times 1.06 (none is near-certain here).
    for (const nlohmann::json& o : out["markets"][1]["outcomes"]) {
        if (!o["decimal"].is_null()) {
            EXPECT_NEAR(1.0 / o["decimal"].get<double>(), 1.06 * o["probability"].get<double>(), 1e-9);
        }
    }
}

TEST(FuturesApi, DefaultSeasonsStayWithinTheLimit) {
    // Seen while writing the fuzz harness: a body without "seasons" ran 100,000 whatever the server's limit.
    FuturesContext ctx = Context();
    ctx.max_seasons = 50;
    nlohmann::json body = SmallRequest();
    body.erase("seasons");
    const Result<nlohmann::json> r = FuturesRequest(body, ctx);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r.value()["seasons"], 50);
}

TEST(FuturesApi, SameSeedSameAnswerAnyThreads) {
    FuturesContext one = Context();
    one.threads = 1;
    nlohmann::json a = FuturesRequest(SmallRequest(), one).value();
    nlohmann::json b = FuturesRequest(SmallRequest(), Context()).value();
    a.erase("seconds");
    b.erase("seconds");
    EXPECT_EQ(a, b);
}

TEST(FuturesApi, BadInputNamesTheField) {
    nlohmann::json body = SmallRequest();
    body["fixtures"][0]["away"] = "Spurs";
    EXPECT_EQ(ErrorOf(body), "fixtures[0].away: unknown team 'Spurs' (not in table)");

    body = SmallRequest();
    body["table"][2]["team"] = "Arsenal";
    EXPECT_EQ(ErrorOf(body), "table[2].team: 'Arsenal' is listed twice (also table[0])");

    body = SmallRequest();
    body["fixtures"][1]["away"] = "Liverpool";
    EXPECT_EQ(ErrorOf(body), "fixtures[1].away: 'Liverpool' cannot play itself");

    body = SmallRequest();
    body["table"][1]["points"] = -1;
    EXPECT_EQ(ErrorOf(body), "table[1].points: -1 is negative");

    body = SmallRequest();
    body["table"][1]["points"] = 7;
    EXPECT_NE(ErrorOf(body).find("table[1].points: 7 points from 2 matches"), std::string::npos);

    body = SmallRequest();
    body["table"][3]["gf"] = 0; // Everton: 1 point from 2 matches needs no goal; 4 would need a win
    body["table"][3]["points"] = 4;
    EXPECT_EQ(ErrorOf(body), "table[3].points: 4 points are impossible with 0 goals scored in 2 matches (Everton)");

    body = SmallRequest();
    body["table"][0]["ga"] = 0; // Arsenal: 4 points from 2 matches is fine with no goal conceded
    EXPECT_TRUE(FuturesRequest(body, Context()).ok());
    body["table"][0]["points"] = 0;
    body["table"][0]["gf"] = 0;
    EXPECT_EQ(ErrorOf(body), "table[0].points: 0 points are impossible with 0 goals conceded in 2 matches (Arsenal)");

    body = SmallRequest();
    body["season"] = "2015-16";
    EXPECT_EQ(ErrorOf(body).rfind("season: give either table and fixtures", 0), 0u);

    body = SmallRequest();
    body["seasons"] = 10'000'000;
    EXPECT_EQ(ErrorOf(body).rfind("seasons: 10000000 is outside [1, 200000]", 0), 0u);

    body = SmallRequest();
    body["margin"] = 0.7;
    EXPECT_EQ(ErrorOf(body).rfind("margin", 0), 0u);

    body = SmallRequest();
    body["positions"]["top4"] = 4;
    EXPECT_EQ(ErrorOf(body).rfind("positions.top4: 4 is outside [1, 3]", 0), 0u);

    body = SmallRequest();
    body["colour"] = "red";
    EXPECT_NE(ErrorOf(body).find("colour"), std::string::npos);

    body = SmallRequest();
    body["table"].push_back({{"team", "Wimbledon"}, {"played", 2}, {"points", 0}, {"gf", 0}, {"ga", 2}});
    body["fixtures"].push_back({{"home", "Wimbledon"}, {"away", "Arsenal"}});
    EXPECT_NE(ErrorOf(body).find("'Wimbledon' is not a team of the model"), std::string::npos);

    body = SmallRequest();
    body["league"] = "eredivisie";
    EXPECT_EQ(ErrorOf(body).rfind("league: no fitted model for league 'eredivisie'", 0), 0u);

    body = SmallRequest();
    body.erase("table");
    body.erase("fixtures");
    body["season"] = "2015-16";
    body["as_of"] = "2017-01-01";
    EXPECT_EQ(ErrorOf(body).rfind("as_of: 2017-01-01 is after the last 2015-16 match", 0), 0u);

    // A season the data do not have: refused without the server's data path.
    body["season"] = "2031-32";
    body["as_of"] = "2032-01-01";
    const std::string unknown = ErrorOf(body);
    EXPECT_EQ(unknown.rfind("season: ", 0), 0u) << unknown;
    EXPECT_EQ(unknown.find(Context().data_dir), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("no season files"), std::string::npos) << unknown;
}

TEST(FuturesApi, BacktestSeasonFromData) {
    const Result<DataSeason> data =
        LeagueSeasonFromData(models::ResolveDataDir(""), "premier-league", "2015-16", "2016-03-01");
    ASSERT_TRUE(data.ok()) << data.status().message();
    const LeagueSeason& season = data->season;
    ASSERT_EQ(season.table.size(), 20u);
    int played = 0;
    for (const TableRow& row : season.table) {
        played += row.played;
    }
    EXPECT_EQ(played + 2 * static_cast<int>(season.fixtures.size()), 760);
    EXPECT_EQ(season.table.front().team, "Leicester"); // top on 1 March 2016, and champions
    EXPECT_EQ(data->actual_position.front(), 1);
    for (const Fixture& fx : season.fixtures) {
        EXPECT_GT(fx.home_xg, 0.1);
        EXPECT_GT(fx.away_xg, 0.1);
    }
    nlohmann::json body{
        {"league", "premier-league"}, {"season", "2015-16"}, {"as_of", "2016-03-01"}, {"seasons", 4000}};
    const Result<nlohmann::json> r = FuturesRequest(body, Context());
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r.value()["source"]["kind"], "data");
    EXPECT_EQ(r.value()["teams"][0]["team"], "Leicester");
    EXPECT_GT(r.value()["teams"][0]["title"]["probability"].get<double>(), 0.2);
}

TEST(Outrights, MarginOnEveryBook) {
    SeasonForecast forecast;
    forecast.seasons = 1000;
    const double p[3] = {0.6, 0.3, 0.1};
    const double top2[3] = {0.97, 0.7, 0.33};
    for (int i = 0; i < 3; ++i) {
        TeamForecast t;
        t.team = "T" + std::to_string(i);
        t.title = {p[i], 0.01};
        t.top = {top2[i], 0.01};
        t.relegation = {p[2 - i], 0.01};
        forecast.teams.push_back(t);
    }
    const auto markets = PriceOutrights(forecast, {1, 2, 1}, 0.05, odds::MarginMethod::kPower);
    ASSERT_TRUE(markets.ok()) << markets.status().message();
    double implied = 0.0;
    for (const OutrightOutcome& o : markets.value()[0].outcomes) {
        implied += 1.0 / *o.decimal;
        EXPECT_LT(*o.decimal, *o.fair_decimal);
    }
    EXPECT_NEAR(implied, 1.05, 1e-9);
    // Top 2 of 3, multiplicative: implied probabilities 2 x 1.05 in all, but the favourite's 0.97 x 1.05 is
    // above 1 / 1.01 and is floored there.
    const auto multiplicative = PriceOutrights(forecast, {1, 2, 1}, 0.05, odds::MarginMethod::kMultiplicative);
    ASSERT_TRUE(multiplicative.ok()) << multiplicative.status().message();
    const OutrightMarket& top = multiplicative.value()[1];
    EXPECT_DOUBLE_EQ(*top.outcomes[0].decimal, kMinDecimal);
    EXPECT_NE(top.note.find("near-certain"), std::string::npos);
    double top_implied = 0.0;
    for (const OutrightOutcome& o : top.outcomes) {
        top_implied += 1.0 / *o.decimal;
    }
    EXPECT_NEAR(top_implied, 1.0 / 1.01 + (0.7 + 0.33) * 1.05, 1e-12);
    EXPECT_FALSE(PriceOutrights(forecast, {1, 2, 1}, 0.6, odds::MarginMethod::kPower).ok());
    // A near-certain champion: multiplicative (0.97 x 1.05 > 1) floors it, additive (0.97 + 0.1 / 3 > 1) falls
    // back to power.
    forecast.teams[0].title = {0.97, 0.01};
    forecast.teams[1].title = {0.02, 0.01};
    forecast.teams[2].title = {0.01, 0.01};
    const auto champion = PriceOutrights(forecast, {1, 2, 1}, 0.05, odds::MarginMethod::kMultiplicative);
    ASSERT_TRUE(champion.ok()) << champion.status().message();
    EXPECT_DOUBLE_EQ(*champion.value()[0].outcomes[0].decimal, kMinDecimal);
    EXPECT_NEAR(*champion.value()[0].outcomes[2].decimal, 1.0 / (0.01 * 1.05), 1e-9);
    const auto additive = PriceOutrights(forecast, {1, 2, 1}, 0.1, odds::MarginMethod::kAdditive);
    ASSERT_TRUE(additive.ok()) << additive.status().message();
    EXPECT_NE(additive.value()[0].note.find("power"), std::string::npos);
}

} // namespace
} // namespace simbook::futures
