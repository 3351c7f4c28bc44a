// The public odds API's v4 surface on a real server: every endpoint in v4's field names and types, every query
// parameter, the key as ?apiKey=, v4's error shape (401, 404, 422, 429), its quota headers from the rate
// limiter, American and decimal prices, ISO and Unix dates. Bad values are refused and change nothing.
#include "api/odds_api_v4.hpp"
#include "odds/formats.hpp"
#include "tests/api/api_client.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <set>
#include <string>

namespace simbook::api {
namespace {

constexpr std::int64_t kEplKickOff = 1798297200; // the demo match, 2026-12-26T15:00:00Z

std::set<std::string> Keys(const json& object) {
    std::set<std::string> keys;
    for (const auto& [key, value] : object.items()) {
        keys.insert(key);
    }
    return keys;
}

//! A v4 error: status, {message, error_code, details_url} and nothing of simbook's own shape.
void ExpectV4Error(const Reply& r, int status, const std::string& error_code) {
    EXPECT_EQ(r.status, status) << r.body;
    const json j = r.Json();
    ASSERT_TRUE(j.is_object()) << r.body;
    EXPECT_EQ(j.value("error_code", ""), error_code) << r.body;
    EXPECT_TRUE(j["message"].is_string() && !j["message"].get<std::string>().empty()) << r.body;
    EXPECT_FALSE(j.contains("error")) << r.body;
}

class V4Test : public ServerSuite<V4Test> {
public:
    static ServerOptions Options() {
        ServerOptions options = TestServerOptions();
        options.service.sims = 2'000;
        options.service.rate_limit = 0.0;
        return options;
    }

protected:
    //! GET a v4 target with the fantasy key as ?apiKey= (appended with '?' or '&').
    static Reply Get(const std::string& target) {
        const std::string sep = target.find('?') == std::string::npos ? "?" : "&";
        return Call(Port(), http::verb::get, target + sep + "apiKey=" + Key(Role::kFantasy));
    }
    static json GetJson(const std::string& target) {
        const Reply r = Get(target);
        EXPECT_EQ(r.status, 200) << target << ": " << r.body;
        return r.Json();
    }
    //! The demo events: the soccer match, then the NBA game.
    static std::string Soccer() { return server_->GetService().EventIds().at(0); }
    static std::string Nba() { return server_->GetService().EventIds().at(1); }
};

TEST_F(V4Test, SportsHaveV4FieldsAndTypes) {
    const json sports = GetJson("/v4/sports");
    ASSERT_TRUE(sports.is_array() && !sports.empty()) << sports;
    const std::set<std::string> fields{"key", "group", "title", "description", "active", "has_outrights"};
    bool epl = false;
    for (const json& s : sports) {
        EXPECT_EQ(Keys(s), fields) << s;
        EXPECT_TRUE(s["key"].is_string() && s["group"].is_string() && s["title"].is_string() &&
                    s["description"].is_string() && s["active"].is_boolean() && s["has_outrights"].is_boolean())
            << s;
        if (s["key"] == "soccer_epl") {
            epl = true;
            EXPECT_EQ(s["group"], "Soccer");
            EXPECT_EQ(s["title"], "EPL");
            EXPECT_EQ(s["description"], "English Premier League");
        }
    }
    EXPECT_TRUE(epl) << sports;
    EXPECT_EQ(GetJson("/v4/sports?all=true"), sports) << "every sport simbook prices is active";
}

TEST_F(V4Test, TheKeyIsTheApiKeyParameterOrTheHeader) {
    ExpectV4Error(Call(Port(), http::verb::get, "/v4/sports"), 401, "MISSING_KEY");
    ExpectV4Error(Call(Port(), http::verb::get, "/v4/sports?apiKey=YOUR_API_KEY"), 401, "INVALID_KEY");
    ExpectV4Error(Call(Port(), http::verb::get, "/v4/sports/soccer_epl/odds?regions=eu&apiKey="), 401, "MISSING_KEY");
    EXPECT_EQ(Call(Port(), http::verb::get, "/v4/sports", Key(Role::kSportsbook)).status, 200) << "X-API-Key";
    for (Role role : {Role::kSportsbook, Role::kFantasy, Role::kTrader, Role::kAdmin}) {
        EXPECT_EQ(Call(Port(), http::verb::get, "/v4/sports?apiKey=" + Key(role)).status, 200) << ToString(role);
    }
    // ?apiKey= is the key when given, whatever the headers say.
    ExpectV4Error(Call(Port(), http::verb::get, "/v4/sports?apiKey=nope", Key(Role::kAdmin)), 401, "INVALID_KEY");
    // /v1 keeps its own conventions: no ?apiKey=, its own error shape.
    const Reply v1 = Call(Port(), http::verb::get, "/v1/sports?apiKey=" + Key(Role::kFantasy));
    EXPECT_EQ(v1.status, 401);
    EXPECT_TRUE(v1.Json().contains("error")) << v1.body;
}

TEST_F(V4Test, AnUnknownSportIs404OnEveryEndpoint) {
    for (const std::string target :
         {"/v4/sports/cricket_ipl/odds?regions=eu", "/v4/sports/cricket_ipl/events", "/v4/sports/cricket_ipl/scores",
          "/v4/sports/cricket_ipl/events/x/odds?regions=eu", "/v4/sports/upcoming/events"}) {
        ExpectV4Error(Get(target), 404, "UNKNOWN_SPORT");
    }
}

TEST_F(V4Test, SportOddsHaveV4FieldsAndV1Prices) {
    const json list = GetJson("/v4/sports/soccer_epl/odds?regions=eu&markets=h2h,spreads,totals");
    ASSERT_EQ(list.size(), 1u) << list;
    const json& e = list[0];
    EXPECT_EQ(Keys(e), (std::set<std::string>{"id", "sport_key", "sport_title", "commence_time", "home_team",
                                              "away_team", "bookmakers"}));
    EXPECT_EQ(e["id"], Soccer());
    EXPECT_EQ(e["sport_key"], "soccer_epl");
    EXPECT_EQ(e["sport_title"], "EPL");
    EXPECT_EQ(e["commence_time"], "2026-12-26T15:00:00Z");
    EXPECT_EQ(e["home_team"], "Arsenal");
    EXPECT_EQ(e["away_team"], "Chelsea");
    ASSERT_EQ(e["bookmakers"].size(), 1u);
    const json& book = e["bookmakers"][0];
    EXPECT_EQ(Keys(book), (std::set<std::string>{"key", "title", "last_update", "markets"}));
    EXPECT_EQ(book["key"], "simbook");
    EXPECT_TRUE(book["last_update"].is_string());
    const json v1 = Call(Port(), http::verb::get, "/v1/events/" + Soccer() + "/odds?markets=h2h,spreads,totals",
                         Key(Role::kFantasy))
                        .Json()["bookmakers"][0]["markets"];
    ASSERT_EQ(book["markets"].size(), 3u) << book;
    for (std::size_t m = 0; m < 3; ++m) {
        const json& market = book["markets"][m];
        EXPECT_EQ(Keys(market), (std::set<std::string>{"key", "last_update", "outcomes"}));
        EXPECT_EQ(market["key"], v1[m]["key"]);
        ASSERT_EQ(market["outcomes"].size(), v1[m]["outcomes"].size());
        for (std::size_t o = 0; o < market["outcomes"].size(); ++o) {
            const json& out = market["outcomes"][o];
            EXPECT_EQ(out["name"], v1[m]["outcomes"][o]["name"]);
            EXPECT_TRUE(out["price"].is_number_float()) << out;
            EXPECT_DOUBLE_EQ(out["price"].get<double>(), v1[m]["outcomes"][o]["price"].get<double>());
            EXPECT_EQ(out.contains("point"), market["key"] != "h2h") << out;
            EXPECT_FALSE(out.contains("selection")) << "simbook's own fields stay in /v1: " << out;
        }
    }
    std::set<std::string> h2h;
    for (const json& o : book["markets"][0]["outcomes"]) {
        h2h.insert(o["name"].get<std::string>());
    }
    EXPECT_EQ(h2h, (std::set<std::string>{"Arsenal", "Draw", "Chelsea"}));
}

TEST_F(V4Test, MarketsDefaultToH2hAndAreChecked) {
    const json list = GetJson("/v4/sports/soccer_epl/odds?regions=uk");
    ASSERT_EQ(list[0]["bookmakers"][0]["markets"].size(), 1u) << list;
    EXPECT_EQ(list[0]["bookmakers"][0]["markets"][0]["key"], "h2h");
    for (const std::string markets : {"bogus", "h2h,,totals", "h2h,", "", "outrights", "player_points"}) {
        ExpectV4Error(Get("/v4/sports/soccer_epl/odds?regions=eu&markets=" + markets), 422, "INVALID_MARKET");
    }
}

TEST_F(V4Test, RegionsOrBookmakersAreRequiredAndChecked) {
    ExpectV4Error(Get("/v4/sports/soccer_epl/odds"), 422, "MISSING_REGION");
    ExpectV4Error(Get("/v4/sports/soccer_epl/odds?regions=mars"), 422, "INVALID_REGION");
    ExpectV4Error(Get("/v4/sports/soccer_epl/odds?regions=us,,uk"), 422, "INVALID_REGION");
    for (const std::string regions : {"us", "us2", "uk", "eu", "au", "us,uk,eu"}) {
        EXPECT_EQ(GetJson("/v4/sports/soccer_epl/odds?regions=" + regions)[0]["bookmakers"].size(), 1u) << regions;
    }
    // bookmakers takes the place of regions: simbook is the one bookmaker; another key is simply not offered.
    EXPECT_EQ(GetJson("/v4/sports/soccer_epl/odds?bookmakers=simbook")[0]["bookmakers"][0]["key"], "simbook");
    const json other = GetJson("/v4/sports/soccer_epl/odds?bookmakers=draftkings,fanduel");
    ASSERT_EQ(other.size(), 1u);
    EXPECT_TRUE(other[0]["bookmakers"].empty()) << other;
    ExpectV4Error(Get("/v4/sports/soccer_epl/odds?bookmakers=Draft%20Kings"), 422, "INVALID_BOOKMAKERS");
    ExpectV4Error(Get("/v4/sports/soccer_epl/odds?bookmakers="), 422, "INVALID_BOOKMAKERS");
}

TEST_F(V4Test, AmericanPricesAreTheDecimalOnesConverted) {
    const std::string base = "/v4/sports/basketball_nba/odds?regions=us&markets=h2h,spreads,totals";
    const json decimal = GetJson(base + "&oddsFormat=decimal")[0]["bookmakers"][0]["markets"];
    const json american = GetJson(base + "&oddsFormat=american")[0]["bookmakers"][0]["markets"];
    ASSERT_EQ(decimal.size(), american.size());
    int checked = 0;
    for (std::size_t m = 0; m < decimal.size(); ++m) {
        for (std::size_t o = 0; o < decimal[m]["outcomes"].size(); ++o) {
            const double d = decimal[m]["outcomes"][o]["price"].get<double>();
            const json& a = american[m]["outcomes"][o]["price"];
            ASSERT_TRUE(a.is_number_integer()) << a;
            const std::int64_t us = a.get<std::int64_t>();
            // +100(d - 1) from evens up, -100/(d - 1) below, whole numbers.
            const double expected = d >= 2.0 ? 100.0 * (d - 1.0) : -100.0 / (d - 1.0);
            EXPECT_EQ(us, std::lround(expected)) << d;
            EXPECT_TRUE(us >= 100 || us <= -100) << us;
            EXPECT_NEAR(odds::AmericanToDecimal(static_cast<double>(us)).value(), d, 0.01) << us;
            ++checked;
        }
    }
    EXPECT_GE(checked, 6);
    ExpectV4Error(Get(base + "&oddsFormat=fractional"), 422, "INVALID_ODDS_FORMAT");
    ExpectV4Error(Get(base + "&oddsFormat=AMERICAN"), 422, "INVALID_ODDS_FORMAT");
}

TEST_F(V4Test, DatesAreIsoOrUnixSeconds) {
    const json iso = GetJson("/v4/sports/soccer_epl/odds?regions=eu&dateFormat=iso")[0];
    const json unix = GetJson("/v4/sports/soccer_epl/odds?regions=eu&dateFormat=unix")[0];
    EXPECT_EQ(iso["commence_time"], "2026-12-26T15:00:00Z");
    ASSERT_TRUE(unix["commence_time"].is_number_integer()) << unix;
    EXPECT_EQ(unix["commence_time"].get<std::int64_t>(), kEplKickOff);
    const json& book = unix["bookmakers"][0];
    EXPECT_EQ(book["last_update"], ParseUtcSeconds(iso["bookmakers"][0]["last_update"].get<std::string>()).value());
    EXPECT_TRUE(book["markets"][0]["last_update"].is_number_integer());
    EXPECT_EQ(GetJson("/v4/sports/soccer_epl/events?dateFormat=unix")[0]["commence_time"], kEplKickOff);
    EXPECT_EQ(GetJson("/v4/sports/soccer_epl/scores?dateFormat=unix")[0]["commence_time"], kEplKickOff);
    for (const std::string target :
         {"/v4/sports/soccer_epl/odds?regions=eu&dateFormat=rfc3339",
          "/v4/sports/soccer_epl/events?dateFormat=", "/v4/sports/soccer_epl/scores?dateFormat=UNIX"}) {
        ExpectV4Error(Get(target), 422, "INVALID_DATE_FORMAT");
    }
}

TEST_F(V4Test, ParseUtcSecondsTakesOnlyRealUtcTimes) {
    EXPECT_EQ(ParseUtcSeconds("2026-12-26T15:00:00Z"), kEplKickOff);
    EXPECT_EQ(ParseUtcSeconds("1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(ParseUtcSeconds("2024-02-29T00:00:00Z"), 1709164800);
    for (const char* bad : {"2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-26T24:00:00Z", "2026-12-26",
                            "2026-12-26T15:00:00", "2026-12-26T15:00:00+01:00", "1969-12-31T23:59:59Z", ""}) {
        EXPECT_FALSE(ParseUtcSeconds(bad).has_value()) << bad;
    }
}

TEST_F(V4Test, EventIdsSelectEvents) {
    const json one = GetJson("/v4/sports/soccer_epl/odds?regions=eu&eventIds=" + Soccer() + ",no-such-event");
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0]["id"], Soccer());
    EXPECT_TRUE(GetJson("/v4/sports/soccer_epl/odds?regions=eu&eventIds=no-such-event").empty());
    EXPECT_TRUE(GetJson("/v4/sports/soccer_epl/events?eventIds=" + Nba()).empty()) << "another sport's event";
    EXPECT_EQ(GetJson("/v4/sports/basketball_nba/scores?eventIds=" + Nba()).size(), 1u);
    ExpectV4Error(Get("/v4/sports/soccer_epl/events?eventIds=a,,b"), 422, "INVALID_EVENT_IDS");
}

TEST_F(V4Test, CommenceTimesBoundTheEvents) {
    const std::string odds = "/v4/sports/soccer_epl/odds?regions=eu";
    EXPECT_EQ(GetJson(odds + "&commenceTimeFrom=2026-12-26T15:00:00Z").size(), 1u) << "inclusive";
    EXPECT_TRUE(GetJson(odds + "&commenceTimeFrom=2026-12-26T15:00:01Z").empty());
    EXPECT_EQ(GetJson(odds + "&commenceTimeTo=2026-12-26T15:00:00Z").size(), 1u) << "inclusive";
    EXPECT_TRUE(GetJson(odds + "&commenceTimeTo=2026-12-26T14:59:59Z").empty());
    EXPECT_EQ(GetJson("/v4/sports/soccer_epl/events?commenceTimeFrom=2026-12-01T00:00:00Z"
                      "&commenceTimeTo=2026-12-31T00:00:00Z")
                  .size(),
              1u);
    ExpectV4Error(Get(odds + "&commenceTimeFrom=2026-12-26"), 422, "INVALID_COMMENCE_TIME_FROM");
    ExpectV4Error(Get(odds + "&commenceTimeTo=tomorrow"), 422, "INVALID_COMMENCE_TIME_TO");
    ExpectV4Error(Get(odds + "&commenceTimeFrom=2026-12-27T00:00:00Z&commenceTimeTo=2026-12-26T00:00:00Z"), 422,
                  "INVALID_COMMENCE_TIME_RANGE");
}

TEST_F(V4Test, UpcomingListsEverySport) {
    const json list = GetJson("/v4/sports/upcoming/odds?regions=eu");
    std::set<std::string> sports;
    for (const json& e : list) {
        sports.insert(e["sport_key"]);
    }
    EXPECT_EQ(sports, (std::set<std::string>{"soccer_epl", "basketball_nba", "baseball_mlb", "americanfootball_nfl"}))
        << list;
    // By commence time: the NBA game (25 December) first.
    EXPECT_EQ(list[0]["sport_key"], "basketball_nba");
}

TEST_F(V4Test, EventsHaveV4Fields) {
    const json list = GetJson("/v4/sports/basketball_nba/events");
    ASSERT_EQ(list.size(), 1u) << list;
    EXPECT_EQ(Keys(list[0]),
              (std::set<std::string>{"id", "sport_key", "sport_title", "commence_time", "home_team", "away_team"}));
    EXPECT_EQ(list[0]["home_team"], "Boston Celtics");
    EXPECT_EQ(list[0]["sport_title"], "NBA");
}

TEST_F(V4Test, EventOddsCarryPlayerPropsUnderOneKeyEach) {
    const std::string base = "/v4/sports/basketball_nba/events/" + Nba() + "/odds?regions=us";
    const json e = GetJson(base + "&markets=h2h,player_points");
    EXPECT_TRUE(e.is_object()) << e;
    EXPECT_EQ(e["id"], Nba());
    const json& markets = e["bookmakers"][0]["markets"];
    ASSERT_EQ(markets.size(), 2u) << markets;
    EXPECT_EQ(markets[0]["key"], "h2h");
    EXPECT_EQ(markets[1]["key"], "player_points");
    std::set<std::string> players;
    for (const json& o : markets[1]["outcomes"]) {
        EXPECT_TRUE(o["name"] == "Over" || o["name"] == "Under") << o;
        EXPECT_TRUE(o["point"].is_number()) << o;
        players.insert(o["description"].get<std::string>());
    }
    EXPECT_GE(players.size(), 4u) << "one market, every player's line";
    EXPECT_EQ(GetJson(base)["bookmakers"][0]["markets"].size(), 1u) << "h2h by default";
    ExpectV4Error(Get("/v4/sports/soccer_epl/events/" + Nba() + "/odds?regions=us"), 404, "EVENT_NOT_FOUND");
    ExpectV4Error(Get("/v4/sports/basketball_nba/events/no-such-event/odds?regions=us"), 404, "EVENT_NOT_FOUND");
    ExpectV4Error(Get(base + "&markets=player_goals"), 422, "INVALID_MARKET");
    ExpectV4Error(Get("/v4/sports/basketball_nba/events/" + Nba() + "/odds"), 422, "MISSING_REGION");
}

TEST_F(V4Test, UnknownParametersAreIgnored) {
    const std::string base = "/v4/sports/soccer_epl/odds?regions=eu&markets=h2h";
    const json plain = GetJson(base);
    EXPECT_EQ(GetJson(base + "&includeLinks=true&includeSids=true&foo=bar"), plain);
}

TEST_F(V4Test, BadValuesChangeNothing) {
    const std::string odds = "/v4/sports/soccer_epl/odds?regions=eu&markets=h2h,spreads,totals";
    const json before = GetJson(odds);
    for (const std::string bad : {"&oddsFormat=x", "&dateFormat=x", "&markets=x", "&regions=x",
                                  "&eventIds=", "&commenceTimeFrom=x", "&commenceTimeTo=x"}) {
        EXPECT_EQ(Get(odds + bad).status, 422) << bad;
    }
    EXPECT_EQ(GetJson(odds), before);
    EXPECT_EQ(server_->GetService().EventIds().size(), 4u); // the demo EPL, NBA, MLB and NFL events
}

TEST_F(V4Test, V1SportOddsCheckTheQueryEvenWithoutEvents) {
    // Found by the API contract run once /v4 was documented: a sport without events answered 200 [] to a bad query.
    const Reply r =
        Call(Port(), http::verb::get, "/v1/sports/soccer_germany_bundesliga/odds?oddsFormat=X", Key(Role::kFantasy));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.Json()["error"]["field"], "oddsFormat") << r.body;
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/sports/soccer_germany_bundesliga/odds?markets=x", Key(Role::kFantasy))
                  .status,
              400);
}

