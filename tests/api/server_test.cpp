// The API end to end: a Server on 127.0.0.1:0 and a blocking Beast client speaking HTTP/1.1 to it.
#include "tests/api/api_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>

namespace simbook::api {
namespace {

class ApiTest : public ServerSuite<ApiTest> {
public:
    static ServerOptions Options() {
        ServerOptions options = TestServerOptions();
        options.body_limit = 64 * 1024;
        options.service.sims = 20'000;
        return options;
    }

protected:
    static std::string EventId(std::size_t i) { return server_->GetService().EventIds().at(i); }
    static void ExpectErrorShape(const Reply& r, const std::string& code) {
        const json j = r.Json();
        ASSERT_TRUE(j.is_object()) << r.body;
        ASSERT_TRUE(j.contains("error")) << r.body;
        EXPECT_EQ(j["error"]["code"], code) << r.body;
        EXPECT_TRUE(j["error"]["message"].is_string());
        EXPECT_TRUE(j["error"]["request_id"].is_string());
    }
};

TEST_F(ApiTest, HealthAndReadyNeedNoKey) {
    const Reply health = Call(Port(), http::verb::get, "/v1/health");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.Json()["status"], "ok");
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/ready").status, 200);
}

TEST_F(ApiTest, KeepAliveServesSeveralRequestsOnOneConnection) {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), Port()));
    beast::flat_buffer buffer;
    for (int i = 0; i < 3; ++i) {
        http::request<http::string_body> req{http::verb::get, "/v1/health", 11};
        req.set(http::field::host, "127.0.0.1");
        http::write(stream, req);
        http::response<http::string_body> res;
        http::read(stream, buffer, res);
        EXPECT_EQ(res.result_int(), 200u);
        EXPECT_TRUE(res.keep_alive());
    }
}

TEST_F(ApiTest, MissingOrUnknownKeyIs401) {
    const Reply none = Call(Port(), http::verb::get, "/v1/sports");
    EXPECT_EQ(none.status, 401);
    ExpectErrorShape(none, "unauthenticated");
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/sports", "not-a-key").status, 401);
    const Reply sports = Call(Port(), http::verb::get, "/v1/sports", Key(Role::kFantasy));
    EXPECT_EQ(sports.status, 200);
    EXPECT_GE(sports.Json().size(), 2u);
}

TEST_F(ApiTest, WrongRoleIs403) {
    const std::string body =
        R"({"event_id":")" + EventId(0) + R"(","market":"h2h","outcome":"home","price":1.5,"stake":10})";
    const Reply bet = Call(Port(), http::verb::post, "/v1/bets", Key(Role::kFantasy), body, "fantasy-1");
    EXPECT_EQ(bet.status, 403);
    ExpectErrorShape(bet, "permission_denied");
    const Reply state = Call(Port(), http::verb::post, "/v1/events/" + EventId(0) + "/state", Key(Role::kSportsbook),
                             R"({"minute":10,"home":0,"away":0})");
    EXPECT_EQ(state.status, 403);
    const Reply settle = Call(Port(), http::verb::post, "/v1/events/" + EventId(0) + "/markets/h2h/settle",
                              Key(Role::kFantasy), R"({"winner":"home"})");
    EXPECT_EQ(settle.status, 403);
}

TEST_F(ApiTest, MalformedJsonIs400WithErrorShape) {
    const Reply r = Call(Port(), http::verb::post, "/v1/events", Key(Role::kAdmin), "{not json");
    EXPECT_EQ(r.status, 400);
    ExpectErrorShape(r, "invalid_argument");
    const Reply missing = Call(Port(), http::verb::post, "/v1/events", Key(Role::kAdmin), R"({"sport":"soccer"})");
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(missing.Json()["error"]["field"], "league");
    const Reply wrong_type =
        Call(Port(), http::verb::post, "/v1/events", Key(Role::kAdmin),
             R"({"sport":"soccer","league":"premier-league","home_team":7,"away_team":"Chelsea"})");
    EXPECT_EQ(wrong_type.status, 400);
    EXPECT_EQ(wrong_type.Json()["error"]["field"], "home_team");
}

