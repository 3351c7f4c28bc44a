#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace simbook::models {

Status CheckKnownFields(const nlohmann::json& object, std::initializer_list<const char*> allowed,
                        const std::string& path) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        for (const char* name : allowed) {
            known = known || it.key() == name;
        }
        if (!known) {
            return InvalidArgument(path + "." + it.key(), "unknown field");
        }
    }
    return Status::Ok();
}

Result<double> NumberField(const nlohmann::json& object, const char* name, double fallback, const std::string& path,
                           double lo, double hi) {
    const auto it = object.find(name);
    if (it == object.end()) {
        return fallback;
    }
    if (!it->is_number()) {
        return InvalidArgument(path + "." + name, it->dump() + " is not a number");
    }
    const double value = it->get<double>();
    if (!std::isfinite(value) || value < lo || value > hi) {
        return InvalidArgument(path + "." + name,
                               it->dump() + " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    }
    return value;
}

} // namespace simbook::models
