#include "models/baseball_fitted.hpp"

#include "models/json_fields.hpp"
#include "models/soccer_data.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <utility>

// Sets lhs to the value of a Result expression, or returns its error.
#define SIMBOOK_FITTED_ASSIGN(lhs, expr)                                                                               \
    do {                                                                                                               \
        auto result_ = (expr);                                                                                         \
        if (!result_.ok()) {                                                                                           \
            return result_.status();                                                                                   \
        }                                                                                                              \
        lhs = std::move(result_).value();                                                                              \
    } while (false)

namespace simbook::models {

namespace {

nlohmann::json Rates(const PaRates& rates) {
    nlohmann::json json = nlohmann::json::object();
    for (std::size_t i = 0; i < rates.size(); ++i) {
        json[PaOutcomeNames()[i]] = rates[i];
    }
    return json;
}

Result<PaRates> RatesAt(const nlohmann::json& json, const char* name, const std::string& path) {
    const std::string field = FieldPath(path, name);
    const auto it = json.find(name);
    if (it == json.end() || !it->is_object()) {
        return InvalidArgument(field, "must be an object of outcome probabilities");
    }
    PaRates rates{};
    for (std::size_t i = 0; i < rates.size(); ++i) {
        auto p = NumberField(*it, PaOutcomeNames()[i], std::nullopt, field, 0.0, 1.0);
        if (!p.ok()) {
            return p.status();
        }
        rates[i] = *p;
    }
    return rates;
}

std::array<std::pair<const char*, double*>, 6> RunningFields(BaseRunning& r) {
    return {{{"single_second_scores", &r.single_second_scores},
             {"single_first_to_third", &r.single_first_to_third},
             {"double_first_scores", &r.double_first_scores},
             {"double_play", &r.double_play},
             {"sacrifice_fly", &r.sacrifice_fly},
             {"out_advance", &r.out_advance}}};
}

Result<std::string> StringAt(const nlohmann::json& json, const char* name, const std::string& path) {
    return StringField(json, name, std::nullopt, path);
}

} // namespace

nlohmann::json FittedBaseballToJson(const FittedBaseball& fit) {
    BaseRunning running = fit.running;
    nlohmann::json run = nlohmann::json::object();
    for (auto [name, value] : RunningFields(running)) {
        run[name] = *value;
    }
    nlohmann::json teams = nlohmann::json::object();
    for (const auto& [code, t] : fit.teams) {
        teams[code] = {{"batting", Rates(t.batting)}, {"pitching", Rates(t.pitching)}, {"home_park", t.home_park}};
    }
    nlohmann::json starters = nlohmann::json::object();
    for (const auto& [id, s] : fit.starters) {
        starters[id] = {{"name", s.name}, {"team", s.team}, {"starts", s.starts}, {"rates", Rates(s.rates)}};
    }
    return {{"model", "baseball-pa"},
            {"sport", "baseball"},
            {"league", "mlb"},
            {"before", FormatDate(fit.before)},
            {"games", fit.game_count},
            {"league_rates", Rates(fit.league)},
            {"running", run},
            {"starter_innings", fit.starter_innings},
            {"home_run_factor", fit.home_run_factor},
            {"inning_factors", fit.inning_factors},
            {"day_sd", fit.day_sd},
            {"park_factors", fit.park_factors},
            {"teams", teams},
            {"starters", starters},
            {"assumptions", fit.assumptions}};
}

Result<FittedBaseball> FittedBaseballFromJson(const nlohmann::json& json) {
    if (!json.is_object()) {
        return InvalidArgument("fit", "must be a JSON object");
    }
    FittedBaseball fit;
    SIMBOOK_FITTED_ASSIGN(fit.league, RatesAt(json, "league_rates", ""));
    const auto run = json.find("running");
    if (run == json.end() || !run->is_object()) {
        return InvalidArgument("running", "must be an object");
    }
    for (auto [name, value] : RunningFields(fit.running)) {
        SIMBOOK_FITTED_ASSIGN(*value, NumberField(*run, name, std::nullopt, "running", 0.0, 1.0));
    }
    SIMBOOK_FITTED_ASSIGN(fit.starter_innings, NumberField(json, "starter_innings", std::nullopt, "", 0.0, 9.0));
    SIMBOOK_FITTED_ASSIGN(fit.home_run_factor, NumberField(json, "home_run_factor", std::nullopt, "", 0.5, 2.0));
    SIMBOOK_FITTED_ASSIGN(fit.day_sd, NumberField(json, "day_sd", 0.0, "", 0.0, 0.5));
    const auto factors = json.find("inning_factors");
    if (factors == json.end() || !factors->is_array() || factors->size() != 9) {
        return InvalidArgument("inning_factors", "must be nine numbers");
    }
    for (std::size_t i = 0; i < 9; ++i) {
        const nlohmann::json& f = (*factors)[i];
        if (!f.is_number() || !InRange(f.get<double>(), 0.5, 2.0)) {
            return InvalidArgument("inning_factors[" + std::to_string(i) + "]", "must be a number in [0.5, 2]");
        }
        fit.inning_factors[i] = f.get<double>();
    }
    const auto parks = json.find("park_factors");
    if (parks == json.end() || !parks->is_object()) {
        return InvalidArgument("park_factors", "must be an object of park factors");
    }
    for (const auto& [park, f] : parks->items()) {
        if (!f.is_number() || !InRange(f.get<double>(), 0.5, 2.0)) {
            return InvalidArgument("park_factors." + park, "must be a number in [0.5, 2]");
        }
        fit.park_factors[park] = f.get<double>();
    }
    const auto teams = json.find("teams");
    if (teams == json.end() || !teams->is_object() || teams->empty()) {
        return InvalidArgument("teams", "must be a non-empty object of teams");
    }
    for (const auto& [code, t] : teams->items()) {
        const std::string path = "teams." + code;
        if (!t.is_object()) {
            return InvalidArgument(path, "must be an object");
        }
        FittedBaseballTeam team;
        team.code = code;
        SIMBOOK_FITTED_ASSIGN(team.batting, RatesAt(t, "batting", path));
        SIMBOOK_FITTED_ASSIGN(team.pitching, RatesAt(t, "pitching", path));
        SIMBOOK_FITTED_ASSIGN(team.home_park, StringAt(t, "home_park", path));
        fit.teams[code] = team;
    }
    const auto starters = json.find("starters");
    if (starters != json.end()) {
        if (!starters->is_object()) {
            return InvalidArgument("starters", "must be an object of starters");
        }
        for (const auto& [id, s] : starters->items()) {
            const std::string path = "starters." + id;
            if (!s.is_object()) {
                return InvalidArgument(path, "must be an object");
            }
            FittedStarter starter;
            starter.id = id;
            SIMBOOK_FITTED_ASSIGN(starter.name, StringAt(s, "name", path));
            SIMBOOK_FITTED_ASSIGN(starter.team, StringAt(s, "team", path));
            SIMBOOK_FITTED_ASSIGN(starter.rates, RatesAt(s, "rates", path));
            fit.starters[id] = starter;
        }
    }
    return fit;
}

std::string FittedMlbPath(const std::string& params_dir) {
    return params_dir + "/mlb/teams.json";
}

Result<BaseballModel> FittedMlbMatch(const std::string& params_dir, const std::string& home, const std::string& away) {
    const std::string path = FittedMlbPath(params_dir);
    std::ifstream in(path);
    if (!in.is_open()) {
        return Status(StatusCode::kUnavailable,
                      "no fitted MLB teams at " + path + " (run simbook fit --sport baseball)");
    }
    const nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
    if (json.is_discarded()) {
        return Status(StatusCode::kUnavailable, path + ": not valid JSON");
    }
    Result<FittedBaseball> fit = FittedBaseballFromJson(json);
    if (!fit.ok()) {
        return Status(StatusCode::kUnavailable, path + ": " + fit.status().message());
    }
    const auto split = [](const std::string& text) {
        const std::size_t slash = text.find('/');
        return slash == std::string::npos ? std::pair{text, std::string()}
                                          : std::pair{text.substr(0, slash), text.substr(slash + 1)};
    };
    const auto [home_team, home_starter] = split(home);
    const auto [away_team, away_starter] = split(away);
    for (const auto& [field, id] : {std::pair{"home", home_starter}, std::pair{"away", away_starter}}) {
        if (!id.empty() && fit->starters.find(id) == fit->starters.end()) {
            return InvalidArgument(field, "unknown starter \"" + id + "\"");
        }
    }
    return MakeBaseballMatchup(fit.value(), home_team, away_team, home_starter, away_starter);
}

} // namespace simbook::models

#undef SIMBOOK_FITTED_ASSIGN
