#include "engine/game_loader.hpp"

namespace simbook::engine {

Status FittedError(const Status& status, const FieldNames& field) {
    if (status.code() == StatusCode::kNotFound) { // a league the request names and no fit has: the request's error
        return InvalidArgument(field("league"), status.message());
    }
    if (status.code() == StatusCode::kUnavailable) {
        return Status(StatusCode::kUnavailable, field("league") + ": " + status.message());
    }
    return InvalidArgument(field("home_team"), status.message());
}

Status ModelError(const Status& status, const FieldNames& field) {
    return Status(status.code(), field("model") + "." + status.message());
}

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
    Result<SportModel> model = VisitSport(source.sport, [&](auto type) -> Result<SportModel> {
        auto loaded = LoadModel(type, source, field);
        if (!loaded.ok()) {
            return loaded.status();
        }
        return SportModel(std::move(loaded).value());
    });
    if (!model.ok()) {
        return model.status();
    }
    return GameModel{std::move(model).value(), source.state,    source.params_dir, source.league,
                     source.home_team,         source.away_team};
}

Result<Game> StartGame(const GameModel& model) {
    return std::visit(
        [&model](const auto& m) -> Result<Game> {
            auto spec = StartGame(m);
            if (!spec.ok()) {
                return spec.status();
            }
            auto names = TeamNames(m, model.home_team, model.away_team);
            return Game{std::move(spec).value(), std::move(names[0]), std::move(names[1])};
        },
        model.model);
}

Status SetState(Game& game, const nlohmann::json& state) {
    return std::visit([&state](auto& g) { return SetState(g, state); }, game.spec);
}

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
    return std::visit([](const auto& m) { return models::ToJson(m); }, model.model);
}

} // namespace simbook::engine
