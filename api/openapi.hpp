//! The API's OpenAPI 3.0 document (GET /v1/openapi.json). Its paths and methods are the route table's; each
//! operation's summary, parameters, body and responses are documented here by "METHOD pattern". Checked in CI
//! by openapi-spec-validator and exercised against the live server by schemathesis.
#pragma once

#include "api/routes.hpp"
#include "kernels/core/result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <vector>

namespace simbook::api {

//! The documented operations by "METHOD pattern" ("GET /v1/events/{id}/odds").
const nlohmann::json& OpenApiOperations();
//! The document for a route table: one operation per route (path parameters from the pattern, no security
//! for public routes, x-roles otherwise). Internal error when a route has no documented operation or a
//! documented operation no route.
Result<nlohmann::json> BuildOpenApiDocument(const std::vector<Route>& routes, const nlohmann::json& operations);
//! The document of RouteTable(), built once.
const nlohmann::json& OpenApiDocument();

} // namespace simbook::api
