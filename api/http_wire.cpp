#include "api/http_wire.hpp"

#include "api/errors.hpp"
#include "api/json_depth.hpp"

#include <nlohmann/json.hpp>

namespace simbook::api {

namespace http = boost::beast::http;

void ConfigureParser(HttpRequestParser& parser, std::size_t body_limit) {
    parser.body_limit(body_limit);
    parser.header_limit(static_cast<std::uint32_t>(kMaxHeaderBytes));
}

ApiRequest ToApiRequest(const HttpRequest& req) {
    ApiRequest request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    request.body = req.body();
    if (auto it = req.find("X-API-Key"); it != req.end()) {
        request.api_key = std::string(it->value());
    } else if (auto auth = req.find(http::field::authorization); auth != req.end()) {
        const std::string_view value(auth->value().data(), auth->value().size());
        if (value.rfind("Bearer ", 0) == 0) {
            request.api_key = std::string(value.substr(7));
        }
    }
    if (auto it = req.find("Idempotency-Key"); it != req.end()) {
        request.idempotency_key = std::string(it->value());
    }
    if (auto it = req.find(http::field::if_none_match); it != req.end()) {
        request.if_none_match = std::string(it->value());
    }
    return request;
}

void CheckHandshake(const HttpRequest& req) {
    static constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const auto raw_key = req[http::field::sec_websocket_key];
    const std::string_view key(raw_key.data(), raw_key.size());
    bool valid = key.size() == 24 && key.substr(22) == "==";
    for (std::size_t i = 0; valid && i < 22; ++i) {
        const std::size_t digit = kBase64.find(key[i]);
        valid = digit != std::string_view::npos && (i < 21 || (digit & 0x0f) == 0);
    }
    if (!valid) {
        throw MakeError(StatusCode::kInvalidArgument,
                        "Sec-WebSocket-Key must be the base64 encoding of 16 bytes (RFC 6455)", "Sec-WebSocket-Key");
    }
    if (req[http::field::sec_websocket_version] != "13") {
        ApiError error = MakeError(StatusCode::kInvalidArgument, "Sec-WebSocket-Version must be 13 (RFC 6455)",
                                   "Sec-WebSocket-Version");
        error.http_override = 426;
        error.headers.emplace_back("Sec-WebSocket-Version", "13");
        throw error;
    }
}

std::optional<std::string> StreamKeyFromProtocols(std::string_view header) {
    static constexpr std::string_view kPrefix = "simbook.key.";
    const auto digit = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
    while (!header.empty()) {
        const std::size_t comma = header.find(',');
        std::string_view entry = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        while (!entry.empty() && (entry.front() == ' ' || entry.front() == '\t')) {
            entry.remove_prefix(1);
        }
        while (!entry.empty() && (entry.back() == ' ' || entry.back() == '\t')) {
            entry.remove_suffix(1);
        }
        if (entry.substr(0, kPrefix.size()) != kPrefix) {
            continue;
        }
        const std::string_view hex = entry.substr(kPrefix.size());
        if (hex.empty() || hex.size() % 2 != 0) {
            return std::nullopt;
        }
        std::string key;
        for (std::size_t i = 0; i < hex.size(); i += 2) {
            const int high = digit(hex[i]);
            const int low = digit(hex[i + 1]);
            if (high < 0 || low < 0) {
                return std::nullopt;
            }
            key.push_back(static_cast<char>(high * 16 + low));
        }
        return key;
    }
    return std::nullopt;
}

Result<std::vector<std::string>> ParseSubscribe(std::string_view text) {
    const Status refused = InvalidArgument("subscribe", "expected {\"subscribe\": [event ids]}");
    if (JsonNesting(text) > kMaxJsonNesting) {
        return refused;
    }
    const nlohmann::json message = nlohmann::json::parse(text, nullptr, false);
    if (message.is_discarded() || !message.is_object()) {
        return refused;
    }
    const auto list = message.find("subscribe");
    if (list == message.end() || !list->is_array()) {
        return refused;
    }
    if (list->size() > kMaxSubscriptions) {
        return InvalidArgument("subscribe",
                               "at most " + std::to_string(kMaxSubscriptions) + " event ids in one stream session");
    }
    std::vector<std::string> ids;
    for (const nlohmann::json& id : *list) {
        if (id.is_string() && !id.get_ref<const std::string&>().empty() &&
            id.get_ref<const std::string&>().size() <= kMaxEventIdBytes) {
            ids.push_back(id.get<std::string>());
        }
    }
    return ids;
}

std::string StreamError(const Status& status) {
    const ApiError error = FromFieldStatus(status);
    nlohmann::json body{
        {"type", "error"},
        {"error",
         {{"code", error.reason}, {"status", std::string(StatusCodeName(error.code))}, {"message", error.message}}}};
    if (!error.field.empty()) {
        body["error"]["field"] = error.field;
    }
    return body.dump();
}

} // namespace simbook::api
