#include "api/errors.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

namespace simbook::api {

int HttpStatus(StatusCode code) {
    switch (code) {
    case StatusCode::kOk:
        return 200;
    case StatusCode::kInvalidArgument:
    case StatusCode::kOutOfRange:
        return 400;
    case StatusCode::kUnauthenticated:
        return 401;
    case StatusCode::kPermissionDenied:
        return 403;
    case StatusCode::kNotFound:
        return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kAborted:
    case StatusCode::kFailedPrecondition:
        return 409;
    case StatusCode::kResourceExhausted:
        return 429;
    case StatusCode::kCancelled:
        return 499;
    case StatusCode::kUnimplemented:
        return 501;
    case StatusCode::kUnavailable:
        return 503;
    case StatusCode::kDeadlineExceeded:
        return 504;
    case StatusCode::kUnknown:
    case StatusCode::kInternal:
    case StatusCode::kDataLoss:
        return 500;
    }
    return 500;
}

ApiError MakeError(StatusCode code, std::string message, std::string field) {
    std::string reason(StatusCodeName(code));
    for (char& c : reason) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return {code, std::move(reason), std::move(message), std::move(field), 0, {}};
}

ApiError Bad(const std::string& field, const std::string& message) {
    return MakeError(StatusCode::kInvalidArgument, message, field);
}

ApiError NotFound(const std::string& what) {
    return MakeError(StatusCode::kNotFound, what + " not found");
}

ApiError FromStatus(const Status& status, const std::string& field) {
    switch (status.code()) {
    case StatusCode::kOk:
    case StatusCode::kUnknown:
    case StatusCode::kInternal:
    case StatusCode::kDataLoss:
        return MakeError(StatusCode::kInternal, "internal error");
    default:
        return MakeError(status.code(), status.message(), field);
    }
}

ApiError FromFieldStatus(const Status& status) {
    const std::string& message = status.message();
    const std::size_t colon = message.find(':');
    const std::string field = colon == std::string::npos || message.find(' ') < colon ? "" : message.substr(0, colon);
    return FromStatus(status, field);
}

std::string ErrorBody(const ApiError& error, const std::string& request_id) {
    nlohmann::json e{{"code", error.reason},
                     {"status", std::string(StatusCodeName(error.code))},
                     {"message", error.message},
                     {"request_id", request_id}};
    if (!error.field.empty()) {
        e["field"] = error.field;
    }
    // Invalid UTF-8 in a message (client text echoed back) is replaced, never thrown: Handle must not throw.
    return nlohmann::json{{"error", e}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace simbook::api
