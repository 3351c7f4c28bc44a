#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <utility>

namespace simbook::models {
namespace {

std::string Bound(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", x);
    return text;
}

template <typename Int>
Result<Int> Integer(const nlohmann::json& object, const char* name, std::optional<Int> fallback,
                    const std::string& path, Int lo, Int hi) {
    const auto it = object.find(name);
    if (it == object.end()) {
        if (!fallback) {
            return InvalidArgument(FieldPath(path, name), "required");
        }
        return *fallback;
    }
    if (!it->is_number_integer()) {
        return InvalidArgument(FieldPath(path, name), it->dump() + " is not an integer");
    }
    const auto in_range = [&](auto x) { return std::cmp_less_equal(lo, x) && std::cmp_less_equal(x, hi); };
    if (it->is_number_unsigned() ? !in_range(it->get<std::uint64_t>()) : !in_range(it->get<std::int64_t>())) {
        return InvalidArgument(FieldPath(path, name),
                               it->dump() + " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    }
    return it->get<Int>();
}

} // namespace

std::string FieldPath(const std::string& path, const std::string& name) {
    return path.empty() ? name : path + "." + name;
}

Status CheckKnownFields(const nlohmann::json& object, std::initializer_list<const char*> allowed,
                        const std::string& path, std::initializer_list<const char*> also_allowed) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        std::string list;
        for (const auto names : {allowed, also_allowed}) {
            for (const char* name : names) {
                known = known || it.key() == name;
                list.append(list.empty() ? "" : ", ").append(name);
            }
        }
        if (!known) {
            return InvalidArgument(FieldPath(path, it.key()),
                                   "unknown field (allowed: " + (list.empty() ? "none" : list) + ")");
        }
    }
    return Status::Ok();
}

Result<double> NumberField(const nlohmann::json& object, const char* name, std::optional<double> fallback,
                           const std::string& path, double lo, double hi) {
    const auto it = object.find(name);
    if (it == object.end()) {
        if (!fallback) {
            return InvalidArgument(FieldPath(path, name), "required");
        }
        return *fallback;
    }
    if (!it->is_number()) {
        return InvalidArgument(FieldPath(path, name), it->dump() + " is not a number");
    }
    const double value = it->get<double>();
    if (!InRange(value, lo, hi)) {
        return InvalidArgument(FieldPath(path, name),
                               it->dump() + " is outside [" + Bound(lo) + ", " + Bound(hi) + "]");
    }
    return value;
}

Result<std::int64_t> IntField(const nlohmann::json& object, const char* name, std::optional<std::int64_t> fallback,
                              const std::string& path, std::int64_t lo, std::int64_t hi) {
    return Integer(object, name, fallback, path, lo, hi);
}

Result<std::uint64_t> UnsignedField(const nlohmann::json& object, const char* name,
                                    std::optional<std::uint64_t> fallback, const std::string& path, std::uint64_t lo,
                                    std::uint64_t hi) {
    return Integer(object, name, fallback, path, lo, hi);
}

Result<bool> BoolField(const nlohmann::json& object, const char* name, bool fallback, const std::string& path) {
    const auto it = object.find(name);
    if (it == object.end()) {
        return fallback;
    }
    if (!it->is_boolean()) {
        return InvalidArgument(FieldPath(path, name), it->dump() + " is not true or false");
    }
    return it->get<bool>();
}

Result<std::string> StringField(const nlohmann::json& object, const char* name, std::optional<std::string> fallback,
                                const std::string& path) {
    const auto it = object.find(name);
    if (it == object.end()) {
        if (!fallback) {
            return InvalidArgument(FieldPath(path, name), "required");
        }
        return *std::move(fallback);
    }
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
        return InvalidArgument(FieldPath(path, name), it->dump() + " is not a non-empty string");
    }
    return it->get<std::string>();
}

Result<std::vector<std::string>> StringListField(const nlohmann::json& object, const char* name,
                                                 const std::string& path) {
    std::vector<std::string> out;
    const auto it = object.find(name);
    if (it == object.end()) {
        return out;
    }
    if (!it->is_array()) {
        return InvalidArgument(FieldPath(path, name), it->dump() + " is not an array of strings");
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const nlohmann::json& item = (*it)[i];
        if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
            return InvalidArgument(FieldPath(path, name) + "[" + std::to_string(i) + "]",
                                   item.dump() + " is not a non-empty string");
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

} // namespace simbook::models
