#include "whatif/scenario.hpp"

#include "engine/game_state.hpp"
#include "models/availability.hpp"
#include "models/basketball_fit.hpp"
#include "models/dixon_coles.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <map>
#include <set>
#include <utility>

namespace simbook::whatif {
namespace {

namespace ks = kernels::soccer;
using engine::Sport;

constexpr std::initializer_list<const char*> kBasketballRatingFields = {
    "turnover_rate", "three_rate", "ft_trip_rate", "two_pct", "three_pct", "ft_pct", "off_rebound_pct", "assist_rate"};

const char* TypeName(ChangeType type) {
    switch (type) {
    case ChangeType::kPlayerOut:
        return "player_out";
    case ChangeType::kMinutesCap:
        return "minutes_cap";
    case ChangeType::kRating:
        return "rating";
    case ChangeType::kPace:
        return "pace";
    case ChangeType::kRedCard:
        return "red_card";
    case ChangeType::kState:
        return "state";
    case ChangeType::kNeutralVenue:
        return "neutral_venue";
    }
    return "?";
}

Status CheckFields(const nlohmann::json& j, std::initializer_list<const char*> allowed, const std::string& path) {
    for (const auto& [name, value] : j.items()) {
        if (name == "type") {
            continue;
        }
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return name == a; })) {
            std::string list;
            for (const char* a : allowed) {
                list.append(list.empty() ? "" : ", ").append(a);
            }
            return InvalidArgument(path + "." + name,
                                   "unknown field (allowed: " + (list.empty() ? "none" : list) + ")");
        }
    }
    return Status::Ok();
}

Result<double> Number(const nlohmann::json& j, const char* name, const std::string& path, double lo, double hi) {
    const auto it = j.find(name);
    if (it == j.end()) {
        return InvalidArgument(path + "." + name, "missing");
    }
    if (!it->is_number()) {
        return InvalidArgument(path + "." + name, "expected a number");
    }
    const double x = it->get<double>();
    if (!(x >= lo && x <= hi)) {
        char text[96];
        std::snprintf(text, sizeof text, "%g is outside [%g, %g]", x, lo, hi);
        return InvalidArgument(path + "." + name, text);
    }
    return x;
}

Result<std::string> Text(const nlohmann::json& j, const char* name, const std::string& path) {
    const auto it = j.find(name);
    if (it == j.end() || !it->is_string() || it->get<std::string>().empty()) {
        return InvalidArgument(path + "." + name, "expected a non-empty string");
    }
    return it->get<std::string>();
}

//! The fitted team names or the model's names identify a team, as do "home" and "away".
Result<int> Team(const nlohmann::json& j, const std::string& path, const GameModel& base, bool optional) {
    const auto it = j.find("team");
    if (it == j.end()) {
        if (optional) {
            return -1;
        }
        return InvalidArgument(path + ".team", "missing (home, away or a team's name)");
    }
    if (!it->is_string()) {
        return InvalidArgument(path + ".team", "expected a string");
    }
    const std::string t = it->get<std::string>();
    const bool basketball = base.sport() == Sport::kBasketball;
    const std::string home =
        !base.home_team.empty() ? base.home_team : (basketball ? base.basketball()->home.name : "");
    const std::string away =
        !base.away_team.empty() ? base.away_team : (basketball ? base.basketball()->away.name : "");
    if (t == "home" || (!home.empty() && t == home)) {
        return 0;
    }
    if (t == "away" || (!away.empty() && t == away)) {
        return 1;
    }
    std::string known = "home, away";
    for (const std::string& n : {home, away}) {
        if (!n.empty()) {
            known += ", " + n;
        }
    }
    return InvalidArgument(path + ".team", "unknown team '" + t + "' (known: " + known + ")");
}

Status SportOnly(ChangeType type, Sport sport, const GameModel& base, const std::string& path) {
    if (base.sport() != sport) {
        return InvalidArgument(path + ".type", std::string("'") + TypeName(type) + "' applies to " +
                                                   engine::SportName(sport) + " only");
    }
    return Status::Ok();
}

//! Played minute of the start of football minute m (m in 0..90): stoppage time sits at 45 and 90.
double PlayedMinute(const ks::SoccerParams& params, int minute) {
    return minute <= 45 ? minute : minute + params.first_half_stoppage;
}

Status Prefix(const Status& s, const std::string& path) {
    return s.ok() ? s : Status(s.code(), path + ": " + s.message());
}