TEST_F(V4Test, ScoresAreNullBeforeTheStartThenStringsAndCompletedGamesNeedDaysFrom) {
    // A match of its own, so that the demo events stay as they are for the other tests.
    const Reply created =
        Call(Port(), http::verb::post, "/v1/events", Key(Role::kTrader),
             R"({"sport":"soccer","league":"premier-league","home_team":"Liverpool","away_team":"Everton",)"
             R"("commence_time":"2026-12-27T12:30:00Z"})");
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.Json()["id"];
    const std::string scores = "/v4/sports/soccer_epl/scores?eventIds=" + id;
    json before = GetJson(scores);
    ASSERT_EQ(before.size(), 1u) << before;
    EXPECT_EQ(Keys(before[0]), (std::set<std::string>{"id", "sport_key", "sport_title", "commence_time", "completed",
                                                      "home_team", "away_team", "scores", "last_update"}));
    EXPECT_EQ(before[0]["completed"], false);
    EXPECT_TRUE(before[0]["scores"].is_null());
    EXPECT_TRUE(before[0]["last_update"].is_null());
    const std::string state = "/v1/events/" + id + "/state";
    ASSERT_EQ(Call(Port(), http::verb::post, state, Key(Role::kTrader), R"({"minute":30,"home":1,"away":0})").status,
              200);
    const json live = GetJson(scores)[0];
    EXPECT_EQ(live["completed"], false);
    EXPECT_EQ(live["scores"], json::parse(R"([{"name":"Liverpool","score":"1"},{"name":"Everton","score":"0"}])"));
    EXPECT_TRUE(live["last_update"].is_string());
    ASSERT_EQ(
        Call(Port(), http::verb::post, state, Key(Role::kTrader), R"({"minute":90,"home":2,"away":1,"finished":true})")
            .status,
        200);
    EXPECT_TRUE(GetJson(scores).empty()) << "a completed game only with daysFrom";
    const json done = GetJson(scores + "&daysFrom=3");
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0]["completed"], true);
    EXPECT_EQ(done[0]["scores"][0]["score"], "2");
    // A completed game has no odds or events entry any more.
    EXPECT_TRUE(GetJson("/v4/sports/soccer_epl/odds?regions=eu&eventIds=" + id).empty());
    EXPECT_TRUE(GetJson("/v4/sports/soccer_epl/events?eventIds=" + id).empty());
    for (const std::string days : {"0", "4", "1.5", "x", ""}) {
        ExpectV4Error(Get(scores + "&daysFrom=" + days), 422, "INVALID_DAYS_FROM");
    }
}

