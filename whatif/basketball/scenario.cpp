#include "whatif/scenario_sport.hpp"

#include "models/availability.hpp"
#include "models/basketball_fit.hpp"

namespace simbook::whatif {

using change_fields::CheckFields;
using change_fields::Number;
using change_fields::Prefix;
using change_fields::Text;

namespace {

constexpr std::initializer_list<const char*> kRatingFields = {
    "turnover_rate", "three_rate", "ft_trip_rate", "two_pct", "three_pct", "ft_pct", "off_rebound_pct", "assist_rate"};

} // namespace

std::optional<Result<Change>> ParseSportChange(const models::BasketballModel&, const std::string& type,
                                               const nlohmann::json& j, const std::string& path,
                                               const TeamReader& team) {
    Change c;
    if (type == "player_out" || type == "minutes_cap") {
        c.type = type == "player_out" ? ChangeType::kPlayerOut : ChangeType::kMinutesCap;
        if (Status s =
                CheckFields(j,
                            c.type == ChangeType::kPlayerOut ? std::initializer_list<const char*>{"player"}
                                                             : std::initializer_list<const char*>{"player", "minutes"},
                            path);
            !s.ok()) {
            return s;
        }
        Result<std::string> player = Text(j, "player", path);
        if (!player.ok()) {
            return player.status();
        }
        c.player = *player;
        if (c.type == ChangeType::kMinutesCap) {
            Result<double> minutes = Number(j, "minutes", path, 0.0, models::kRegulationMinutes);
            if (!minutes.ok()) {
                return minutes.status();
            }
            c.minutes = *minutes;
        }
        return c;
    }
    if (type == "rating") {
        c.type = ChangeType::kRating;
        Result<int> t = team(false);
        if (!t.ok()) {
            return t.status();
        }
        c.team = *t;
        if (Status s = CheckFields(j,
                                   {"team", "turnover_rate", "three_rate", "ft_trip_rate", "two_pct", "three_pct",
                                    "ft_pct", "off_rebound_pct", "assist_rate"},
                                   path);
            !s.ok()) {
            return s;
        }
        c.fields = nlohmann::json::object();
        for (const char* field : kRatingFields) {
            if (j.contains(field)) {
                Result<double> x = Number(j, field, path, 0.0, 1.0);
                if (!x.ok()) {
                    return x.status();
                }
                c.fields[field] = *x;
            }
        }
        if (c.fields.empty()) {
            return InvalidArgument(path, "a basketball rating sets at least one of turnover_rate, three_rate, "
                                         "ft_trip_rate, two_pct, three_pct, ft_pct, off_rebound_pct, assist_rate");
        }
        return c;
    }
    if (type == "pace") {
        c.type = ChangeType::kPace;
        if (Status s = CheckFields(j, {"team", "pace", "mult"}, path); !s.ok()) {
            return s;
        }
        Result<int> t = team(true);
        if (!t.ok()) {
            return t.status();
        }
        c.team = *t;
        if (j.contains("pace") == j.contains("mult")) {
            return InvalidArgument(path, "give exactly one of pace and mult");
        }
        Result<double> x =
            j.contains("pace") ? Number(j, "pace", path, 60.0, 140.0) : Number(j, "mult", path, 0.5, 2.0);
        if (!x.ok()) {
            return x.status();
        }
        (j.contains("pace") ? c.value : c.mult) = *x;
        return c;
    }
    return std::nullopt;
}

Status ApplyNeutral(models::BasketballModel& model, const GameModel& game, const std::string& path) {
    Result<models::FittedLeague> league = models::LoadFittedLeague(game.params_dir + "/nba/2023-24.json");
    if (!league.ok()) {
        return Prefix(league.status(), path);
    }
    Result<models::BasketballModel> neutral = models::MakeMatchup(league.value(), game.home_team, game.away_team, 0.0);
    if (!neutral.ok()) {
        return Prefix(neutral.status(), path);
    }
    model = neutral.value();
    return Status::Ok();
}

Status ApplyModelChanges(models::BasketballModel& model, const std::vector<Change>& changes, const std::string& path) {
    std::vector<models::AvailabilityOverride> availability;
    for (const Change& c : changes) {
        switch (c.type) {
        case ChangeType::kPlayerOut:
            availability.push_back({c.player, true, std::nullopt});
            break;
        case ChangeType::kMinutesCap:
            availability.push_back({c.player, false, c.minutes});
            break;
        case ChangeType::kRating: {
            models::TeamModel& t = c.team == 0 ? model.home : model.away;
            for (const auto& [name, target] : models::TeamRateFields(t)) {
                if (c.fields.contains(name)) {
                    *target = c.fields[name].get<double>();
                }
            }
            break;
        }
        case ChangeType::kPace:
            for (int t = 0; t < 2; ++t) {
                if (c.team < 0 || c.team == t) {
                    double& pace = t == 0 ? model.home.pace : model.away.pace;
                    pace = c.value ? *c.value : pace * *c.mult;
                }
            }
            break;
        default:
            break;
        }
    }
    if (!availability.empty()) {
        if (Status s = models::ApplyAvailability(model, availability); !s.ok()) {
            return Prefix(s, path);
        }
    }
    return Status::Ok();
}

Status ApplyGameChanges(engine::BasketballGame&, const std::vector<Change>&,
                        const std::function<std::string(std::size_t)>&) {
    return Status::Ok();
}

} // namespace simbook::whatif
