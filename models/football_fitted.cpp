#include "models/football_fitted.hpp"

#include "models/football_data.hpp"
#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <utility>

namespace simbook::models {

namespace {

namespace kf = kernels::football;

// League drive-outcome curves by where the drive stands (yard line from the offence's own goal line): knots
// (yard line, P(touchdown), P(field goal), P(safety)), linear in between (see DriveEndsAtYardLine).
struct Knot {
    double yard, td, fg, safety;
};
constexpr std::array<Knot, 12> kCurve{{{0, 0.10, 0.06, 0.060},
                                       {5, 0.12, 0.08, 0.025},
                                       {10, 0.15, 0.10, 0.012},
                                       {20, 0.19, 0.13, 0.005},
                                       {28, 0.215, 0.145, 0.004},
                                       {40, 0.27, 0.18, 0.002},
                                       {50, 0.32, 0.22, 0.001},
                                       {60, 0.38, 0.27, 0.0},
                                       {70, 0.45, 0.32, 0.0},
                                       {80, 0.53, 0.34, 0.0},
                                       {95, 0.70, 0.24, 0.0},
                                       {100, 0.80, 0.16, 0.0}}};

Knot CurveAt(double y) {
    y = std::clamp(y, 0.0, 100.0);
    for (std::size_t k = 1; k < kCurve.size(); ++k) {
        if (y <= kCurve[k].yard) {
            const Knot& a = kCurve[k - 1];
            const Knot& b = kCurve[k];
            const double t = (y - a.yard) / (b.yard - a.yard);
            return {y, a.td + t * (b.td - a.td), a.fg + t * (b.fg - a.fg), a.safety + t * (b.safety - a.safety)};
        }
    }
    return kCurve.back();
}

Result<nlohmann::json> TeamObject(const nlohmann::json& json, const char* name) {
    const auto it = json.find(name);
    if (it == json.end() || !it->is_object()) {
        return InvalidArgument(name, "must be an object {\"name\", \"points\"}");
    }
    return *it;
}

} // namespace

FootballMatchModel ExampleFootballMatch() {
    return FootballMatchModel{};
}

Status ValidateFootballMatch(const FootballMatchModel& m) {
    if (!InRange(m.home_points, 3.0, 60.0) || m.home_points <= 3.0) {
        return InvalidArgument("home.points", std::to_string(m.home_points) + " is outside (3, 60]");
    }
    if (!InRange(m.away_points, 3.0, 60.0) || m.away_points <= 3.0) {
        return InvalidArgument("away.points", std::to_string(m.away_points) + " is outside (3, 60]");
    }
    if (!InRange(m.home_advantage, -1.0, 1.0)) {
        return InvalidArgument("home_advantage", "must be in [-1, 1] (log points)");
    }
    if (m.season < 2000 || m.season > 2100) {
        return InvalidArgument("season", std::to_string(m.season) + " is outside 2000..2100");
    }
    return Status::Ok();
}

Result<FootballMatchModel> FootballMatchFromJson(const nlohmann::json& json) {
    if (!json.is_object()) {
        return InvalidArgument("model", "expected a JSON object");
    }
    if (Status s =
            CheckKnownFields(json, {"sport", "home", "away", "home_advantage", "season", "playoff", "clock"}, "");
        !s.ok()) {
        return s;
    }
    FootballMatchModel m;
    for (const char* side : {"home", "away"}) {
        auto team = TeamObject(json, side);
        if (!team.ok()) {
            return team.status();
        }
        if (Status s = CheckKnownFields(*team, {"name", "points"}, side); !s.ok()) {
            return s;
        }
        auto name = StringField(*team, "name", std::string(side), side);
        auto points = NumberField(*team, "points", std::nullopt, side, 3.0, 60.0);
        if (!name.ok()) {
            return name.status();
        }
        if (!points.ok()) {
            return points.status();
        }
        (side[0] == 'h' ? m.home_name : m.away_name) = *name;
        (side[0] == 'h' ? m.home_points : m.away_points) = *points;
    }
    auto advantage = NumberField(json, "home_advantage", 0.0, "", -1.0, 1.0);
    auto season = IntField(json, "season", 2019, "", 2000, 2100);
    auto playoff = BoolField(json, "playoff", false, "");
    auto clock = BoolField(json, "clock", true, "");
    if (!advantage.ok()) {
        return advantage.status();
    }
    if (!season.ok()) {
        return season.status();
    }
    if (!playoff.ok()) {
        return playoff.status();
    }
    if (!clock.ok()) {
        return clock.status();
    }
    m.home_advantage = *advantage;
    m.season = static_cast<int>(*season);
    m.playoff = *playoff;
    m.clock = *clock;
    if (Status s = ValidateFootballMatch(m); !s.ok()) {
        return s;
    }
    return m;
}

nlohmann::json FootballMatchToJson(const FootballMatchModel& m) {
    return {{"sport", "football"},
            {"home", {{"name", m.home_name.empty() ? "home" : m.home_name}, {"points", m.home_points}}},
            {"away", {{"name", m.away_name.empty() ? "away" : m.away_name}, {"points", m.away_points}}},
            {"home_advantage", m.home_advantage},
            {"season", m.season},
            {"playoff", m.playoff},
            {"clock", m.clock}};
}

nlohmann::json ToJson(const FootballMatchModel& model) {
    return FootballMatchToJson(model);
}

kf::FootballParams MakeFootballMatchParams(const FootballMatchModel& m) {
    return MakeFootballParams(FootballLeague{}, m.home_points, m.away_points, FootballRulesFor(m.season, m.playoff),
                              m.clock);
}

double EffectiveYardLine(int yard_line, int down, int distance) {
    double y = yard_line;
    if (down > 0) {
        y -= 3.0 * (down - 1) + 0.5 * std::max(0, distance - 10);
    }
    return std::clamp(y, 0.0, 100.0);
}

DriveEnds DriveEndsAtYardLine(const DriveEnds& normal, double yard_line) {
    const Knot at = CurveAt(yard_line);
    const Knot base = CurveAt(kNormalStartYardLine);
    DriveEnds e;
    e.p[0] = normal.p[0] * at.td / base.td;
    e.p[1] = normal.p[1] * at.fg / base.fg;
    e.p[2] = base.safety > 0.0 ? normal.p[2] * at.safety / base.safety : at.safety;
    e.p[3] = normal.p[3];
    // At least 3% of drives end without points or a turnover; scoring gives way first.
    const double scoring = e.p[0] + e.p[1] + e.p[2];
    const double room = 0.97 - e.p[3];
    if (scoring > room) {
        for (int k = 0; k < 3; ++k) {
            e.p[k] *= room / scoring;
        }
    }
    e.p[4] = 1.0 - e.p[0] - e.p[1] - e.p[2] - e.p[3];
    return e;
}

double DriveExpectedPoints(const DriveEnds& e) {
    return 6.94 * e.p[0] + 3.0 * e.p[1] - 2.0 * e.p[2];
}

nlohmann::json FittedFootballToJson(const FootballRatings& r, int season, int week) {
    nlohmann::json teams = nlohmann::json::object();
    for (const std::string& team : FootballFranchises()) {
        const auto attack = r.attack.find(team);
        const auto defence = r.defence.find(team);
        teams[team] = {{"attack", attack == r.attack.end() ? 0.0 : attack->second},
                       {"defence", defence == r.defence.end() ? 0.0 : defence->second}};
    }
    return {{"model", "nfl-drives"},
            {"sport", "football"},
            {"league", "nfl"},
            {"season", season},
            {"week", week},
            {"games", r.games},
            {"intercept", r.intercept},
            {"home_advantage", r.home_advantage},
            {"margin_scale", r.margin_scale},
            {"teams", teams},
            {"notice", std::string(FootballDataNotice())},
            {"assumptions",
             {"ratings: log expected points, attack minus the opponent's defence, fitted by FitFootballRatings with "
              "its default options on every game before the season and week above",
              "a game's expected points: FootballRatings::ExpectedPoints (home advantage, margin stretched by "
              "margin_scale); the drive model and its rules: models/football_model.hpp"}}};
}

Result<FootballRatings> FittedFootballFromJson(const nlohmann::json& json, int* season) {
    if (!json.is_object() || !json.contains("sport") || json["sport"] != "football") {
        return InvalidArgument("sport", "not a fitted football file");
    }
    FootballRatings r;
    auto intercept = NumberField(json, "intercept", std::nullopt, "", -10.0, 10.0);
    auto advantage = NumberField(json, "home_advantage", std::nullopt, "", -1.0, 1.0);
    auto scale = NumberField(json, "margin_scale", 1.0, "", 0.1, 10.0);
    auto year = IntField(json, "season", std::nullopt, "", 2000, 2100);
    auto games = IntField(json, "games", 0, "", 0, 1000000);
    for (const Status& s : {intercept.status(), advantage.status(), scale.status(), year.status(), games.status()}) {
        if (!s.ok()) {
            return s;
        }
    }
    r.intercept = *intercept;
    r.home_advantage = *advantage;
    r.margin_scale = *scale;
    r.games = static_cast<int>(*games);
    const auto teams = json.find("teams");
    if (teams == json.end() || !teams->is_object()) {
        return InvalidArgument("teams", "must be an object of franchises");
    }
    for (const auto& [name, team] : teams->items()) {
        auto attack = NumberField(team, "attack", std::nullopt, "teams." + name, -3.0, 3.0);
        auto defence = NumberField(team, "defence", std::nullopt, "teams." + name, -3.0, 3.0);
        if (!attack.ok()) {
            return attack.status();
        }
        if (!defence.ok()) {
            return defence.status();
        }
        r.attack[name] = *attack;
        r.defence[name] = *defence;
    }
    if (season != nullptr) {
        *season = static_cast<int>(*year);
    }
    return r;
}

std::string FittedNflPath(const std::string& params_dir) {
    return params_dir + "/nfl/teams.json";
}

Result<FootballMatchModel> FittedNflMatch(const std::string& params_dir, const std::string& home,
                                          const std::string& away) {
    const std::string path = FittedNflPath(params_dir);
    std::ifstream in(path);
    if (!in.is_open()) {
        return Status(StatusCode::kUnavailable,
                      "no fitted NFL teams at " + path + " (run simbook fit --sport football)");
    }
    const nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
    if (json.is_discarded()) {
        return Status(StatusCode::kUnavailable, path + ": not valid JSON");
    }
    int season = 0;
    Result<FootballRatings> ratings = FittedFootballFromJson(json, &season);
    if (!ratings.ok()) {
        return Status(StatusCode::kUnavailable, path + ": " + ratings.status().message());
    }
    for (const auto& [field, team] : {std::pair{"home", home}, std::pair{"away", away}}) {
        if (ratings->attack.find(team) == ratings->attack.end()) {
            return InvalidArgument(field,
                                   "unknown NFL team \"" + team + "\" (franchise nicknames: Patriots, 49ers, ...)");
        }
    }
    if (home == away) {
        return InvalidArgument("away", "a team cannot play itself");
    }
    FootballMatchModel m;
    m.home_name = home;
    m.away_name = away;
    const auto points = ratings->ExpectedPoints(home, away);
    m.home_points = std::clamp(points.first, 3.01, 60.0);
    m.away_points = std::clamp(points.second, 3.01, 60.0);
    m.home_advantage = ratings->home_advantage;
    m.season = season;
    return m;
}

} // namespace simbook::models
