// Baseball over the API: the feed key baseball_mlb on /v1 and /v4, the demo MLB event with its main lines (the
// exact chain's) and innings markets, live-state updates pushed in two stages, and bad states refused unchanged.
#include "tests/api/api_client.hpp"

#include <boost/beast/websocket.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace simbook::api {
namespace {

class BaseballApiTest : public ServerSuite<BaseballApiTest> {
public:
    static ServerOptions Options() {
        ServerOptions options = TestServerOptions();
        options.service.sims = 20'000;
        return options;
    }

protected:
    //! The demo MLB event (the third demo event: NYA against BOS).
    static std::string Mlb() { return server_->GetService().EventIds().at(2); }
    static json Odds(const std::string& id, const std::string& markets) {
        const Reply r =
            Call(Port(), http::verb::get, "/v1/events/" + id + "/odds?markets=" + markets, Key(Role::kFantasy));
        EXPECT_EQ(r.status, 200) << r.body;
        return r.Json();
    }
    //! The markets of an odds reply by feed key (several for team_totals).
    static std::multimap<std::string, json> ByKey(json odds) {
        std::multimap<std::string, json> out;
        for (const json& m : odds["bookmakers"][0]["markets"]) {
            out.emplace(m["key"].get<std::string>(), m);
        }
        return out;
    }
};

TEST_F(BaseballApiTest, FeedKeyIsListedOnV1AndV4) {
    const json sports = Call(Port(), http::verb::get, "/v1/sports", Key(Role::kFantasy)).Json();
    bool listed = false;
    for (const json& s : sports) {
        listed = listed || (s["key"] == "baseball_mlb" && s["group"] == "baseball" && s["title"] == "MLB");
    }
    EXPECT_TRUE(listed) << sports;
    const json v4 = Call(Port(), http::verb::get, "/v4/sports?apiKey=" + Key(Role::kFantasy)).Json();
    bool v4_listed = false;
    for (const json& s : v4) {
        v4_listed = v4_listed || (s["key"] == "baseball_mlb" && s["group"] == "Baseball" &&
                                  s["description"] == "Major League Baseball");
    }
    EXPECT_TRUE(v4_listed) << v4;
    const json events = Call(Port(), http::verb::get, "/v1/sports/baseball_mlb/odds", Key(Role::kFantasy)).Json();
    ASSERT_EQ(events.size(), 1u) << events;
    EXPECT_EQ(events[0]["sport_key"], "baseball_mlb");
    const Reply v4_odds =
        Call(Port(), http::verb::get,
             "/v4/sports/baseball_mlb/odds?regions=us&markets=h2h,spreads,totals&apiKey=" + Key(Role::kFantasy));
    ASSERT_EQ(v4_odds.status, 200) << v4_odds.body;
    ASSERT_EQ(v4_odds.Json().size(), 1u) << v4_odds.body;
    EXPECT_EQ(v4_odds.Json()[0]["bookmakers"][0]["markets"].size(), 3u) << v4_odds.body;
}

TEST_F(BaseballApiTest, DemoEventHasRunLineTotalsAndInningsMarkets) {
    const json odds =
        Odds(Mlb(), "h2h,spreads,totals,h2h_1st_5_innings,totals_1st_5_innings,totals_1st_1_innings,team_totals");
    const auto markets = ByKey(odds);
    for (const char* key :
         {"h2h", "spreads", "totals", "h2h_1st_5_innings", "totals_1st_5_innings", "totals_1st_1_innings"}) {
        EXPECT_EQ(markets.count(key), 1u) << key << " in " << odds;
    }
    EXPECT_EQ(markets.count("team_totals"), 2u) << odds;
    // Moneyline: two outcomes (no draw in baseball); the run line is +/-1.5.
    EXPECT_EQ(markets.find("h2h")->second["outcomes"].size(), 2u);
    for (const json& o : markets.find("spreads")->second["outcomes"]) {
        EXPECT_EQ(std::abs(o["point"].get<double>()), 1.5) << o;
    }
    // First five innings: three ways (a tie after five is the draw); first inning: the NRFI line.
    EXPECT_EQ(markets.find("h2h_1st_5_innings")->second["outcomes"].size(), 3u);
    for (const json& o : markets.find("totals_1st_1_innings")->second["outcomes"]) {
        EXPECT_EQ(o["point"], 0.5);
    }
    const Reply bad = Call(Port(), http::verb::get, "/v1/events/" + Mlb() + "/odds?markets=nrfi", Key(Role::kFantasy));
    EXPECT_EQ(bad.status, 400) << bad.body;
}

TEST_F(BaseballApiTest, LiveStateUpdatesPushTwoStagesAndBadStatesChangeNothing) {
    const Reply created = Call(Port(), http::verb::post, "/v1/events", Key(Role::kTrader),
                               R"({"sport":"baseball","league":"mlb","home_team":"BOS","away_team":"NYA",)"
                               R"("commence_time":"2027-04-02T23:10:00Z"})");
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.Json()["id"];
    json before = Odds(id, "h2h");
    ASSERT_TRUE(before.contains("bookmakers")) << before;
    ASSERT_FALSE(before["bookmakers"][0]["markets"].empty()) << before;
    asio::io_context ioc;
    beast::websocket::stream<beast::tcp_stream> ws(ioc);
    beast::get_lowest_layer(ws).connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), Port()));
    const std::string key = Key(Role::kFantasy);
    ws.set_option(beast::websocket::stream_base::decorator(
        [key](beast::websocket::request_type& req) { req.set("X-API-Key", key); }));
    ws.handshake("127.0.0.1", "/v1/stream");
    ws.write(asio::buffer(json{{"subscribe", {id}}}.dump()));
    beast::flat_buffer buffer;
    ws.read(buffer);
    buffer.consume(buffer.size());
    // Home up 4-1 in the bottom of the 7th: a much shorter home price.
    const Reply update = Call(Port(), http::verb::post, "/v1/events/" + id + "/state", Key(Role::kTrader),
                              R"({"inning":7,"half":"bottom","outs":1,"bases":[1],"home":4,"away":1,)"
                              R"("away_pitcher":"bullpen"})");
    ASSERT_EQ(update.status, 200) << update.body;
    EXPECT_EQ(update.Json()["version"], 2);
    // The runs and the pitching change are key events (their suspension notices come too); the odds come in two
    // stages: the exact chain's main lines, then every market.
    std::vector<std::string> stages;
    for (int message = 0; message < 8 && stages.size() < 2; ++message) {
        ws.read(buffer);
        json pushed = json::parse(beast::buffers_to_string(buffer.data()));
        buffer.consume(buffer.size());
        if (pushed.value("type", "") != "odds") {
            continue;
        }
        stages.push_back(pushed.value("stage", ""));
        ASSERT_TRUE(pushed.contains("bookmakers")) << pushed;
        EXPECT_FALSE(pushed["bookmakers"][0]["markets"].empty()) << pushed;
    }
    EXPECT_EQ(stages, (std::vector<std::string>{"main_lines", "all"}));
    json after = Odds(id, "h2h");
    ASSERT_TRUE(after.contains("bookmakers")) << after;
    ASSERT_FALSE(after["bookmakers"][0]["markets"].empty()) << after;
    const double home_before = before["bookmakers"][0]["markets"][0]["outcomes"][0]["price"];
    const double home_after = after["bookmakers"][0]["markets"][0]["outcomes"][0]["price"];
    EXPECT_LT(home_after, 1.25) << after;
    EXPECT_LT(home_after, home_before - 0.4);
    // Past the 5th: the first-five and first-inning markets are no longer offered.
    const auto markets = ByKey(Odds(id, "h2h_1st_5_innings,totals_1st_1_innings,team_totals"));
    EXPECT_EQ(markets.count("h2h_1st_5_innings"), 0u);
    EXPECT_EQ(markets.count("totals_1st_1_innings"), 0u);
    EXPECT_EQ(markets.count("team_totals"), 2u);

    const std::pair<const char*, int> refused[] = {
        {R"({"inning":7,"half":"middle","home":4,"away":1})", 400},
        {R"({"inning":7,"half":"bottom","outs":3,"home":4,"away":1})", 400},
        {R"({"inning":7,"half":"bottom","bases":[4],"home":4,"away":1})", 400},
        {R"({"inning":9,"half":"bottom","home":6,"away":1})", 400},
        {R"({"inning":6,"half":"bottom","home":4,"away":1})", 409},
        {R"({"inning":8,"home":3,"away":1})", 409},
        {R"({"inning":8,"home":4,"away":1,"away_pitcher":"starter"})", 409},
    };
    for (const auto& [body, status] : refused) {
        const Reply r = Call(Port(), http::verb::post, "/v1/events/" + id + "/state", Key(Role::kTrader), body);
        EXPECT_EQ(r.status, status) << body << ": " << r.body;
        EXPECT_TRUE(r.Json().contains("error")) << r.body;
    }
    json event = Call(Port(), http::verb::get, "/v1/events/" + id, Key(Role::kFantasy)).Json();
    EXPECT_EQ(event["version"], 2);
    EXPECT_EQ(event["state"]["inning"], 7);
    EXPECT_EQ(event["state"]["home"], 4);
}

TEST_F(BaseballApiTest, SimulateTakesBaseball) {
    const Reply sim = Call(Port(), http::verb::post, "/v1/simulate", Key(Role::kFantasy),
                           R"({"sport":"baseball","league":"mlb","home_team":"NYA","away_team":"BOS","sims":20000,)"
                           R"("state":{"inning":3,"home":1,"away":0}})");
    ASSERT_EQ(sim.status, 200) << sim.body;
    const json j = sim.Json();
    EXPECT_NEAR(j["win_probability"]["home"].get<double>() + j["win_probability"]["away"].get<double>(), 1.0, 1e-9);
    EXPECT_TRUE(j.contains("first_five")) << j;
    const Reply bad = Call(Port(), http::verb::post, "/v1/simulate", Key(Role::kFantasy),
                           R"({"sport":"baseball","league":"mlb","home_team":"NYA","away_team":"BOS",)"
                           R"("state":{"inning":3,"outs":5}})");
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_NE(bad.body.find("state.outs"), std::string::npos) << bad.body;
}

} // namespace
} // namespace simbook::api