TEST_F(ApiTest, CommenceTimeIsAUtcTimestampOrAbsent) {
    const std::string game =
        R"("sport":"soccer","league":"premier-league","home_team":"Arsenal","away_team":"Chelsea")";
    for (const char* bad : {R"(,"commence_time":12345)", R"(,"commence_time":"2026-12-26")",
                            R"(,"commence_time":"2026-13-26T15:00:00Z")", R"(,"commence_time":"")"}) {
        const Reply r = Call(Port(), http::verb::post, "/v1/events", Key(Role::kTrader), "{" + game + bad + "}");
        EXPECT_EQ(r.status, 400) << bad << ": " << r.body;
        EXPECT_EQ(r.Json()["error"]["field"], "commence_time") << r.body;
    }
    const Reply ok = Call(Port(), http::verb::post, "/v1/events", Key(Role::kTrader),
                          "{" + game + R"(,"commence_time":"2026-12-26T15:00:00Z"})");
    EXPECT_EQ(ok.status, 201) << ok.body;
    EXPECT_EQ(ok.Json()["commence_time"], "2026-12-26T15:00:00Z") << ok.body;
}

TEST_F(ApiTest, OversizedBodyIs413) {
    const std::string big = "{\"x\":\"" + std::string(100 * 1024, 'a') + "\"}";
    const Reply r = Call(Port(), http::verb::post, "/v1/events", Key(Role::kAdmin), big);
    EXPECT_EQ(r.status, 413);
    ExpectErrorShape(r, "payload_too_large");
}

TEST_F(ApiTest, UnknownIdsAre404) {
    const Reply event = Call(Port(), http::verb::get, "/v1/events/nope", Key(Role::kFantasy));
    EXPECT_EQ(event.status, 404);
    ExpectErrorShape(event, "not_found");
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/events/nope/odds", Key(Role::kFantasy)).status, 404);
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/bets/999999", Key(Role::kSportsbook)).status, 404);
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/no-such-route", Key(Role::kSportsbook)).status, 404);
}

TEST_F(ApiTest, OddsHaveThePublicFeedShape) {
    const Reply r =
        Call(Port(), http::verb::get, "/v1/events/" + EventId(0) + "/odds?markets=h2h,totals", Key(Role::kFantasy));
    ASSERT_EQ(r.status, 200) << r.body;
    const json j = r.Json();
    EXPECT_EQ(j["id"], EventId(0));
    EXPECT_EQ(j["sport_key"], "soccer_epl");
    EXPECT_EQ(j["home_team"], "Arsenal");
    EXPECT_EQ(j["away_team"], "Chelsea");
    ASSERT_EQ(j["bookmakers"].size(), 1u);
    EXPECT_EQ(j["bookmakers"][0]["key"], "simbook");
    const json& markets = j["bookmakers"][0]["markets"];
    ASSERT_EQ(markets.size(), 2u);
    EXPECT_EQ(markets[0]["key"], "h2h");
    ASSERT_EQ(markets[0]["outcomes"].size(), 3u);
    double overround = -1.0;
    for (const json& o : markets[0]["outcomes"]) {
        ASSERT_TRUE(o["price"].is_number());
        EXPECT_GT(o["price"].get<double>(), 1.0);
        overround += 1.0 / o["price"].get<double>();
    }
    EXPECT_NEAR(overround, 0.05, 0.005);
    EXPECT_EQ(markets[1]["key"], "totals");
    EXPECT_EQ(markets[1]["outcomes"][0]["name"], "Over");
    EXPECT_TRUE(markets[1]["outcomes"][0]["point"].is_number());

    const Reply american =
        Call(Port(), http::verb::get, "/v1/events/" + EventId(1) + "/odds?oddsFormat=american", Key(Role::kFantasy));
    ASSERT_EQ(american.status, 200) << american.body;
    const json american_odds = american.Json();
    for (const json& m : american_odds["bookmakers"][0]["markets"]) {
        for (const json& o : m["outcomes"]) {
            EXPECT_TRUE(o["price"].is_number_integer()) << o;
            EXPECT_GE(std::abs(o["price"].get<int>()), 100);
        }
    }
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/events/" + EventId(0) + "/odds?oddsFormat=roman", Key(Role::kFantasy))
                  .status,
              400);
}

