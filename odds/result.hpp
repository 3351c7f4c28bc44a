//! Result<T>: a value or an Error, returned by the odds API for expected failures (bad input, no root).
#pragma once

#include "kernels/core/result.hpp"

#include <string>

namespace simbook::odds {

//! An expected failure of the odds maths (bad input); the message names the bad value. Converts to an
//! InvalidArgument Status, so odds functions return the project-wide simbook::Result.
struct Error {
    std::string message;

    operator Status() const { return {StatusCode::kInvalidArgument, message}; }
};

template <typename T> using Result = simbook::Result<T>;

} // namespace simbook::odds
