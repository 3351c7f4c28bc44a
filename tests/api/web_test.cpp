// The dashboard's files served by the real server: the page at /, its script and style sheet with their content
// types, caching and security headers, exactly the repository's bytes; unknown paths are 404 and the API is
// untouched. The stream takes the key as a subprotocol, the way the page sends it.
#include "api/http_wire.hpp"
#include "api/static_assets.hpp"
#include "tests/api/api_client.hpp"

#include <boost/beast/websocket.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace simbook::api {
namespace {

std::string RepositoryFile(const std::string& relative) {
    std::ifstream in(std::string(SIMBOOK_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string Hex(const std::string& text) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : text) {
        hex.push_back(kDigits[c >> 4]);
        hex.push_back(kDigits[c & 0x0f]);
    }
    return hex;
}

class WebTest : public ServerSuite<WebTest> {
public:
    static ServerOptions Options() {
        ServerOptions options = TestServerOptions();
        options.service.demo_events = false; // the page needs no event to be served
        return options;
    }

protected:
    //! GET with extra request headers, no key.
    static client::HttpReply GetWith(const std::string& target, const client::HttpHeaders& headers) {
        client::HttpClient http("127.0.0.1", std::to_string(Port()), client::HttpClientOptions(""));
        auto sent = http.Send(client::Verb::get, target, "", headers);
        EXPECT_TRUE(sent.ok()) << target;
        return sent.ok() ? sent.value() : client::HttpReply{};
    }
};

TEST_F(WebTest, TheRootServesThePageWithItsHeaders) {
    const Reply page = Call(Port(), http::verb::get, "/");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(page.body, RepositoryFile("web/index.html"));
    EXPECT_NE(page.body.find("<script src=\"/app.js\" defer></script>"), std::string::npos);
    const std::string policy = page.Header("content-security-policy");
    EXPECT_NE(policy.find("script-src 'self'"), std::string::npos) << policy;
    EXPECT_NE(policy.find("default-src 'none'"), std::string::npos) << policy;
    EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos) << policy;
    EXPECT_EQ(page.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(page.Header("cache-control"), "no-cache");
    EXPECT_FALSE(page.Header("etag").empty());
    EXPECT_EQ(Call(Port(), http::verb::get, "/index.html").body, page.body);
}

TEST_F(WebTest, ScriptAndStyleSheetHaveTheirContentTypes) {
    const Reply script = Call(Port(), http::verb::get, "/app.js");
    ASSERT_EQ(script.status, 200);
    EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(script.body, RepositoryFile("web/app.js"));
    const Reply style = Call(Port(), http::verb::get, "/style.css");
    ASSERT_EQ(style.status, 200);
    EXPECT_EQ(style.content_type, "text/css; charset=utf-8");
    EXPECT_EQ(style.body, RepositoryFile("web/style.css"));
    EXPECT_NE(script.Header("etag"), style.Header("etag"));
}

TEST_F(WebTest, AnUnchangedFileIsNotSentAgain) {
    const std::string etag = Call(Port(), http::verb::get, "/app.js").Header("etag");
    ASSERT_FALSE(etag.empty());
    const client::HttpReply again = GetWith("/app.js", {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(GetWith("/app.js", {{"If-None-Match", "\"other\""}}).status, 200);
}

TEST_F(WebTest, UnknownPathsAreNotFoundAndTheApiIsUntouched) {
    for (const char* target : {"/nope.js", "/app.js.map", "/web/index.html", "/index.html/", "/../web/app.js",
                               "/v1/index.html", "/favicon.ico"}) {
        const Reply missing = Call(Port(), http::verb::get, target);
        EXPECT_EQ(missing.status, 404) << target;
        EXPECT_EQ(missing.Json()["error"]["status"], "NOT_FOUND") << target;
    }
    EXPECT_EQ(Call(Port(), http::verb::post, "/", "", "{}").status, 404);
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/events").status, 401); // the API still needs its key
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/health").status, 200);
}

TEST_F(WebTest, HeadOfThePageHasItsLengthAndNoBody) {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), Port()));
    stream.expires_after(std::chrono::seconds(10));
    beast::flat_buffer buffer;
    http::request<http::empty_body> head(http::verb::head, "/", 11);
    head.set(http::field::host, "127.0.0.1");
    http::write(stream, head);
    http::response_parser<http::string_body> reply;
    reply.skip(true); // a HEAD reply has no body, whatever its Content-Length says
    http::read(stream, buffer, reply);
    EXPECT_EQ(reply.get().result_int(), 200);
    EXPECT_EQ(std::string(reply.get()[http::field::content_length]),
              std::to_string(RepositoryFile("web/index.html").size()));
    EXPECT_TRUE(reply.get().body().empty());
}

TEST_F(WebTest, ContentTypesByExtension) {
    EXPECT_EQ(ContentTypeOf("/a.html"), "text/html; charset=utf-8");
    EXPECT_EQ(ContentTypeOf("/a.svg"), "image/svg+xml");
    EXPECT_EQ(ContentTypeOf("/a"), "application/octet-stream");
    EXPECT_FALSE(ServeWebFile("/missing.css", "").has_value());
}

TEST_F(WebTest, TheStreamTakesTheKeyAsASubprotocol) {
    EXPECT_EQ(StreamKeyFromProtocols("simbook.v1, simbook.key." + Hex("sbk_1")), "sbk_1");
    EXPECT_EQ(StreamKeyFromProtocols("simbook.v1"), std::nullopt);
    EXPECT_EQ(StreamKeyFromProtocols("simbook.key.abc"), std::nullopt); // odd length
    EXPECT_EQ(StreamKeyFromProtocols("simbook.key.zz"), std::nullopt);  // not hex

    namespace websocket = beast::websocket;
    const auto open = [](const std::string& protocols, websocket::response_type* response) {
        asio::io_context ioc;
        websocket::stream<beast::tcp_stream> ws(ioc);
        beast::get_lowest_layer(ws).connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), Port()));
        beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(10));
        ws.set_option(websocket::stream_base::decorator([protocols](websocket::request_type& request) {
            request.set(http::field::sec_websocket_protocol, protocols);
        }));
        beast::error_code ec;
        ws.handshake(*response, "127.0.0.1", "/v1/stream", ec);
        if (!ec) {
            ws.write(asio::buffer(std::string(R"({"subscribe":[]})")));
            beast::flat_buffer buffer;
            ws.read(buffer);
            EXPECT_NE(beast::buffers_to_string(buffer.data()).find("subscribed"), std::string::npos);
            ws.close(websocket::close_code::normal);
        }
        return !ec;
    };
    websocket::response_type accepted;
    EXPECT_TRUE(open("simbook.v1, simbook.key." + Hex(Key(Role::kSportsbook)), &accepted));
    EXPECT_EQ(std::string(accepted[http::field::sec_websocket_protocol]), kStreamProtocol);
    websocket::response_type refused;
    EXPECT_FALSE(open("simbook.v1, simbook.key." + Hex("sbk_not_a_key"), &refused)); // 401
}

} // namespace
} // namespace simbook::api