TEST_F(ApiTest, StateUpdateBumpsVersionAndMovesPrices) {
    const std::string created_body =
        R"({"sport":"basketball","league":"nba","home_team":"DEN","away_team":"LAL","commence_time":"2026-12-30T02:00:00Z"})";
    const Reply created = Call(Port(), http::verb::post, "/v1/events", Key(Role::kTrader), created_body);
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.Json()["id"];
    const std::string odds = "/v1/events/" + id + "/odds?markets=h2h";
    const json before = Call(Port(), http::verb::get, odds, Key(Role::kFantasy)).Json();
    EXPECT_EQ(before["version"], 0);
    const Reply update = Call(Port(), http::verb::post, "/v1/events/" + id + "/state", Key(Role::kTrader),
                              R"({"period":4,"clock":"6:00","home":100,"away":94,"possession":"home"})");
    ASSERT_EQ(update.status, 200) << update.body;
    // An exact event (the default) publishes two versions per update: the exact main lines, then every market.
    EXPECT_EQ(update.Json()["version"], 2);
    const json after = Call(Port(), http::verb::get, odds, Key(Role::kFantasy)).Json();
    EXPECT_EQ(after["version"], 2);
    ASSERT_EQ(before["bookmakers"][0]["markets"].size(), 1u) << before;
    ASSERT_EQ(after["bookmakers"][0]["markets"].size(), 1u) << after;
    const double home_before = before["bookmakers"][0]["markets"][0]["outcomes"][0]["price"];
    const double home_after = after["bookmakers"][0]["markets"][0]["outcomes"][0]["price"];
    EXPECT_LT(home_after, home_before - 0.2); // six points up with six minutes left: a much shorter price
    EXPECT_LT(home_after, 1.3);

    const Reply backwards = Call(Port(), http::verb::post, "/v1/events/" + id + "/state", Key(Role::kTrader),
                                 R"({"period":3,"clock":"5:00","home":100,"away":94})");
    EXPECT_EQ(backwards.status, 409);
    ExpectErrorShape(backwards, "out_of_order");
    const Reply score_down = Call(Port(), http::verb::post, "/v1/events/" + id + "/state", Key(Role::kTrader),
                                  R"({"period":4,"clock":"1:00","home":98,"away":90})");
    EXPECT_EQ(score_down.status, 409);
    const Reply impossible = Call(Port(), http::verb::post, "/v1/events/" + id + "/state", Key(Role::kTrader),
                                  R"({"period":4,"clock":"1:00","home":-3,"away":90})");
    EXPECT_EQ(impossible.status, 400);
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/events/" + id, Key(Role::kFantasy)).Json()["version"], 2);
}

TEST_F(ApiTest, BetPlacementIsIdempotent) {
    const json odds =
        Call(Port(), http::verb::get, "/v1/events/" + EventId(0) + "/odds?markets=h2h", Key(Role::kSportsbook)).Json();
    const json& home = odds["bookmakers"][0]["markets"][0]["outcomes"][0];
    const json bet{{"event_id", EventId(0)},
                   {"market", "h2h"},
                   {"outcome", home["selection"]},
                   {"price", home["price"].get<double>() - 0.01},
                   {"stake", 10.0}};
    const Reply first = Call(Port(), http::verb::post, "/v1/bets", Key(Role::kSportsbook), bet.dump(), "bet-key-1");
    ASSERT_EQ(first.status, 201) << first.body;
    const Reply again = Call(Port(), http::verb::post, "/v1/bets", Key(Role::kSportsbook), bet.dump(), "bet-key-1");
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.Json()["id"], first.Json()["id"]);
    EXPECT_TRUE(again.Json()["duplicate"].get<bool>());
    const Reply got =
        Call(Port(), http::verb::get, "/v1/bets/" + first.Json()["id"].get<std::string>(), Key(Role::kSportsbook));
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.Json()["stake"], 10.0);
    EXPECT_EQ(Call(Port(), http::verb::post, "/v1/bets", Key(Role::kSportsbook), bet.dump()).status, 400);
    // The same key with another bet is a conflict, not the original bet (IETF Idempotency-Key draft).
    json bigger = bet;
    bigger["stake"] = 20.0;
    const Reply reused = Call(Port(), http::verb::post, "/v1/bets", Key(Role::kSportsbook), bigger.dump(), "bet-key-1");
    EXPECT_EQ(reused.status, 409) << reused.body;
    ExpectErrorShape(reused, "idempotency_key_reused");
    // Keys are scoped per API key: another key's "bet-key-1" is another bet, never this customer's.
    const Reply other = Call(Port(), http::verb::post, "/v1/bets", Key(Role::kTrader), bet.dump(), "bet-key-1");
    ASSERT_EQ(other.status, 201) << other.body;
    EXPECT_NE(other.Json()["id"], first.Json()["id"]);
    EXPECT_EQ(other.Json()["idempotency_key"], "bet-key-1");
    // A stake that is not a whole number of cents is refused, not rounded.
    json fraction = bet;
    fraction["stake"] = 0.005;
    const Reply rounded =
        Call(Port(), http::verb::post, "/v1/bets", Key(Role::kSportsbook), fraction.dump(), "bet-key-3");
    EXPECT_EQ(rounded.status, 400) << rounded.body;
    EXPECT_EQ(rounded.Json()["error"]["field"], "stake");
    json far = bet;
    far["price"] = 50.0;
    const Reply moved = Call(Port(), http::verb::post, "/v1/bets", Key(Role::kSportsbook), far.dump(), "bet-key-2");
    EXPECT_EQ(moved.status, 409);
    ExpectErrorShape(moved, "price_moved");
}

