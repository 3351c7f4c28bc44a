// The wire layer shared by the server and the HTTP fuzz harnesses: the parser's limits, the request fields the
// service reads, the WebSocket handshake check and the stream's subscribe message.
#include "api/errors.hpp"
#include "api/http_wire.hpp"
#include "api/json_depth.hpp"

#include <boost/asio/buffer.hpp>
#include <gtest/gtest.h>

#include <string>

namespace simbook::api {
namespace {

namespace http = boost::beast::http;

//! Parses raw bytes under the server's limits; the error, or none with the request in *out.
boost::beast::error_code Parse(const std::string& bytes, std::size_t body_limit, HttpRequest* out) {
    HttpRequestParser parser;
    ConfigureParser(parser, body_limit);
    boost::beast::error_code ec;
    std::size_t used = 0; // put() stops after the header; it is called again for the body
    while (!ec && !parser.is_done() && used < bytes.size()) {
        used += parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
    }
    if (!ec && parser.is_done()) {
        *out = parser.release();
    }
    return ec;
}

TEST(HttpWireTest, ReadsTheKeyFromEitherHeaderAndTheIdempotencyKey) {
    HttpRequest req;
    ASSERT_FALSE(Parse("POST /v1/bets?x=1 HTTP/1.1\r\nHost: h\r\nX-API-Key: k1\r\nIdempotency-Key: i-9\r\n"
                       "Content-Length: 2\r\n\r\n{}",
                       1024, &req));
    ApiRequest request = ToApiRequest(req);
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.target, "/v1/bets?x=1");
    EXPECT_EQ(request.body, "{}");
    EXPECT_EQ(request.api_key, "k1");
    EXPECT_EQ(request.idempotency_key, "i-9");

    ASSERT_FALSE(Parse("GET / HTTP/1.1\r\nAuthorization: Bearer k2\r\n\r\n", 1024, &req));
    EXPECT_EQ(ToApiRequest(req).api_key, "k2");
    ASSERT_FALSE(Parse("GET / HTTP/1.1\r\nAuthorization: Basic k2\r\n\r\n", 1024, &req));
    EXPECT_EQ(ToApiRequest(req).api_key, "");
}

TEST(HttpWireTest, TheParserRefusesBodiesAndHeadersOverTheLimits) {
    HttpRequest req;
    EXPECT_EQ(Parse("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n0123456789a", 10, &req), http::error::body_limit);
    EXPECT_FALSE(Parse("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789", 10, &req));
    const std::string big(kMaxHeaderBytes, 'a');
    EXPECT_EQ(Parse("GET / HTTP/1.1\r\nX-Big: " + big + "\r\n\r\n", 10, &req), http::error::header_limit);
}

TEST(HttpWireTest, TheHandshakeNeedsAKeyOfSixteenBytesAndVersionThirteen) {
    HttpRequest req{http::verb::get, "/v1/stream", 11};
    req.set(http::field::sec_websocket_version, "13");
    req.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
    EXPECT_NO_THROW(CheckHandshake(req));
    for (const char* key : {"", "dGhlIHNhbXBsZSBub25jZQ=", "dGhlIHNhbXBsZSBub25jZR==", "dGhlIHNhbXBsZSBub25jZ!=="}) {
        req.set(http::field::sec_websocket_key, key);
        try {
            CheckHandshake(req);
            ADD_FAILURE() << "accepted key '" << key << "'";
        } catch (const ApiError& error) {
            EXPECT_EQ(error.Http(), 400) << key;
            EXPECT_EQ(error.field, "Sec-WebSocket-Key");
        }
    }
    req.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
    req.set(http::field::sec_websocket_version, "8");
    try {
        CheckHandshake(req);
        ADD_FAILURE() << "accepted version 8";
    } catch (const ApiError& error) {
        EXPECT_EQ(error.Http(), 426);
    }
}

TEST(HttpWireTest, SubscribeKeepsStringIdsWithinTheLimits) {
    auto ids = ParseSubscribe(R"({"subscribe": ["e-1", 7, null, "", "e-2"]})");
    ASSERT_TRUE(ids.ok()) << ids.status().message();
    EXPECT_EQ(*ids, (std::vector<std::string>{"e-1", "e-2"}));

    ids = ParseSubscribe(R"({"subscribe": [")" + std::string(kMaxEventIdBytes + 1, 'x') + R"("]})");
    ASSERT_TRUE(ids.ok());
    EXPECT_TRUE(ids->empty());

    std::string many = R"({"subscribe": [)";
    for (std::size_t i = 0; i <= kMaxSubscriptions; ++i) {
        many += (i == 0 ? "\"e" : ",\"e") + std::to_string(i) + "\"";
    }
    many += "]}";
    ids = ParseSubscribe(many);
    ASSERT_FALSE(ids.ok());
    EXPECT_NE(ids.status().message().find("at most 1000"), std::string::npos) << ids.status().message();
}

TEST(HttpWireTest, SubscribeRefusesOtherMessagesWithoutEchoingThem) {
    const std::string deep = std::string(kMaxJsonNesting + 1, '[') + std::string(kMaxJsonNesting + 1, ']');
    for (const std::string& text :
         {std::string("not json"), std::string(R"({"subscribe": "e-1"})"), std::string(R"(["e-1"])"),
          std::string(R"({"unsubscribe": ["e-1"]})"), R"({"subscribe": )" + deep + "}"}) {
        const auto ids = ParseSubscribe(text);
        ASSERT_FALSE(ids.ok()) << text;
        EXPECT_EQ(ids.status().code(), StatusCode::kInvalidArgument);
        const std::string pushed = StreamError(ids.status());
        EXPECT_NE(pushed.find(R"("type":"error")"), std::string::npos) << pushed;
        EXPECT_NE(pushed.find(R"("field":"subscribe")"), std::string::npos) << pushed;
        EXPECT_EQ(pushed.find("e-1"), std::string::npos) << pushed;
    }
}

} // namespace
} // namespace simbook::api
