#include "api/client/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cctype>

namespace simbook::api::client {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct HttpClient::Connection {
    asio::io_context ioc;
    beast::tcp_stream stream{ioc};
    beast::flat_buffer buffer;
    bool used = false; //!< a request went through it (so the server may since have closed it as idle)
};

std::string HttpReply::Header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

HttpClient::HttpClient(std::string host, std::string port, HttpClientOptions options)
    : host_(std::move(host)), port_(std::move(port)), options_(std::move(options)) {}

HttpClient::~HttpClient() {
    Close();
}
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

std::string HttpClient::Url() const {
    return "http://" + host_ + ":" + port_;
}

void HttpClient::Close() {
    if (connection_) {
        beast::error_code ignored;
        connection_->stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        connection_->stream.socket().close(ignored);
        connection_.reset();
    }
}

Status HttpClient::Connect() {
    auto connection = std::make_unique<Connection>();
    beast::error_code error;
    asio::ip::tcp::resolver resolver(connection->ioc);
    const auto endpoints = resolver.resolve(host_, port_, error);
    if (error) {
        return Status(StatusCode::kUnavailable, "cannot resolve " + host_ + ": " + error.message());
    }
    connection->stream.expires_after(options_.connect_timeout);
    connection->stream.connect(endpoints, error);
    if (error) {
        return Status(StatusCode::kUnavailable, "cannot reach the server at " + Url() + " (" + error.message() + ")");
    }
    connection->stream.socket().set_option(asio::ip::tcp::no_delay(true), error);
    connection_ = std::move(connection);
    return Status::Ok();
}

Result<HttpReply> HttpClient::Send(Verb verb, const std::string& target, const std::string& body,
                                   const HttpHeaders& headers) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!connection_) {
            if (Status s = Connect(); !s.ok()) {
                return s;
            }
        }
        Connection& c = *connection_;
        http::request<http::string_body> req{verb, target, 11};
        req.set(http::field::host, host_);
        if (!options_.user_agent.empty()) {
            req.set(http::field::user_agent, options_.user_agent);
        }
        if (!options_.api_key.empty()) {
            req.set("X-API-Key", options_.api_key);
        }
        for (const auto& [name, value] : headers) {
            req.set(name, value);
        }
        req.keep_alive(true);
        if (!body.empty()) {
            req.set(http::field::content_type, "application/json");
            req.body() = body;
        }
        req.prepare_payload();
        c.stream.expires_after(options_.request_timeout);
        beast::error_code error;
        http::write(c.stream, req, error);
        http::response<http::string_body> res;
        if (!error) {
            http::read(c.stream, c.buffer, res, error);
        }
        if (error) {
            const bool reused = c.used;
            Close();
            if (attempt == 0 && reused &&
                (error == http::error::end_of_stream || error == asio::error::connection_reset ||
                 error == asio::error::broken_pipe || error == asio::error::eof)) {
                continue; // the server closed the idle connection: once more on a fresh one
            }
            return Status(StatusCode::kUnavailable, "server at " + Url() + ": " + error.message());
        }
        c.used = true;
        HttpReply reply{static_cast<int>(res.result_int()), std::move(res.body()), {}};
        for (const auto& field : res) {
            std::string name(field.name_string());
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
            reply.headers[name] = std::string(field.value());
        }
        if (!res.keep_alive()) {
            Close();
        }
        return reply;
    }
    return Status(StatusCode::kUnavailable, "server at " + Url() + " keeps closing the connection");
}

} // namespace simbook::api::client
