// The route table is the one list of routes: the OpenAPI document's paths and methods are exactly its routes,
// a 405 lists its methods, an unknown path is a 404, and one condition answers one status on every route.
#include "api/errors.hpp"
#include "api/openapi.hpp"
#include "api/routes.hpp"
#include "tests/api/api_client.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace simbook::api {
namespace {

std::string Lower(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return lower;
}

//! A concrete path of a pattern: every {name} replaced by "x".
std::string Concrete(std::string_view pattern) {
    std::string path;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            path += "x";
            i = pattern.find('}', i);
        } else {
            path += pattern[i];
        }
    }
    return path;
}

TEST(RouteTableTest, OpenApiPathsAreTheRouteTable) {
    const json& doc = OpenApiDocument();
    std::set<std::string> from_table;
    for (const Route& route : RouteTable()) {
        const std::string key = std::string(route.method) + " " + std::string(route.pattern);
        EXPECT_TRUE(from_table.insert(key).second) << "twice in the table: " << key;
        ASSERT_TRUE(doc["paths"].contains(std::string(route.pattern))) << key;
        const json& item = doc["paths"][std::string(route.pattern)];
        ASSERT_TRUE(item.contains(Lower(route.method))) << key;
        const json& operation = item[Lower(route.method)];
        EXPECT_TRUE(operation.contains("summary")) << key;
        EXPECT_TRUE(operation["responses"].contains("default")) << key;
        // Public routes need no key; the others list their roles.
        EXPECT_EQ(operation.contains("security") && operation["security"].empty(), route.roles.empty()) << key;
        if (!route.roles.empty()) {
            EXPECT_EQ(operation["x-roles"].size(), route.roles.size()) << key;
        }
    }
    std::set<std::string> from_document;
    for (const auto& [path, item] : doc["paths"].items()) {
        for (const auto& [method, operation] : item.items()) {
            if (method != "parameters") {
                std::string upper = method;
                for (char& c : upper) {
                    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                }
                from_document.insert(upper + " " + path);
            }
        }
    }
    EXPECT_EQ(from_document, from_table);
    std::set<std::string> documented;
    for (const auto& [key, operation] : OpenApiOperations().items()) {
        documented.insert(key);
    }
    EXPECT_EQ(documented, from_table);
}

TEST(RouteTableTest, PathParametersComeFromThePattern) {
    const json& item = OpenApiDocument()["paths"]["/v1/events/{id}/markets/{market}/settle"];
    ASSERT_EQ(item["parameters"].size(), 2u) << item;
    EXPECT_EQ(item["parameters"][0]["name"], "id");
    EXPECT_EQ(item["parameters"][1]["name"], "market");
    EXPECT_EQ(item["parameters"][1]["in"], "path");
    EXPECT_FALSE(OpenApiDocument()["paths"]["/v1/events"].contains("parameters"));
}

TEST(RouteTableTest, ARouteWithoutADocumentedOperationOrTheReverseIsRefused) {
    std::vector<Route> table = RouteTable();
    table.push_back({"GET", "/v1/undocumented", {}, nullptr});
    const auto extra = BuildOpenApiDocument(table, OpenApiOperations());
    ASSERT_FALSE(extra.ok());
    EXPECT_NE(extra.status().message().find("GET /v1/undocumented"), std::string::npos);
    table = RouteTable();
    table.pop_back();
    const auto missing = BuildOpenApiDocument(table, OpenApiOperations());
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.status().message().find("not in the route table"), std::string::npos);
}

TEST(RouteTableTest, MatchPathGivesParametersAndAllow) {
    const auto match = MatchPath(RouteTable(), "/v1/events/e-1/markets/totals:2.5/settle");
    ASSERT_TRUE(match.has_value());
    EXPECT_EQ(match->pattern, "/v1/events/{id}/markets/{market}/settle");
    EXPECT_EQ(match->params.at("id"), "e-1");
    EXPECT_EQ(match->params.at("market"), "totals:2.5");
    EXPECT_EQ(match->Allow(), "POST");
    EXPECT_EQ(MatchPath(RouteTable(), "/v1/events/")->Allow(), "GET, POST"); // a trailing '/' is skipped
    EXPECT_FALSE(MatchPath(RouteTable(), "/v1/events/e-1/markets/h2h/void").has_value());
    EXPECT_FALSE(MatchPath(RouteTable(), "/v2/events").has_value());
}

TEST(RouteTableTest, QueryValuesArePercentDecodedAndAMalformedEscapeStaysAsItIs) {
    std::map<std::string, std::string> query;
    EXPECT_EQ(SplitTarget("/v1/x?a=h2h%2Ctotals&b=%zz&c=%G1h2h&d=50%25&e=%4&f=a+b", &query), "/v1/x");
    EXPECT_EQ(query.at("a"), "h2h,totals");
    EXPECT_EQ(query.at("b"), "%zz");
    EXPECT_EQ(query.at("c"), "%G1h2h");
    EXPECT_EQ(query.at("d"), "50%");
    EXPECT_EQ(query.at("e"), "%4");
    EXPECT_EQ(query.at("f"), "a b");
}

