#include "whatif/scenario.hpp"

#include "whatif/scenario_sport.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <map>
#include <set>
#include <utility>

namespace simbook::whatif {

namespace change_fields {

Status Prefix(const Status& s, const std::string& path) {
    return s.ok() ? s : Status(s.code(), path + ": " + s.message());
}

} // namespace change_fields

namespace {

using change_fields::CheckFields;
using change_fields::Prefix;

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
    // The model's names ("home" and "away" when it has none).
    std::array<std::string, 2> names =
        std::visit([&base](const auto& m) { return engine::TeamNames(m, base.home_team, base.away_team); }, base.model);
    for (std::string& n : names) {
        n = n == "home" || n == "away" ? "" : n;
    }
    const std::string& home = names[0];
    const std::string& away = names[1];
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
    const TeamReader team = [&](bool optional) { return Team(j, path, base, optional); };
    std::optional<Result<Change>> sport_change =
        std::visit([&](const auto& m) { return ParseSportChange(m, type, j, path, team); }, base.model);
    if (sport_change.has_value()) {
        return std::move(*sport_change);
    }
    Change c;
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
    // A change another sport has.
    for (std::size_t i = 0; i < engine::Sports::kCount; ++i) {
        const auto sport = static_cast<engine::Sport>(i);
        const bool has = engine::VisitSport(sport, [&](auto game_type) {
            using Model = typename decltype(game_type)::type::Model;
            const TeamReader none = [](bool) { return Result<int>(0); };
            return ParseSportChange(Model{}, type, nlohmann::json::object(), path, none).has_value();
        });
        if (has) {
            return InvalidArgument(path + ".type",
                                   "'" + type + "' applies to " + std::string(engine::SportName(sport)) + " only");
        }
    }
    return InvalidArgument(path + ".type", "unknown change '" + type +
                                               "' (player_out, minutes_cap, rating, pace, red_card, state, "
                                               "neutral_venue, starter_scratched)");
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
            if (c->fields.empty()) {
                claimed.push_back(team + " expected goals");
            }
            for (const auto& [field, value] : c->fields.items()) {
                claimed.push_back(team + " " + field);
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
        case ChangeType::kStarterScratched:
            claimed.push_back(team + " starter");
            break;
        case ChangeType::kQuarterbackOut:
            claimed.push_back(team + " quarterback");
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
    // Order: the state and the venue first (they replace), then changes that adjust the models, then the
    // changes that act on the game from its state.
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (changes[i].type == ChangeType::kState) {
            game.state = changes[i].fields;
            state_change = item(i);
        }
        if (changes[i].type == ChangeType::kNeutralVenue) {
            if (game.league.empty()) {
                return InvalidArgument(item(i) + ".type", "'neutral_venue' needs a fitted model (league, home and "
                                                          "away team) that knows the home advantage");
            }
            const GameModel fitted = game;
            if (Status s = std::visit([&](auto& m) { return ApplyNeutral(m, fitted, item(i)); }, game.model); !s.ok()) {
                return s;
            }
        }
    }
    if (Status s = std::visit([&](auto& m) { return ApplyModelChanges(m, changes, model_path); }, game.model);
        !s.ok()) {
        return s;
    }
    Result<GameSpec> started = engine::StartGame(game);
    if (!started.ok()) {
        return Prefix(started.status(), model_path);
    }
    GameSpec spec = std::move(started).value();
    if (Status s = engine::SetState(spec, game.state); !s.ok()) {
        return state_error(s);
    }
    if (Status s = std::visit([&](auto& g) { return ApplyGameChanges(g, changes, item); }, spec.spec); !s.ok()) {
        return s;
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
        // The count as a double: a wide range over a small step passes any integer type (fuzzing, 2026-12-07).
        char count[64];
        std::snprintf(count, sizeof count, points < 1e15 ? "%.0f" : "%.3g", points);
        return InvalidArgument(field, std::string("the sweep has ") + count + " points; at most " +
                                          std::to_string(kMaxSweepPoints));
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
