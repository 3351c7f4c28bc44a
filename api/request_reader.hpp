//! Request bodies to typed requests, one way: ParseBody checks the JSON object, a request type's Read takes
//! its fields from a FieldReader, and every failure is one InvalidArgument ApiError naming the field.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace simbook::api {

//! The body as a JSON object; InvalidArgument (field "body") when it is not valid JSON, not an object or nested
//! deeper than kMaxJsonNesting (api/json_depth.hpp).
nlohmann::json ParseBody(const std::string& body);

//! Typed access to a JSON object's fields; throws Bad(field, ...) on a missing or mistyped field.
class FieldReader {
public:
    explicit FieldReader(const nlohmann::json& object) : object_(object) {}

    //! True when the field is present (null included).
    bool Has(const std::string& field) const { return object_.contains(field); }
    //! The field's raw value, or nullptr when absent.
    const nlohmann::json* Find(const std::string& field) const;
    //! A required non-empty string.
    std::string String(const std::string& field) const;
    //! A non-empty string when present.
    std::optional<std::string> OptionalString(const std::string& field) const;
    //! A required number.
    double Number(const std::string& field) const;
    //! A number when present.
    std::optional<double> OptionalNumber(const std::string& field) const;
    //! An integer in [min, max] when present; otherwise Bad(field, message), by default
    //! "<field> must be an integer in [min, max]".
    std::optional<std::uint64_t> OptionalInteger(const std::string& field, std::uint64_t min, std::uint64_t max,
                                                 const std::string& message = "") const;
    //! An object when present and not null.
    std::optional<nlohmann::json> OptionalObject(const std::string& field) const;

private:
    const nlohmann::json& object_;
};

//! A typed request from a body: T has `static T Read(const FieldReader&, Args...)` (Args: limits and headers
//! the reading depends on).
template <typename T, typename... Args> T ReadRequest(const std::string& body, const Args&... args) {
    const nlohmann::json object = ParseBody(body);
    return T::Read(FieldReader(object), args...);
}

} // namespace simbook::api
