//! The fixture of the multi-node tests: `simbook serve` processes on one PostgreSQL schema of their own
//! (SIMBOOK_TEST_POSTGRES; the tests skip when it is unset), a keys file they share, HTTP and SQL helpers, and a
//! WebSocket subscriber.
#pragma once

#include "api/client/http_client.hpp"
#include "tests/support/postgres_test_db.hpp"
#include "tests/support/serve_process.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace simbook::api::multi_node {

using nlohmann::json;
using simbook::testing::PortOf;
using simbook::testing::ServeProcess;

constexpr const char* kTraderKey = "multi-node-trader-key";

inline std::string Name(const char* prefix, int n) {
    std::string name = prefix;
    name += std::to_string(n);
    return name;
}

// A PostgreSQL schema of its own and a keys file every node reads (so that keys hold across nodes and restarts).
class MultiNodeTest : public ::testing::Test {
public:
    void SetUp() override {
        const auto base = simbook::testing::PostgresTestUri();
        if (!base) {
            GTEST_SKIP() << simbook::testing::kNoPostgres;
        }
        std::string error;
        uri_ = simbook::testing::FreshPostgresSchema(*base, &error);
        ASSERT_FALSE(uri_.empty()) << error;
        keys_ = ::testing::TempDir() + "simbook_multi_node_keys_" + std::to_string(getpid());
        std::ofstream(keys_) << "desk trader " << kTraderKey << "\n";
    }
    void TearDown() override { std::remove(keys_.c_str()); }

    // Without the per-key rate limit: these tests stream bets as fast as they can (a 429 on a loaded machine is
    // not what they check).
    // `store` defaults to the test's schema; `demo`: the demo events on an empty store.
    std::unique_ptr<ServeProcess> Start(std::uint16_t* port, const std::string& store = "", bool demo = false) const {
        std::vector<std::string> args{"--port",       "0",   "--store",      store.empty() ? uri_ : store,
                                      "--keys",       keys_, "--sims",       "500",
                                      "--rate-limit", "0",   "--params-dir", SIMBOOK_SOURCE_PARAMS_DIR};
        if (!demo) {
            args.push_back("--no-demo");
        }
        auto serve = std::make_unique<ServeProcess>(SIMBOOK_BINARY, args);
        *port = PortOf(serve->WaitFor(std::regex("listening on")));
        EXPECT_NE(*port, 0) << serve->Printed();
        return serve;
    }

    // One request; status 0 when the node could not be reached (killed, restarting).
    static std::pair<int, json> Send(std::uint16_t port, client::Verb verb, const std::string& target,
                                     const std::string& body = "", const std::string& idempotency_key = "") {
        client::HttpClient http("127.0.0.1", std::to_string(port), client::HttpClientOptions(kTraderKey));
        client::HttpHeaders headers;
        if (!idempotency_key.empty()) {
            headers.emplace_back("Idempotency-Key", idempotency_key);
        }
        auto sent = http.Send(verb, target, body, headers);
        if (!sent.ok()) {
            return {0, json()};
        }
        return {sent->status, json::parse(sent->body, nullptr, false)};
    }

    // Creates a soccer event through one node; its id (empty on failure).
    static std::string CreateEvent(std::uint16_t port) {
        const json request{
            {"sport", "soccer"}, {"league", "premier-league"}, {"home_team", "Arsenal"}, {"away_team", "Chelsea"}};
        auto [status, body] = Send(port, client::Verb::post, "/v1/events", request.dump());
        EXPECT_EQ(status, 201) << body;
        return body.is_object() ? body.value("id", "") : "";
    }

    // Whether the node serves this event (read from the database when it started).
    static bool Serves(std::uint16_t port, const std::string& event) {
        return Send(port, client::Verb::get, "/v1/events/" + event).first == 200;
    }

    static json Bet(const std::string& event, const std::string& customer, double stake) {
        return {{"event_id", event}, {"market", "h2h"}, {"outcome", "home"},
                {"price", 1.01},     {"stake", stake},  {"customer_id", customer}};
    }

