// Operations end to end on a real server: player props, bets by customer, exposure, key-event
// suspension, exact pricing, simulate limits, latency histograms, the read timeout.
#include "engine/exact.hpp"
#include "engine/game_loader.hpp"
#include "engine/game_state.hpp"
#include "models/fitted.hpp"
#include "tests/api/api_client.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

namespace simbook::api {
namespace {

class OperationsTest : public ServerSuite<OperationsTest> {
public:
    static ServerOptions Options() {
        ServerOptions options = TestServerOptions();
        options.read_timeout_seconds = 1;
        options.service.sims = 20'000;
        options.service.rate_limit = 0.0;
        options.service.simulate_max_sims = 200'000;
        options.service.simulate_seconds = 0.05;
        return options;
    }

protected:
    //! Creates an event and returns its id.
    static std::string Create(const std::string& body) {
        const Reply r = Call(Port(), http::verb::post, "/v1/events", Key(Role::kTrader), body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.Json().value("id", "");
    }
    static json Odds(const std::string& id, const std::string& markets) {
        return Call(Port(), http::verb::get, "/v1/events/" + id + "/odds?markets=" + markets, Key(Role::kFantasy))
            .Json();
    }
};

TEST_F(OperationsTest, PlayerPropsBeforeTipOffThenWithdrawn) {
    const std::string id = Create(R"({"sport":"basketball","league":"nba","home_team":"BOS","away_team":"DAL"})");
    const json odds = Odds(id, "player_points,player_points_rebounds_assists");
    const json& markets = odds["bookmakers"][0]["markets"];
    ASSERT_GE(markets.size(), 10u) << odds;
    bool found_star = false;
    for (const json& m : markets) {
        ASSERT_EQ(m["outcomes"].size(), 2u);
        const json& over = m["outcomes"][0];
        EXPECT_EQ(over["name"], "Over");
        EXPECT_TRUE(over["description"].is_string());
        EXPECT_EQ(m["outcomes"][1]["description"], over["description"]);
        const double point = over["point"];
        EXPECT_EQ(point - std::floor(point), 0.5); // half lines: no push
        // A line at the mean: both sides near evens once the 5% margin is in.
        EXPECT_GT(over["price"].get<double>(), 1.5);
        EXPECT_LT(over["price"].get<double>(), 2.5);
        EXPECT_EQ(
            m["market"].get<std::string>().rfind(m["key"] == "player_points" ? "player_points:" : "player_pra:", 0), 0u)
            << m;
        found_star = found_star || over["description"] == "Luka Dončić";
    }
    EXPECT_TRUE(found_star);
    // A prop can be bet like any market.
    const json& prop = markets[0];
    const json bet{{"event_id", id},
                   {"market", prop["market"]},
                   {"outcome", prop["outcomes"][0]["selection"]},
                   {"price", prop["outcomes"][0]["price"]},
                   {"stake", 5.0},
                   {"customer_id", "prop-fan"}};
    EXPECT_EQ(Call(Port(), http::verb::post, "/v1/bets", Key(Role::kSportsbook), bet.dump(), "prop-1").status, 201);
    // Once the game is live the props count from the state onward, so they are withdrawn and suspended.
    ASSERT_EQ(Call(Port(), http::verb::post, "/v1/events/" + id + "/state", Key(Role::kTrader),
                   R"({"period":1,"clock":"10:00","home":5,"away":2})")
                  .status,
              200);
    EXPECT_TRUE(Odds(id, "player_points")["bookmakers"][0]["markets"].empty());
    const json exposure = Call(Port(), http::verb::get, "/v1/events/" + id + "/exposure", Key(Role::kTrader)).Json();
    for (const json& m : exposure["markets"]) {
        if (m["market"] == prop["market"]) {
            EXPECT_EQ(m["state"], "suspended") << m;
        }
    }
    EXPECT_EQ(
        Call(Port(), http::verb::get, "/v1/events/" + id + "/odds?markets=player_steals", Key(Role::kFantasy)).status,
        400);
}

TEST_F(OperationsTest, BetsByCustomerAndExposureReport) {
    const std::string id =
        Create(R"({"sport":"soccer","league":"premier-league","home_team":"Liverpool","away_team":"Everton"})");
    const json h2h = Odds(id, "h2h")["bookmakers"][0]["markets"][0];
    double stakes = 0.0;
    for (int i = 0; i < 3; ++i) {
        const json& o = h2h["outcomes"][i % 2];
        // Liability shades the price after each bet: ask a little under it (the book gives the better price).
        const json bet{{"event_id", id},
                       {"market", "h2h"},
                       {"outcome", o["selection"]},
                       {"price", o["price"].get<double>() - 0.1},
                       {"stake", 10.0 + i},
                       {"customer_id", "alice-" + id}};
        ASSERT_EQ(Call(Port(), http::verb::post, "/v1/bets", Key(Role::kSportsbook), bet.dump(), id + std::to_string(i))
                      .status,
                  201);
        stakes += 10.0 + i;
    }
    const Reply list = Call(Port(), http::verb::get, "/v1/bets?customer_id=alice-" + id, Key(Role::kSportsbook));
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(list.Json()["bets"].size(), 3u);
    EXPECT_EQ(list.Json()["bets"][2]["stake"], 12.0);
    EXPECT_TRUE(
        Call(Port(), http::verb::get, "/v1/bets?customer_id=nobody", Key(Role::kSportsbook)).Json()["bets"].empty());
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/bets", Key(Role::kSportsbook)).Json()["error"]["field"],
              "customer_id");
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/bets?customer_id=x", Key(Role::kFantasy)).status, 403);

