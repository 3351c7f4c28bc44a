//! Status returned by the kernels' host API (CUB style: no exceptions cross it).
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace simbook::kernels {

//! Canonical status codes: absl::StatusCode's set, with its numbers. Pick the most specific code: a layer
//! above (the API) maps each code to one HTTP status, so the same condition answers the same everywhere.
enum class StatusCode {
    kOk = 0,
    kCancelled = 1,          //!< the caller cancelled the operation
    kUnknown = 2,            //!< an error from elsewhere without enough information to classify it
    kInvalidArgument = 3,    //!< bad input whatever the system's state (a malformed or out-of-domain value)
    kDeadlineExceeded = 4,   //!< the operation ran past its time limit
    kNotFound = 5,           //!< a named entity (event, market, bet, team) does not exist
    kAlreadyExists = 6,      //!< the entity to create exists already
    kPermissionDenied = 7,   //!< the caller is known but may not do this
    kResourceExhausted = 8,  //!< a quota or rate limit is spent
    kFailedPrecondition = 9, //!< the system is not in the state the operation needs (a settled market)
    kAborted = 10,           //!< a conflict the caller may resolve by retrying at a higher level (a moved price)
    kOutOfRange = 11,        //!< past the valid range of a sequence (read past the end)
    kUnimplemented = 12,     //!< not implemented or not supported
    kInternal = 13,          //!< a broken invariant (a bug)
    kUnavailable = 14,       //!< transiently unavailable (a missing model file, a busy store); retry may work
    kDataLoss = 15,          //!< unrecoverable data loss or corruption
    kUnauthenticated = 16,   //!< no valid credentials
};

//! The code's canonical name, as absl::StatusCodeToString: "OK", "INVALID_ARGUMENT", "FAILED_PRECONDITION"...
constexpr std::string_view StatusCodeName(StatusCode code) {
    switch (code) {
    case StatusCode::kOk:
        return "OK";
    case StatusCode::kCancelled:
        return "CANCELLED";
    case StatusCode::kUnknown:
        return "UNKNOWN";
    case StatusCode::kInvalidArgument:
        return "INVALID_ARGUMENT";
    case StatusCode::kDeadlineExceeded:
        return "DEADLINE_EXCEEDED";
    case StatusCode::kNotFound:
        return "NOT_FOUND";
    case StatusCode::kAlreadyExists:
        return "ALREADY_EXISTS";
    case StatusCode::kPermissionDenied:
        return "PERMISSION_DENIED";
    case StatusCode::kResourceExhausted:
        return "RESOURCE_EXHAUSTED";
    case StatusCode::kFailedPrecondition:
        return "FAILED_PRECONDITION";
    case StatusCode::kAborted:
        return "ABORTED";
    case StatusCode::kOutOfRange:
        return "OUT_OF_RANGE";
    case StatusCode::kUnimplemented:
        return "UNIMPLEMENTED";
    case StatusCode::kInternal:
        return "INTERNAL";
    case StatusCode::kUnavailable:
        return "UNAVAILABLE";
    case StatusCode::kDataLoss:
        return "DATA_LOSS";
    case StatusCode::kUnauthenticated:
        return "UNAUTHENTICATED";
    }
    return "UNKNOWN";
}

//! Outcome of a host API call: a code and, when not ok, a message.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
    static Status Ok() { return {}; }

    //! True when the call succeeded.
    bool ok() const { return code_ == StatusCode::kOk; }
    StatusCode code() const { return code_; }
    const std::string& message() const { return message_; }

private:
    StatusCode code_ = StatusCode::kOk;
    std::string message_;
};

} // namespace simbook::kernels
