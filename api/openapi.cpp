#include "api/openapi.hpp"

#include "api/routes.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace simbook::api {
namespace {

using nlohmann::json;

std::string Lower(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return lower;
}

} // namespace

Result<nlohmann::json> BuildOpenApiDocument(const std::vector<Route>& routes, const nlohmann::json& operations) {
    json document = OpenApiBase();
    json& paths = document["paths"];
    paths = json::object();
    std::set<std::string> used;
    for (const Route& route : routes) {
        const std::string key = std::string(route.method) + " " + std::string(route.pattern);
        auto documented = operations.find(key);
        if (documented == operations.end()) {
            return Status(StatusCode::kInternal, "OpenAPI: route " + key + " has no documented operation");
        }
        used.insert(key);
        json operation = *documented;
        operation["responses"]["default"] = {{"$ref", "#/components/responses/Error"}}; // every error has one shape
        if (route.roles.empty()) {
            operation["security"] = json::array(); // public: no key
        } else {
            json roles = json::array();
            std::string names;
            for (Role role : route.roles) {
                roles.push_back(std::string(ToString(role)));
                names += names.empty() ? "" : ", ";
                names += ToString(role);
            }
            operation["x-roles"] = roles;
            operation["description"] = "Roles: " + names + ".";
        }
        json& item = paths[std::string(route.pattern)];
        // Path parameters from the pattern's {name} segments.
        json parameters = json::array();
        const std::string pattern(route.pattern);
        for (std::size_t open = pattern.find('{'); open != std::string::npos; open = pattern.find('{', open + 1)) {
            const std::size_t close = pattern.find('}', open);
            parameters.push_back({{"name", pattern.substr(open + 1, close - open - 1)},
                                  {"in", "path"},
                                  {"required", true},
                                  {"schema", {{"type", "string"}}}});
        }
        if (!parameters.empty()) {
            item["parameters"] = parameters;
        }
        item[Lower(route.method)] = std::move(operation);
    }
    for (const auto& [key, operation] : operations.items()) {
        if (used.count(key) == 0) {
            return Status(StatusCode::kInternal, "OpenAPI: documented operation " + key + " is not in the route table");
        }
    }
    return document;
}

const nlohmann::json& OpenApiDocument() {
    static const json document = BuildOpenApiDocument(RouteTable(), OpenApiOperations()).value();
    return document;
}

} // namespace simbook::api
