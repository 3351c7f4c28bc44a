#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <utility>

namespace simbook::models {

std::string Shown(const nlohmann::json& value) {
    if (value.is_object()) {
        return "an object";
    }
    if (value.is_array()) {
        return "an array";
    }
    constexpr std::size_t kLongest = 48;
    std::string text = value.dump();
    if (text.size() > kLongest) {
        text.resize(kLongest - 3);
        text += "...";
    }
    return text;
}
namespace {

std::string Bound(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", x);
    return text;
}

// object[name] read by `read(value, field path)`; fallback when absent, "required" when there is none.
template <typename T, typename Read>
Result<T> Field(const nlohmann::json& object, const char* name, std::optional<T> fallback, const std::string& path,
                Read read) {
    const auto it = object.find(name);
    if (it == object.end()) {
        if (!fallback) {
            return InvalidArgument(FieldPath(path, name), "required");
        }
        return *std::move(fallback);
    }
    return read(*it, FieldPath(path, name));
}

template <typename Int>
Result<Int> Integer(const nlohmann::json& object, const char* name, std::optional<Int> fallback,
                    const std::string& path, Int lo, Int hi) {
    return Field<Int>(
        object, name, fallback, path, [&](const nlohmann::json& value, const std::string& field) -> Result<Int> {
            if (!value.is_number_integer()) {
                return InvalidArgument(field, Shown(value) + " is not an integer");
            }
            const auto in_range = [&](auto x) { return std::cmp_less_equal(lo, x) && std::cmp_less_equal(x, hi); };
            if (value.is_number_unsigned() ? !in_range(value.get<std::uint64_t>())
                                           : !in_range(value.get<std::int64_t>())) {
                return InvalidArgument(field, Shown(value) + " is outside [" + std::to_string(lo) + ", " +
                                                  std::to_string(hi) + "]");
            }
            return value.get<Int>();
        });
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
    return Field<double>(
        object, name, fallback, path, [&](const nlohmann::json& value, const std::string& field) -> Result<double> {
            if (!value.is_number()) {
                return InvalidArgument(field, Shown(value) + " is not a number");
            }
            if (!InRange(value.get<double>(), lo, hi)) {
                return InvalidArgument(field, Shown(value) + " is outside [" + Bound(lo) + ", " + Bound(hi) + "]");
            }
            return value.get<double>();
        });
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
    return Field<bool>(object, name, fallback, path,
                       [](const nlohmann::json& value, const std::string& field) -> Result<bool> {
                           if (!value.is_boolean()) {
                               return InvalidArgument(field, Shown(value) + " is not true or false");
                           }
                           return value.get<bool>();
                       });
}

namespace {

Result<std::string> NonEmptyString(const nlohmann::json& value, const std::string& field) {
    if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
        return InvalidArgument(field, Shown(value) + " is not a non-empty string");
    }
    return value.get<std::string>();
}

} // namespace

Result<std::string> StringField(const nlohmann::json& object, const char* name, std::optional<std::string> fallback,
                                const std::string& path) {
    return Field<std::string>(object, name, std::move(fallback), path, NonEmptyString);
}

Result<std::string> TextField(const nlohmann::json& object, const char* name, std::string fallback,
                              const std::string& path) {
    return Field<std::string>(object, name, std::move(fallback), path,
                              [](const nlohmann::json& value, const std::string& field) -> Result<std::string> {
                                  if (!value.is_string()) {
                                      return InvalidArgument(field, Shown(value) + " is not a string");
                                  }
                                  return value.get<std::string>();
                              });
}

Result<std::vector<std::string>> StringListField(const nlohmann::json& object, const char* name,
                                                 const std::string& path) {
    using List = std::vector<std::string>;
    return Field<List>(
        object, name, List(), path, [](const nlohmann::json& value, const std::string& field) -> Result<List> {
            if (!value.is_array()) {
                return InvalidArgument(field, Shown(value) + " is not an array of strings");
            }
            List out;
            for (std::size_t i = 0; i < value.size(); ++i) {
                Result<std::string> item = NonEmptyString(value[i], field + "[" + std::to_string(i) + "]");
                if (!item.ok()) {
                    return item.status();
                }
                out.push_back(std::move(item).value());
            }
            return out;
        });
}

} // namespace simbook::models