TEST_F(V4Test, OpenApiDocumentsTheV4Routes) {
    const json doc = Call(Port(), http::verb::get, "/v1/openapi.json").Json();
    for (const std::string path : {"/v4/sports", "/v4/sports/{sport}/odds", "/v4/sports/{sport}/events",
                                   "/v4/sports/{sport}/events/{eventId}/odds", "/v4/sports/{sport}/scores"}) {
        const json& get = doc["paths"][path]["get"];
        EXPECT_EQ(get["security"][0], json::parse(R"({"OddsApiKey": []})")) << path;
        EXPECT_TRUE(get["responses"]["200"]["headers"].contains("x-requests-remaining")) << path;
        EXPECT_TRUE(get["responses"].contains("401")) << path;
    }
    EXPECT_EQ(doc["components"]["securitySchemes"]["OddsApiKey"]["in"], "query");
}

//! A server whose keys get a small bucket that does not refill within the test.
class V4QuotaTest : public ServerSuite<V4QuotaTest> {
public:
    static ServerOptions Options() {
        ServerOptions options = TestServerOptions();
        options.service.sims = 2'000;
        options.service.rate_limit = 0.001;
        options.service.rate_burst = 5.0;
        options.cors_origin = "https://book.example";
        return options;
    }
};

TEST_F(V4QuotaTest, QuotaHeadersCountTheKeysBucket) {
    const std::string target = "/v4/sports?apiKey=" + Key(Role::kSportsbook);
    for (int used = 1; used <= 3; ++used) {
        const Reply r = Call(Port(), http::verb::get, target);
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.Header("x-requests-used"), std::to_string(used));
        EXPECT_EQ(r.Header("x-requests-remaining"), std::to_string(5 - used));
        EXPECT_EQ(r.Header("x-requests-last"), "1");
        // A browser client may read them across origins.
        EXPECT_NE(r.Header("access-control-expose-headers").find("x-requests-remaining"), std::string::npos);
    }
    // Another key has its own bucket.
    const Reply other = Call(Port(), http::verb::get, "/v4/sports/soccer_epl/events?apiKey=" + Key(Role::kFantasy));
    EXPECT_EQ(other.Header("x-requests-remaining"), "4");
}

