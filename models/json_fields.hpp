//! Reading validated fields from JSON objects: errors name the field by its path ("home.players[2].usage").
#pragma once

#include "kernels/core/result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>

namespace simbook::models {

//! True when value is finite and in [lo, hi].
inline bool InRange(double value, double lo, double hi) {
    return std::isfinite(value) && value >= lo && value <= hi;
}

//! InvalidArgument "path.key: unknown field" for the first key of object not in allowed.
Status CheckKnownFields(const nlohmann::json& object, std::initializer_list<const char*> allowed,
                        const std::string& path);

//! The number object[name] in [lo, hi], or fallback when absent; errors name "path.name".
Result<double> NumberField(const nlohmann::json& object, const char* name, double fallback, const std::string& path,
                           double lo = -std::numeric_limits<double>::infinity(),
                           double hi = std::numeric_limits<double>::infinity());

} // namespace simbook::models
