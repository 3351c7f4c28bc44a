//! The API's OpenAPI 3.0 document (GET /v1/openapi.json): every route, parameter, request body and response
//! schema. Checked in CI by openapi-spec-validator and exercised against the live server by schemathesis.
#pragma once

#include <nlohmann/json_fwd.hpp>

namespace simbook::api {

//! The document, parsed once.
const nlohmann::json& OpenApiDocument();

} // namespace simbook::api
