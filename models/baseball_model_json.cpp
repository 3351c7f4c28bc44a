//! The baseball model's checks and its JSON form (models/params/mlb files, the fitted matchups); the model's
//! transitions and solves are in baseball_model.cpp.
#include "models/baseball_model.hpp"

#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <utility>

namespace simbook::models {
namespace {

Status ValidateRates(const PaRates& rates, const std::string& field, bool positive) {
    double sum = 0.0;
    for (int i = 0; i < kPaOutcomes; ++i) {
        const double p = rates[static_cast<std::size_t>(i)];
        const std::string name = FieldPath(field, PaOutcomeNames()[static_cast<std::size_t>(i)]);
        if (!InRange(p, 0.0, 1.0)) {
            return InvalidArgument(name, std::to_string(p) + " is not a probability in [0, 1]");
        }
        if (positive && !(p > 0.0)) {
            return InvalidArgument(name, "must be positive (the log5 reference divides by it)");
        }
        sum += p;
    }
    if (std::abs(sum - 1.0) > 1e-6) {
        return InvalidArgument(field, "rates sum to " + std::to_string(sum) + ", not 1");
    }
    if (rates[static_cast<std::size_t>(PaOutcome::kStrikeout)] + rates[static_cast<std::size_t>(PaOutcome::kOtherOut)] <
        0.2) {
        return InvalidArgument(field, "outs (strikeout + other_out) below 0.2: innings would hardly end");
    }
    return Status::Ok();
}

Status ValidateTeam(const BaseballTeamModel& team, const std::string& side) {
    for (const auto& [rates, name] :
         {std::pair{&team.batting, "batting"}, std::pair{&team.pitching.starter_rates, "pitching.starter_rates"},
          std::pair{&team.pitching.bullpen_rates, "pitching.bullpen_rates"}}) {
        if (Status s = ValidateRates(*rates, side + "." + name, false); !s.ok()) {
            return s;
        }
    }
    if (!InRange(team.pitching.starter_innings, 0.0, 9.0)) {
        return InvalidArgument(side + ".pitching.starter_innings",
                               std::to_string(team.pitching.starter_innings) + " is outside [0, 9]");
    }
    return Status::Ok();
}

std::array<std::pair<const char*, double*>, 6> RunningFields(BaseRunning& r) {
    return {{{"single_second_scores", &r.single_second_scores},
             {"single_first_to_third", &r.single_first_to_third},
             {"double_first_scores", &r.double_first_scores},
             {"double_play", &r.double_play},
             {"sacrifice_fly", &r.sacrifice_fly},
             {"out_advance", &r.out_advance}}};
}

Result<PaRates> RatesFromJson(const nlohmann::json& json, const std::string& field) {
    if (!json.is_object()) {
        return InvalidArgument(field, "must be an object of outcome probabilities");
    }
    const auto& names = PaOutcomeNames();
    if (Status s =
            CheckKnownFields(json, {names[0], names[1], names[2], names[3], names[4], names[5], names[6]}, field);
        !s.ok()) {
        return s;
    }
    PaRates rates{};
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto p = NumberField(json, names[i], std::nullopt, field, 0.0, 1.0);
        if (!p) {
            return p.status();
        }
        rates[i] = *p;
    }
    return rates;
}

nlohmann::json RatesToJson(const PaRates& rates) {
    nlohmann::json json = nlohmann::json::object();
    for (std::size_t i = 0; i < rates.size(); ++i) {
        json[PaOutcomeNames()[i]] = rates[i];
    }
    return json;
}

Result<PitchingStaff> StaffFromJson(const nlohmann::json& json, const std::string& field) {
    if (!json.is_object()) {
        return InvalidArgument(field, "must be an object");
    }
    if (Status s = CheckKnownFields(json, {"starter", "starter_rates", "starter_innings", "bullpen_rates"}, field);
        !s.ok()) {
        return s;
    }
    PitchingStaff staff;
    auto name = StringField(json, "starter", std::string("starter"), field);
    auto innings = NumberField(json, "starter_innings", 5.7, field, 0.0, 9.0);
    if (!name || !innings) {
        return !name ? name.status() : innings.status();
    }
    for (const auto& [key, rates] :
         {std::pair{"starter_rates", &staff.starter_rates}, std::pair{"bullpen_rates", &staff.bullpen_rates}}) {
        if (!json.contains(key)) {
            return InvalidArgument(FieldPath(field, key), "required");
        }
        auto r = RatesFromJson(json.at(key), FieldPath(field, key));
        if (!r) {
            return r.status();
        }
        *rates = *r;
    }
    staff.starter = *name;
    staff.starter_innings = *innings;
    return staff;
}

Result<BaseballTeamModel> TeamFromJson(const nlohmann::json& json, const std::string& field) {
    if (!json.is_object()) {
        return InvalidArgument(field, "must be an object");
    }
    if (Status s = CheckKnownFields(json, {"name", "batting", "pitching"}, field); !s.ok()) {
        return s;
    }
    BaseballTeamModel team;
    auto name = StringField(json, "name", std::nullopt, field);
    if (!name) {
        return name.status();
    }
    team.name = *name;
    for (const char* key : {"batting", "pitching"}) {
        if (!json.contains(key)) {
            return InvalidArgument(FieldPath(field, key), "required");
        }
    }
    auto batting = RatesFromJson(json.at("batting"), FieldPath(field, "batting"));
    if (!batting) {
        return batting.status();
    }
    auto staff = StaffFromJson(json.at("pitching"), FieldPath(field, "pitching"));
    if (!staff) {
        return staff.status();
    }
    team.batting = *batting;
    team.pitching = *std::move(staff);
    return team;
}

nlohmann::json TeamToJson(const BaseballTeamModel& t) {
    return {{"name", t.name},
            {"batting", RatesToJson(t.batting)},
            {"pitching",
             {{"starter", t.pitching.starter},
              {"starter_rates", RatesToJson(t.pitching.starter_rates)},
              {"starter_innings", t.pitching.starter_innings},
              {"bullpen_rates", RatesToJson(t.pitching.bullpen_rates)}}}};
}

Result<BaseRunning> RunningFromJson(const nlohmann::json& json, const std::string& field) {
    BaseRunning running;
    if (!json.is_object()) {
        return InvalidArgument(field, "must be an object");
    }
    if (Status s = CheckKnownFields(json,
                                    {"single_second_scores", "single_first_to_third", "double_first_scores",
                                     "double_play", "sacrifice_fly", "out_advance"},
                                    field);
        !s.ok()) {
        return s;
    }
    for (auto [name, value] : RunningFields(running)) {
        auto p = NumberField(json, name, *value, field, 0.0, 1.0);
        if (!p) {
            return p.status();
        }
        *value = *p;
    }
    return running;
}

//! "inning_factors": nine numbers in [0.5, 2]; all 1 when absent.
Result<std::array<double, 9>> InningFactorsFromJson(const nlohmann::json& json) {
    std::array<double, 9> factors{1, 1, 1, 1, 1, 1, 1, 1, 1};
    const auto it = json.find("inning_factors");
    if (it == json.end()) {
        return factors;
    }
    if (!it->is_array() || it->size() != factors.size()) {
        return InvalidArgument("inning_factors", "must be an array of 9 numbers (innings 1 to 9)");
    }
    for (std::size_t i = 0; i < factors.size(); ++i) {
        const nlohmann::json& x = (*it)[i];
        if (!x.is_number() || !InRange(x.get<double>(), 0.5, 2.0)) {
            return InvalidArgument("inning_factors[" + std::to_string(i) + "]",
                                   x.dump() + " is not a number in [0.5, 2]");
        }
        factors[i] = x.get<double>();
    }
    return factors;
}

} // namespace

