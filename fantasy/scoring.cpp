#include "fantasy/scoring.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace simbook::fantasy {

namespace {
constexpr const char* kStatNames[kStats] = {"points", "rebounds", "assists", "threes", "steals", "blocks", "turnovers"};
} // namespace

const char* StatName(int stat) {
    return stat >= 0 && stat < kStats ? kStatNames[stat] : "?";
}

Scoring DraftKingsScoring() {
    Scoring s;
    s.name = "draftkings";
    s.weight = {1.0, 1.25, 1.5, 0.5, 2.0, 2.0, -0.5};
    s.double_double = 1.5;
    s.triple_double = 3.0;
    return s;
}

Scoring FanDuelScoring() {
    Scoring s;
    s.name = "fanduel";
    s.weight = {1.0, 1.2, 1.5, 0.0, 3.0, 3.0, -1.0};
    return s;
}

double Score(const Scoring& scoring, const BoxLine& line) {
    double total = 0.0;
    for (int i = 0; i < kStats; ++i) {
        total += scoring.weight[i] * line[i];
    }
    if (scoring.double_double != 0.0 || scoring.triple_double != 0.0) {
        const int tens = (line[0] >= 10) + (line[1] >= 10) + (line[2] >= 10) + (line[4] >= 10) + (line[5] >= 10);
        if (tens >= 2) {
            total += scoring.double_double;
        }
        if (tens >= 3) {
            total += scoring.triple_double;
        }
    }
    return total;
}

Result<Scoring> ScoringFromJson(const nlohmann::json& json, const std::string& field) {
    if (json.is_string()) {
        const std::string name = json.get<std::string>();
        if (name == "draftkings") {
            return DraftKingsScoring();
        }
        if (name == "fanduel") {
            return FanDuelScoring();
        }
        return InvalidArgument(field, "'" + name + "' is not draftkings, fanduel or an object of stat weights");
    }
    if (!json.is_object()) {
        return InvalidArgument(field, "expected \"draftkings\", \"fanduel\" or an object of stat weights");
    }
    Scoring s;
    s.name = "custom";
    for (const auto& [key, value] : json.items()) {
        if (key == "name") {
            if (!value.is_string()) {
                return InvalidArgument(field + ".name", "expected a string");
            }
            s.name = value.get<std::string>();
            continue;
        }
        if (!value.is_number() || !std::isfinite(value.get<double>())) {
            return InvalidArgument(field + "." + key, "expected a finite number");
        }
        const double w = value.get<double>();
        if (key == "double_double") {
            s.double_double = w;
            continue;
        }
        if (key == "triple_double") {
            s.triple_double = w;
            continue;
        }
        int stat = -1;
        for (int i = 0; i < kStats; ++i) {
            if (key == kStatNames[i]) {
                stat = i;
            }
        }
        if (stat < 0) {
            return InvalidArgument(field + "." + key,
                                   "unknown stat (points, rebounds, assists, threes, steals, blocks, turnovers, "
                                   "double_double, triple_double)");
        }
        s.weight[stat] = w;
    }
    return s;
}

nlohmann::json ToJson(const Scoring& scoring) {
    nlohmann::json weights = nlohmann::json::object();
    for (int i = 0; i < kStats; ++i) {
        weights[kStatNames[i]] = scoring.weight[i];
    }
    return {{"name", scoring.name},
            {"weights", std::move(weights)},
            {"double_double", scoring.double_double},
            {"triple_double", scoring.triple_double}};
}

} // namespace simbook::fantasy
