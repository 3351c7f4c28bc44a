//! Small blocking clients for the API load benchmarks: an HTTP/1.1 keep-alive connection and a WebSocket
//! subscriber of /v1/stream (Boost.Beast), plus percentiles and an in-process server on a free loopback port.
#pragma once

#include "api/server.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
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
namespace http = beast::http;
namespace websocket = beast::websocket;
using Clock = std::chrono::steady_clock;

//! One keep-alive HTTP connection to 127.0.0.1:port; throws std::runtime_error on a transport error.
class HttpConnection {
public:
    HttpConnection(std::uint16_t port, std::string key) : stream_(ioc_), key_(std::move(key)) {
        stream_.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
        stream_.socket().set_option(asio::ip::tcp::no_delay(true));
    }
    //! Sends one request and reads the reply; returns (status, body).
    std::pair<int, std::string> Send(http::verb verb, const std::string& target, const std::string& body = "") {
        http::request<http::string_body> req{verb, target, 11};
        req.set(http::field::host, "127.0.0.1");
        req.set("X-API-Key", key_);
        req.keep_alive(true);
        if (!body.empty()) {
            req.set(http::field::content_type, "application/json");
            req.body() = body;
        }
        req.prepare_payload();
        http::write(stream_, req);
        http::response<http::string_body> res;
        http::read(stream_, buffer_, res);
        return {static_cast<int>(res.result_int()), res.body()};
    }

private:
    asio::io_context ioc_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::string key_;
};

//! The q-quantile (0..1) of samples in milliseconds, nearest rank.
inline double Percentile(std::vector<double> samples, double q) {
    if (samples.empty()) {
        return 0.0;
    }
    std::sort(samples.begin(), samples.end());
    const auto rank = static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1) + 0.5);
    return samples[std::min(rank, samples.size() - 1)];
}

//! An in-process server on a free loopback port with the committed models; exits the program on failure.
inline std::unique_ptr<api::Server> StartServer(std::uint64_t sims, int threads, bool demo_events,
                                                int sim_threads = 1) {
    api::ServerOptions options;
    options.port = 0;
    options.threads = threads;
    options.service.params_dir = SIMBOOK_SOURCE_PARAMS_DIR;
    options.service.store = ":memory:";
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
