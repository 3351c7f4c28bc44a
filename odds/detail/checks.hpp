//! Input checks shared by the odds units: each returns the Error to report, or nothing when valid.
#pragma once

#include "odds/result.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace simbook::odds::detail {

//! Shortest text that reads back as x, for error messages.
inline std::string Num(double x) {
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), x);
    return ec == std::errc{} ? std::string(buffer, end) : std::string("?");
}

//! 'text' in single quotes, for error messages. Built by appending: `"'" + std::string(...)` trips a false
//! -Wrestrict in g++ 12.
inline std::string Quote(std::string_view text) {
    std::string quoted;
    quoted.reserve(text.size() + 2);
    quoted += '\'';
    quoted += text;
    quoted += '\'';
    return quoted;
}

//! Decimal odds must be finite and > 1.
inline std::optional<Error> CheckDecimalOdds(double decimal) {
    if (!std::isfinite(decimal) || !(decimal > 1.0)) {
        return Error{"decimal odds must be finite and > 1, got " + Num(decimal)};
    }
    return std::nullopt;
}

//! Probabilities must lie strictly inside (0, 1).
inline std::optional<Error> CheckOpenProbability(double probability) {
    if (!(probability > 0.0 && probability < 1.0)) {
        return Error{"probability must lie in (0, 1), got " + Num(probability)};
    }
    return std::nullopt;
}

} // namespace simbook::odds::detail
