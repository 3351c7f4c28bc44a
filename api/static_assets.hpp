//! The dashboard's files (web/), compiled into the binary by api/embed_web.cmake, and how `simbook serve`
//! answers a GET for one: content type, caching and the page's security headers.
#pragma once

#include "api/service_types.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace simbook::api {

//! One embedded file.
struct WebFile {
    std::string_view path; //!< "/index.html"
    std::string_view body; //!< the file's bytes
    std::string_view etag; //!< a quoted prefix of the file's SHA-256, "\"9f86d081884c7d65\""
};

//! Every embedded file (defined in the generated web_assets.cpp).
const std::vector<WebFile>& WebFiles();

//! The content type of a file by its extension ("text/html; charset=utf-8" for .html); a type browsers will not
//! sniff past, since every answer carries X-Content-Type-Options: nosniff.
std::string_view ContentTypeOf(std::string_view path);

//! The answer to GET (or HEAD) of path ("/" is "/index.html"; no query), or nothing when no embedded file has that
//! path. if_none_match is the request's If-None-Match header: a match is answered 304 without a body.
std::optional<ApiResponse> ServeWebFile(std::string_view path, std::string_view if_none_match);

} // namespace simbook::api
