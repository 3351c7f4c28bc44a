#include "whatif/scenario_sport.hpp"

#include "models/fitted.hpp"

#include <cmath>

namespace simbook::whatif {

namespace ks = kernels::soccer;
using change_fields::CheckFields;
using change_fields::Number;
using change_fields::Prefix;

namespace {

//! Played minute of the start of football minute m (m in 0..90): stoppage time sits at 45 and 90.
double PlayedMinute(const ks::SoccerParams& params, int minute) {
    return minute <= 45 ? minute : minute + params.first_half_stoppage;
}

} // namespace

std::optional<Result<Change>> ParseSportChange(const models::SoccerModel&, const std::string& type,
                                               const nlohmann::json& j, const std::string& path,
                                               const TeamReader& team) {
    Change c;
    if (type == "rating") {
        c.type = ChangeType::kRating;
        Result<int> t = team(false);
        if (!t.ok()) {
            return t.status();
        }
        c.team = *t;
        if (Status s = CheckFields(j, {"team", "xg", "xg_mult"}, path); !s.ok()) {
            return s;
        }
        if (j.contains("xg") == j.contains("xg_mult")) {
            return InvalidArgument(path, "give exactly one of xg and xg_mult");
        }
        Result<double> x =
            j.contains("xg") ? Number(j, "xg", path, 0.01, 10.0) : Number(j, "xg_mult", path, 0.01, 20.0);
        if (!x.ok()) {
            return x.status();
        }
        (j.contains("xg") ? c.value : c.mult) = *x;
        return c;
    }
    if (type == "pace") {
        c.type = ChangeType::kPace;
        if (Status s = CheckFields(j, {"mult"}, path); !s.ok()) {
            return s;
        }
        Result<double> m = Number(j, "mult", path, 0.1, 5.0);
        if (!m.ok()) {
            return m.status();
        }
        c.mult = *m;
        return c;
    }
    if (type == "red_card") {
        c.type = ChangeType::kRedCard;
        if (Status s = CheckFields(j, {"team", "minute"}, path); !s.ok()) {
            return s;
        }
        Result<int> t = team(false);
        if (!t.ok()) {
            return t.status();
        }
        c.team = *t;
        Result<double> minute = Number(j, "minute", path, 0.0, 90.0);
        if (!minute.ok()) {
            return minute.status();
        }
        if (*minute != std::floor(*minute)) {
            return InvalidArgument(path + ".minute", "expected a whole football minute");
        }
        c.minutes = *minute;
        return c;
    }
    return std::nullopt;
}

Status ApplyNeutral(models::SoccerModel& model, const GameModel& game, const std::string& path) {
    Result<models::DixonColesModel> fitted = models::LoadSoccerLeague(game.params_dir, game.league);
    if (!fitted.ok()) {
        return Prefix(fitted.status(), path);
    }
    // lambda_home = exp(intercept + home_advantage + attack - defence): a neutral venue drops the home term.
    model.home_xg *= std::exp(-fitted->home_advantage);
    return Status::Ok();
}

Status ApplyModelChanges(models::SoccerModel& model, const std::vector<Change>& changes, const std::string&) {
    for (const Change& c : changes) {
        if (c.type == ChangeType::kRating) {
            double& xg = c.team == 0 ? model.home_xg : model.away_xg;
            xg = c.value ? *c.value : xg * *c.mult;
        } else if (c.type == ChangeType::kPace) {
            model.home_xg *= *c.mult;
            model.away_xg *= *c.mult;
        }
    }
    return Status::Ok();
}

Status ApplyGameChanges(engine::SoccerGame& game, const std::vector<Change>& changes,
                        const std::function<std::string(std::size_t)>& item) {
    const int now = engine::SoccerStateMinute(game.params, game.state);
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const Change& c = changes[i];
        if (c.type != ChangeType::kRedCard) {
            continue;
        }
        const int minute = static_cast<int>(c.minutes);
        if (minute < now) {
            return InvalidArgument(item(i) + ".minute", std::to_string(minute) + " is before the state's minute " +
                                                            std::to_string(now) +
                                                            " (a card already shown belongs in the state)");
        }
        if (minute == now) { // shown now: part of the state the paths start from
            if (game.state.red[c.team] >= ks::kMaxReds) {
                return InvalidArgument(item(i), "the team already has " + std::to_string(ks::kMaxReds) + " red cards");
            }
            ++game.state.red[c.team];
        } else {
            game.params.red_card_at[c.team] = PlayedMinute(game.params, minute);
        }
    }
    return Status::Ok();
}

} // namespace simbook::whatif