TEST_F(ApiTest, TraderSuspendsAndSettles) {
    const std::string base = "/v1/events/" + EventId(0) + "/markets/totals:2.5/";
    const Reply suspended = Call(Port(), http::verb::post, base + "suspend", Key(Role::kTrader));
    ASSERT_EQ(suspended.status, 200) << suspended.body;
    EXPECT_EQ(suspended.Json()["state"], "suspended");
    EXPECT_EQ(Call(Port(), http::verb::post, base + "resume", Key(Role::kAdmin)).Json()["state"], "open");
    const Reply settled = Call(Port(), http::verb::post, base + "settle", Key(Role::kAdmin), R"({"winner":"over"})");
    EXPECT_EQ(settled.status, 200) << settled.body;
}

TEST_F(ApiTest, StreamPushesOddsAfterAStateUpdate) {
    namespace websocket = beast::websocket;
    asio::io_context ioc;
    websocket::stream<beast::tcp_stream> ws(ioc);
    beast::get_lowest_layer(ws).connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), Port()));
    beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(10));
    const std::string key = Key(Role::kFantasy);
    ws.set_option(
        websocket::stream_base::decorator([key](websocket::request_type& req) { req.set("X-API-Key", key); }));
    ws.handshake("127.0.0.1", "/v1/stream");
    const std::string id = EventId(1);
    ws.write(asio::buffer(json{{"subscribe", {id}}}.dump()));
    beast::flat_buffer buffer;
    ws.read(buffer);
    const json subscribed = json::parse(beast::buffers_to_string(buffer.data()));
    buffer.consume(buffer.size());
    EXPECT_EQ(subscribed["type"], "subscribed");
    EXPECT_EQ(subscribed["event_ids"], json::array({id}));
    const Reply update = Call(Port(), http::verb::post, "/v1/events/" + id + "/state", Key(Role::kTrader),
                              R"({"period":1,"clock":"10:00","home":5,"away":0,"possession":"away"})");
    ASSERT_EQ(update.status, 200) << update.body;
    // The demo events are exact: the main lines first, then every market, the last at the reply's version.
    for (const char* stage : {"main_lines", "all"}) {
        ws.read(buffer);
        const json pushed = json::parse(beast::buffers_to_string(buffer.data()));
        buffer.consume(buffer.size());
        EXPECT_EQ(pushed["type"], "odds");
        EXPECT_EQ(pushed["id"], id);
        EXPECT_EQ(pushed["stage"], stage);
        EXPECT_EQ(pushed["version"].get<int>(),
                  update.Json()["version"].get<int>() - (std::string(stage) == "main_lines" ? 1 : 0));
        EXPECT_FALSE(pushed["bookmakers"][0]["markets"].empty());
    }
    ws.close(websocket::close_code::normal);

    websocket::stream<beast::tcp_stream> anonymous(ioc);
    beast::get_lowest_layer(anonymous).connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), Port()));
    beast::get_lowest_layer(anonymous).expires_after(std::chrono::seconds(10));
    beast::error_code ec;
    anonymous.handshake("127.0.0.1", "/v1/stream", ec);
    EXPECT_TRUE(ec); // refused with 401
}