    // An odds answer's markets without their times (each node stamps the second it priced them at).
    static json Markets(const json& odds) {
        json markets = odds["bookmakers"][0]["markets"];
        for (json& m : markets) {
            m.erase("last_update");
        }
        return markets;
    }

    // Rows of one SQL query on the test's schema, as text.
    std::vector<std::vector<std::string>> Query(const std::string& sql) const {
        PGconn* conn = PQconnectdb(uri_.c_str());
        PGresult* r = PQexec(conn, sql.c_str());
        std::vector<std::vector<std::string>> rows;
        EXPECT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQerrorMessage(conn);
        for (int i = 0; i < PQntuples(r); ++i) {
            rows.emplace_back();
            for (int j = 0; j < PQnfields(r); ++j) {
                rows.back().push_back(PQgetvalue(r, i, j));
            }
        }
        PQclear(r);
        PQfinish(conn);
        return rows;
    }

    // Waits up to `seconds` until the node answers /v1/ready with `status`; whether it did.
    static bool WaitReady(std::uint16_t port, int status = 200, double seconds = 5.0) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (Send(port, client::Verb::get, "/v1/ready").first != status) {
            if (std::chrono::steady_clock::now() > deadline) {
                return false;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return true;
    }

    // Polls `check` every 20 ms for up to `seconds`; whether it turned true.
    static bool Eventually(const std::function<bool()>& check, double seconds = 5.0) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (!check()) {
            if (std::chrono::steady_clock::now() > deadline) {
                return false;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return true;
    }

    // One outcome of the node's GET /v1/events/ID/exposure (null when missing).
    static json OutcomeExposure(std::uint16_t port, const std::string& event, const std::string& market,
                                const std::string& outcome) {
        auto [status, exposure] = Send(port, client::Verb::get, "/v1/events/" + event + "/exposure");
        if (status != 200) {
            return json();
        }
        for (const json& m : exposure["markets"]) {
            if (m["market"] == market) {
                for (const json& o : m["outcomes"]) {
                    if (o["outcome"] == outcome) {
                        return o;
                    }
                }
            }
        }
        return json();
    }

    // How many times a node priced an event's markets (simbook_reprices_total on its /metrics; -1 unread).
    static long Reprices(std::uint16_t port) {
        client::HttpClient http("127.0.0.1", std::to_string(port), client::HttpClientOptions(kTraderKey));
        auto sent = http.Send(client::Verb::get, "/metrics", "", {});
        static const std::regex line("\nsimbook_reprices_total ([0-9]+)");
        std::smatch found;
        if (!sent.ok() || !std::regex_search(sent->body, found, line)) {
            return -1;
        }
        return std::stol(found[1].str());
    }

    std::string uri_;
    std::string keys_;
};

//! A WebSocket subscriber of one node's /v1/stream.
class Subscriber {
public:
    Subscriber(std::uint16_t port, const std::string& event) : ws_(ioc_) {
        namespace asio = boost::asio;
        namespace websocket = boost::beast::websocket;
        boost::beast::get_lowest_layer(ws_).connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
        boost::beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(10));
        ws_.set_option(
            websocket::stream_base::decorator([](websocket::request_type& req) { req.set("X-API-Key", kTraderKey); }));
        ws_.handshake("127.0.0.1", "/v1/stream");
        ws_.write(asio::buffer(json{{"subscribe", {event}}}.dump()));
        subscribed_ = Next(std::chrono::seconds(5));
    }
    //! The answer to the subscription.
    const json& Subscribed() const { return subscribed_; }
    //! The next message within `bound`, parsed; null on timeout or error.
    json Next(std::chrono::milliseconds bound) {
        boost::beast::flat_buffer buffer;
        boost::beast::error_code read_error;
        boost::beast::get_lowest_layer(ws_).expires_after(bound);
        ws_.async_read(buffer, [&read_error](boost::beast::error_code e, std::size_t) { read_error = e; });
        ioc_.restart();
        ioc_.run();
        if (read_error) {
            return json();
        }
        return json::parse(boost::beast::buffers_to_string(buffer.data()), nullptr, false);
    }

private:
    boost::asio::io_context ioc_;
    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    json subscribed_;
};

} // namespace simbook::api::multi_node