TEST(StatusTest, OneTableFromCanonicalCodeToHttp) {
    EXPECT_EQ(HttpStatus(StatusCode::kInvalidArgument), 400);
    EXPECT_EQ(HttpStatus(StatusCode::kOutOfRange), 400);
    EXPECT_EQ(HttpStatus(StatusCode::kUnauthenticated), 401);
    EXPECT_EQ(HttpStatus(StatusCode::kPermissionDenied), 403);
    EXPECT_EQ(HttpStatus(StatusCode::kNotFound), 404);
    EXPECT_EQ(HttpStatus(StatusCode::kAlreadyExists), 409);
    EXPECT_EQ(HttpStatus(StatusCode::kAborted), 409);
    EXPECT_EQ(HttpStatus(StatusCode::kFailedPrecondition), 409);
    EXPECT_EQ(HttpStatus(StatusCode::kResourceExhausted), 429);
    EXPECT_EQ(HttpStatus(StatusCode::kUnimplemented), 501);
    EXPECT_EQ(HttpStatus(StatusCode::kInternal), 500);
    EXPECT_EQ(HttpStatus(StatusCode::kUnknown), 500);
    EXPECT_EQ(HttpStatus(StatusCode::kDataLoss), 500);
    EXPECT_EQ(HttpStatus(StatusCode::kUnavailable), 503);
    EXPECT_EQ(HttpStatus(StatusCode::kDeadlineExceeded), 504);
    EXPECT_EQ(StatusCodeName(StatusCode::kFailedPrecondition), "FAILED_PRECONDITION");
    EXPECT_EQ(MakeError(StatusCode::kNotFound, "x").reason, "not_found");
    // Lower layers' internal messages never reach a client.
    EXPECT_EQ(FromStatus(Status(StatusCode::kInternal, "secret")).message, "internal error");
}

class RoutesApiTest : public ServerSuite<RoutesApiTest> {
public:
    static ServerOptions Options() {
        ServerOptions options = TestServerOptions();
        options.service.sims = 2'000;
        options.service.rate_limit = 0.0;
        return options;
    }

protected:
    static std::string EventId(std::size_t i) { return server_->GetService().EventIds().at(i); }
};

TEST_F(RoutesApiTest, MethodNotAllowedListsTheTableMethods) {
    std::set<std::string_view> patterns;
    for (const Route& route : RouteTable()) {
        patterns.insert(route.pattern);
    }
    for (std::string_view pattern : patterns) {
        std::set<std::string> methods;
        for (const Route& route : RouteTable()) {
            if (route.pattern == pattern) {
                methods.insert(std::string(route.method));
            }
        }
        std::string allow;
        for (const std::string& m : methods) {
            allow += allow.empty() ? m : ", " + m;
        }
        const Reply r = Call(Port(), http::verb::delete_, Concrete(pattern), Key(Role::kAdmin));
        EXPECT_EQ(r.status, 405) << pattern << " " << r.body;
        EXPECT_EQ(r.Header("allow"), allow) << pattern;
        EXPECT_EQ(r.Json()["error"]["code"], "method_not_allowed") << r.body;
    }
    const Reply get_simulate = Call(Port(), http::verb::get, "/v1/simulate", Key(Role::kTrader));
    EXPECT_EQ(get_simulate.status, 405);
    EXPECT_EQ(get_simulate.Header("allow"), "POST");
}

TEST_F(RoutesApiTest, AMalformedPercentEscapeIsNotAServerError) {
    EXPECT_EQ(Call(Port(), http::verb::get, "/v1/health?x=%zz", "").status, 200);
    const Reply odds =
        Call(Port(), http::verb::get, "/v1/events/" + EventId(0) + "/odds?markets=%G1h2h", Key(Role::kFantasy));
    EXPECT_EQ(odds.status, 400) << odds.body;
}

TEST_F(RoutesApiTest, AReplyToHeadHasNoBodyAndTheConnectionStaysInStep) {
    // HEAD then GET on one keep-alive connection: a body on the HEAD reply would be read as the GET's reply.
    boost::asio::io_context ioc;
    boost::beast::tcp_stream stream(ioc);
    stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), Port()));
    stream.expires_after(std::chrono::seconds(10));
    namespace http = boost::beast::http;
    boost::beast::flat_buffer buffer;
    http::request<http::empty_body> head(http::verb::head, "/v1/health", 11);
    head.set(http::field::host, "127.0.0.1");
    http::write(stream, head);
    http::response_parser<http::string_body> head_reply;
    head_reply.skip(true); // a HEAD reply has no body, whatever its Content-Length says
    http::read(stream, buffer, head_reply);
    EXPECT_EQ(head_reply.get().result_int(), 405);
    EXPECT_TRUE(head_reply.get().body().empty());
    http::request<http::empty_body> get(http::verb::get, "/v1/health", 11);
    get.set(http::field::host, "127.0.0.1");
    http::write(stream, get);
    http::response<http::string_body> get_reply;
    http::read(stream, buffer, get_reply);
    EXPECT_EQ(get_reply.result_int(), 200) << get_reply.body();
    EXPECT_EQ(nlohmann::json::parse(get_reply.body(), nullptr, false).value("status", ""), "ok") << get_reply.body();
}