TEST_F(ApiTest, AnExactEventPushesItsMainLinesThenEveryMarket) {
    namespace websocket = beast::websocket;
    const Reply created = Call(Port(), http::verb::post, "/v1/events", Key(Role::kTrader),
                               R"({"sport":"basketball","league":"nba","home_team":"BOS","away_team":"DAL",)"
                               R"("pricing":"exact"})");
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.Json()["id"];
    asio::io_context ioc;
    websocket::stream<beast::tcp_stream> ws(ioc);
    beast::get_lowest_layer(ws).connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), Port()));
    beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(20));
    const std::string key = Key(Role::kFantasy);
    ws.set_option(
        websocket::stream_base::decorator([key](websocket::request_type& req) { req.set("X-API-Key", key); }));
    ws.handshake("127.0.0.1", "/v1/stream");
    ws.write(asio::buffer(json{{"subscribe", {id}}}.dump()));
    beast::flat_buffer buffer;
    ws.read(buffer);
    buffer.consume(buffer.size());
    int last_version = 0;
    const char* states[] = {R"({"period":1,"clock":"10:00","home":5,"away":0,"possession":"away"})",
                            R"({"period":2,"clock":"6:00","home":40,"away":38,"possession":"home"})",
                            R"({"period":4,"clock":"1:00","home":101,"away":99,"possession":"away"})"};
    for (const char* state : states) {
        const Reply update = Call(Port(), http::verb::post, "/v1/events/" + id + "/state", Key(Role::kTrader), state);
        ASSERT_EQ(update.status, 200) << update.body;
        // Two versions per update, in order: the exact main lines, then every market from the paths.
        std::vector<json> pushes;
        for (int i = 0; i < 2; ++i) {
            ws.read(buffer);
            pushes.push_back(json::parse(beast::buffers_to_string(buffer.data())));
            buffer.consume(buffer.size());
        }
        EXPECT_EQ(pushes[0]["stage"], "main_lines") << pushes[0];
        EXPECT_EQ(pushes[1]["stage"], "all") << pushes[1];
        EXPECT_EQ(pushes[0]["version"].get<int>(), last_version + 1);
        EXPECT_EQ(pushes[1]["version"].get<int>(), last_version + 2);
        EXPECT_EQ(pushes[1]["version"], update.Json()["version"]);
        last_version = pushes[1]["version"].get<int>();
        // The main lines of both stages are the same exact prices.
        const auto prices = [](json markets) {
            for (json& m : markets) {
                m.erase("last_update");
            }
            return markets;
        };
        EXPECT_EQ(prices(pushes[0]["bookmakers"][0]["markets"]), prices(pushes[1]["bookmakers"][0]["markets"]));
        EXPECT_EQ(pushes[0]["bookmakers"][0]["markets"].size(), 3u);
    }
    ws.close(websocket::close_code::normal);
    // The path-based markets are open again at the last version.
    const Reply momentum =
        Call(Port(), http::verb::get, "/v1/events/" + id + "/odds?markets=lead_change", Key(Role::kFantasy));
    ASSERT_EQ(momentum.status, 200) << momentum.body;
    EXPECT_FALSE(momentum.Json()["bookmakers"][0]["markets"].empty()) << momentum.body;
}

TEST_F(ApiTest, TheStreamKeyIsTheApiKeyParameterNotASubstring) {
    namespace websocket = beast::websocket;
    const auto handshake = [this](const std::string& target) {
        asio::io_context ioc;
        websocket::stream<beast::tcp_stream> ws(ioc);
        beast::get_lowest_layer(ws).connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), Port()));
        beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(10));
        beast::error_code ec;
        ws.handshake("127.0.0.1", target, ec);
        return !ec;
    };
    const std::string key = Key(Role::kFantasy);
    EXPECT_TRUE(handshake("/v1/stream?api_key=" + key));
    EXPECT_TRUE(handshake("/v1/stream?x=1&api_key=" + key));
    EXPECT_FALSE(handshake("/v1/stream?xapi_key=" + key));
    EXPECT_FALSE(handshake("/v1/stream?api_key=" + key + "x"));
}

