#include "api/request_reader.hpp"

#include "api/errors.hpp"
#include "api/json_depth.hpp"
#include "models/json_fields.hpp"

#include <utility>

namespace simbook::api {

using nlohmann::json;

json ParseBody(const std::string& body) {
    if (JsonNesting(body) > kMaxJsonNesting) {
        throw Bad("body", "request body is nested deeper than " + std::to_string(kMaxJsonNesting) + " levels");
    }
    json parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded()) {
        throw Bad("body", "request body is not valid JSON");
    }
    if (!parsed.is_object()) {
        throw Bad("body", "request body must be a JSON object");
    }
    return parsed;
}

const json* FieldReader::Find(const std::string& field) const {
    auto it = object_.find(field);
    return it == object_.end() ? nullptr : &*it;
}

// The models' readers check the fields; the API keeps its own messages ("<field> is required", ...).
std::string FieldReader::String(const std::string& field) const {
    Result<std::string> value = models::StringField(object_, field.c_str(), std::nullopt, "");
    if (!value.ok()) {
        throw Bad(field, field + (Has(field) ? " must be a non-empty string" : " is required"));
    }
    return std::move(value).value();
}

std::optional<std::string> FieldReader::OptionalString(const std::string& field) const {
    return Has(field) ? std::optional(String(field)) : std::nullopt;
}

double FieldReader::Number(const std::string& field) const {
    Result<double> value = models::NumberField(object_, field.c_str(), std::nullopt, "");
    if (!value.ok()) {
        throw Bad(field, field + (Has(field) ? " must be a number" : " is required"));
    }
    return value.value();
}

std::optional<double> FieldReader::OptionalNumber(const std::string& field) const {
    return Has(field) ? std::optional(Number(field)) : std::nullopt;
}

std::optional<std::uint64_t> FieldReader::OptionalInteger(const std::string& field, std::uint64_t min,
                                                          std::uint64_t max, const std::string& message) const {
    if (!Has(field)) {
        return std::nullopt;
    }
    Result<std::uint64_t> value = models::UnsignedField(object_, field.c_str(), std::nullopt, "", min, max);
    if (!value.ok()) {
        throw Bad(field, !message.empty() ? message
                                          : field + " must be an integer in [" + std::to_string(min) + ", " +
                                                std::to_string(max) + "]");
    }
    return value.value();
}

std::optional<json> FieldReader::OptionalObject(const std::string& field) const {
    const json* value = Find(field);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    if (!value->is_object()) {
        throw Bad(field, field + " must be an object");
    }
    return *value;
}

} // namespace simbook::api
