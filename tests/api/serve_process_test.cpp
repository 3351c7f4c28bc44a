// `simbook serve` as a process: options from a config file, and a graceful stop on SIGTERM that finishes the
// request in flight and keeps every accepted bet in the store.
#include "tests/api/api_client.hpp"
#include "tests/support/serve_process.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <future>
#include <regex>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace simbook::api {
namespace {

// The simulation in flight at SIGTERM: about a second in the release build. The sanitizer builds run the server
// 10-15 times slower (300,000 paths took 11 s under ASan on an idle 2-core machine, 31 s beside another test), so
// they simulate a fifth of it: still in flight when the signal comes, and well inside the test's bound.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr int kInFlightSims = 60000;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr int kInFlightSims = 60000;
#else
constexpr int kInFlightSims = 300000;
#endif
#else
constexpr int kInFlightSims = 300000;
#endif

using simbook::testing::EventIdOf;
using simbook::testing::KeyOf;
using simbook::testing::PortOf;
using simbook::testing::ServeProcess;

TEST(ServeProcessTest, ConfigFileSetsOptionsAndFlagsWin) {
    const std::string dir = ::testing::TempDir();
    const std::string config = dir + "simbook_serve_" + std::to_string(getpid()) + ".toml";
    const std::string store = dir + "simbook_serve_" + std::to_string(getpid()) + ".sqlite";
    std::remove(store.c_str());
    std::ofstream(config) << "# simbook serve options\n[serve]\nport = 0\nstore = \"" << store
                          << "\"\nsims = 2000\nmargin = 0.10\nlog-requests = true\n";
    ServeProcess serve(SIMBOOK_BINARY,
                       {"--config", config, "--margin", "0.2", "--params-dir", SIMBOOK_SOURCE_PARAMS_DIR});
    const std::string listening = serve.WaitFor(std::regex("listening on"));
    ASSERT_FALSE(listening.empty()) << serve.Printed();
    const std::string key = KeyOf(serve.WaitFor(std::regex("demo key \\(fantasy\\)")));
    const std::string event = serve.WaitFor(std::regex("demo event"));
    const std::string id = EventIdOf(event);
    const json odds = Call(PortOf(listening), http::verb::get, "/v1/events/" + id + "/odds?markets=h2h", key).Json();
    double overround = 0.0;
    for (const json& o : odds["bookmakers"][0]["markets"][0]["outcomes"]) {
        overround += 1.0 / o["price"].get<double>();
    }
    EXPECT_NEAR(overround, 1.2, 0.002) << "the command line's --margin 0.2 wins over the file's 0.10";
    // log-requests from the file: one JSON line per request with its request id.
    const std::string logged = serve.WaitFor(std::regex(R"("route":"/v1/events/\{id\}/odds")"));
    EXPECT_NE(logged.find("\"request_id\":\"req-"), std::string::npos) << logged;
    EXPECT_NE(logged.find("\"status\":200"), std::string::npos) << logged;
    EXPECT_EQ(std::ifstream(store).good(), true) << "the store named in the config file";
    EXPECT_EQ(serve.Stop(SIGTERM), 0);
    std::remove(config.c_str());
    std::remove(store.c_str());
    std::remove((store + "-wal").c_str());
    std::remove((store + "-shm").c_str());
}

TEST(ServeProcessTest, SigtermFinishesTheRequestInFlightAndKeepsBets) {
    const std::string store = ::testing::TempDir() + "simbook_sigterm_" + std::to_string(getpid()) + ".sqlite";
    std::remove(store.c_str());
    std::string bet_id;
    std::string event_id;
    std::string odds_before;
    {
        ServeProcess serve(SIMBOOK_BINARY, {"--port", "0", "--store", store, "--sims", "2000", "--params-dir",
                                            SIMBOOK_SOURCE_PARAMS_DIR, "--simulate-seconds", "60"});
        const std::uint16_t port = PortOf(serve.WaitFor(std::regex("listening on")));
        ASSERT_NE(port, 0) << serve.Printed();
        const std::string trader = KeyOf(serve.WaitFor(std::regex("demo key \\(trader\\)")));
        const std::string event = serve.WaitFor(std::regex("demo event"));
        const std::string id = EventIdOf(event);
        const json h2h = Call(port, http::verb::get, "/v1/events/" + id + "/odds?markets=h2h", trader)
                             .Json()["bookmakers"][0]["markets"][0]["outcomes"][0];
        const json bet{{"event_id", id},        {"market", "h2h"}, {"outcome", h2h["selection"]},
                       {"price", h2h["price"]}, {"stake", 25.0},   {"customer_id", "sigterm"}};
        const Reply placed = Call(port, http::verb::post, "/v1/bets", trader, bet.dump(), "sigterm-1");
        ASSERT_EQ(placed.status, 201) << placed.body;
        bet_id = placed.Json()["id"];
        event_id = id;
        const Reply goal =
            Call(port, http::verb::post, "/v1/events/" + id + "/state", trader, R"({"minute":30,"home":1,"away":0})");
        ASSERT_EQ(goal.status, 200) << goal.body;
        odds_before = Call(port, http::verb::get, "/v1/events/" + id + "/odds", trader).body;
        // A simulation of about a second is in flight when SIGTERM arrives: it finishes and is answered.
        auto slow = std::async(std::launch::async, [port, trader] {
            const json request{{"sport", "basketball"},
                               {"league", "nba"},
                               {"home_team", "BOS"},
                               {"away_team", "DAL"},
                               {"sims", kInFlightSims}};
            return Call(port, http::verb::post, "/v1/simulate", trader, request.dump());
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        const auto stop_started = std::chrono::steady_clock::now();
        EXPECT_EQ(serve.Stop(SIGTERM), 0);
        const Reply answered = slow.get();
        EXPECT_EQ(answered.status, 200) << answered.body;
        EXPECT_EQ(answered.Json()["sims"], kInFlightSims);
        EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - stop_started).count(), 30.0);
    }
    // The bet is in the store: a new server on the same file finds it.
    ServeProcess again(SIMBOOK_BINARY,
                       {"--port", "0", "--store", store, "--sims", "2000", "--params-dir", SIMBOOK_SOURCE_PARAMS_DIR});
    const std::uint16_t port = PortOf(again.WaitFor(std::regex("listening on")));
    const std::string book = KeyOf(again.WaitFor(std::regex("demo key \\(sportsbook\\)")));
    const Reply got = Call(port, http::verb::get, "/v1/bets/" + bet_id, book);
    EXPECT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(got.Json()["stake"], 25.0);
    // So are the events, with their last state and version: priced again with the same seed, the same odds.
    const json event = Call(port, http::verb::get, "/v1/events/" + event_id, book).Json();
    EXPECT_EQ(event["version"], 2) << event; // an exact event: two versions per update
    EXPECT_EQ(event["state"]["minute"], 30);
    EXPECT_EQ(Call(port, http::verb::get, "/v1/events", book).Json().size(), 4u) << "no second set of demo events";
    json odds_after = Call(port, http::verb::get, "/v1/events/" + event_id + "/odds", book).Json();
    json before = json::parse(odds_before);
    for (json* odds : {&before, &odds_after}) {
        (*odds)["bookmakers"][0].erase("last_update");
        for (json& m : (*odds)["bookmakers"][0]["markets"]) {
            m.erase("last_update");
        }
    }
    EXPECT_EQ(odds_after, before);
    EXPECT_EQ(again.Stop(SIGTERM), 0);
    std::remove(store.c_str());
    std::remove((store + "-wal").c_str());
    std::remove((store + "-shm").c_str());
}

} // namespace
} // namespace simbook::api
