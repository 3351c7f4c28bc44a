//! Test support for the API: requests through the shared HTTP client and a test server on an ephemeral loopback port.
#pragma once

#include "api/client/http_client.hpp"
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

//! One request on a fresh connection; a transport failure fails the test and returns status 0.
inline Reply Call(std::uint16_t port, http::verb verb, const std::string& target, const std::string& key = "",
                  const std::string& body = "", const std::string& idempotency_key = "") {
    client::HttpClient http("127.0.0.1", std::to_string(port), client::HttpClientOptions(key));
    client::HttpHeaders headers;
    if (!idempotency_key.empty()) {
        headers.emplace_back("Idempotency-Key", idempotency_key);
    }
    auto sent = http.Send(verb, target, body, headers);
    if (!sent.ok()) {
        ADD_FAILURE() << verb << " " << target << ": " << sent.status().message();
        return {};
    }
    return Reply{sent->status, sent->body, sent->Header("content-type"), sent->headers};
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
