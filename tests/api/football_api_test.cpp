// American football over the API: the feed key americanfootball_nfl on /v1 and /v4, the demo NFL event with its main
// lines, live-state updates (with the yard line) pushed in two stages, and bad states refused with the event unchanged.
#include "tests/api/api_client.hpp"

#include <boost/beast/websocket.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace simbook::api {
namespace {

class FootballApiTest : public ServerSuite<FootballApiTest> {
public:
    static ServerOptions Options() {
        ServerOptions options = TestServerOptions();
        options.service.sims = 20'000;
        return options;
    }

protected:
    //! The demo NFL event (the fourth demo event: Patriots against Chiefs).
    static std::string Nfl() { return server_->GetService().EventIds().at(3); }
    static json Odds(const std::string& id, const std::string& markets) {
        const Reply r =
            Call(Port(), http::verb::get, "/v1/events/" + id + "/odds?markets=" + markets, Key(Role::kFantasy));
        EXPECT_EQ(r.status, 200) << r.body;
        return r.Json();
    }
    static double HomePrice(const json& odds) {
        for (const json& m : odds["bookmakers"][0]["markets"]) {
            if (m["key"] == "h2h") {
                return m["outcomes"][0]["price"].get<double>();
            }
        }
        ADD_FAILURE() << "no h2h in " << odds;
        return 0.0;
    }
};

TEST_F(FootballApiTest, FeedKeyIsListedOnV1AndV4) {
    const json sports = Call(Port(), http::verb::get, "/v1/sports", Key(Role::kFantasy)).Json();
    bool listed = false;
    for (const json& s : sports) {
        listed = listed || (s["key"] == "americanfootball_nfl" && s["group"] == "football" && s["title"] == "NFL");
    }
    EXPECT_TRUE(listed) << sports;
    const json v4 = Call(Port(), http::verb::get, "/v4/sports?apiKey=" + Key(Role::kFantasy)).Json();
    bool v4_listed = false;
    for (const json& s : v4) {
        v4_listed = v4_listed || (s["key"] == "americanfootball_nfl" && s["description"] == "US Football");
    }
    EXPECT_TRUE(v4_listed) << v4;
    const json events =
        Call(Port(), http::verb::get, "/v1/sports/americanfootball_nfl/odds", Key(Role::kFantasy)).Json();
    ASSERT_EQ(events.size(), 1u) << events;
    EXPECT_EQ(events[0]["sport_key"], "americanfootball_nfl");
    EXPECT_EQ(events[0]["home_team"], "Patriots");
    const Reply v4_odds = Call(Port(), http::verb::get,
                               "/v4/sports/americanfootball_nfl/odds?regions=us&markets=h2h,spreads,totals&apiKey=" +
                                   Key(Role::kFantasy));
    ASSERT_EQ(v4_odds.status, 200) << v4_odds.body;
    ASSERT_EQ(v4_odds.Json().size(), 1u) << v4_odds.body;
    EXPECT_EQ(v4_odds.Json()[0]["bookmakers"][0]["markets"].size(), 3u) << v4_odds.body;
}

TEST_F(FootballApiTest, DemoEventHasMainLinesOnHalfPoints) {
    const json odds = Odds(Nfl(), "h2h,spreads,totals,next_team_to_score");
    std::vector<std::string> keys;
    for (const json& m : odds["bookmakers"][0]["markets"]) {
        keys.push_back(m["key"]);
        if (m["key"] == "spreads" || m["key"] == "totals") {
            for (const json& o : m["outcomes"]) {
                const double point = std::abs(o["point"].get<double>());
                EXPECT_EQ(point - std::floor(point), 0.5) << o; // no push on a main line
            }
        }
        if (m["key"] == "h2h") {
            // A regular-season NFL game can end tied; the tie is quoted when its price fits the book's range.
            EXPECT_GE(m["outcomes"].size(), 2u) << m;
            EXPECT_EQ(m["outcomes"][0]["name"], "Patriots") << m;
        }
    }
    EXPECT_EQ(keys, (std::vector<std::string>{"h2h", "spreads", "totals", "next_team_to_score"})) << odds;
}

TEST_F(FootballApiTest, LiveStateUpdatesPushTwoStagesAndBadStatesChangeNothing) {
    const Reply created = Call(Port(), http::verb::post, "/v1/events", Key(Role::kTrader),
                               R"({"sport":"football","league":"nfl","home_team":"Packers","away_team":"Bears",)"
                               R"("commence_time":"2027-09-19T17:00:00Z"})");
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.Json()["id"];
    const double home_before = HomePrice(Odds(id, "h2h"));
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
    // The home underdog up 14-10 in the 3rd with the ball at the opponent's 30: a much shorter home price.
    const Reply update = Call(Port(), http::verb::post, "/v1/events/" + id + "/state", Key(Role::kTrader),
                              R"({"quarter":3,"clock":"10:00","home":14,"away":10,"possession":"home",)"
                              R"("yard_line":70,"down":1,"distance":10})");
    ASSERT_EQ(update.status, 200) << update.body;
    EXPECT_EQ(update.Json()["version"], 2);
    // The scores are key events (their suspension notices come too); the odds come in two stages: the exact
    // convolution's main lines, then every market from the paths (whose clock replaces the main lines).
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
    const double home_after = HomePrice(Odds(id, "h2h"));
    EXPECT_LT(home_after, 1.5);
    EXPECT_LT(home_after, home_before - 0.5);

    const std::pair<const char*, int> refused[] = {
        {R"({"quarter":5,"home":14,"away":10})", 400},
        {R"({"quarter":3,"clock":"10:00","home":14,"away":10,"yard_line":50})", 400},
        {R"({"quarter":3,"clock":"09:00","home":14,"away":10,"possession":"home","yard_line":90,"down":1,)"
         R"("distance":15})",
         400},
        {R"({"quarter":3,"clock":"11:00","home":14,"away":10})", 409},
        {R"({"quarter":3,"clock":"09:00","home":13,"away":10})", 409},
    };
    for (const auto& [body, status] : refused) {
        const Reply r = Call(Port(), http::verb::post, "/v1/events/" + id + "/state", Key(Role::kTrader), body);
        EXPECT_EQ(r.status, status) << body << ": " << r.body;
        EXPECT_TRUE(r.Json().contains("error")) << r.body;
    }
    json event = Call(Port(), http::verb::get, "/v1/events/" + id, Key(Role::kFantasy)).Json();
    EXPECT_EQ(event["version"], 2);
    EXPECT_EQ(event["state"]["quarter"], 3);
    EXPECT_EQ(event["state"]["yard_line"], 70);
}

TEST_F(FootballApiTest, SimulateTakesFootball) {
    const Reply sim = Call(Port(), http::verb::post, "/v1/simulate", Key(Role::kFantasy),
                           R"({"sport":"football","league":"nfl","home_team":"Patriots","away_team":"Jets",)"
                           R"("sims":20000,"state":{"quarter":2,"clock":"3:00","home":7,"away":3}})");
    ASSERT_EQ(sim.status, 200) << sim.body;
    const json j = sim.Json();
    EXPECT_TRUE(j.contains("next_score")) << j;
    EXPECT_GT(j["win_probability"]["home"].get<double>(), 0.6) << j;
    const Reply bad = Call(Port(), http::verb::post, "/v1/simulate", Key(Role::kFantasy),
                           R"({"sport":"football","league":"nfl","home_team":"Patriots","away_team":"Jets",)"
                           R"("state":{"quarter":2,"down":3}})");
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_NE(bad.body.find("state."), std::string::npos) << bad.body;
}

} // namespace
} // namespace simbook::api
