//! Reading validated fields from JSON objects, the one vocabulary below the API layer: every error is an
//! InvalidArgument naming the field by its path ("home.players[2].usage", or "name" at the top level).
#pragma once

#include "kernels/core/result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace simbook::models {

//! True when value is finite and in [lo, hi].
inline bool InRange(double value, double lo, double hi) {
    return std::isfinite(value) && value >= lo && value <= hi;
}

//! A JSON value as an error message shows it: a scalar's text (cut to 48 characters), or "an object" / "an array",
//! so that a message never carries a large offending value whole.
std::string Shown(const nlohmann::json& value);

//! "path.name", or "name" when path is empty.
std::string FieldPath(const std::string& path, const std::string& name);

//! InvalidArgument "path.key: unknown field (allowed: ...)" for the first key of object in neither list.
Status CheckKnownFields(const nlohmann::json& object, std::initializer_list<const char*> allowed,
                        const std::string& path, std::initializer_list<const char*> also_allowed = {});

//! The number object[name] in [lo, hi]; fallback when absent ("required" when fallback is empty).
Result<double> NumberField(const nlohmann::json& object, const char* name, std::optional<double> fallback,
                           const std::string& path, double lo = -std::numeric_limits<double>::infinity(),
                           double hi = std::numeric_limits<double>::infinity());

//! The integer object[name] in [lo, hi]; fallback when absent ("required" when fallback is empty). Refuses
//! fractions and values that do not fit, never wraps.
Result<std::int64_t> IntField(const nlohmann::json& object, const char* name, std::optional<std::int64_t> fallback,
                              const std::string& path, std::int64_t lo, std::int64_t hi);
//! IntField for unsigned 64-bit values (seeds).
Result<std::uint64_t> UnsignedField(const nlohmann::json& object, const char* name,
                                    std::optional<std::uint64_t> fallback, const std::string& path, std::uint64_t lo,
                                    std::uint64_t hi);

//! The boolean object[name]; fallback when absent.
Result<bool> BoolField(const nlohmann::json& object, const char* name, bool fallback, const std::string& path);

//! The non-empty string object[name]; fallback when absent ("required" when fallback is empty).
Result<std::string> StringField(const nlohmann::json& object, const char* name, std::optional<std::string> fallback,
                                const std::string& path);

//! The string object[name], empty allowed; fallback when absent.
Result<std::string> TextField(const nlohmann::json& object, const char* name, std::string fallback,
                              const std::string& path);

//! The array of non-empty strings object[name], empty when absent; errors name "path.name[i]".
Result<std::vector<std::string>> StringListField(const nlohmann::json& object, const char* name,
                                                 const std::string& path);

} // namespace simbook::models
