// The hostile-input suite (issue 15), against a live server over real HTTP. Valid requests to every body-taking
// route have each field replaced, one at a time, by values an attacker would try (wrapping integers, huge and
// tiny numbers, wrong types, 200,000-level nesting, long strings, NUL bytes, paths); whole bodies and targets are
// malformed too, and the fuzzers' findings are replayed. Whatever comes in: no 5xx, the server keeps answering,
// an error never shows a server path, and a refused request changes no state (events, versions, bets, exposure).
#include "tests/api/api_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace simbook::api {
namespace {

class HostileInputTest : public ServerSuite<HostileInputTest> {
public:
    static ServerOptions Options() {
        ServerOptions options = TestServerOptions();
        options.body_limit = 1024 * 1024; // the deep-nesting bodies must reach the parser
        options.service.sims = 2'000;
        options.service.rate_limit = 0.0;
        options.service.simulate_max_sims = 20'000;
        options.service.simulate_seconds = 5.0;
        options.service.futures_max_seasons = 500;
        for (ComputeBudget& budget : options.service.compute_budgets) {
            budget = {20'000, 5.0};
        }
        return options;
    }

protected:
    struct Case {
        std::string target;
        Role role;
        json body;
    };

    static std::string EventOf(const std::string& sport) {
        for (const json& e : Call(Port(), http::verb::get, "/v1/events", Key(Role::kTrader)).Json()) {
            if (e.value("sport", "") == sport) {
                return e["id"].get<std::string>();
            }
        }
        ADD_FAILURE() << "no demo " << sport << " event";
        return "";
    }

    //! Everything a request could change: the events with their states and versions, every bet, every exposure.
    //! (`last_update` is left out: an event with no state reports the time of the request.)
    static std::string Snapshot() {
        json events = Call(Port(), http::verb::get, "/v1/events", Key(Role::kAdmin)).Json();
        for (json& e : events) {
            e.erase("last_update");
        }
        std::string all = events.dump() + "\n";
        all += Call(Port(), http::verb::get, "/v1/bets?customer_id=mallory", Key(Role::kAdmin)).body;
        for (const std::string& id : server_->GetService().EventIds()) {
            all += Call(Port(), http::verb::get, "/v1/events/" + id + "/exposure", Key(Role::kAdmin)).body;
        }
        return all;
    }

    //! Where two snapshots first differ, with some context; empty when they are equal.
    static std::string Difference(const std::string& now, const std::string& before) {
        if (now == before) {
            return "";
        }
        const std::size_t at =
            std::mismatch(now.begin(), now.begin() + std::min(now.size(), before.size()), before.begin()).first -
            now.begin();
        const std::size_t from = at < 120 ? 0 : at - 120;
        return "now ..." + now.substr(from, 240) + "... before ..." + before.substr(from, 240) + "...";
    }

    //! Sends one request and checks the invariants; `state` is the snapshot before, updated when it succeeded.
    static int Send(http::verb verb, const std::string& target, Role role, const std::string& body, std::string& state,
                    const std::string& idempotency_key = "") {
        const Reply r = Call(Port(), verb, target, Key(role), body, idempotency_key);
        const std::string shown = target + " " + body.substr(0, 200);
        EXPECT_GT(r.status, 0) << shown;
        EXPECT_LT(r.status, 500) << shown << " -> " << r.body.substr(0, 300);
        if (r.status >= 400) {
            const json error = r.Json();
            EXPECT_TRUE(error.is_object() && error.contains("error")) << shown << " -> " << r.body.substr(0, 300);
            EXPECT_EQ(r.body.find(SIMBOOK_SOURCE_PARAMS_DIR), std::string::npos) << r.body.substr(0, 300);
            if (body.find("../") == std::string::npos) { // an echoed value is not a server path
                EXPECT_EQ(r.body.find("../"), std::string::npos) << r.body.substr(0, 300);
            }
            EXPECT_EQ(Difference(Snapshot(), state), "") << "a refused request changed state: " << shown;
        } else {
            state = Snapshot();
        }
        EXPECT_EQ(Call(Port(), http::verb::get, "/v1/health").status, 200) << shown;
        return r.status;
    }

    //! Valid requests to every route that takes a body (each answers 2xx as written).
    static std::vector<Case> ValidCases() {
        const std::string soccer = EventOf("soccer");
        const std::string basketball = EventOf("basketball");
        const json price =
            Call(Port(), http::verb::get, "/v1/events/" + soccer + "/odds?markets=h2h", Key(Role::kSportsbook))
                .Json()["bookmakers"][0]["markets"][0]["outcomes"][0];
        const json game{{"sport", "basketball"}, {"league", "nba"}, {"home_team", "BOS"}, {"away_team", "DAL"}};
        const json match{
            {"sport", "soccer"}, {"league", "premier-league"}, {"home_team", "Arsenal"}, {"away_team", "Chelsea"}};
        json simulate = game;
        simulate["sims"] = 1000;
        simulate["state"] = {{"period", 2}, {"clock", "6:00"}, {"home", 50}, {"away", 48}, {"possession", "home"}};
        json momentum = match;
        momentum["sims"] = 1000;
        momentum["state"] = {{"minute", 30}, {"home", 1}, {"away", 0}};
        json whatif = match;
        whatif["markets"] = "h2h";
        whatif["sims"] = 1000;
        whatif["scenario"] = json::array({{{"type", "red_card"}, {"team", "home"}, {"minute", 30}}});
        const json slate{{"games", json::array({{{"home", "BOS"}, {"away", "DAL"}}})}};
        return {
            {"/v1/events", Role::kTrader, match},
            {"/v1/bets",
             Role::kSportsbook,
             {{"event_id", soccer},
              {"market", "h2h"},
              {"outcome", price["selection"]},
              {"price", price["price"]},
              {"stake", 5.0},
              {"customer_id", "mallory"}}},
            {"/v1/simulate", Role::kTrader, simulate},
            {"/v1/momentum", Role::kFantasy, momentum},
            {"/v1/whatif", Role::kTrader, whatif},
            {"/v1/futures",
             Role::kSportsbook,
             {{"league", "premier-league"},
              {"seasons", 100},
              {"table", json::array({{{"team", "Arsenal"}, {"played", 37}, {"points", 80}, {"gf", 70}, {"ga", 30}},
                                     {{"team", "Chelsea"}, {"played", 37}, {"points", 79}, {"gf", 68}, {"ga", 31}}})},
              {"fixtures", json::array({{{"home", "Arsenal"}, {"away", "Chelsea"}}})},
              {"positions", {{"title", 1}}}}},
            {"/v1/fantasy/projections", Role::kFantasy, {{"slate", slate}, {"sims", 1000}, {"scoring", "draftkings"}}},
            {"/v1/events/" + basketball + "/state",
             Role::kTrader,
             {{"period", 1}, {"clock", "10:00"}, {"home", 5}, {"away", 2}, {"possession", "home"}}},
            {"/v1/events/" + soccer + "/state", Role::kTrader, {{"minute", 10}, {"home", 0}, {"away", 0}}},
            {"/v1/events/" + soccer + "/markets/h2h/settle", Role::kTrader, {{"winner", "home"}}},
        };
    }

    static std::string Nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

    //! What an attacker puts in a field.
    static std::vector<std::string> HostileValues() {
        return {"null",
                "true",
                "-1",
                "0",
                "4294967396",
                "-9223372036854775808",
                "18446744073709551616",
                "1e308",
                "-1e308",
                "1e-320",
                "0.005",
                "\"\"",
                "\"" + std::string(20'000, 'x') + "\"",
                R"("\u0000")",
                R"("../../../../etc/passwd")",
                R"("%zz")",
                "[]",
                "{}",
                R"({"$ref":"#"})",
                Nested(200'000)};
    }

    //! `body` with the value at `path` (a JSON pointer) replaced by the raw JSON text `value`.
    static std::string Replace(const json& body, const json::json_pointer& path, const std::string& value) {
        json marked = body;
        marked[path] = "\x01hostile\x01";
        std::string text = marked.dump();
        const std::string mark = "\"\\u0001hostile\\u0001\"";
        return text.replace(text.find(mark), mark.size(), value);
    }

    //! Every field of a body down to the leaves, as JSON pointers (arrays: their first element).
    static void Fields(const json& value, const json::json_pointer& at, std::vector<json::json_pointer>& out) {
        if (value.is_object()) {
            for (auto it = value.begin(); it != value.end(); ++it) {
                out.push_back(at / it.key());
                Fields(it.value(), at / it.key(), out);
            }
        } else if (value.is_array() && !value.empty()) {
            out.push_back(at / 0);
            Fields(value[0], at / 0, out);
        }
    }
};

TEST_F(HostileInputTest, EveryFieldOfEveryBodyTakesHostileValues) {
    std::string state = Snapshot();
    std::vector<Case> cases = ValidCases();
    const std::vector<std::string> values = HostileValues();
    int refused = 0;
    int sent = 0;
    for (const Case& c : cases) {
        std::vector<json::json_pointer> fields;
        Fields(c.body, json::json_pointer(), fields);
        for (const json::json_pointer& field : fields) {
            for (const std::string& value : values) {
                const std::string key = "hostile-" + std::to_string(sent);
                refused += Send(http::verb::post, c.target, c.role, Replace(c.body, field, value), state, key) >= 400;
                ++sent;
            }
        }
    }
    // The valid bodies still work afterwards (settle last: it closes the soccer match's main market).
    for (const Case& c : cases) {
        const int status = Send(http::verb::post, c.target, c.role, c.body.dump(), state, "valid-" + c.target);
        EXPECT_TRUE(status == 200 || status == 201 || c.target.find("/state") != std::string::npos) << c.target;
    }
    EXPECT_GT(refused, sent / 2); // most hostile values must be refused, not silently taken
}

TEST_F(HostileInputTest, MalformedBodiesAreRefusedOnEveryRoute) {
    std::string state = Snapshot();
    const std::vector<std::string> bodies = {
        "",
        "{",
        "null",
        "42",
        "\"text\"",
        "[]",
        "{\"a\":}",
        "{\"a\":1,\"a\":2}",
        std::string("{\"a\":\"\xff\xfe\"}"),
        std::string("{\"a\":1}\0{", 9),
        "{\"a\":1e999}",
        "{\"a\":NaN}",
        "{\"a\":Infinity}",
        Nested(400'000),
        "{\"state\":" + Nested(300'000) + "}",
        "{\"sport\":\"soccer\",\"x\":" + Nested(100'000) + "}",
    };
    for (const Case& c : ValidCases()) {
        for (const std::string& body : bodies) {
            EXPECT_GE(Send(http::verb::post, c.target, c.role, body, state), 400)
                << c.target << " " << body.substr(0, 40);
        }
    }
}

TEST_F(HostileInputTest, MalformedTargetsAndQueriesAreRefused) {
    std::string state = Snapshot();
    const std::string id = server_->GetService().EventIds().at(0);
    const std::vector<std::string> targets = {
        "/v1/health?x=%zz",
        "/v1/health?x=%",
        "/v1/health?x=%4",
        "/v1/events/" + id + "/odds?markets=%G1h2h",
        "/v1/events/" + id + "/odds?markets=totals:/0.5..6", // found by market_spec_fuzz
        "/v1/events/" + id + "/odds?markets=totals:0.5..1e308/0.5",
        "/v1/events/" + id + "/odds?markets=totals:-1e308..1e308/1e-300",
        "/v1/events/" + id + "/odds?markets=sgp:" + std::string(5'000, ','),
        "/v1/events/" + id + "/odds?markets=" + std::string(10'000, 'h'),
        "/v1/events/..%2F..%2Fetc%2Fpasswd/odds",
        "/v1/events/%00/odds",
        "/v1/events/" + std::string(4'000, 'e'),
        "/v1/bets?limit=4294967396",
        "/v1/bets?limit=-1",
        "/v1/bets?customer_id=%ff%fe",
        "/v1/sports/%2e%2e/odds",
    };
    for (const std::string& target : targets) {
        const Reply r = Call(Port(), http::verb::get, target, Key(Role::kAdmin));
        EXPECT_GT(r.status, 0) << target;
        EXPECT_LT(r.status, 500) << target << " -> " << r.body.substr(0, 300);
        EXPECT_EQ(r.body.find("../"), std::string::npos) << target << " -> " << r.body.substr(0, 300);
    }
    EXPECT_EQ(Difference(Snapshot(), state), "");
}

TEST_F(HostileInputTest, TheFuzzersFindingsStayFixed) {
    std::string state = Snapshot();
    const std::string soccer = EventOf("soccer");
    // A refused out-of-order update read its message from a destroyed Status (live_state_fuzz).
    ASSERT_EQ(Send(http::verb::post, "/v1/events/" + soccer + "/state", Role::kTrader,
                   R"({"minute":60,"home":1,"away":1})", state),
              200);
    EXPECT_EQ(Send(http::verb::post, "/v1/events/" + soccer + "/state", Role::kTrader,
                   R"({"minute":20,"home":0,"away":0})", state),
              409);
    // Evidence time_ms of -1e30 was cast to an integer (request_body_fuzz).
    EXPECT_EQ(Send(http::verb::post, "/v1/events/" + soccer + "/markets/h2h/resolve", Role::kTrader,
                   R"({"label":"home","confidence":0.99,"source":"feed","time_ms":-1e30})", state),
              400);
    // A what-if sweep with more points than any integer type holds wrote its count through a cast (tool_request_fuzz).
    EXPECT_EQ(Send(http::verb::post, "/v1/whatif", Role::kTrader,
                   R"({"sport":"soccer","home_xg":1.4,"away_xg":1.1,"sims":8,)"
                   R"("sweep":{"type":"pace","mult":{"from":0.8,"to":118446744073709551616.2,"step":0.2}}})",
                   state),
              400);
    // A goal after full time (the hostile-input run's finding), and a minute past 90.
    EXPECT_EQ(Send(http::verb::post, "/v1/events/" + soccer + "/state", Role::kTrader,
                   R"({"minute":125,"home":2,"away":1})", state),
              400);
    ASSERT_EQ(Send(http::verb::post, "/v1/events/" + soccer + "/state", Role::kTrader,
                   R"({"minute":90,"home":1,"away":1,"finished":true})", state),
              200);
    EXPECT_EQ(Send(http::verb::post, "/v1/events/" + soccer + "/state", Role::kTrader,
                   R"({"minute":90,"home":2,"away":1,"finished":true})", state),
              409);
}

TEST_F(HostileInputTest, HeadAndUnknownMethodsKeepTheConnectionUsable) {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), Port()));
    beast::flat_buffer buffer;
    const std::string id = server_->GetService().EventIds().at(0);
    for (const std::string& target :
         {std::string("/v1/health"), std::string("/v1/events"), "/v1/events/" + id + "/odds", std::string("/v1/bets"),
          std::string("/v1/simulate")}) {
        for (http::verb verb : {http::verb::head, http::verb::delete_, http::verb::patch, http::verb::options}) {
            http::request<http::string_body> req{verb, target, 11};
            req.set(http::field::host, "127.0.0.1");
            req.set("X-API-Key", Key(Role::kAdmin));
            http::write(stream, req);
            if (verb == http::verb::head) {
                http::response_parser<http::empty_body> head;
                head.skip(true); // a HEAD response announces a length but carries no body
                http::read(stream, buffer, head);
                EXPECT_LT(head.get().result_int(), 500u) << target;
            } else {
                http::response<http::string_body> res;
                http::read(stream, buffer, res);
                EXPECT_LT(res.result_int(), 500u) << verb << " " << target;
            }
            // The next request on the same connection parses: nothing was left over.
            http::request<http::string_body> health{http::verb::get, "/v1/health", 11};
            health.set(http::field::host, "127.0.0.1");
            http::write(stream, health);
            http::response<http::string_body> ok;
            http::read(stream, buffer, ok);
            ASSERT_EQ(ok.result_int(), 200u) << "after " << verb << " " << target;
        }
    }
}

TEST_F(HostileInputTest, StreamMessagesAreBoundedAndRefusedInPlainWords) {
    namespace websocket = beast::websocket;
    asio::io_context ioc;
    const auto open = [&] {
        auto ws = std::make_unique<websocket::stream<beast::tcp_stream>>(ioc);
        beast::get_lowest_layer(*ws).connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), Port()));
        beast::get_lowest_layer(*ws).expires_after(std::chrono::seconds(20));
        const std::string key = Key(Role::kFantasy);
        ws->set_option(
            websocket::stream_base::decorator([key](websocket::request_type& req) { req.set("X-API-Key", key); }));
        ws->handshake("127.0.0.1", "/v1/stream");
        return ws;
    };
    const auto exchange = [](websocket::stream<beast::tcp_stream>& ws, const std::string& text) {
        ws.write(asio::buffer(text));
        beast::flat_buffer buffer;
        ws.read(buffer);
        return json::parse(beast::buffers_to_string(buffer.data()));
    };
    auto ws = open();
    // Malformed, deeply nested and over-long messages: an error naming the field, and the session stays usable.
    for (const std::string& text :
         {std::string("{"), std::string(20'000, '['), std::string(R"({"subscribe":{}})"),
          R"({"subscribe":[")" + std::string(100, 'x') + "\"" + std::string(R"(,1,null,{"a":1}]})")}) {
        const json reply = exchange(*ws, text);
        if (reply["type"] == "error") {
            EXPECT_EQ(reply["error"]["field"], "subscribe") << reply.dump();
            EXPECT_EQ(reply.dump().find("xxxx"), std::string::npos) << "a refused message is echoed";
        } else {
            EXPECT_EQ(reply["type"], "subscribed") << reply.dump(); // the last: only its string id is kept
            EXPECT_EQ(reply["event_ids"].size(), 1u);
        }
    }
    // More ids than a session may follow, in one message or over several: refused, the earlier ones kept.
    json many = json::array();
    for (int i = 0; i < 600; ++i) {
        many.push_back("e-" + std::to_string(i));
    }
    EXPECT_EQ(exchange(*ws, json{{"subscribe", many}}.dump())["event_ids"].size(), 601u);
    for (json& id : many) {
        id = id.get<std::string>() + "-b";
    }
    const json refused = exchange(*ws, json{{"subscribe", many}}.dump());
    EXPECT_EQ(refused["type"], "error") << refused.dump().substr(0, 200);
    EXPECT_EQ(exchange(*ws, R"({"subscribe":[]})")["event_ids"].size(), 601u);
    // A message over 64 KiB closes the stream; the server goes on answering.
    beast::error_code ec; // the server may close while the message is still being written: a broken pipe
    ws->write(asio::buffer(json{{"subscribe", {std::string(100'000, 'y')}}}.dump()), ec);
    beast::flat_buffer buffer;
    if (!ec) {
        ws->read(buffer, ec);
    }
    EXPECT_TRUE(ec) << "a 100 KB message was read";
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/health").status, 200);
    EXPECT_EQ(exchange(*open(), R"({"subscribe":["e-1"]})")["type"], "subscribed");
}

} // namespace
} // namespace simbook::api
