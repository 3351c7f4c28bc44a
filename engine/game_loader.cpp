#include "engine/game_loader.hpp"

#include "engine/game_state.hpp"
#include "models/fitted.hpp"

namespace simbook::engine {
namespace {

//! A fitted model's error: an unreadable league stays Unavailable (naming the league), anything else is the
//! teams' (an unknown team).
Status FittedError(const Status& status, const FieldNames& field) {
    if (status.code() == StatusCode::kUnavailable) {
        return Status(StatusCode::kUnavailable, field("league") + ": " + status.message());
    }
    return InvalidArgument(field("home_team"), status.message());
}

} // namespace

Result<GameModel> LoadGame(const GameSource& source, const FieldNames& names) {
    const FieldNames field = names ? names : FieldNames([](std::string_view f) { return std::string(f); });
    const bool fitted = !source.league.empty();
    if (fitted && (source.home_team.empty() || source.away_team.empty())) {
        return InvalidArgument(field(source.home_team.empty() ? "home_team" : "away_team"),
                               "a fitted league needs " + field("home_team") + " and " + field("away_team"));
    }
    if (!fitted && (!source.home_team.empty() || !source.away_team.empty())) {
        return InvalidArgument(field("league"), "teams need a fitted league");
    }
    if (fitted && source.model) {
        return InvalidArgument(field("league"), "give either a fitted league or a model, not both");
    }
    if (fitted && source.home_team == source.away_team) {
        return InvalidArgument(field("away_team"), "'" + source.away_team + "' cannot play itself");
    }
    GameModel game;
    game.sport = source.sport;
    game.state = source.state;
    game.params_dir = source.params_dir;
    game.league = source.league;
    game.home_team = source.home_team;
    game.away_team = source.away_team;
    if (source.sport == Sport::kSoccer) {
        if (source.model) {
            Result<models::SoccerModel> parsed = models::SoccerModelFromJson(*source.model);
            if (!parsed.ok()) {
                return Status(parsed.status().code(), field("model") + "." + parsed.status().message());
            }
            game.soccer = parsed.value();
        }
        if (fitted) {
            if (source.home_xg || source.away_xg) {
                return InvalidArgument(field("home_xg"), "comes from the fitted league; give one or the other");
            }
            Result<models::SoccerModel> match =
                models::FittedSoccerMatch(source.params_dir, source.league, source.home_team, source.away_team);
            if (!match.ok()) {
                return FittedError(match.status(), field);
            }
            game.soccer = match.value();
        }
        game.soccer.home_xg = source.home_xg.value_or(game.soccer.home_xg);
        game.soccer.away_xg = source.away_xg.value_or(game.soccer.away_xg);
        return game;
    }
    if (source.home_xg || source.away_xg) {
        return InvalidArgument(field("home_xg"), "applies to soccer only");
    }
    if (fitted) {
        if (source.league != "nba") {
            return InvalidArgument(field("league"), "'" + source.league + "' is not a basketball league (nba)");
        }
        Result<models::BasketballModel> match =
            models::FittedNbaMatch(source.params_dir, source.home_team, source.away_team);
        if (!match.ok()) {
            return FittedError(match.status(), field);
        }
        game.basketball = match.value();
    }
    if (source.model) {
        Result<models::BasketballModel> parsed = models::BasketballModelFromJson(*source.model);
        if (!parsed.ok()) {
            return Status(parsed.status().code(), field("model") + "." + parsed.status().message());
        }
        game.basketball = parsed.value();
    }
    return game;
}

Result<Game> StartGame(const GameModel& model) {
    Game game;
    if (model.sport == Sport::kSoccer) {
        Result<kernels::soccer::SoccerParams> params = models::MakeSoccerParams(model.soccer);
        if (!params.ok()) {
            return params.status();
        }
        game.spec = SoccerGame{params.value(), SoccerKickOff()};
        game.home_name = model.home_team.empty() ? "home" : model.home_team;
        game.away_name = model.away_team.empty() ? "away" : model.away_team;
        return game;
    }
    Result<kernels::basketball::BasketballParams> params = models::MakeBasketballParams(model.basketball);
    if (!params.ok()) {
        return params.status();
    }
    BasketballGame basketball{params.value(), BasketballTipOff(), {}};
    for (const auto* team : {&model.basketball.home, &model.basketball.away}) {
        for (const models::PlayerModel& p : team->players) {
            basketball.player_names.push_back(p.name);
        }
    }
    game.spec = std::move(basketball);
    game.home_name = model.basketball.home.name;
    game.away_name = model.basketball.away.name;
    return game;
}

Status SetState(Game& game, const nlohmann::json& state) {
    if (SoccerGame* soccer = game.soccer(); soccer != nullptr) {
        if (state.is_null()) {
            soccer->state = SoccerKickOff();
            return Status::Ok();
        }
        Result<kernels::soccer::SoccerState> parsed = ParseSoccerState(state, soccer->params);
        if (!parsed.ok()) {
            return parsed.status();
        }
        soccer->state = parsed.value();
        return Status::Ok();
    }
    BasketballGame& basketball = *game.basketball();
    if (state.is_null()) {
        basketball.state = BasketballTipOff();
        return Status::Ok();
    }
    Result<kernels::basketball::BasketballState> parsed = ParseBasketballState(state);
    if (!parsed.ok()) {
        return parsed.status();
    }
    basketball.state = parsed.value();
    return Status::Ok();
}

namespace {

Status OutOfOrder(const std::string& field, const std::string& reason) {
    return Status(StatusCode::kFailedPrecondition, field + ": " + reason);
}

Result<std::vector<KeyEvent>> Advance(SoccerGame& game, const nlohmann::json& state) {
    auto parsed = ParseSoccerState(state, game.params);
    if (!parsed.ok()) {
        return parsed.status();
    }
    const kernels::soccer::SoccerState& now = parsed.value();
    const kernels::soccer::SoccerState& was = game.state;
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

Result<std::vector<KeyEvent>> Advance(BasketballGame& game, const nlohmann::json& state) {
    auto parsed = ParseBasketballState(state);
    if (!parsed.ok()) {
        return parsed.status();
    }
    const kernels::basketball::BasketballState& now = parsed.value();
    const kernels::basketball::BasketballState& was = game.state;
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

} // namespace

Result<std::vector<KeyEvent>> AdvanceState(Game& game, const nlohmann::json& state) {
    return std::visit([&state](auto& g) { return Advance(g, state); }, game.spec);
}

Result<Game> MakeGame(const GameModel& model) {
    Result<Game> game = StartGame(model);
    if (!game.ok()) {
        return game;
    }
    if (Status set = SetState(game.value(), model.state); !set.ok()) {
        return set;
    }
    return game;
}

nlohmann::json ModelJson(const GameModel& model) {
    return model.sport == Sport::kSoccer ? models::ToJson(model.soccer) : models::ToJson(model.basketball);
}

} // namespace simbook::engine
