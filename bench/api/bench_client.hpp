//! Support for the API load benchmarks: the shared HTTP client on a keep-alive connection, percentiles and an
//! in-process server on a free loopback port.
#pragma once

#include "api/client/http_client.hpp"
#include "api/server.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace simbook::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using Clock = std::chrono::steady_clock;

using api::client::HttpClient;
using api::client::HttpReply;
using api::client::Verb;

//! A keep-alive client of the in-process server on 127.0.0.1:port with the given API key.
inline HttpClient Connect(std::uint16_t port, const std::string& key) {
    return HttpClient("127.0.0.1", std::to_string(port), api::client::HttpClientOptions(key));
}

//! The HTTP status of a reply, or 0 when the request failed in transport.
inline int StatusOf(const Result<HttpReply>& reply) {
    return reply.ok() ? reply->status : 0;
}

//! "STATUS BODY" of a reply, or the transport error, for error messages.
inline std::string Describe(const Result<HttpReply>& reply) {
    return reply.ok() ? std::to_string(reply->status) + " " + reply->body : reply.status().message();
}

//! The q-quantile (0..1) of samples in milliseconds, nearest rank.
inline double Percentile(std::vector<double> samples, double q) {
    if (samples.empty()) {
        return 0.0;
    }
    std::sort(samples.begin(), samples.end());
    const auto rank = static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1) + 0.5);
    return samples[std::min(rank, samples.size() - 1)];
}

//! An in-process server on a free loopback port with the committed models; exits the program on failure. store:
//! the ledger and events (":memory:": nothing durable; a file: SQLite with every commit synced to disk).
inline std::unique_ptr<api::Server> StartServer(std::uint64_t sims, int threads, bool demo_events, int sim_threads = 1,
                                                const std::string& store = ":memory:") {
    api::ServerOptions options;
    options.port = 0;
    options.threads = threads;
    options.service.params_dir = SIMBOOK_SOURCE_PARAMS_DIR;
    options.service.store = store;
    options.service.sims = sims;
    options.service.rate_limit = 0.0;
    options.service.demo_events = demo_events;
    options.service.sim_threads = sim_threads;
    auto created = api::Server::Create(options);
    if (!created.ok()) {
        std::fprintf(stderr, "error: %s\n", created.status().message().c_str());
        std::exit(2);
    }
    std::unique_ptr<api::Server> server = std::move(created.value());
    server->Start();
    return server;
}

//! A WebSocket client of the server's stream (GET /v1/stream, key in X-API-Key, Nagle off) subscribed to the
//! events; throws when the server does not confirm the subscription.
inline std::unique_ptr<websocket::stream<beast::tcp_stream>> SubscribeStream(asio::io_context& ioc, std::uint16_t port,
                                                                             const std::string& key,
                                                                             const std::vector<std::string>& events) {
    auto ws = std::make_unique<websocket::stream<beast::tcp_stream>>(ioc);
    beast::get_lowest_layer(*ws).connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    beast::get_lowest_layer(*ws).socket().set_option(asio::ip::tcp::no_delay(true));
    ws->set_option(
        websocket::stream_base::decorator([key](websocket::request_type& req) { req.set("X-API-Key", key); }));
    ws->handshake("127.0.0.1", "/v1/stream");
    ws->write(asio::buffer(nlohmann::json{{"subscribe", events}}.dump()));
    beast::flat_buffer buffer;
    ws->read(buffer);
    const auto reply = nlohmann::json::parse(beast::buffers_to_string(buffer.data()), nullptr, false);
    if (!reply.is_object() || reply.value("type", "") != "subscribed") {
        throw std::runtime_error("the stream did not confirm the subscription: " +
                                 beast::buffers_to_string(buffer.data()));
    }
    return ws;
}

//! The load average of the last minute (other work on the machine skews every timing).
inline double LoadAverage() {
    double load = 0.0;
    if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &load) != 1) {
            load = 0.0;
        }
        std::fclose(f);
    }
    return load;
}

} // namespace simbook::bench