TEST_F(V4QuotaTest, AnEmptyBucketIs429InTheV4Shape) {
    const std::string target = "/v4/sports?apiKey=" + Key(Role::kTrader);
    for (int i = 0; i < 5; ++i) {
        ASSERT_EQ(Call(Port(), http::verb::get, target).status, 200);
    }
    const Reply throttled = Call(Port(), http::verb::get, target);
    ExpectV4Error(throttled, 429, "EXCEEDED_FREQ_LIMIT");
    EXPECT_FALSE(throttled.Header("retry-after").empty());
}

TEST(V4QuotaHeadersTest, WithoutARateLimitNothingIsCounted) {
    std::vector<std::pair<std::string, std::string>> headers;
    AddV4QuotaHeaders(std::nullopt, &headers);
    ASSERT_EQ(headers.size(), 3u);
    EXPECT_EQ(headers[0], (std::pair<std::string, std::string>{"x-requests-remaining", "2147483647"}));
    EXPECT_EQ(headers[1], (std::pair<std::string, std::string>{"x-requests-used", "0"}));
    RateLimiter unlimited(0.0, 0.0);
    EXPECT_FALSE(unlimited.UsageOf("anyone").has_value());
    RateLimiter limited(1.0, 3.0);
    EXPECT_EQ(limited.UsageOf("new").value().remaining, 3);
    EXPECT_EQ(limited.Take("new"), 0);
    EXPECT_EQ(limited.UsageOf("new").value().used, 1);
}

} // namespace
} // namespace simbook::api
