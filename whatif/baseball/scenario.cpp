#include "whatif/scenario_sport.hpp"

namespace simbook::whatif {

using change_fields::CheckFields;
using change_fields::Number;
using change_fields::Prefix;

std::optional<Result<Change>> ParseSportChange(const models::BaseballModel&, const std::string& type,
                                               const nlohmann::json& j, const std::string& path,
                                               const TeamReader& team) {
    if (type != "starter_scratched") {
        return std::nullopt;
    }
    Change c;
    c.type = ChangeType::kStarterScratched;
    if (Status s = CheckFields(j, {"team", "innings"}, path); !s.ok()) {
        return s;
    }
    Result<int> t = team(false);
    if (!t.ok()) {
        return t.status();
    }
    c.team = *t;
    c.minutes = -1.0; // the scratched starter's expected length unless "innings" is given
    if (j.contains("innings")) {
        Result<double> innings = Number(j, "innings", path, 0.0, 9.0);
        if (!innings.ok()) {
            return innings.status();
        }
        c.minutes = *innings;
    }
    return c;
}

Status ApplyNeutral(models::BaseballModel& model, const GameModel&, const std::string&) {
    // A neutral park: no home advantage and a league-average park.
    model.home_run_factor = 1.0;
    model.park_factor = 1.0;
    return Status::Ok();
}

Status ApplyModelChanges(models::BaseballModel& model, const std::vector<Change>& changes, const std::string& path) {
    for (const Change& c : changes) {
        if (c.type != ChangeType::kStarterScratched) {
            continue;
        }
        // The replacement pitches like the team's staff: its bullpen's rates (the team's pitching in a fitted
        // matchup), for the scratched starter's length unless the change gives one.
        models::PitchingStaff& staff = c.team == 0 ? model.home.pitching : model.away.pitching;
        staff.starter = "(replacement for " + staff.starter + ")";
        staff.starter_rates = staff.bullpen_rates;
        if (c.minutes >= 0.0) {
            staff.starter_innings = c.minutes;
        }
    }
    if (Status s = models::ValidateBaseballModel(model); !s.ok()) {
        return Prefix(s, path);
    }
    return Status::Ok();
}

Status ApplyGameChanges(engine::BaseballGame&, const std::vector<Change>&,
                        const std::function<std::string(std::size_t)>&) {
    return Status::Ok();
}

} // namespace simbook::whatif
