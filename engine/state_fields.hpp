//! Readers of live-state JSON fields shared by the sports' state parsers (engine/<sport>/state.cpp): each
//! refuses a bad value naming "state.<field>".
#pragma once

#include "kernels/core/result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace simbook::engine::state_fields {

//! An integer field in [lo, hi], or fallback when absent.
Result<int> IntField(const nlohmann::json& json, const char* name, int fallback, int lo, int hi);
//! A boolean field, false when absent.
Result<bool> BoolField(const nlohmann::json& json, const char* name);
//! "home" -> 0, "away" -> 1, null/"none" -> -1; fallback when absent.
Result<int> TeamField(const nlohmann::json& json, const char* name, int fallback);
//! last_leader: explicit, else the sign of the current margin (a level score with goals leaves it unknown);
//! +1 home, -1 away, 0 none.
Result<int> LastLeader(const nlohmann::json& json, int home, int away);
//! A next state that cannot follow the current one: FailedPrecondition "field: reason".
Status OutOfOrder(const std::string& field, const std::string& reason);

} // namespace simbook::engine::state_fields

//! Declares `lhs` as the value of a Result expression, or returns its error.
#define SIMBOOK_ASSIGN_OR_RETURN(lhs, expr)                                                                            \
    auto lhs##_result = (expr);                                                                                        \
    if (!lhs##_result.ok()) {                                                                                          \
        return lhs##_result.status();                                                                                  \
    }                                                                                                                  \
    const auto lhs = lhs##_result.value()
