//! Host-side error handling shared by every layer: simbook::Error, SIMBOOK_REQUIRE and Result<T>.
#pragma once

#include "kernels/core/status.hpp"

#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace simbook {

using kernels::Status;
using kernels::StatusCode;

//! Thrown when an invariant breaks (a bug, not bad input); bad input returns a Result error instead.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

//! Throws simbook::Error with the message when cond is false (QuantLib's QL_REQUIRE).
#define SIMBOOK_REQUIRE(cond, msg)                                                                                     \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            throw ::simbook::Error(std::string(msg));                                                                  \
        }                                                                                                              \
    } while (false)

//! Either a value or a non-ok Status: the return type of operations that can fail on expected grounds.
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value) : data_(std::move(value)) {}
    Result(Status status) : data_(std::move(status)) {
        SIMBOOK_REQUIRE(!std::get<Status>(data_).ok(), "ok Result without a value");
    }
    //! From a layer's own error type that converts to Status (e.g. odds::Error).
    template <typename E,
              std::enable_if_t<std::is_convertible_v<const E&, Status> && !std::is_same_v<std::decay_t<E>, Status> &&
                                   !std::is_convertible_v<const E&, T>,
                               int> = 0>
    Result(const E& error) : Result(static_cast<Status>(error)) {}

    bool ok() const { return std::holds_alternative<T>(data_); }
    explicit operator bool() const { return ok(); }

    //! The value; throws simbook::Error when this holds an error.
    const T& value() const& {
        SIMBOOK_REQUIRE(ok(), "Result has no value: " + status().message());
        return std::get<T>(data_);
    }
    T& value() & {
        SIMBOOK_REQUIRE(ok(), "Result has no value: " + status().message());
        return std::get<T>(data_);
    }
    T&& value() && {
        SIMBOOK_REQUIRE(ok(), "Result has no value: " + status().message());
        return std::get<T>(std::move(data_));
    }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }
    T value_or(T fallback) const { return ok() ? std::get<T>(data_) : std::move(fallback); }

    //! The error (an ok Status when this holds a value).
    Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

private:
    std::variant<T, Status> data_;
};

//! An InvalidArgument error naming the field, the value and the reason: "field: value: reason".
inline Status InvalidArgument(const std::string& field, const std::string& reason) {
    return {StatusCode::kInvalidArgument, field + ": " + reason};
}

} // namespace simbook
