#include "whatif/scenario_sport.hpp"

#include <algorithm>
#include <cmath>

namespace simbook::whatif {

using change_fields::CheckFields;
using change_fields::Number;
using change_fields::Prefix;

namespace {

//! Expected points a team loses when its starting quarterback is out and no amount is given. Assumption (the data
//! has no players): closing lines of the 2011-18 seasons moved by about 3 to 7 points when a starter was ruled out;
//! 4 is a middling starter's worth.
constexpr double kDefaultQuarterbackPoints = 4.0;

} // namespace

std::optional<Result<Change>> ParseSportChange(const models::FootballMatchModel&, const std::string& type,
                                               const nlohmann::json& j, const std::string& path,
                                               const TeamReader& team) {
    if (type != "quarterback_out") {
        return std::nullopt;
    }
    Change c;
    c.type = ChangeType::kQuarterbackOut;
    if (Status s = CheckFields(j, {"team", "points"}, path); !s.ok()) {
        return s;
    }
    Result<int> t = team(false);
    if (!t.ok()) {
        return t.status();
    }
    c.team = *t;
    c.value = kDefaultQuarterbackPoints;
    if (j.contains("points")) {
        Result<double> points = Number(j, "points", path, 0.0, 14.0);
        if (!points.ok()) {
            return points.status();
        }
        c.value = *points;
    }
    return c;
}

Status ApplyNeutral(models::FootballMatchModel& model, const GameModel&, const std::string&) {
    // Both teams play as a visitor would plus half the home advantage: the home team gives up half of it and the
    // away team gets half (the fit's intercept is a visitor's, its home_advantage the home team's extra).
    const double half = 0.5 * model.home_advantage;
    model.home_points = std::max(3.01, model.home_points * std::exp(-half));
    model.away_points = std::min(60.0, model.away_points * std::exp(half));
    model.home_advantage = 0.0;
    return Status::Ok();
}

Status ApplyModelChanges(models::FootballMatchModel& model, const std::vector<Change>& changes,
                         const std::string& path) {
    for (const Change& c : changes) {
        if (c.type != ChangeType::kQuarterbackOut) {
            continue;
        }
        double& points = c.team == 0 ? model.home_points : model.away_points;
        points = std::max(3.01, points - c.value.value_or(kDefaultQuarterbackPoints));
    }
    if (Status s = models::ValidateFootballMatch(model); !s.ok()) {
        return Prefix(s, path);
    }
    return Status::Ok();
}

Status ApplyGameChanges(engine::FootballGame&, const std::vector<Change>&,
                        const std::function<std::string(std::size_t)>&) {
    return Status::Ok();
}

} // namespace simbook::whatif
