//! How bytes on a connection become requests, shared by the HTTP/WebSocket front (server.cpp) and its fuzz
//! harnesses: the HTTP parser's limits, the request fields the service reads, the WebSocket handshake check and
//! the stream's subscribe message.
#pragma once

#include "api/service_types.hpp"
#include "kernels/core/result.hpp"

#include <boost/beast/http.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace simbook::api {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpRequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

inline constexpr std::size_t kMaxHeaderBytes = 16 * 1024;        //!< request line and headers; more is a 400
inline constexpr std::size_t kMaxStreamMessageBytes = 64 * 1024; //!< one WebSocket message; more closes the stream
inline constexpr std::size_t kMaxSubscriptions = 1'000;          //!< event ids one stream session may follow
inline constexpr std::size_t kMaxEventIdBytes = 128;             //!< longer ids are ignored (no event has one)

//! Sets the limits every request is read under: body_limit bytes of body (more gets 413), kMaxHeaderBytes of
//! request line and headers.
void ConfigureParser(HttpRequestParser& parser, std::size_t body_limit);

//! The fields the service reads from a parsed request: method, target, body, the key (X-API-Key, or
//! "Authorization: Bearer KEY") and Idempotency-Key. The peer address is the connection's, set by the caller.
ApiRequest ToApiRequest(const HttpRequest& request);

//! RFC 6455 4.2.1: a handshake's Sec-WebSocket-Key is the base64 of 16 bytes (22 characters, the last with its low
//! four bits zero, then "=="), and its version is 13. Throws ApiError 400 (426 for another version).
void CheckHandshake(const HttpRequest& request);

//! The subprotocol the server answers when a stream client sends its key in Sec-WebSocket-Protocol.
inline constexpr std::string_view kStreamProtocol = "simbook.v1";

//! A browser cannot set headers on a WebSocket handshake, and a key in the URL ends up in logs and history: the
//! dashboard offers the subprotocols "simbook.v1, simbook.key.HEX" instead, HEX being the key's bytes in lower-case
//! hex (a valid protocol token whatever the key). Returns the key of the first such entry of the
//! Sec-WebSocket-Protocol header, or nothing.
std::optional<std::string> StreamKeyFromProtocols(std::string_view header);

//! The one message a stream client sends: {"subscribe": ["EVENT_ID", ...]}. Returns the ids to add (strings of
//! 1 to kMaxEventIdBytes bytes; other elements are ignored), or InvalidArgument for anything else, a body nested
//! deeper than kMaxJsonNesting included.
Result<std::vector<std::string>> ParseSubscribe(std::string_view text);

//! The error message pushed to a stream client whose message was refused.
std::string StreamError(const Status& status);

} // namespace simbook::api