    const Reply report = Call(Port(), http::verb::get, "/v1/events/" + id + "/exposure", Key(Role::kTrader));
    ASSERT_EQ(report.status, 200) << report.body;
    const json x = report.Json();
    EXPECT_DOUBLE_EQ(x["stakes"].get<double>(), stakes);
    // h2h: home took 10 + 12 at price p, away 11 at q; the worst case is the larger net payout.
    double liability = 0.0;
    for (const json& m : x["markets"]) {
        if (m["market"] == "h2h") {
            EXPECT_DOUBLE_EQ(m["stakes"].get<double>(), stakes);
            for (const json& o : m["outcomes"]) {
                liability = std::max(liability, o["liability"].get<double>());
            }
            EXPECT_DOUBLE_EQ(m["liability"].get<double>(), liability);
        }
    }
    EXPECT_GT(liability, 0.0);
    EXPECT_GE(x["liability"].get<double>(), liability);
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/events/" + id + "/exposure", Key(Role::kSportsbook)).status, 403);
}

// The feed marks a market the book takes no bet on, for every key (the dashboard greys it), and drops the mark on
// resume: the cached odds text of the same version follows the book's state.
TEST_F(OperationsTest, TheFeedMarksASuspendedMarketForEveryKey) {
    const std::string id =
        Create(R"({"sport":"soccer","league":"premier-league","home_team":"Chelsea","away_team":"Fulham"})");
    const auto h2h_of = [](const json& odds) {
        for (const json& m : odds["bookmakers"][0]["markets"]) {
            if (m["market"] == "h2h") {
                return m;
            }
        }
        return json();
    };
    const json open = h2h_of(Odds(id, "h2h,totals"));
    ASSERT_TRUE(open.is_object());
    EXPECT_FALSE(open.contains("suspended")) << open;
    const std::string base = "/v1/events/" + id + "/markets/h2h/";
    ASSERT_EQ(Call(Port(), http::verb::post, base + "suspend", Key(Role::kTrader)).status, 200);
    const json suspended = h2h_of(Odds(id, "h2h,totals")); // the same query as before: its cached text is stale
    EXPECT_EQ(suspended.value("suspended", false), true) << suspended;
    EXPECT_EQ(suspended.value("state", ""), "suspended");
    EXPECT_EQ(suspended["outcomes"], open["outcomes"]); // the prices stay in view
    const json both = Odds(id, "h2h,totals");           // a local: a range over a temporary's member would dangle
    for (const json& m : both["bookmakers"][0]["markets"]) {
        EXPECT_EQ(m.contains("suspended"), m["market"] == "h2h") << m; // the other markets stay open
    }
    const json sport =
        Call(Port(), http::verb::get, "/v1/sports/soccer_epl/odds?markets=h2h", Key(Role::kSportsbook)).Json();
    bool listed = false;
    for (const json& e : sport) {
        if (e["id"] == id) {
            listed = true;
            EXPECT_EQ(h2h_of(e).value("suspended", false), true) << e;
        }
    }
    EXPECT_TRUE(listed);
    ASSERT_EQ(Call(Port(), http::verb::post, base + "resume", Key(Role::kTrader)).status, 200);
    EXPECT_FALSE(h2h_of(Odds(id, "h2h,totals")).contains("suspended"));
}

TEST_F(OperationsTest, GoalSuspendsMarketsAndTheRepriceReopensThem) {
    const std::string id =
        Create(R"({"sport":"soccer","league":"premier-league","home_team":"Arsenal","away_team":"Tottenham"})");
    auto key_events = [] {
        const std::string metrics = Call(Port(), http::verb::get, "/metrics").body;
        const std::string name = "\nsimbook_key_event_suspensions_total ";
        const std::size_t at = metrics.find(name);
        return at == std::string::npos ? -1.0 : std::stod(metrics.substr(at + name.size()));
    };
    const double before = key_events();
    const Reply quiet = Call(Port(), http::verb::post, "/v1/events/" + id + "/state", Key(Role::kTrader),
                             R"({"minute":20,"home":0,"away":0})");
    ASSERT_EQ(quiet.status, 200);
    EXPECT_EQ(quiet.Json()["key_events"], 0);
    EXPECT_EQ(key_events(), before);
    const Reply goal = Call(Port(), http::verb::post, "/v1/events/" + id + "/state", Key(Role::kTrader),
                            R"({"minute":21,"home":1,"away":0})");
    ASSERT_EQ(goal.status, 200);
    EXPECT_EQ(goal.Json()["key_events"], 1);
    EXPECT_GE(key_events(), before + 3); // h2h, spreads and totals were open
    // The reprice reopened the markets it still offers, at the new prices.
    const json exposure = Call(Port(), http::verb::get, "/v1/events/" + id + "/exposure", Key(Role::kTrader)).Json();
    bool h2h_open = false;
    for (const json& m : exposure["markets"]) {
        h2h_open = h2h_open || (m["market"] == "h2h" && m["state"] == "open");
    }
    EXPECT_TRUE(h2h_open) << exposure;
}

//! The h2h prices of an exact event against the exact pricer run here on the same fitted game: 5%
//! multiplicative margin, prices floored to thousandths.
void ExpectH2hMatches(const json& odds, const std::array<double, 3>& p, bool draw) {
    const json& outcomes = odds["bookmakers"][0]["markets"][0]["outcomes"];
    ASSERT_EQ(outcomes.size(), draw ? 3u : 2u) << odds;
    const double total = p[0] + (draw ? p[1] : 0.0) + p[2];
    EXPECT_NEAR(outcomes[0]["price"].get<double>(), 1.0 / (p[0] / total * 1.05), 0.0015);
    if (draw) {
        EXPECT_NEAR(outcomes[1]["price"].get<double>(), 1.0 / (p[1] / total * 1.05), 0.0015);
    }
    EXPECT_NEAR(outcomes[draw ? 2 : 1]["price"].get<double>(), 1.0 / (p[2] / total * 1.05), 0.0015);
}

TEST_F(OperationsTest, ExactPricingIsTheExactMarkovPricer) {
    const std::string soccer = Create(
        R"({"sport":"soccer","league":"premier-league","home_team":"Arsenal","away_team":"Chelsea","pricing":"exact"})");
    const json odds = Odds(soccer, "h2h");
    EXPECT_EQ(odds["pricing"], "exact");
    // The goal and red-card chain of the full fitted model (score effects and red cards on), from kick-off.
    engine::GameSource source;
    source.league = "premier-league";
    source.home_team = "Arsenal";
    source.away_team = "Chelsea";
    source.params_dir = SIMBOOK_SOURCE_PARAMS_DIR;
    const auto soccer_game = engine::MakeGame(engine::LoadGame(source).value()).value();
    ExpectH2hMatches(odds, engine::ExactFinalScore(soccer_game.spec).WinProbabilities(), true);

    const std::string basketball =
        Create(R"({"sport":"basketball","league":"nba","home_team":"BOS","away_team":"DAL","pricing":"exact"})");
    source.sport = engine::Sport::kBasketball;
    source.league = "nba";
    source.home_team = "BOS";
    source.away_team = "DAL";
    const auto basketball_game = engine::MakeGame(engine::LoadGame(source).value()).value();
    ExpectH2hMatches(Odds(basketball, "h2h"), engine::ExactFinalScore(basketball_game.spec).WinProbabilities(), false);
    // Player props still come from the paths, in the same version.
    EXPECT_FALSE(Odds(basketball, "player_points")["bookmakers"][0]["markets"].empty());

    const Reply bad =
        Call(Port(), http::verb::post, "/v1/events", Key(Role::kTrader),
             R"({"sport":"basketball","league":"nba","home_team":"BOS","away_team":"DAL","pricing":"fast"})");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.Json()["error"]["field"], "pricing");
}

TEST_F(OperationsTest, ADeeplyNestedBodyIsRefusedAndTheServerLives) {
    // 300,000 levels in a state field (600 KB, under the body limit) used to overflow the stack.
    const std::string deep = std::string(300'000, '[') + std::string(300'000, ']');
    for (const char* route : {"/v1/simulate", "/v1/momentum", "/v1/futures", "/v1/fantasy/projections"}) {
        const Reply r =
            Call(Port(), http::verb::post, route, Key(Role::kAdmin), R"({"sport":"soccer","state":)" + deep + "}");
        EXPECT_EQ(r.status, 400) << route << ": " << r.body.substr(0, 200);
    }
    const Reply state =
        Call(Port(), http::verb::post, "/v1/events/" + server_->GetService().EventIds().at(0) + "/state",
             Key(Role::kTrader), R"({"minute":)" + deep + "}");
    EXPECT_EQ(state.status, 400) << state.body.substr(0, 200);
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/health", "").status, 200);
}

//! A server whose fantasy platforms have a small compute budget and sportsbooks a tiny path count.
class BudgetTest : public ServerSuite<BudgetTest> {
public:
    static ServerOptions Options() {
        ServerOptions options = TestServerOptions();
        options.service.rate_limit = 0.0;
        options.service.demo_events = false;
        options.service.compute_budgets[static_cast<std::size_t>(Role::kFantasy)] = {200'000, 0.001};
        options.service.compute_budgets[static_cast<std::size_t>(Role::kSportsbook)] = {1'000, 60.0};
        return options;
    }
};

TEST_F(BudgetTest, EachRoleRunsWithinItsComputeBudget) {
    const auto momentum = [](Role role, int sims) {
        return Call(Port(), http::verb::post, "/v1/momentum", Key(role),
                    R"({"sport":"soccer","league":"premier-league","home_team":"Arsenal","away_team":"Chelsea",)"
                    R"("sims":)" +
                        std::to_string(sims) + "}");
    };
    const Reply books = momentum(Role::kSportsbook, 1'001);
    EXPECT_EQ(books.status, 400) << books.body;
    EXPECT_EQ(books.Json()["error"]["field"], "sims") << books.body;
    EXPECT_EQ(momentum(Role::kSportsbook, 1'000).status, 200);
    EXPECT_EQ(momentum(Role::kFantasy, 200'001).status, 400);
    // 200,000 paths run in batches of 65,536: past a millisecond the run stops at the first boundary.
    const Reply slow = momentum(Role::kFantasy, 200'000);
    EXPECT_EQ(slow.status, 504) << slow.body;
    EXPECT_NE(slow.Json()["error"]["message"].get<std::string>().find("time budget"), std::string::npos) << slow.body;
    // A trader has the server-wide limits only.
    EXPECT_EQ(momentum(Role::kTrader, 200'000).status, 200);
}

TEST(ComputeBudgetOption, ReadsRolePathsAndSeconds) {
    ServiceOptions options;
    ASSERT_TRUE(SetComputeBudget("fantasy=100000/2.5", &options).ok());
    EXPECT_EQ(options.compute_budgets[static_cast<std::size_t>(Role::kFantasy)].max_paths, 100'000u);
    EXPECT_EQ(options.compute_budgets[static_cast<std::size_t>(Role::kFantasy)].seconds, 2.5);
    const auto before = options.compute_budgets;
    for (const char* bad : {"fantasy", "fantasy=100000", "croupier=1/1", "fantasy=0/1", "fantasy=-1/1", "fantasy=1e5/1",
                            "fantasy=100/0", "fantasy=100/nan", "fantasy=100/1x", "=1/1", "fantasy=100000000000/1"}) {
        const Status s = SetComputeBudget(bad, &options);
        EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad;
        EXPECT_NE(s.message().find("--compute-budget"), std::string::npos) << s.message();
    }
    EXPECT_EQ(options.compute_budgets[1].max_paths, before[1].max_paths);
}

TEST_F(OperationsTest, SimulateHasPathAndTimeLimits) {
    const std::string game = R"("sport":"basketball","league":"nba","home_team":"BOS","away_team":"DAL")";
    const Reply too_many =
        Call(Port(), http::verb::post, "/v1/simulate", Key(Role::kTrader), "{" + game + R"(,"sims":200001})");
    EXPECT_EQ(too_many.status, 400);
    EXPECT_EQ(too_many.Json()["error"]["field"], "sims");
    // 200,000 basketball games take well over the 50 ms limit on one thread: stopped, 504.
    const Reply slow =
        Call(Port(), http::verb::post, "/v1/simulate", Key(Role::kTrader), "{" + game + R"(,"sims":200000})");
    EXPECT_EQ(slow.status, 504) << slow.body;
    EXPECT_EQ(slow.Json()["error"]["code"], "deadline_exceeded");
    const Reply quick =
        Call(Port(), http::verb::post, "/v1/simulate", Key(Role::kTrader), "{" + game + R"(,"sims":1000})");
    EXPECT_EQ(quick.status, 200) << quick.body;
}

TEST_F(OperationsTest, MetricsHaveLatencyHistograms) {
    for (int i = 0; i < 3; ++i) {
        Call(Port(), http::verb::get, "/v1/health");
    }
    const std::string metrics = Call(Port(), http::verb::get, "/metrics").body;
    EXPECT_NE(metrics.find("# TYPE simbook_http_request_duration_seconds histogram"), std::string::npos);
    EXPECT_NE(metrics.find("simbook_http_request_duration_seconds_bucket{route=\"/v1/health\",le=\"+Inf\"}"),
              std::string::npos)
        << metrics;
    EXPECT_NE(metrics.find("simbook_reprice_duration_seconds_count "), std::string::npos);
    // Buckets are cumulative: the +Inf bucket equals the count.
    const std::string inf = "simbook_reprice_duration_seconds_bucket{le=\"+Inf\"} ";
    const std::string count = "simbook_reprice_duration_seconds_count ";
    const std::size_t a = metrics.find(inf);
    const std::size_t b = metrics.find(count);
    ASSERT_NE(a, std::string::npos);
    ASSERT_NE(b, std::string::npos);
    EXPECT_EQ(std::stoull(metrics.substr(a + inf.size())), std::stoull(metrics.substr(b + count.size())));
    EXPECT_GT(std::stoull(metrics.substr(b + count.size())), 0u);
}

TEST_F(OperationsTest, ASlowClientIsDisconnectedAfterTheReadTimeout) {
    asio::io_context ioc;
    asio::ip::tcp::socket socket(ioc);
    socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), Port()));
    asio::write(socket, asio::buffer(std::string("GET /v1/health HTTP/1.1\r\nHost: x\r\n"))); // headers never end
    const auto start = std::chrono::steady_clock::now();
    char byte = 0;
    beast::error_code ec;
    socket.read_some(asio::buffer(&byte, 1), ec); // blocks until the server closes the connection
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
    EXPECT_GT(waited, 0.5);
    EXPECT_LT(waited, 5.0);
    // The server still answers others.
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/health").status, 200);
}

} // namespace
} // namespace simbook::api

namespace simbook::api {
namespace {

TEST_F(OperationsTest, WhatIfRunsOnCommonRandomNumbers) {
    const std::string body =
        R"({"sport":"soccer","league":"premier-league","home_team":"Arsenal","away_team":"Chelsea","markets":"h2h",)"
        R"("scenario":[{"type":"red_card","team":"home","minute":30}],"sims":20000})";
    const Reply r = Call(Port(), http::verb::post, "/v1/whatif", Key(Role::kTrader), body);
    ASSERT_EQ(r.status, 200) << r.body;
    const json result = r.Json();
    const json& home = result["markets"][0]["outcomes"][0];
    EXPECT_LT(home["delta"].get<double>(), -0.05) << home; // a red card at 30' costs the home side
    EXPECT_LT(home["delta_se"].get<double>(), home["independent_se"].get<double>()) << home;
    EXPECT_EQ(Call(Port(), http::verb::post, "/v1/whatif", Key(Role::kFantasy), body).status, 403);
    const Reply bad = Call(Port(), http::verb::post, "/v1/whatif", Key(Role::kTrader),
                           R"({"sport":"soccer","league":"premier-league","home_team":"Arsenal","away_team":"Chelsea",)"
                           R"("scenario":[{"type":"red_card","team":"Leeds","minute":30}]})");
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_NE(bad.Json()["error"]["message"].get<std::string>().find("scenario[0]"), std::string::npos) << bad.body;
}

TEST_F(OperationsTest, MomentumMarketsAreInTheFeedAndOnRequest) {
    const std::string id =
        Create(R"({"sport":"soccer","league":"premier-league","home_team":"Chelsea","away_team":"Arsenal"})");
    const json odds = Odds(id, "next_goal,lead_at");
    const json& markets = odds["bookmakers"][0]["markets"];
    ASSERT_GE(markets.size(), 2u) << odds;
    EXPECT_EQ(markets[0]["key"], "next_goal");
    double overround = 0.0;
    for (const json& o : markets[0]["outcomes"]) {
        overround += 1.0 / o["price"].get<double>();
    }
    EXPECT_NEAR(overround, 1.05, 0.01) << markets[0]; // priced with the book's 5% margin like the others
    // Bettable like any market, under its book key.
    const json& next = markets[0]["outcomes"][0];
    const json bet{{"event_id", id},
                   {"market", markets[0]["market"]},
                   {"outcome", next["selection"]},
                   {"price", next["price"]},
                   {"stake", 5.0}};
    const Reply placed = Call(Port(), http::verb::post, "/v1/bets", Key(Role::kSportsbook), bet.dump(), "next-1");
    EXPECT_EQ(placed.status, 201) << placed.body;
    const json path = Call(Port(), http::verb::get, "/v1/events/" + id + "/momentum", Key(Role::kFantasy)).Json();
    EXPECT_GE(path["win_prob_path"].size(), 3u) << path;
    const Reply momentum =
        Call(Port(), http::verb::post, "/v1/momentum", Key(Role::kFantasy),
             R"({"sport":"basketball","league":"nba","home_team":"BOS","away_team":"DAL","sims":5000,)"
             R"("state":{"period":3,"clock":"6:00","home":70,"away":66,"possession":"away"}})");
    ASSERT_EQ(momentum.status, 200) << momentum.body;
    EXPECT_FALSE(momentum.Json()["markets"].empty());
}

TEST_F(OperationsTest, FuturesPriceOutrightsFromATable) {
    const std::string body = R"({"league":"premier-league","seasons":2000,
        "table":[{"team":"Arsenal","played":36,"points":80,"gf":70,"ga":30},
                 {"team":"Chelsea","played":36,"points":79,"gf":68,"ga":31},
                 {"team":"Liverpool","played":36,"points":60,"gf":60,"ga":40},
                 {"team":"Everton","played":36,"points":40,"gf":40,"ga":60}],
        "fixtures":[{"home":"Arsenal","away":"Chelsea"},{"home":"Liverpool","away":"Everton"},
                    {"home":"Chelsea","away":"Liverpool"},{"home":"Everton","away":"Arsenal"}],
        "positions":{"title":1,"top4":2,"relegation":1}})";
    const Reply r = Call(Port(), http::verb::post, "/v1/futures", Key(Role::kSportsbook), body);
    ASSERT_EQ(r.status, 200) << r.body;
    double title = 0.0;
    const json result = r.Json();
    for (const json& t : result["teams"]) {
        title += t["title"]["probability"].get<double>();
    }
    EXPECT_NEAR(title, 1.0, 1e-9) << r.body.substr(0, 1500);
    EXPECT_FALSE(result["markets"].empty());
    const Reply bad = Call(Port(), http::verb::post, "/v1/futures", Key(Role::kTrader),
                           R"({"league":"premier-league","table":[{"team":"Arsenal","points":1}],)"
                           R"("fixtures":[{"home":"Arsenal","away":"Spurs"}]})");
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(Call(Port(), http::verb::post, "/v1/futures", Key(Role::kFantasy), body).status, 403);
}

} // namespace
} // namespace simbook::api

namespace simbook::api {
namespace {

TEST_F(OperationsTest, FantasyProjectionsAndLineups) {
    const std::string slate = R"({"games":[{"home":"BOS","away":"DAL"},{"home":"DEN","away":"LAL"}]})";
    const Reply projections = Call(Port(), http::verb::post, "/v1/fantasy/projections", Key(Role::kFantasy),
                                   R"({"slate":)" + slate + R"(,"sims":2000,"scoring":"draftkings"})");
    ASSERT_EQ(projections.status, 200) << projections.body.substr(0, 500);
    const json p = projections.Json();
    ASSERT_GE(p["players"].size(), 20u);
    std::ifstream csv(std::string(SIMBOOK_SOURCE_DIR) + "/data/fantasy/DKSalaries-slate-2.csv");
    const std::string salaries((std::istreambuf_iterator<char>(csv)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(salaries.empty());
    json body{{"slate", json::parse(slate)},
              {"site", "draftkings"},
              {"salaries_csv", salaries},
              {"lineups", 3},
              {"sims", 2000},
              {"objective", "mean"}};
    const Reply lineups = Call(Port(), http::verb::post, "/v1/fantasy/lineups", Key(Role::kFantasy), body.dump());
    ASSERT_EQ(lineups.status, 200) << lineups.body.substr(0, 500);
    const json l = lineups.Json();
    ASSERT_EQ(l["lineups"].size(), 3u);
    for (const json& lineup : l["lineups"]) {
        EXPECT_EQ(lineup["players"].size(), 8u);
        EXPECT_LE(lineup["salary"].get<double>(), 50'000.0);
    }
    body["locks"] =
        json::array({"Jayson Tatum", "Luka Dončić", "Nikola Jokić", "LeBron James", "Jaylen Brown", "Anthony Davis"});
    const Reply infeasible = Call(Port(), http::verb::post, "/v1/fantasy/lineups", Key(Role::kFantasy), body.dump());
    EXPECT_EQ(infeasible.status, 400) << infeasible.body.substr(0, 300);
    EXPECT_EQ(infeasible.Json()["error"]["field"], "locks") << infeasible.body.substr(0, 300);
    EXPECT_EQ(
        Call(Port(), http::verb::post, "/v1/fantasy/projections", Key(Role::kSportsbook), R"({"slate":)" + slate + "}")
            .status,
        403);
}

} // namespace
} // namespace simbook::api

namespace simbook::api {
namespace {

TEST_F(OperationsTest, EvidenceResolvesAMomentumMarketOrSendsItToReview) {
    const std::string id =
        Create(R"({"sport":"soccer","league":"premier-league","home_team":"Everton","away_team":"Arsenal"})");
    const json markets = Odds(id, "next_goal,goal_before")["bookmakers"][0]["markets"];
    ASSERT_EQ(markets.size(), 2u) << markets;
    const std::string next = markets[0]["market"];
    const std::string lead = markets[1]["market"];
    const std::string base = "/v1/events/" + id + "/markets/";
    const Reply weak = Call(Port(), http::verb::post, base + lead + "/resolve", Key(Role::kTrader),
                            R"({"label":"yes","confidence":0.5,"source":"video"})");
    ASSERT_EQ(weak.status, 200) << weak.body;
    EXPECT_EQ(weak.Json()["state"], "manual_review");
    const Reply sure = Call(Port(), http::verb::post, base + next + "/resolve", Key(Role::kTrader),
                            R"({"label":")" + markets[0]["outcomes"][0]["selection"].get<std::string>() +
                                R"(","confidence":0.97,"source":"data feed"})");
    ASSERT_EQ(sure.status, 200) << sure.body;
    EXPECT_EQ(sure.Json()["state"], "settled");
    const Reply again =
        Call(Port(), http::verb::post, base + next + "/resolve", Key(Role::kTrader),
             R"({"label":")" + markets[0]["outcomes"][0]["selection"].get<std::string>() + R"(","confidence":0.97})");
    EXPECT_EQ(again.status, 409) << again.body; // settled once: a second resolution is refused, as on /settle
    EXPECT_NE(again.body.find("settled"), std::string::npos) << again.body;
    EXPECT_EQ(Call(Port(), http::verb::post, base + next + "/resolve", Key(Role::kFantasy),
                   R"({"label":"home","confidence":0.97})")
                  .status,
              403);
    EXPECT_EQ(Call(Port(), http::verb::post, base + lead + "/resolve", Key(Role::kTrader), R"({"label":"yes"})")
                  .Json()["error"]["field"],
              "confidence");
}

//! One compute thread per pool, so a batch run fills its pool.
class PoolTest : public ServerSuite<PoolTest> {
public:
    static ServerOptions Options() {
        ServerOptions options = TestServerOptions();
        options.compute_threads = 1;
        options.service.rate_limit = 0.0;
        return options;
    }
};

TEST_F(PoolTest, ALiveStateUpdateDoesNotWaitBehindABatchRun) {
    // A basketball simulation of 300,000 paths with box scores holds the one batch thread for about a second; a
    // state update posted while it runs is priced on the events' own pool and answered first.
    std::atomic<bool> batch_done{false};
    std::thread batch([&] {
        const Reply r =
            Call(Port(), http::verb::post, "/v1/simulate", Key(Role::kTrader),
                 R"({"sport":"basketball","league":"nba","home_team":"BOS","away_team":"DAL","sims":300000})");
        EXPECT_EQ(r.status, 200) << r.body.substr(0, 200);
        batch_done.store(true);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const std::string id = server_->GetService().EventIds().at(0);
    const Reply update = Call(Port(), http::verb::post, "/v1/events/" + id + "/state", Key(Role::kTrader),
                              R"({"minute":10,"home":0,"away":0})");
    const bool update_first = !batch_done.load();
    batch.join();
    EXPECT_EQ(update.status, 200) << update.body;
    EXPECT_TRUE(update_first) << "the state update waited for the batch run";
}

} // namespace
} // namespace simbook::api
