#include "engine/basketball/game.hpp"

#include "engine/state_fields.hpp"
#include "models/fitted.hpp"
#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace simbook::engine {

namespace kb = kernels::basketball;
using state_fields::BoolField;
using state_fields::IntField;
using state_fields::LastLeader;
using state_fields::OutOfOrder;
using state_fields::TeamField;

kb::BasketballState BasketballTipOff() {
    return kb::BasketballState{1, kb::kQuarterSeconds, {0, 0}, -1, 0};
}

Result<kb::BasketballState> ParseBasketballState(const nlohmann::json& json) {
    if (!json.is_object()) {
        return InvalidArgument("state", "expected a JSON object");
    }
    if (Status s = models::CheckKnownFields(
            json, {"period", "clock", "home", "away", "possession", "last_leader", "finished"}, "state");
        !s.ok()) {
        return s;
    }
    SIMBOOK_ASSIGN_OR_RETURN(finished, BoolField(json, "finished"));
    SIMBOOK_ASSIGN_OR_RETURN(period, IntField(json, "period", finished ? 4 : 1, 1, 4 + kb::kMaxOvertimes));
    SIMBOOK_ASSIGN_OR_RETURN(home, IntField(json, "home", 0, 0, 400));
    SIMBOOK_ASSIGN_OR_RETURN(away, IntField(json, "away", 0, 0, 400));
    SIMBOOK_ASSIGN_OR_RETURN(possession, TeamField(json, "possession", -1));
    const int period_seconds = period <= 4 ? kb::kQuarterSeconds : kb::kOvertimeSeconds;
    int clock = finished ? 0 : period_seconds;
    if (const auto it = json.find("clock"); it != json.end()) {
        if (finished) {
            return InvalidArgument("state.clock", "a finished game has no clock");
        }
        if (it->is_number_integer()) {
            const long long seconds = it->get<long long>();
            if (seconds < 0 || seconds > period_seconds) {
                return InvalidArgument("state.clock", it->dump() + " is outside 0:00 to " +
                                                          std::to_string(period_seconds / 60) + ":00 for period " +
                                                          std::to_string(period));
            }
            clock = static_cast<int>(seconds);
        } else if (it->is_string()) {
            const std::string text = it->get<std::string>();
            const auto colon = text.find(':');
            try {
                std::size_t used = 0;
                const int minutes = colon == std::string::npos ? 0 : std::stoi(text.substr(0, colon), &used);
                if (colon != std::string::npos && used != colon) {
                    throw std::invalid_argument(text);
                }
                const std::string rest = colon == std::string::npos ? text : text.substr(colon + 1);
                const int seconds = std::stoi(rest, &used);
                if (used != rest.size() || minutes < 0 || seconds < 0 ||
                    (colon != std::string::npos && seconds >= 60)) {
                    throw std::invalid_argument(text);
                }
                // Minutes beyond the period are out of range; bounding them first keeps
                // minutes * 60 from overflowing on inputs like "471353625:10".
                clock = minutes > period_seconds / 60 ? period_seconds + 1 : minutes * 60 + seconds;
            } catch (const std::exception&) {
                return InvalidArgument("state.clock", it->dump() + " is not \"mm:ss\" or whole seconds");
            }
        } else {
            return InvalidArgument("state.clock", it->dump() + " is not \"mm:ss\" or whole seconds");
        }
        if (clock < 0 || clock > period_seconds) {
            return InvalidArgument("state.clock", it->dump() + " is outside 0:00 to " +
                                                      std::to_string(period_seconds / 60) + ":00 for period " +
                                                      std::to_string(period));
        }
    }
    if (finished && home == away) {
        return InvalidArgument("state.finished", "a finished game cannot be tied");
    }
    if (period > 4 && clock == period_seconds && home != away) {
        return InvalidArgument("state.period", "an overtime is only played from a tie");
    }
    SIMBOOK_ASSIGN_OR_RETURN(leader, LastLeader(json, home, away));
    kb::BasketballState state{period, clock, {home, away}, possession, leader};
    if (finished) {
        state.period = period > 4 ? period : 4;
        state.clock_seconds = 0;
    }
    return state;
}

