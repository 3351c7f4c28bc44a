#include "api/static_assets.hpp"

#include <array>
#include <string>
#include <utility>

namespace simbook::api {
namespace {

//! The page loads only its own script and style sheet and talks only to its own origin (HTTP and WebSocket): no
//! inline script or style, no framing, no plugins.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

bool EndsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

} // namespace

std::string_view ContentTypeOf(std::string_view path) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kTypes{{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".json", "application/json"},
        {".txt", "text/plain; charset=utf-8"},
    }};
    for (const auto& [extension, type] : kTypes) {
        if (EndsWith(path, extension)) {
            return type;
        }
    }
    return "application/octet-stream";
}

std::optional<ApiResponse> ServeWebFile(std::string_view path, std::string_view if_none_match) {
    if (path == "/") {
        path = "/index.html";
    }
    for (const WebFile& file : WebFiles()) {
        if (file.path != path) {
            continue;
        }
        ApiResponse response;
        response.content_type = std::string(ContentTypeOf(file.path));
        // Revalidate every time: the files change with the binary, and a 304 costs one small round trip.
        response.headers = {{"Cache-Control", "no-cache"},
                            {"ETag", std::string(file.etag)},
                            {"X-Content-Type-Options", "nosniff"},
                            {"Referrer-Policy", "no-referrer"},
                            {"Content-Security-Policy", std::string(kContentSecurityPolicy)}};
        if (!if_none_match.empty() && if_none_match == file.etag) {
            response.status = 304;
            response.content_type.clear();
            return response;
        }
        response.body = std::string(file.body);
        return response;
    }
    return std::nullopt;
}

} // namespace simbook::api
