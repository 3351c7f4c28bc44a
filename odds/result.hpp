//! Result<T>: a value or an Error, returned by the odds API for expected failures (bad input, no root).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace simbook::odds {

//! Why an operation failed; the message names the offending value.
struct Error {
    std::string message;
};

//! Holds either a T or an Error (a minimal std::expected, which g++ 12 lacks). Accessors follow
//! absl::StatusOr: check ok() before value().
template <typename T> class [[nodiscard]] Result {
public:
    //! A successful result.
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    //! A failed result.
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

    //! True when a value is held.
    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    //! The value; calling it on an error result throws std::bad_variant_access (a broken invariant).
    const T& value() const& { return std::get<0>(state_); }
    T& value() & { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }

    //! The error; calling it on a successful result throws std::bad_variant_access.
    const Error& error() const { return std::get<1>(state_); }

    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

    //! The value, or fallback when this holds an error.
    T value_or(T fallback) const { return ok() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> state_;
};

} // namespace simbook::odds