//! Neutral venue: the fitted model without its home advantage.
Status ApplyNeutral(GameModel& game, const std::string& path) {
    if (game.league.empty()) {
        return InvalidArgument(path + ".type", "'neutral_venue' needs a fitted model (league, home and away team) "
                                               "that knows the home advantage");
    }
    if (game.sport() == Sport::kBasketball) {
        Result<models::FittedLeague> league = models::LoadFittedLeague(game.params_dir + "/nba/2023-24.json");
        if (!league.ok()) {
            return Prefix(league.status(), path);
        }
        Result<models::BasketballModel> neutral =
            models::MakeMatchup(league.value(), game.home_team, game.away_team, 0.0);
        if (!neutral.ok()) {
            return Prefix(neutral.status(), path);
        }
        *game.basketball() = neutral.value();
        return Status::Ok();
    }
    std::ifstream in(game.params_dir + "/soccer/" + game.league + ".json");
    const nlohmann::json file = nlohmann::json::parse(in, nullptr, false);
    if (!in.is_open() || file.is_discarded()) {
        return InvalidArgument(path, "no readable fitted model for league '" + game.league + "'");
    }
    Result<models::DixonColesModel> fitted = models::DixonColesModelFromJson(file);
    if (!fitted.ok()) {
        return Prefix(fitted.status(), path);
    }
    // lambda_home = exp(intercept + home_advantage + attack - defence): a neutral venue drops the home term.
    game.soccer()->home_xg *= std::exp(-fitted->home_advantage);
    return Status::Ok();
}

} // namespace

