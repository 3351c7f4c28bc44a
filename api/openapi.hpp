//! The API's OpenAPI 3.0 document (GET /v1/openapi.json). Its paths and methods are the route table's; each
//! operation's summary, parameters, body and responses are documented by "METHOD pattern"
//! (openapi_operations.cpp), the shared schemas in openapi_schemas.cpp. Checked in CI by openapi-spec-validator
//! and exercised against the live server by schemathesis.
#pragma once

#include "api/routes.hpp"
#include "kernels/core/result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <vector>

namespace simbook::api {

//! The document without its paths: info, security, shared parameters, responses and schemas.
const nlohmann::json& OpenApiBase();
//! The documented operations by "METHOD pattern" ("GET /v1/events/{id}/odds"), without path parameters,
//! security or the error response (the builder adds them).
const nlohmann::json& OpenApiOperations();
//! The document for a route table: one operation per route (path parameters from the pattern, no security
//! for public routes, x-roles otherwise). Internal error when a route has no documented operation or a
//! documented operation no route.
Result<nlohmann::json> BuildOpenApiDocument(const std::vector<Route>& routes, const nlohmann::json& operations);
//! The document of RouteTable(), built once.
const nlohmann::json& OpenApiDocument();

} // namespace simbook::api