Status ValidateBaseballModel(const BaseballModel& model) {
    if (Status s = ValidateTeam(model.home, "home"); !s.ok()) {
        return s;
    }
    if (Status s = ValidateTeam(model.away, "away"); !s.ok()) {
        return s;
    }
    if (Status s = ValidateRates(model.league, "league", true); !s.ok()) {
        return s;
    }
    BaseRunning running = model.running;
    for (auto [name, value] : RunningFields(running)) {
        if (!InRange(*value, 0.0, 1.0)) {
            return InvalidArgument(std::string("running.") + name, std::to_string(*value) + " is not a probability");
        }
    }
    if (!InRange(model.day_sd, 0.0, 0.5)) {
        return InvalidArgument("day_sd", std::to_string(model.day_sd) + " is outside [0, 0.5]");
    }
    for (std::size_t i = 0; i < model.inning_factors.size(); ++i) {
        if (!InRange(model.inning_factors[i], 0.5, 2.0)) {
            return InvalidArgument("inning_factors[" + std::to_string(i) + "]",
                                   std::to_string(model.inning_factors[i]) + " is outside [0.5, 2]");
        }
    }
    for (const auto& [name, value] :
         {std::pair{"home_run_factor", model.home_run_factor}, std::pair{"park_factor", model.park_factor}}) {
        if (!InRange(value, 0.5, 2.0)) {
            return InvalidArgument(name, std::to_string(value) + " is outside [0.5, 2]");
        }
    }
    return Status::Ok();
}

