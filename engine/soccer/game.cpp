#include "engine/soccer/game.hpp"

#include "engine/state_fields.hpp"
#include "models/fitted.hpp"
#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

namespace simbook::engine {

namespace ks = kernels::soccer;
using state_fields::BoolField;
using state_fields::IntField;
using state_fields::LastLeader;
using state_fields::OutOfOrder;

ks::SoccerState SoccerKickOff() {
    return ks::SoccerState{};
}

Result<ks::SoccerState> ParseSoccerState(const nlohmann::json& json, const ks::SoccerParams& params) {
    if (!json.is_object()) {
        return InvalidArgument("state", "expected a JSON object");
    }
    if (Status s = models::CheckKnownFields(json,
                                            {"minute", "home", "away", "half", "stoppage", "red_home", "red_away",
                                             "ht_home", "ht_away", "last_leader", "finished"},
                                            "state");
        !s.ok()) {
        return s;
    }
    SIMBOOK_ASSIGN_OR_RETURN(finished, BoolField(json, "finished"));
    SIMBOOK_ASSIGN_OR_RETURN(minute, models::NumberField(json, "minute", finished ? 90.0 : 0.0, "state", 0.0, 90.0));
    SIMBOOK_ASSIGN_OR_RETURN(home, IntField(json, "home", 0, 0, 50));
    SIMBOOK_ASSIGN_OR_RETURN(away, IntField(json, "away", 0, 0, 50));
    SIMBOOK_ASSIGN_OR_RETURN(half, IntField(json, "half", minute <= 45.0 ? 1 : 2, 1, 2));
    SIMBOOK_ASSIGN_OR_RETURN(red_home, IntField(json, "red_home", 0, 0, ks::kMaxReds));
    SIMBOOK_ASSIGN_OR_RETURN(red_away, IntField(json, "red_away", 0, 0, ks::kMaxReds));
    const double s1 = params.first_half_stoppage;
    const double s2 = params.segment_end[ks::kSegments - 1] - params.segment_end[ks::kSegments - 2];
    if (half == 1 && minute > 45.0) {
        return InvalidArgument("state.minute", std::to_string(minute) + " is past 45 in the first half");
    }
    if (half == 2 && minute < 45.0) {
        return InvalidArgument("state.minute", std::to_string(minute) + " is before 45 in the second half");
    }
    const double stoppage_max = half == 1 ? s1 : s2;
    const bool in_stoppage_minute = minute == (half == 1 ? 45.0 : 90.0);
    SIMBOOK_ASSIGN_OR_RETURN(
        stoppage, models::NumberField(json, "stoppage", 0.0, "state", 0.0, in_stoppage_minute ? stoppage_max : 0.0));

    ks::SoccerState state{};
    state.minute = half == 1 ? minute + stoppage : minute + s1 + stoppage;
    if (finished) {
        state.minute = params.segment_end[ks::kSegments - 1];
    }
    state.home = home;
    state.away = away;
    state.red[0] = red_home;
    state.red[1] = red_away;
    const bool second_half = state.minute >= params.segment_end[ks::kFirstHalfLastSegment];
    if (!second_half && (json.contains("ht_home") || json.contains("ht_away"))) {
        return InvalidArgument("state.ht_home", "the half-time score exists only after half-time");
    }
    SIMBOOK_ASSIGN_OR_RETURN(ht_home, IntField(json, "ht_home", home, 0, home));
    SIMBOOK_ASSIGN_OR_RETURN(ht_away, IntField(json, "ht_away", away, 0, away));
    state.ht_home = ht_home;
    state.ht_away = ht_away;
    SIMBOOK_ASSIGN_OR_RETURN(leader, LastLeader(json, home, away));
    state.last_leader = leader;
    return state;
}

int SoccerStateMinute(const ks::SoccerParams& params, const ks::SoccerState& state) {
    if (state.minute <= 45.0) {
        return static_cast<int>(state.minute);
    }
    if (state.minute < params.segment_end[ks::kFirstHalfLastSegment]) {
        return 45;
    }
    return std::min(90, static_cast<int>(state.minute - params.first_half_stoppage));
}

Status RunKernel(const SoccerGame& game, std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                 SoccerGame::Outcome* out, const kernels::LaunchConfig& launch) {
    return kernels::RunSoccer(game.params, game.state, seed, first_path, count, out, launch);
}

int ElapsedSeconds(const SoccerGame& game) {
    return SoccerStateMinute(game.params, game.state) * 60;
}

bool AtStart(const SoccerGame& game) {
    return game.state.minute == 0.0 && game.state.home == 0 && game.state.away == 0;
}

Status SetState(SoccerGame& game, const nlohmann::json& state) {
    if (state.is_null()) {
        game.state = SoccerKickOff();
        return Status::Ok();
    }
    Result<ks::SoccerState> parsed = ParseSoccerState(state, game.params);
    if (!parsed.ok()) {
        return parsed.status();
    }
    game.state = parsed.value();
    return Status::Ok();
}

Result<std::vector<KeyEvent>> Advance(SoccerGame& game, const nlohmann::json& state) {
    auto parsed = ParseSoccerState(state, game.params);
    if (!parsed.ok()) {
        return parsed.status();
    }
    const ks::SoccerState& now = parsed.value();
    const ks::SoccerState& was = game.state;
    const bool over = was.minute >= game.params.segment_end[ks::kSegments - 1];
    if (over &&
        (now.home != was.home || now.away != was.away || now.red[0] != was.red[0] || now.red[1] != was.red[1])) {
        return OutOfOrder("home", "the match is over: nothing happens after full time");
    }
    if (now.home < was.home || now.away < was.away) {
        return OutOfOrder("home", "the score cannot go down");
    }
    if (now.minute < was.minute) {
        return OutOfOrder("minute", "the clock cannot go backwards");
    }
    if (now.red[0] < was.red[0] || now.red[1] < was.red[1]) {
        return OutOfOrder("red_home", "red cards cannot go down");
    }
    std::vector<KeyEvent> events;
    if (now.home != was.home || now.away != was.away) {
        events.push_back({"goal", -1});
    }
    if (now.red[0] != was.red[0] || now.red[1] != was.red[1]) {
        events.push_back({"red_card", -1});
    }
    game.state = now;
    return events;
}

Result<models::SoccerModel> LoadModel(std::type_identity<SoccerGame>, const GameSource& source,
                                      const FieldNames& field) {
    models::SoccerModel model;
    if (source.model) {
        Result<models::SoccerModel> parsed = models::SoccerModelFromJson(*source.model);
        if (!parsed.ok()) {
            return ModelError(parsed.status(), field);
        }
        model = parsed.value();
    }
    if (!source.league.empty()) {
        if (source.home_xg || source.away_xg) {
            return InvalidArgument(field("home_xg"), "comes from the fitted league; give one or the other");
        }
        Result<models::SoccerModel> match =
            models::FittedSoccerMatch(source.params_dir, source.league, source.home_team, source.away_team);
        if (!match.ok()) {
            return FittedError(match.status(), field);
        }
        model = match.value();
    }
    model.home_xg = source.home_xg.value_or(model.home_xg);
    model.away_xg = source.away_xg.value_or(model.away_xg);
    return model;
}

Result<SoccerGame> StartGame(const models::SoccerModel& model) {
    Result<ks::SoccerParams> params = models::MakeSoccerParams(model);
    if (!params.ok()) {
        return params.status();
    }
    return SoccerGame{params.value(), SoccerKickOff()};
}

std::array<std::string, 2> TeamNames(const models::SoccerModel&, const std::string& home_team,
                                     const std::string& away_team) {
    return {home_team.empty() ? "home" : home_team, away_team.empty() ? "away" : away_team};
}

} // namespace simbook::engine
