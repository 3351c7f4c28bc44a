// Several `simbook serve` processes on one PostgreSQL database (SIMBOOK_TEST_POSTGRES; skipped when unset):
// concurrent bets at a limit through two nodes never breach it, and a node killed with SIGKILL 20 times during a
// bet stream loses no acknowledged bet, doubles none, and leaves liabilities equal to the sum of the bets; a state
// update taken by one node reaches the other node's WebSocket subscribers and odds (LISTEN/NOTIFY).
#include "tests/api/multi_node_fixture.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace simbook::api {
namespace {

using namespace multi_node; // NOLINT: the fixture of this target

TEST_F(MultiNodeTest, ConcurrentBetsThroughTwoNodesNeverBreachTheOutcomeLimit) {
    std::uint16_t port_a = 0;
    std::uint16_t port_b = 0;
    auto a = Start(&port_a);
    const std::string event = CreateEvent(port_a);
    ASSERT_FALSE(event.empty());
    auto b = Start(&port_b); // finds node A's event and markets in the database
    ASSERT_TRUE(Serves(port_b, event)) << "both nodes serve the stored events";
    // 32 bets of 1000.00 on the favourite through each node: one node's own bets stay under the 20000.00
    // outcome limit. Each node's book follows the other's bets only after they commit (a few ms late), so the
    // check against both nodes' bets in the bet's transaction is what keeps the limit when they race (with it
    // off, and without following, all 64 were taken and the liability ended near twice the limit).
    std::atomic<int> accepted[2] = {0, 0};
    std::atomic<int> limited{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < 8; ++c) {
        clients.emplace_back([&, c] {
            const std::uint16_t port = c % 2 == 0 ? port_a : port_b;
            for (int i = 0; i < 8; ++i) {
                std::string key = "limit-";
                key += std::to_string(c * 100 + i);
                auto [status, body] =
                    Send(port, client::Verb::post, "/v1/bets", Bet(event, Name("c", c), 1000.0).dump(), key);
                if (status == 201) {
                    ++accepted[c % 2];
                } else if (status == 409 && body["error"].value("code", "") == "limit") {
                    ++limited;
                } else {
                    ADD_FAILURE() << status << " " << body;
                }
            }
        });
    }
    for (std::thread& t : clients) {
        t.join();
    }
    EXPECT_GT(accepted[0].load(), 0);
    EXPECT_GT(accepted[1].load(), 0);
    EXPECT_GT(limited.load(), 0);
    // The database's own sums: home's liability = its potential payouts less every stake in the market.
    const auto rows = Query("SELECT count(*), coalesce(sum(potential_payout) - sum(stake), 0) FROM bets "
                            "WHERE event_id = '" +
                            event + "' AND market_key = 'h2h' AND outcome = 'home'");
    EXPECT_EQ(std::stoi(rows[0][0]), accepted[0] + accepted[1]);
    EXPECT_LE(std::stoll(rows[0][1]), 2'000'000) << "the outcome limit, 20000.00 in cents";
    EXPECT_GT(std::stoll(rows[0][1]), 2'000'000 - 300'000) << "the limit was reached, not refused early";
}

TEST_F(MultiNodeTest, TwentySigkillsDuringABetStreamLoseAndDoubleNoAcknowledgedBet) {
    std::uint16_t port_b = 0;
    std::atomic<std::uint16_t> port_a{0};
    std::uint16_t first_port = 0;
    auto a = Start(&first_port);
    port_a = first_port;
    const std::string event = CreateEvent(first_port);
    ASSERT_FALSE(event.empty());
    auto b = Start(&port_b);
    ASSERT_TRUE(Serves(port_b, event));
    std::mutex mutex;
    std::map<std::string, std::string> acknowledged; // idempotency key -> bet id
    std::atomic<bool> stop{false};
    // Two streams: one through the node that keeps dying (each bet retried with its key until answered), one
    // through the node that stays.
    const auto stream = [&](int which) {
        for (int i = 0; !stop; ++i) {
            std::string key = "kill-";
            key += std::to_string(which * 1'000'000 + i);
            const std::string body = Bet(event, Name("k", which), 1.0 + i % 7).dump();
            for (;;) {
                const std::uint16_t port = which == 0 ? port_a.load() : port_b;
                auto [status, reply] = Send(port, client::Verb::post, "/v1/bets", body, key);
                if (status == 201 || status == 200) {
                    std::lock_guard lock(mutex);
                    const auto [it, fresh] = acknowledged.emplace(key, reply["id"].get<std::string>());
                    EXPECT_TRUE(fresh || it->second == reply["id"].get<std::string>()) << key;
                    break;
                }
                if (status != 0 && status != 503) {
                    ADD_FAILURE() << status << " " << reply;
                    break;
                }
                if (stop) {
                    return; // unacknowledged: may or may not be stored, never twice
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        }
    };
    std::thread through_a(stream, 0);
    std::thread through_b(stream, 1);
    for (int kill = 0; kill < 20; ++kill) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100 + 37 * (kill % 5)));
        ::kill(a->Pid(), SIGKILL);
        a.reset(); // reaps it
        std::uint16_t port = 0;
        a = Start(&port);
        port_a = port;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop = true;
    through_a.join();
    through_b.join();
    ASSERT_GT(acknowledged.size(), 40u);
    // Every acknowledged bet is stored once, under its id; no key is stored twice.
    // Stored keys are scoped by the API key's owner ("LENGTH:OWNER:KEY"): the client's key is the tail.
    std::map<std::string, std::string> stored;
    for (const auto& row : Query("SELECT idempotency_key, id FROM bets WHERE idempotency_key LIKE '%kill-%'")) {
        const std::string key = row[0].substr(row[0].find("kill-"));
        EXPECT_TRUE(stored.emplace(key, row[1]).second) << "doubled: " << key;
    }
    for (const auto& [key, id] : acknowledged) {
        const auto it = stored.find(key);
        ASSERT_NE(it, stored.end()) << "acknowledged bet lost: " << key;
        EXPECT_EQ(it->second, id) << key;
    }
    // Liabilities: a node started now rebuilds its book from the database; its exposure equals the bets' sums.
    std::uint16_t port_c = 0;
    auto c = Start(&port_c);
    const auto sums = Query("SELECT sum(stake), sum(potential_payout) FROM bets WHERE event_id = '" + event +
                            "' AND market_key = 'h2h' AND outcome = 'home'");
    const std::int64_t stakes = std::stoll(sums[0][0]);
    const std::int64_t payouts = std::stoll(sums[0][1]);
    auto [status, exposure] = Send(port_c, client::Verb::get, "/v1/events/" + event + "/exposure");
    ASSERT_EQ(status, 200) << exposure;
    bool found = false;
    for (const json& m : exposure["markets"]) {
        if (m["market"] == "h2h") {
            for (const json& o : m["outcomes"]) {
                if (o["outcome"] == "home") {
                    found = true;
                    EXPECT_NEAR(o["liability"].get<double>(), (payouts - stakes) / 100.0, 0.005) << m;
                }
            }
        }
    }
    EXPECT_TRUE(found) << exposure;
    const auto exposure_rows = Query("SELECT stakes, payouts FROM exposure WHERE event_id = '" + event +
                                     "' AND market_key = 'h2h' AND outcome = 'home'");
    ASSERT_EQ(exposure_rows.size(), 1u);
    EXPECT_EQ(std::stoll(exposure_rows[0][0]), stakes);
    EXPECT_EQ(std::stoll(exposure_rows[0][1]), payouts);
}

TEST_F(MultiNodeTest, AStateUpdateOnOneNodeReachesTheOtherNodesSubscribersAndOdds) {
    namespace asio = boost::asio;
    namespace beast = boost::beast;
    namespace websocket = beast::websocket;
    std::uint16_t port_a = 0;
    std::uint16_t port_b = 0;
    auto a = Start(&port_a);
    const std::string id = CreateEvent(port_a);
    ASSERT_FALSE(id.empty());
    auto b = Start(&port_b); // reads the event from the database
    ASSERT_TRUE(Serves(port_b, id));
    // Ready once it listens for other nodes' updates (its listener connects after start-up).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (Send(port_b, client::Verb::get, "/v1/ready").first != 200 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_EQ(Send(port_b, client::Verb::get, "/v1/ready").first, 200) << b->Printed();
    // A subscriber on node B.
    asio::io_context ioc;
    websocket::stream<beast::tcp_stream> ws(ioc);
    beast::get_lowest_layer(ws).connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_b));
    beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(10));
    ws.set_option(
        websocket::stream_base::decorator([](websocket::request_type& req) { req.set("X-API-Key", kTraderKey); }));
    ws.handshake("127.0.0.1", "/v1/stream");
    // One read within a bound (a tcp_stream's expiry holds for asynchronous operations only).
    const auto read_within = [&](std::chrono::milliseconds bound, beast::flat_buffer& into) {
        beast::error_code read_error;
        beast::get_lowest_layer(ws).expires_after(bound);
        ws.async_read(into, [&read_error](beast::error_code e, std::size_t) { read_error = e; });
        ioc.restart();
        ioc.run();
        return read_error;
    };
    ws.write(asio::buffer(json{{"subscribe", {id}}}.dump()));
    beast::flat_buffer buffer;
    ws.read(buffer);
    EXPECT_EQ(json::parse(beast::buffers_to_string(buffer.data()))["type"], "subscribed");
    buffer.consume(buffer.size());
    // The update goes to node A only.
    const long reprices_before = Reprices(port_b);
    ASSERT_GE(reprices_before, 0);
    const std::string audit_before = Query("SELECT coalesce(max(seq), 0) FROM audit")[0][0];
    const auto posted = std::chrono::steady_clock::now();
    auto [status, update] =
        Send(port_a, client::Verb::post, "/v1/events/" + id + "/state", R"({"minute":30,"home":1,"away":0})");
    ASSERT_EQ(status, 200) << update;
    const int version = update["version"].get<int>(); // an exact event: 2 (its main lines were version 1)
    // Node B pushes that version within 5 s (an earlier one first, when it read the row before the last commit),
    // priced as node A priced it (its prices stored with the version).
    json pushed;
    int last = 0;
    while (last < version) {
        buffer.consume(buffer.size());
        const beast::error_code read_error = read_within(std::chrono::seconds(5), buffer);
        ASSERT_FALSE(read_error) << "no push of version " << version << " from node B in 5 s: " << b->Printed();
        pushed = json::parse(beast::buffers_to_string(buffer.data()));
        ASSERT_EQ(pushed["type"], "odds") << pushed;
        ASSERT_GT(pushed["version"].get<int>(), last) << pushed;
        last = pushed["version"].get<int>();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - posted).count();
    EXPECT_EQ(pushed["id"], id);
    EXPECT_EQ(pushed["version"], version);
    EXPECT_EQ(pushed["stage"], "all");
    EXPECT_LT(seconds, 5.0);
    const auto [status_a, odds_a] = Send(port_a, client::Verb::get, "/v1/events/" + id + "/odds");
    const auto [status_b, odds_b] = Send(port_b, client::Verb::get, "/v1/events/" + id + "/odds");
    ASSERT_EQ(status_a, 200) << odds_a;
    ASSERT_EQ(status_b, 200) << odds_b;
    EXPECT_EQ(odds_b["version"], version);
    ASSERT_FALSE(pushed["bookmakers"][0]["markets"].empty());
    EXPECT_EQ(pushed["bookmakers"][0]["markets"][0]["outcomes"], odds_a["bookmakers"][0]["markets"][0]["outcomes"]);
    EXPECT_EQ(Markets(odds_b), Markets(odds_a));
    // Priced once: node B published node A's prices as stored with the version, without pricing it again.
    EXPECT_EQ(Reprices(port_b), reprices_before);
    // ... and written once: each market's prices have one audit row per version node A priced it in (the main
    // lines in versions 1 and 2, the others in 2), none from node B (which would double them).
    const auto written = Query("SELECT entity, count(*) FROM audit WHERE action = 'repriced' AND seq > " +
                               audit_before + " AND entity LIKE 'market:" + id + "/%' GROUP BY entity");
    ASSERT_FALSE(written.empty());
    for (const auto& row : written) {
        EXPECT_LE(std::stoi(row[1]), version)
            << row[0] << " repriced " << row[1] << " times for " << version << " versions";
    }
    auto [event_status, event] = Send(port_b, client::Verb::get, "/v1/events/" + id);
    EXPECT_EQ(event["state"]["minute"], 30) << event;
    // Node B neither wrote it back nor sent it again: the row is node A's version, and no second push follows.
    EXPECT_EQ(Query("SELECT version FROM api_events WHERE id = '" + id + "'"),
              (std::vector<std::vector<std::string>>{{std::to_string(version)}}));
    buffer.consume(buffer.size());
    const beast::error_code ec = read_within(std::chrono::milliseconds(500), buffer);
    EXPECT_TRUE(ec) << "a second push: " << beast::buffers_to_string(buffer.data());
    std::printf("node B pushed node A's version after %.3f s\n", seconds);
}

} // namespace
} // namespace simbook::api
