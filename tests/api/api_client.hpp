//! Test support for the API: a blocking Beast HTTP/1.1 client and a test server on an ephemeral loopback port.
#pragma once

#include "api/server.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

namespace simbook::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using nlohmann::json;

struct Reply {
    int status = 0;
    std::string body;
    std::string content_type;
    std::map<std::string, std::string> headers; //!< by lower-case name
    std::string Header(const std::string& lower_name) const {
        auto it = headers.find(lower_name);
        return it == headers.end() ? "" : it->second;
    }
    json Json() const { return json::parse(body, nullptr, false); }
};

//! One request on a fresh connection.
inline Reply Call(std::uint16_t port, http::verb verb, const std::string& target, const std::string& key = "",
                  const std::string& body = "", const std::string& idempotency_key = "") {
    asio::io_context ioc;
    asio::ip::tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    stream.connect(resolver.resolve("127.0.0.1", std::to_string(port)));
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!key.empty()) {
        req.set("X-API-Key", key);
    }
    if (!idempotency_key.empty()) {
        req.set("Idempotency-Key", idempotency_key);
    }
    if (!body.empty()) {
        req.set(http::field::content_type, "application/json");
        req.body() = body;
    }
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    Reply reply{static_cast<int>(res.result_int()), res.body(), std::string(res[http::field::content_type]), {}};
    for (const auto& field : res) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        reply.headers[name] = std::string(field.value());
    }
    return reply;
}

//! Options of a test server: any free loopback port, two threads, bets in memory, the committed models.
inline ServerOptions TestServerOptions() {
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.service.params_dir = SIMBOOK_SOURCE_PARAMS_DIR;
    options.service.store = ":memory:";
    return options;
}

//! Starts a server for a test suite (owned by the suite, deleted in TearDownTestSuite).
inline Server* StartServer(const ServerOptions& options) {
    auto created = Server::Create(options);
    EXPECT_TRUE(created.ok()) << created.status().message();
    if (!created.ok()) {
        return nullptr;
    }
    Server* server = std::move(created.value()).release();
    server->Start();
    return server;
}

//! A test suite sharing one server: Suite::Options() configures it; it starts before the suite's first test
//! and stops after its last.
template <typename Suite> class ServerSuite : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = StartServer(Suite::Options());
        ASSERT_NE(server_, nullptr);
    }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
    }
    static std::uint16_t Port() { return server_->Port(); }
    static std::string Key(Role role) { return server_->DemoKeys().at(role); }
    static inline Server* server_ = nullptr;
};

} // namespace simbook::api