TEST_F(ApiTest, AMalformedWebSocketHandshakeIsRefused) {
    const auto upgrade = [this](const std::string& key, const std::string& version) {
        client::HttpClient http("127.0.0.1", std::to_string(Port()), client::HttpClientOptions(Key(Role::kFantasy)));
        client::HttpHeaders headers{{"Connection", "Upgrade"},
                                    {"Upgrade", "websocket"},
                                    {"Sec-WebSocket-Version", version},
                                    {"Sec-WebSocket-Key", key}};
        auto sent = http.Send(http::verb::get, "/v1/stream", "", headers);
        return sent.ok() ? sent->status : 0;
    };
    EXPECT_EQ(upgrade("dGhlIHNhbXBsZSBub25jZQ==", "13"), 101); // RFC 6455's example key
    EXPECT_EQ(upgrade("abc", "13"), 400);
    EXPECT_EQ(upgrade("", "13"), 400);
    EXPECT_EQ(upgrade("dGhlIHNhbXBsZSBub25jZQ=", "13"), 400);  // 23 characters
    EXPECT_EQ(upgrade("dGhlIHNhbXBsZSBub25jZR==", "13"), 400); // low bits set: not 16 bytes
    EXPECT_EQ(upgrade("dGhlIHNhbXBsZSBub25j*Q==", "13"), 400); // not base64
    EXPECT_EQ(upgrade("dGhlIHNhbXBsZSBub25jZQ==", "8"), 426);
}

TEST_F(ApiTest, OpenApiAndMetricsDescribeTheService) {
    const json doc = Call(Port(), http::verb::get, "/v1/openapi.json").Json();
    EXPECT_EQ(doc["openapi"], "3.0.3");
    EXPECT_TRUE(doc["paths"].contains("/v1/events/{id}/odds"));
    ASSERT_EQ(Call(Port(), http::verb::get, "/v1/health").status, 200);
    const Reply metrics = Call(Port(), http::verb::get, "/metrics");
    EXPECT_EQ(metrics.status, 200);
    EXPECT_NE(metrics.content_type.find("text/plain"), std::string::npos);
    EXPECT_NE(metrics.body.find("simbook_http_requests_total{method=\"GET\",route=\"/v1/health\",status=\"200\"}"),
              std::string::npos)
        << metrics.body;
}

TEST_F(ApiTest, SimulateReturnsTheDistributionSummary) {
    const std::string body =
        R"({"sport":"soccer","league":"premier-league","home_team":"Arsenal","away_team":"Chelsea","sims":5000,"seed":3})";
    const Reply first = Call(Port(), http::verb::post, "/v1/simulate", Key(Role::kTrader), body);
    ASSERT_EQ(first.status, 200) << first.body;
    const json j = first.Json();
    EXPECT_EQ(j["sims"], 5000);
    EXPECT_EQ(j["seed"], 3);
    const double sum = j["win_probability"]["home"].get<double>() + j["win_probability"]["draw"].get<double>() +
                       j["win_probability"]["away"].get<double>();
    EXPECT_NEAR(sum, 1.0, 1e-9);
    // The same seed gives the same distribution; fantasy keys may simulate too.
    const Reply again = Call(Port(), http::verb::post, "/v1/simulate", Key(Role::kFantasy), body);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.Json()["win_probability"], j["win_probability"]);

    // Basketball from a live state: six points up with a minute left is nearly won.
    const Reply live = Call(Port(), http::verb::post, "/v1/simulate", Key(Role::kAdmin),
                            R"({"sport":"basketball","league":"nba","home_team":"BOS","away_team":"DAL","sims":4000,)"
                            R"("state":{"period":4,"clock":"1:00","home":100,"away":94,"possession":"home"}})");
    ASSERT_EQ(live.status, 200) << live.body;
    EXPECT_GT(live.Json()["win_probability"]["home"].get<double>(), 0.9);
    EXPECT_EQ(live.Json()["sims"], 4000);
}

