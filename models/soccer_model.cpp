#include "models/soccer_model.hpp"

#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace simbook::models {
namespace {

namespace ks = kernels::soccer;

} // namespace

SoccerModel SoccerModel::WithoutStateEffects() const {
    SoccerModel model = *this;
    model.leading_mult = 1.0;
    model.trailing_mult = 1.0;
    model.home_reds_per_match = 0.0;
    model.away_reds_per_match = 0.0;
    return model;
}

Result<ks::SoccerParams> MakeSoccerParams(const SoccerModel& m) {
    if (!InRange(m.home_xg, 0.0, 15.0)) {
        return InvalidArgument("home_xg", std::to_string(m.home_xg) + " is outside [0, 15]");
    }
    if (!InRange(m.away_xg, 0.0, 15.0)) {
        return InvalidArgument("away_xg", std::to_string(m.away_xg) + " is outside [0, 15]");
    }
    if (!InRange(m.first_half_stoppage, 0.0, 20.0) || !InRange(m.second_half_stoppage, 0.0, 20.0)) {
        return InvalidArgument("stoppage", "stoppage minutes must be in [0, 20]");
    }
    for (double weight : m.shape) {
        if (!InRange(weight, 1e-6, 100.0)) {
            return InvalidArgument("shape", std::to_string(weight) + " is not a positive relative intensity");
        }
    }
    const double multipliers[] = {m.leading_mult, m.trailing_mult, m.red_own_mult, m.red_opp_mult};
    for (double mult : multipliers) {
        if (!InRange(mult, 0.05, 20.0)) {
            return InvalidArgument("multiplier", std::to_string(mult) + " is outside [0.05, 20]");
        }
    }
    if (!InRange(m.home_reds_per_match, 0.0, 5.0) || !InRange(m.away_reds_per_match, 0.0, 5.0)) {
        return InvalidArgument("reds_per_match", "red-card rates must be in [0, 5] per match");
    }

    ks::SoccerParams p{};
    const double s1 = m.first_half_stoppage;
    const double s2 = m.second_half_stoppage;
    const double ends[ks::kSegments] = {15, 30, 45, 45 + s1, 60 + s1, 75 + s1, 90 + s1, 90 + s1 + s2};
    double lambda = 0.0; // shape-minutes of the whole match
    double start = 0.0;
    for (int k = 0; k < ks::kSegments; ++k) {
        p.segment_end[k] = ends[k];
        p.shape[k] = m.shape[static_cast<std::size_t>(k)];
        lambda += p.shape[k] * (ends[k] - start);
        p.shape_end[k] = lambda;
        start = ends[k];
    }
    // xG and red cards per match are integrals over the match; per shape-minute they divide by lambda.
    p.goal_rate[0] = m.home_xg / lambda;
    p.goal_rate[1] = m.away_xg / lambda;
    p.red_rate[0] = m.home_reds_per_match / lambda;
    p.red_rate[1] = m.away_reds_per_match / lambda;
    p.leading_mult = m.leading_mult;
    p.trailing_mult = m.trailing_mult;
    for (int own = 0; own <= ks::kMaxReds; ++own) {
        for (int opp = 0; opp <= ks::kMaxReds; ++opp) {
            p.red_factor[own][opp] = std::pow(m.red_own_mult, own) * std::pow(m.red_opp_mult, opp);
        }
    }
    p.first_half_stoppage = s1;
    return p;
}

Result<SoccerModel> SoccerModelFromJson(const nlohmann::json& json) {
    if (!json.is_object()) {
        return InvalidArgument("params", "expected a JSON object");
    }
    SoccerModel m;
    const std::pair<const char*, double*> fields[] = {
        {"home_xg", &m.home_xg},
        {"away_xg", &m.away_xg},
        {"first_half_stoppage", &m.first_half_stoppage},
        {"second_half_stoppage", &m.second_half_stoppage},
        {"leading_mult", &m.leading_mult},
        {"trailing_mult", &m.trailing_mult},
        {"home_reds_per_match", &m.home_reds_per_match},
        {"away_reds_per_match", &m.away_reds_per_match},
        {"red_own_mult", &m.red_own_mult},
        {"red_opp_mult", &m.red_opp_mult},
    };
    if (Status s = CheckKnownFields(json,
                                    {"home_xg", "away_xg", "first_half_stoppage", "second_half_stoppage",
                                     "leading_mult", "trailing_mult", "home_reds_per_match", "away_reds_per_match",
                                     "red_own_mult", "red_opp_mult", "shape"},
                                    "params");
        !s.ok()) {
        return s;
    }
    for (const auto& [name, target] : fields) {
        Result<double> value = NumberField(json, name, *target, "params");
        if (!value.ok()) {
            return value.status();
        }
        *target = value.value();
    }
    if (const auto it = json.find("shape"); it != json.end()) {
        if (!it->is_array() || it->size() != m.shape.size()) {
            return InvalidArgument("params.shape",
                                   "expected an array of " + std::to_string(m.shape.size()) + " numbers");
        }
        for (std::size_t k = 0; k < m.shape.size(); ++k) {
            if (!(*it)[k].is_number()) {
                return InvalidArgument("params.shape", "expected numbers");
            }
            m.shape[k] = (*it)[k].get<double>();
        }
    }
    if (Result<ks::SoccerParams> check = MakeSoccerParams(m); !check.ok()) {
        return check.status();
    }
    return m;
}

nlohmann::json ToJson(const SoccerModel& m) {
    return {{"home_xg", m.home_xg},
            {"away_xg", m.away_xg},
            {"shape", m.shape},
            {"first_half_stoppage", m.first_half_stoppage},
            {"second_half_stoppage", m.second_half_stoppage},
            {"leading_mult", m.leading_mult},
            {"trailing_mult", m.trailing_mult},
            {"home_reds_per_match", m.home_reds_per_match},
            {"away_reds_per_match", m.away_reds_per_match},
            {"red_own_mult", m.red_own_mult},
            {"red_opp_mult", m.red_opp_mult}};
}

} // namespace simbook::models