BaseballModel ExampleBaseballModel() {
    BaseballModel m;
    // Roughly the 2014-18 league per plate appearance (K, other out, BB+HBP, 1B, 2B, 3B, HR).
    m.league = {0.212, 0.4665, 0.0935, 0.1455, 0.0455, 0.0050, 0.0320};
    m.home.name = "Home";
    m.home.batting = {0.200, 0.4670, 0.0960, 0.1480, 0.0470, 0.0050, 0.0370};
    m.home.pitching = {"Home Starter",
                       {0.235, 0.4640, 0.0850, 0.1390, 0.0430, 0.0045, 0.0295},
                       6.2,
                       {0.225, 0.4530, 0.0990, 0.1440, 0.0440, 0.0050, 0.0300}};
    m.away.name = "Away";
    m.away.batting = {0.225, 0.4640, 0.0900, 0.1440, 0.0450, 0.0050, 0.0270};
    m.away.pitching = {"Away Starter",
                       {0.205, 0.4670, 0.0930, 0.1500, 0.0465, 0.0050, 0.0335},
                       5.3,
                       {0.230, 0.4570, 0.0960, 0.1430, 0.0435, 0.0045, 0.0260}};
    m.home_run_factor = 1.02;
    m.park_factor = 1.04;
    m.inning_factors = {1.14, 0.93, 1.01, 1.03, 1.02, 1.02, 0.96, 0.95, 0.94};
    m.day_sd = 0.25;
    return m;
}

Result<BaseballModel> BaseballModelFromJson(const nlohmann::json& json) {
    if (!json.is_object()) {
        return InvalidArgument("model", "must be a JSON object");
    }
    if (Status s = CheckKnownFields(json,
                                    {"home", "away", "league", "running", "home_run_factor", "park_factor",
                                     "automatic_runner", "inning_factors", "day_sd"},
                                    "");
        !s.ok()) {
        return s;
    }
    for (const char* key : {"home", "away", "league"}) {
        if (!json.contains(key)) {
            return InvalidArgument(key, "required");
        }
    }
    BaseballModel m;
    auto home = TeamFromJson(json.at("home"), "home");
    auto away = home ? TeamFromJson(json.at("away"), "away") : home;
    auto league = RatesFromJson(json.at("league"), "league");
    if (!home || !away || !league) {
        return !home ? home.status() : !away ? away.status() : league.status();
    }
    auto running = RunningFromJson(json.value("running", nlohmann::json::object()), "running");
    auto home_factor = NumberField(json, "home_run_factor", 1.0, "", 0.5, 2.0);
    auto park = NumberField(json, "park_factor", 1.0, "", 0.5, 2.0);
    auto automatic = BoolField(json, "automatic_runner", false, "");
    auto day_sd = NumberField(json, "day_sd", 0.0, "", 0.0, 0.5);
    if (!running || !home_factor || !park || !automatic || !day_sd) {
        return !running       ? running.status()
               : !home_factor ? home_factor.status()
               : !park        ? park.status()
               : !automatic   ? automatic.status()
                              : day_sd.status();
    }
    m.day_sd = *day_sd;
    m.home = *std::move(home);
    m.away = *std::move(away);
    m.league = *league;
    m.running = *running;
    m.home_run_factor = *home_factor;
    m.park_factor = *park;
    m.automatic_runner = *automatic;
    if (auto factors = InningFactorsFromJson(json); !factors) {
        return factors.status();
    } else {
        m.inning_factors = *factors;
    }
    if (Status s = ValidateBaseballModel(m); !s.ok()) {
        return s;
    }
    return m;
}

nlohmann::json ToJson(const BaseballModel& model) {
    BaseRunning running = model.running;
    nlohmann::json run = nlohmann::json::object();
    for (auto [name, value] : RunningFields(running)) {
        run[name] = *value;
    }
    return {{"home", TeamToJson(model.home)},
            {"away", TeamToJson(model.away)},
            {"league", RatesToJson(model.league)},
            {"running", run},
            {"home_run_factor", model.home_run_factor},
            {"park_factor", model.park_factor},
            {"automatic_runner", model.automatic_runner},
            {"inning_factors", model.inning_factors},
            {"day_sd", model.day_sd}};
}

} // namespace simbook::models