TEST_F(ApiTest, SimulateRefusesBadInput) {
    const auto simulate = [](const std::string& key, const std::string& body) {
        return Call(Port(), http::verb::post, "/v1/simulate", key, body);
    };
    const std::string teams =
        R"("sport":"soccer","league":"premier-league","home_team":"Arsenal","away_team":"Chelsea")";
    for (const std::string sims : {"0", "1000001", "2.5", "\"many\"", "-4"}) {
        const Reply r = simulate(Key(Role::kTrader), "{" + teams + R"(,"sims":)" + sims + "}");
        EXPECT_EQ(r.status, 400) << sims;
        ExpectErrorShape(r, "invalid_argument");
        EXPECT_EQ(r.Json()["error"]["field"], "sims") << sims;
    }
    const Reply bad_state = simulate(Key(Role::kTrader), "{" + teams + R"(,"sims":100,"state":{"minute":-5}})");
    EXPECT_EQ(bad_state.status, 400) << bad_state.body;
    const Reply missing = simulate(Key(Role::kTrader), R"({"sport":"soccer","league":"premier-league"})");
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(missing.Json()["error"]["field"], "home_team");
    const Reply unknown_team =
        simulate(Key(Role::kTrader), R"({"sport":"soccer","league":"premier-league","home_team":"Nowhere FC",)"
                                     R"("away_team":"Chelsea","sims":100})");
    EXPECT_EQ(unknown_team.status, 400) << unknown_team.body;
    const Reply sportsbook = simulate(Key(Role::kSportsbook), "{" + teams + R"(,"sims":100})");
    EXPECT_EQ(sportsbook.status, 403);
    ExpectErrorShape(sportsbook, "permission_denied");
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/simulate", Key(Role::kTrader)).status, 405);
    EXPECT_EQ(simulate("", "{" + teams + "}").status, 401);
}

TEST_F(ApiTest, SportOddsListEveryEventOfTheSport) {
    const Reply epl = Call(Port(), http::verb::get, "/v1/sports/soccer_epl/odds?markets=h2h", Key(Role::kFantasy));
    ASSERT_EQ(epl.status, 200) << epl.body;
    const json list = epl.Json();
    ASSERT_TRUE(list.is_array());
    bool found = false;
    for (const json& event : list) {
        EXPECT_EQ(event["sport_key"], "soccer_epl");
        ASSERT_EQ(event["bookmakers"][0]["markets"].size(), 1u) << event;
        EXPECT_EQ(event["bookmakers"][0]["markets"][0]["key"], "h2h");
        found = found || event["id"] == EventId(0);
    }
    EXPECT_TRUE(found) << epl.body;
    // The same shape as the event endpoint.
    const json one = Call(Port(), http::verb::get, "/v1/events/" + EventId(1) + "/odds", Key(Role::kFantasy)).Json();
    const json nba = Call(Port(), http::verb::get, "/v1/sports/basketball_nba/odds", Key(Role::kFantasy)).Json();
    ASSERT_TRUE(nba.is_array());
    bool same = false;
    for (const json& event : nba) {
        EXPECT_EQ(event["sport_key"], "basketball_nba");
        same = same || (event["id"] == EventId(1) && event["bookmakers"] == one["bookmakers"]);
    }
    EXPECT_TRUE(same) << nba;
    const Reply liga = Call(Port(), http::verb::get, "/v1/sports/soccer_spain_la_liga/odds", Key(Role::kFantasy));
    EXPECT_EQ(liga.status, 200);
    EXPECT_TRUE(liga.Json().is_array());
    const Reply unknown = Call(Port(), http::verb::get, "/v1/sports/cricket_ipl/odds", Key(Role::kFantasy));
    EXPECT_EQ(unknown.status, 404);
    ExpectErrorShape(unknown, "not_found");
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/sports/soccer_epl/odds?oddsFormat=roman", Key(Role::kFantasy)).status,
              400);
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/sports/soccer_epl/odds").status, 401);
}

TEST_F(ApiTest, NoCorsHeadersUnlessConfigured) {
    const Reply health = Call(Port(), http::verb::get, "/v1/health");
    EXPECT_EQ(health.Header("access-control-allow-origin"), "");
    EXPECT_NE(Call(Port(), http::verb::options, "/v1/events").status, 204);
}

TEST_F(ApiTest, OpenApiListsSimulateAndSportOdds) {
    const json doc = Call(Port(), http::verb::get, "/v1/openapi.json").Json();
    EXPECT_TRUE(doc["paths"].contains("/v1/simulate"));
    EXPECT_TRUE(doc["paths"]["/v1/simulate"].contains("post"));
    EXPECT_TRUE(doc["paths"].contains("/v1/sports/{sport}/odds"));
    EXPECT_TRUE(doc["paths"]["/v1/sports/{sport}/odds"].contains("get"));
}

