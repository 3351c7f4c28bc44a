//! The route table: every route's method, path pattern, roles and handler. Dispatch, the 405 reply's Allow
//! header, where a route is served (I/O thread, compute pool, WebSocket) and the OpenAPI document's paths all
//! come from it.
#pragma once

#include "api/auth.hpp"
#include "api/service_types.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace simbook::api {

struct ServiceContext;

//! A matched request as a handler sees it.
struct RouteCall {
    const ApiRequest& request;
    Principal who;                             //!< the key's owner (default for public routes)
    std::map<std::string, std::string> params; //!< path parameters by name: {id} -> "id"
    std::map<std::string, std::string> query;  //!< query parameters ('+' and %XX decoded)

    //! A path parameter of the route's pattern.
    const std::string& Param(const std::string& name) const { return params.at(name); }
    //! A query parameter, or the fallback when absent.
    std::string Query(const std::string& name, const std::string& fallback) const {
        auto it = query.find(name);
        return it == query.end() ? fallback : it->second;
    }
};

//! What a handler answers: a JSON body, or ready text (cached odds, Prometheus metrics).
struct RouteReply {
    RouteReply(nlohmann::json json_body = nullptr) : body(std::move(json_body)) {}
    int status = 200;
    nlohmann::json body;
    std::string text; //!< sent as is when not empty
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers; //!< extra reply headers
};

using Handler = RouteReply (*)(ServiceContext&, const RouteCall&);

//! Where the server answers a route.
enum class Serving {
    kIoThread,    //!< at once, on the connection's I/O thread (fast: cached odds, bets, market actions)
    kComputePool, //!< on the compute pool: the route may run a simulation, which must never hold an I/O thread
    kLivePool,    //!< on the live pool: an event's pricing, which never waits behind a client's batch run
    kWebSocket,   //!< a WebSocket upgrade is taken over by the server; the handler answers plain HTTP
};

//! Whose conventions a route follows: simbook's own, or the public odds API's v4 (key in the apiKey query
//! parameter, errors as {message, error_code, details_url}, quota headers on every answer).
enum class Dialect {
    kSimbook,
    kOddsApiV4,
};

//! One route.
struct Route {
    std::string_view method;  //!< "GET" or "POST"
    std::string_view pattern; //!< "/v1/events/{id}/odds": literal segments and {name} parameters
    std::vector<Role> roles;  //!< roles whose key may call it; empty: public, no key needed
    Handler handler;
    Serving serving = Serving::kIoThread;
    Dialect dialect = Dialect::kSimbook;
};

//! Every route, in the order the API documents them.
const std::vector<Route>& RouteTable();

//! The routes of a path: the pattern it matches, its parameters and the routes of that pattern by method.
struct PathMatch {
    std::string_view pattern;
    std::map<std::string, std::string> params;
    std::vector<const Route*> routes; //!< one per method the path allows
    //! The route of the method, or nullptr.
    const Route* ForMethod(std::string_view method) const;
    //! The Allow header: the path's methods, "GET, POST".
    std::string Allow() const;
};

//! The table's routes for a path (no query), or nothing when no pattern matches.
std::optional<PathMatch> MatchPath(const std::vector<Route>& table, const std::string& path);

//! Splits "/a/b?x=1&y=2" into the path and its query parameters (no percent-decoding of the path; '+' and %XX
//! in query values).
std::string SplitTarget(const std::string& target, std::map<std::string, std::string>* query);

} // namespace simbook::api
