//! A small blocking HTTP/1.1 client on one keep-alive connection (Boost.Beast behind it), shared by
//! `simbook replay`, the API benchmarks and the API tests.
#pragma once

#include "kernels/core/result.hpp"

#include <boost/beast/http/verb.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace simbook::api::client {

//! The request method (GET, POST, ...), Beast's enum so that callers need no other Beast header.
using Verb = boost::beast::http::verb;

//! One reply: the HTTP status, the body and the headers.
struct HttpReply {
    int status = 0;                             //!< HTTP status code, e.g. 200
    std::string body;                           //!< the body as received
    std::map<std::string, std::string> headers; //!< by lower-case name

    //! The value of a header by lower-case name; empty when the reply has none.
    std::string Header(const std::string& lower_name) const;
};

//! How a client talks to the server.
struct HttpClientOptions {
    //! Options with an API key and a user agent (either may be empty) and the default timeouts.
    explicit HttpClientOptions(std::string key = "", std::string agent = "")
        : api_key(std::move(key)), user_agent(std::move(agent)) {}

    std::string api_key;                      //!< sent as X-API-Key when not empty
    std::string user_agent;                   //!< sent as User-Agent when not empty
    std::chrono::seconds connect_timeout{10}; //!< to resolve and connect
    std::chrono::seconds request_timeout{30}; //!< to write one request and read its reply
};

//! Extra request headers, (name, value) pairs, e.g. {{"Idempotency-Key", "bet-1"}}.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

//! A blocking client of one server on one keep-alive connection, opened on the first request. Not thread-safe:
//! one client per thread.
class HttpClient {
public:
    //! A client of http://host:port (nothing is connected until the first request).
    HttpClient(std::string host, std::string port, HttpClientOptions options = HttpClientOptions());
    ~HttpClient();
    HttpClient(HttpClient&&) noexcept;
    HttpClient& operator=(HttpClient&&) noexcept;
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    //! Sends one request (with a JSON body unless body is empty) and reads its reply. When the server has closed
    //! a connection that earlier requests used, the request goes once more on a fresh one. Any reply, an error
    //! status included, is a value; a transport failure (cannot connect, connection lost, timeout) is
    //! kUnavailable naming the server.
    Result<HttpReply> Send(Verb verb, const std::string& target, const std::string& body = "",
                           const HttpHeaders& headers = {});

    //! Closes the connection now (the next request opens a new one).
    void Close();

    //! "http://host:port".
    std::string Url() const;

private:
    struct Connection;
    Status Connect();

    std::string host_;
    std::string port_;
    HttpClientOptions options_;
    std::unique_ptr<Connection> connection_;
};

} // namespace simbook::api::client
