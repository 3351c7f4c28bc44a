#include "api/request_reader.hpp"

#include "api/errors.hpp"

namespace simbook::api {

using nlohmann::json;

json ParseBody(const std::string& body) {
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

std::string FieldReader::String(const std::string& field) const {
    const json* value = Find(field);
    if (value == nullptr) {
        throw Bad(field, field + " is required");
    }
    if (!value->is_string() || value->get<std::string>().empty()) {
        throw Bad(field, field + " must be a non-empty string");
    }
    return value->get<std::string>();
}

std::optional<std::string> FieldReader::OptionalString(const std::string& field) const {
    return Has(field) ? std::optional(String(field)) : std::nullopt;
}

double FieldReader::Number(const std::string& field) const {
    const json* value = Find(field);
    if (value == nullptr) {
        throw Bad(field, field + " is required");
    }
    if (!value->is_number()) {
        throw Bad(field, field + " must be a number");
    }
    return value->get<double>();
}

std::optional<double> FieldReader::OptionalNumber(const std::string& field) const {
    return Has(field) ? std::optional(Number(field)) : std::nullopt;
}

std::optional<std::uint64_t> FieldReader::OptionalInteger(const std::string& field, std::uint64_t min,
                                                          std::uint64_t max, const std::string& message) const {
    const json* value = Find(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_number_integer() || value->get<std::int64_t>() < 0 || value->get<std::uint64_t>() < min ||
        value->get<std::uint64_t>() > max) {
        throw Bad(field, !message.empty() ? message
                                          : field + " must be an integer in [" + std::to_string(min) + ", " +
                                                std::to_string(max) + "]");
    }
    return value->get<std::uint64_t>();
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
