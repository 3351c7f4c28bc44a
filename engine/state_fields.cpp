#include "engine/state_fields.hpp"

#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace simbook::engine::state_fields {

Result<int> IntField(const nlohmann::json& json, const char* name, int fallback, int lo, int hi) {
    Result<std::int64_t> value = models::IntField(json, name, fallback, "state", lo, hi);
    if (!value.ok()) {
        return value.status();
    }
    return static_cast<int>(value.value());
}

Result<bool> BoolField(const nlohmann::json& json, const char* name) {
    return models::BoolField(json, name, false, "state");
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