TEST_F(RoutesApiTest, UnknownRoutesAre404) {
    // GET / is the dashboard (web_test.cpp); a file it does not have is a 404 like any unknown route.
    for (const std::string path :
         {"/v1/nope", "/v2/events", "/v1/events/x/y/z/w/v", "/nope.html", "/v1/events/x/markets/h2h/void"}) {
        const Reply r = Call(Port(), http::verb::get, path, Key(Role::kAdmin));
        EXPECT_EQ(r.status, 404) << path;
        const json j = r.Json();
        EXPECT_EQ(j["error"]["code"], "not_found") << r.body;
        EXPECT_EQ(j["error"]["status"], "NOT_FOUND") << r.body;
        EXPECT_TRUE(j["error"]["request_id"].is_string()) << r.body;
        // No key needed to learn that a path does not exist.
        EXPECT_EQ(Call(Port(), http::verb::get, path).status, 404) << path;
    }
}

TEST_F(RoutesApiTest, ErrorsCarryTheCanonicalStatus) {
    const Reply none = Call(Port(), http::verb::get, "/v1/sports");
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(none.Json()["error"]["status"], "UNAUTHENTICATED");
    const Reply denied = Call(Port(), http::verb::get, "/v1/events/" + EventId(0) + "/exposure", Key(Role::kFantasy));
    EXPECT_EQ(denied.status, 403);
    EXPECT_EQ(denied.Json()["error"]["status"], "PERMISSION_DENIED");
    const Reply bad = Call(Port(), http::verb::post, "/v1/simulate", Key(Role::kTrader), "[1]");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.Json()["error"]["status"], "INVALID_ARGUMENT");
    EXPECT_EQ(bad.Json()["error"]["field"], "body");
}

TEST_F(RoutesApiTest, ASettledMarketAnswersTheSameOnSettleResolveAndSuspend) {
    const std::string base = "/v1/events/" + EventId(0) + "/markets/h2h/";
    const Reply first = Call(Port(), http::verb::post, base + "settle", Key(Role::kTrader), R"({"winner":"home"})");
    ASSERT_EQ(first.status, 200) << first.body;
    const Reply settle = Call(Port(), http::verb::post, base + "settle", Key(Role::kTrader), R"({"winner":"home"})");
    const Reply resolve =
        Call(Port(), http::verb::post, base + "resolve", Key(Role::kTrader), R"({"label":"home","confidence":0.99})");
    const Reply suspend = Call(Port(), http::verb::post, base + "suspend", Key(Role::kTrader));
    for (const Reply* r : {&settle, &resolve, &suspend}) {
        EXPECT_EQ(r->status, 409) << r->body;
        EXPECT_EQ(r->Json()["error"]["code"], "failed_precondition") << r->body;
        EXPECT_EQ(r->Json()["error"]["status"], "FAILED_PRECONDITION") << r->body;
        EXPECT_NE(r->body.find("settled"), std::string::npos) << r->body;
    }
    // A winner or label the market does not have is a bad argument on both routes, naming the field.
    const std::string other = "/v1/events/" + EventId(0) + "/markets/totals:2.5/";
    const Reply winner = Call(Port(), http::verb::post, other + "settle", Key(Role::kTrader), R"({"winner":"nobody"})");
    EXPECT_EQ(winner.status, 400) << winner.body;
    EXPECT_EQ(winner.Json()["error"]["field"], "winner");
    const Reply label = Call(Port(), http::verb::post, other + "resolve", Key(Role::kTrader),
                             R"({"label":"nobody","confidence":0.99})");
    EXPECT_EQ(label.status, 400) << label.body;
    EXPECT_EQ(label.Json()["error"]["field"], "label");
    // An unknown market is NotFound on every action.
    for (const std::string action : {"settle", "resolve", "suspend", "resume"}) {
        EXPECT_EQ(Call(Port(), http::verb::post, "/v1/events/" + EventId(0) + "/markets/nope/" + action,
                       Key(Role::kTrader), R"({"winner":"home","label":"home","confidence":0.99})")
                      .status,
                  404)
            << action;
    }
}

} // namespace
} // namespace simbook::api