int BasketballElapsedSeconds(const kb::BasketballState& s) {
    if (s.period <= 4) {
        return (s.period - 1) * kb::kQuarterSeconds + (kb::kQuarterSeconds - s.clock_seconds);
    }
    return kb::kRegulationSeconds + (s.period - 5) * kb::kOvertimeSeconds + (kb::kOvertimeSeconds - s.clock_seconds);
}

bool IsTipOff(const kb::BasketballState& s) {
    return s.period == 1 && s.clock_seconds == kb::kQuarterSeconds && s.score[0] == 0 && s.score[1] == 0;
}

Status RunKernel(const BasketballGame& game, std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                 BasketballGame::Outcome* out, const kernels::LaunchConfig& launch) {
    return kernels::RunBasketball(game.params, game.state, seed, first_path, count, out, launch);
}

int ElapsedSeconds(const BasketballGame& game) {
    return BasketballElapsedSeconds(game.state);
}

bool AtStart(const BasketballGame& game) {
    return IsTipOff(game.state);
}

Status SetState(BasketballGame& game, const nlohmann::json& state) {
    if (state.is_null()) {
        game.state = BasketballTipOff();
        return Status::Ok();
    }
    Result<kb::BasketballState> parsed = ParseBasketballState(state);
    if (!parsed.ok()) {
        return parsed.status();
    }
    game.state = parsed.value();
    return Status::Ok();
}

Result<std::vector<KeyEvent>> Advance(BasketballGame& game, const nlohmann::json& state) {
    auto parsed = ParseBasketballState(state);
    if (!parsed.ok()) {
        return parsed.status();
    }
    const kb::BasketballState& now = parsed.value();
    const kb::BasketballState& was = game.state;
    const bool over = was.period >= 4 && was.clock_seconds == 0 && was.score[0] != was.score[1];
    if (over && (now.score[0] != was.score[0] || now.score[1] != was.score[1] || now.period != was.period)) {
        return OutOfOrder("home", "the game is over: nothing happens after the final buzzer");
    }
    if (now.score[0] < was.score[0] || now.score[1] < was.score[1]) {
        return OutOfOrder("home", "the score cannot go down");
    }
    if (now.period < was.period || (now.period == was.period && now.clock_seconds > was.clock_seconds)) {
        return OutOfOrder("clock", "the clock cannot go backwards");
    }
    std::vector<KeyEvent> events;
    if (now.score[0] != was.score[0] || now.score[1] != was.score[1]) {
        events.push_back({"basket", now.period >= 4 ? now.clock_seconds : -1});
    }
    game.state = now;
    return events;
}

Result<models::BasketballModel> LoadModel(std::type_identity<BasketballGame>, const GameSource& source,
                                          const FieldNames& field) {
    if (source.home_xg || source.away_xg) {
        return InvalidArgument(field("home_xg"), "applies to soccer only");
    }
    models::BasketballModel model = models::ExampleBasketballModel();
    if (!source.league.empty()) {
        if (source.league != "nba") {
            return InvalidArgument(field("league"), "'" + source.league + "' is not a basketball league (nba)");
        }
        Result<models::BasketballModel> match =
            models::FittedNbaMatch(source.params_dir, source.home_team, source.away_team);
        if (!match.ok()) {
            return FittedError(match.status(), field);
        }
        model = match.value();
    }
    if (source.model) {
        Result<models::BasketballModel> parsed = models::BasketballModelFromJson(*source.model);
        if (!parsed.ok()) {
            return ModelError(parsed.status(), field);
        }
        model = parsed.value();
    }
    return model;
}

Result<BasketballGame> StartGame(const models::BasketballModel& model) {
    Result<kb::BasketballParams> params = models::MakeBasketballParams(model);
    if (!params.ok()) {
        return params.status();
    }
    BasketballGame game{params.value(), BasketballTipOff(), {}};
    for (const auto* team : {&model.home, &model.away}) {
        for (const models::PlayerModel& p : team->players) {
            game.player_names.push_back(p.name);
        }
    }
    return game;
}

std::array<std::string, 2> TeamNames(const models::BasketballModel& model, const std::string&, const std::string&) {
    return {model.home.name, model.away.name};
}

} // namespace simbook::engine
