#include "engine/state_fields.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace simbook::engine::state_fields {

Result<int> IntField(const nlohmann::json& json, const char* name, int fallback, int lo, int hi) {
    const auto it = json.find(name);
    if (it == json.end()) {
        return fallback;
    }
    if (!it->is_number_integer()) {
        return InvalidArgument(std::string("state.") + name, it->dump() + " is not an integer");
    }
    const long long value = it->get<long long>();
    if (value < lo || value > hi) {
        return InvalidArgument(std::string("state.") + name, std::to_string(value) + " is outside [" +
                                                                 std::to_string(lo) + ", " + std::to_string(hi) + "]");
    }
    return static_cast<int>(value);
}

Result<bool> BoolField(const nlohmann::json& json, const char* name) {
    const auto it = json.find(name);
    if (it == json.end()) {
        return false;
    }
    if (!it->is_boolean()) {
        return InvalidArgument(std::string("state.") + name, it->dump() + " is not true or false");
    }
    return it->get<bool>();
}

Result<int> TeamField(const nlohmann::json& json, const char* name, int fallback) {
    const auto it = json.find(name);
    if (it == json.end() || it->is_null()) {
        return fallback;
    }
    if (it->is_string()) {
        const std::string value = it->get<std::string>();
        if (value == "home") {
            return 0;
        }
        if (value == "away") {
            return 1;
        }
        if (value == "none") {
            return -1;
        }
    }
    return InvalidArgument(std::string("state.") + name, it->dump() + " is not \"home\", \"away\" or null");
}

namespace {

int Sign(int x) {
    return x > 0 ? 1 : (x < 0 ? -1 : 0);
}

} // namespace

Result<int> LastLeader(const nlohmann::json& json, int home, int away) {
    Result<int> team = TeamField(json, "last_leader", -2);
    if (!team.ok()) {
        return team.status();
    }
    if (team.value() == -2) {
        return Sign(home - away);
    }
    if (home != away && (team.value() == 0 ? 1 : (team.value() == 1 ? -1 : 0)) != Sign(home - away)) {
        return InvalidArgument("state.last_leader", "contradicts the score: the leading team leads");
    }
    return team.value() == 0 ? 1 : (team.value() == 1 ? -1 : 0);
}

Status OutOfOrder(const std::string& field, const std::string& reason) {
    return Status(StatusCode::kFailedPrecondition, field + ": " + reason);
}

} // namespace simbook::engine::state_fields