Result<Change> ParseChange(const nlohmann::json& j, const std::string& path, const GameModel& base) {
    if (!j.is_object()) {
        return InvalidArgument(path, "expected a change object with a \"type\"");
    }
    const auto type_it = j.find("type");
    if (type_it == j.end() || !type_it->is_string()) {
        return InvalidArgument(path + ".type", "missing (player_out, minutes_cap, rating, pace, red_card, state, "
                                               "neutral_venue)");
    }
    const std::string type = type_it->get<std::string>();
    Change c;
    const auto team = [&](bool optional) -> Status {
        Result<int> t = Team(j, path, base, optional);
        if (!t.ok()) {
            return t.status();
        }
        c.team = *t;
        return Status::Ok();
    };
    if (type == "player_out" || type == "minutes_cap") {
        c.type = type == "player_out" ? ChangeType::kPlayerOut : ChangeType::kMinutesCap;
        if (Status s = SportOnly(c.type, Sport::kBasketball, base, path); !s.ok()) {
            return s;
        }
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
        if (Status s = team(false); !s.ok()) {
            return s;
        }
        if (base.sport() == Sport::kSoccer) {
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
        if (Status s = CheckFields(j,
                                   {"team", "turnover_rate", "three_rate", "ft_trip_rate", "two_pct", "three_pct",
                                    "ft_pct", "off_rebound_pct", "assist_rate"},
                                   path);
            !s.ok()) {
            return s;
        }
        c.fields = nlohmann::json::object();
        for (const char* field : kBasketballRatingFields) {
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
        if (base.sport() == Sport::kSoccer) {
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
        if (Status s = CheckFields(j, {"team", "pace", "mult"}, path); !s.ok()) {
            return s;
        }
        if (Status s = team(true); !s.ok()) {
            return s;
        }
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
    if (type == "red_card") {
        c.type = ChangeType::kRedCard;
        if (Status s = SportOnly(c.type, Sport::kSoccer, base, path); !s.ok()) {
            return s;
        }
        if (Status s = CheckFields(j, {"team", "minute"}, path); !s.ok()) {
            return s;
        }
        if (Status s = team(false); !s.ok()) {
            return s;
        }
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
    if (type == "state") {
        c.type = ChangeType::kState;
        if (Status s = CheckFields(j, {"state"}, path); !s.ok()) {
            return s;
        }
        if (!j.contains("state") || !j["state"].is_object()) {
            return InvalidArgument(path + ".state", "expected a live state object");
        }
        c.fields = j["state"];
        return c;
    }
    if (type == "neutral_venue") {
        c.type = ChangeType::kNeutralVenue;
        if (Status s = CheckFields(j, {}, path); !s.ok()) {
            return s;
        }
        return c;
    }
    return InvalidArgument(path + ".type", "unknown change '" + type +
                                               "' (player_out, minutes_cap, rating, pace, red_card, state, "
                                               "neutral_venue)");
}

Result<std::vector<Change>> ParseScenario(const nlohmann::json& json, const std::string& path, const GameModel& base) {
    if (!json.is_array()) {
        return InvalidArgument(path, "expected an array of changes");
    }
    if (json.size() > static_cast<std::size_t>(kMaxChanges)) {
        return InvalidArgument(path, std::to_string(json.size()) + " changes; at most " + std::to_string(kMaxChanges));
    }
    std::vector<Change> changes;
    // What each change claims; a second claim of the same thing contradicts the first.
    std::map<std::string, std::size_t> claims;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const std::string item = path + "[" + std::to_string(i) + "]";
        Result<Change> c = ParseChange(json[i], item, base);
        if (!c.ok()) {
            return c.status();
        }
        std::vector<std::string> claimed;
        const std::string team = c->team == 0 ? "home" : (c->team == 1 ? "away" : "both");
        switch (c->type) {
        case ChangeType::kPlayerOut:
        case ChangeType::kMinutesCap:
            claimed.push_back("availability of '" + c->player + "'");
            break;
        case ChangeType::kRating:
            if (base.sport() == Sport::kSoccer) {
                claimed.push_back(team + " expected goals");
            } else {
                for (const auto& [field, value] : c->fields.items()) {
                    claimed.push_back(team + " " + field);
                }
            }
            break;
        case ChangeType::kPace:
            if (c->team < 0) {
                claimed = {"home pace", "away pace"};
            } else {
                claimed.push_back(team + " pace");
            }
            break;
        case ChangeType::kRedCard:
            claimed.push_back(team + " red card");
            break;
        case ChangeType::kState:
            claimed.push_back("the live state");
            break;
        case ChangeType::kNeutralVenue:
            claimed.push_back("the venue");
            break;
        }
        for (const std::string& what : claimed) {
            const auto [it, fresh] = claims.emplace(what, i);
            if (!fresh) {
                return InvalidArgument(item, "contradicts " + path + "[" + std::to_string(it->second) +
                                                 "]: both change " + what);
            }
        }
        changes.push_back(std::move(c).value());
    }
    return changes;
}

Result<GameSpec> BuildBase(const GameModel& base) {
    return BuildScenario(base, {}, "base");
}

Result<GameSpec> BuildScenario(const GameModel& base, const std::vector<Change>& changes, const std::string& path) {
    GameModel game = base;
    const auto item = [&](std::size_t i) { return path + "[" + std::to_string(i) + "]"; };
    // Errors in the state name the change that set it, or the request's "state"; in the models, the scenario
    // (or the request's "model" for the base).
    std::string state_change; // "scenario[i]" when a change set the state
    const auto state_error = [&](const Status& st) {
        return state_change.empty() ? st : Status(st.code(), state_change + "." + st.message());
    };
    const std::string model_path = changes.empty() ? "model" : path;
    // Order: the state and the venue first (they replace), then changes that adjust the models.
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (changes[i].type == ChangeType::kState) {
            game.state = changes[i].fields;
            state_change = item(i);
        }
        if (changes[i].type == ChangeType::kNeutralVenue) {
            if (Status s = ApplyNeutral(game, item(i)); !s.ok()) {
                return s;
            }
        }
    }
    std::vector<models::AvailabilityOverride> availability;
    std::vector<std::size_t> red_cards;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const Change& c = changes[i];
        switch (c.type) {
        case ChangeType::kPlayerOut:
            availability.push_back({c.player, true, std::nullopt});
            break;
        case ChangeType::kMinutesCap:
            availability.push_back({c.player, false, c.minutes});
            break;
        case ChangeType::kRating:
            if (game.sport() == Sport::kSoccer) {
                double& xg = c.team == 0 ? game.soccer()->home_xg : game.soccer()->away_xg;
                xg = c.value ? *c.value : xg * *c.mult;
            } else {
                models::TeamModel& t = c.team == 0 ? game.basketball()->home : game.basketball()->away;
                for (const auto& [name, target] : models::TeamRateFields(t)) {
                    if (c.fields.contains(name)) {
                        *target = c.fields[name].get<double>();
                    }
                }
            }
            break;
        case ChangeType::kPace:
            if (game.sport() == Sport::kSoccer) {
                game.soccer()->home_xg *= *c.mult;
                game.soccer()->away_xg *= *c.mult;
            } else {
                for (int t = 0; t < 2; ++t) {
                    if (c.team < 0 || c.team == t) {
                        double& pace = t == 0 ? game.basketball()->home.pace : game.basketball()->away.pace;
                        pace = c.value ? *c.value : pace * *c.mult;
                    }
                }
            }
            break;
        case ChangeType::kRedCard:
            red_cards.push_back(i);
            break;
        case ChangeType::kState:
        case ChangeType::kNeutralVenue:
            break;
        }
    }
    if (game.sport() == Sport::kBasketball && !availability.empty()) {
        if (Status s = models::ApplyAvailability(*game.basketball(), availability); !s.ok()) {
            return Prefix(s, model_path);
        }
    }
    Result<GameSpec> started = engine::StartGame(game);
    if (!started.ok()) {
        return Prefix(started.status(), model_path);
    }
    GameSpec spec = std::move(started).value();
    if (Status s = engine::SetState(spec, game.state); !s.ok()) {
        return state_error(s);
    }
    engine::SoccerGame* soccer = spec.soccer();
    if (soccer == nullptr) {
        return spec;
    }
    const int now = engine::SoccerStateMinute(soccer->params, soccer->state);
    for (std::size_t i : red_cards) {
        const Change& c = changes[i];
        const int minute = static_cast<int>(c.minutes);
        if (minute < now) {
            return InvalidArgument(item(i) + ".minute", std::to_string(minute) + " is before the state's minute " +
                                                            std::to_string(now) +
                                                            " (a card already shown belongs in the state)");
        }
        if (minute == now) { // shown now: part of the state the paths start from
            if (soccer->state.red[c.team] >= ks::kMaxReds) {
                return InvalidArgument(item(i), "the team already has " + std::to_string(ks::kMaxReds) + " red cards");
            }
            ++soccer->state.red[c.team];
        } else {
            soccer->params.red_card_at[c.team] = PlayedMinute(soccer->params, minute);
        }
    }
    return spec;
}

Result<Sweep> ParseSweep(const nlohmann::json& json, const std::string& path) {
    if (!json.is_object()) {
        return InvalidArgument(path, "expected a change object with one field given as {\"from\", \"to\", \"step\"}");
    }
    Sweep sweep;
    sweep.change = json;
    for (const auto& [name, value] : json.items()) {
        if (!value.is_object()) {
            continue;
        }
        if (!sweep.field.empty()) {
            return InvalidArgument(path + "." + name,
                                   "a sweep varies one field; '" + sweep.field + "' is already swept");
        }
        sweep.field = name;
    }
    if (sweep.field.empty()) {
        return InvalidArgument(path, "no swept field: give one field as {\"from\": a, \"to\": b, \"step\": s}");
    }
    const nlohmann::json& range = json[sweep.field];
    const std::string field = path + "." + sweep.field;
    for (const auto& [name, value] : range.items()) {
        if (name != "from" && name != "to" && name != "step") {
            return InvalidArgument(field + "." + name, "unknown field (from, to, step)");
        }
        if (!value.is_number()) {
            return InvalidArgument(field + "." + name, "expected a number");
        }
    }
    if (!range.contains("from") || !range.contains("to") || !range.contains("step")) {
        return InvalidArgument(field, "needs from, to and step");
    }
    const double from = range["from"].get<double>();
    const double to = range["to"].get<double>();
    const double step = range["step"].get<double>();
    if (!(step > 0.0) || !(to >= from) || !std::isfinite(from) || !std::isfinite(to)) {
        return InvalidArgument(field, "needs step > 0 and to >= from");
    }
    const double points = std::floor((to - from) / step + 1e-9) + 1.0;
    if (points > kMaxSweepPoints) {
        return InvalidArgument(field, "the sweep has " + std::to_string(static_cast<long long>(points)) +
                                          " points; at most " + std::to_string(kMaxSweepPoints));
    }
    for (int i = 0; i < static_cast<int>(points); ++i) {
        sweep.values.push_back(from + i * step);
    }
    return sweep;
}

nlohmann::json SweepChange(const Sweep& sweep, std::size_t i) {
    nlohmann::json change = sweep.change;
    change[sweep.field] = sweep.values[i];
    return change;
}

} // namespace simbook::whatif
