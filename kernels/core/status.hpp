//! Status returned by the kernels' host API (CUB style: no exceptions cross it).
#pragma once

#include <string>
#include <utility>

namespace simbook::kernels {

//! Canonical status codes (a subset of absl::StatusCode).
enum class StatusCode { kOk, kInvalidArgument, kUnavailable, kInternal };

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