//! A second server with a small rate limit and CORS on.
class LimitedApiTest : public ServerSuite<LimitedApiTest> {
public:
    static ServerOptions Options() {
        ServerOptions options = TestServerOptions();
        options.cors_origin = "https://app.example.com";
        options.service.sims = 2'000;
        options.service.demo_events = false;
        options.service.rate_limit = 1.0;
        options.service.rate_burst = 3.0;
        return options;
    }
};

TEST_F(LimitedApiTest, OverTheRateLimitIs429WithRetryAfter) {
    const std::string key = Key(Role::kSportsbook);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(Call(Port(), http::verb::get, "/v1/sports", key).status, 200) << i;
    }
    const Reply limited = Call(Port(), http::verb::get, "/v1/sports", key);
    ASSERT_EQ(limited.status, 429) << limited.body;
    const json j = limited.Json();
    ASSERT_TRUE(j.contains("error")) << limited.body;
    EXPECT_EQ(j["error"]["code"], "rate_limited");
    EXPECT_TRUE(j["error"]["request_id"].is_string());
    const std::string retry = limited.Header("retry-after");
    ASSERT_FALSE(retry.empty());
    EXPECT_GE(std::stoi(retry), 1);
    // Another key has its own bucket; unauthenticated routes are not limited.
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/sports", Key(Role::kTrader)).status, 200);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(Call(Port(), http::verb::get, "/v1/health").status, 200);
    }
    // The bucket refills at the configured rate.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/sports", key).status, 200);
    const Reply metrics = Call(Port(), http::verb::get, "/metrics");
    EXPECT_NE(metrics.body.find("status=\"429\""), std::string::npos) << metrics.body;
}

TEST_F(LimitedApiTest, RequestsWithoutAValidKeyAreThrottledPerAddress) {
    // The address's bucket holds three: guessing keys, or sending none, is throttled like a key's requests.
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(Call(Port(), http::verb::get, "/v1/sports", i % 2 == 0 ? "guess-" + std::to_string(i) : "").status,
                  401)
            << i;
    }
    const Reply limited = Call(Port(), http::verb::get, "/v1/sports", "guess-3");
    ASSERT_EQ(limited.status, 429) << limited.body;
    EXPECT_EQ(limited.Json()["error"]["code"], "rate_limited");
    EXPECT_FALSE(limited.Header("retry-after").empty());
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/events", "").status, 429);
    // The stream's handshake too, and a valid key from the same address is not affected.
    client::HttpClient http("127.0.0.1", std::to_string(Port()), client::HttpClientOptions("guess-4"));
    auto stream = http.Send(http::verb::get, "/v1/stream", "",
                            {{"Connection", "Upgrade"},
                             {"Upgrade", "websocket"},
                             {"Sec-WebSocket-Version", "13"},
                             {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}});
    ASSERT_TRUE(stream.ok()) << stream.status().message();
    EXPECT_EQ(stream->status, 429);
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/sports", Key(Role::kAdmin)).status, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/sports", "guess-5").status, 401);
    std::this_thread::sleep_for(std::chrono::milliseconds(3100)); // full again for the suite's other tests
}

TEST_F(LimitedApiTest, CorsOriginAndPreflight) {
    const Reply health = Call(Port(), http::verb::get, "/v1/health");
    EXPECT_EQ(health.Header("access-control-allow-origin"), "https://app.example.com");
    const Reply denied = Call(Port(), http::verb::get, "/v1/sports");
    EXPECT_EQ(denied.status, 401);
    EXPECT_EQ(denied.Header("access-control-allow-origin"), "https://app.example.com");
    const Reply preflight = Call(Port(), http::verb::options, "/v1/bets");
    EXPECT_EQ(preflight.status, 204);
    EXPECT_TRUE(preflight.body.empty());
    EXPECT_EQ(preflight.Header("access-control-allow-origin"), "https://app.example.com");
    EXPECT_NE(preflight.Header("access-control-allow-methods").find("POST"), std::string::npos);
    EXPECT_NE(preflight.Header("access-control-allow-headers").find("X-API-Key"), std::string::npos);
    EXPECT_NE(preflight.Header("access-control-allow-headers").find("Idempotency-Key"), std::string::npos);
}

} // namespace
} // namespace simbook::api
