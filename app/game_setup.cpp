#include "app/game_setup.hpp"

#include "engine/game_state.hpp"
#include "engine/hdf5_writer.hpp"
#include "models/basketball_model.hpp"
#include "models/fitted.hpp"
#include "models/soccer_model.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>

namespace simbook::app {
namespace {

//! A JSON file; errors name the option that gave the path.
Result<nlohmann::json> ReadJsonFile(const std::string& path, const std::string& option) {
    std::ifstream in(path);
    if (!in) {
        return InvalidArgument(option, "cannot open '" + path + "'");
    }
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        return InvalidArgument(option, "'" + path + "' is not valid JSON (" + e.what() + ")");
    }
}

Status ValidateOptions(const SimulateOptions& o) {
    if (o.sport != "soccer" && o.sport != "basketball") {
        return InvalidArgument("--sport", "'" + o.sport + "' is not soccer or basketball");
    }
    if (o.sims == 0 || o.sims > engine::kMaxSims) {
        return InvalidArgument("--sims",
                               std::to_string(o.sims) + " is outside [1, " + std::to_string(engine::kMaxSims) + "]");
    }
    if (o.target_se > 0.0 && (o.max_sims == 0 || o.max_sims > engine::kMaxSims)) {
        return InvalidArgument("--max-sims", std::to_string(o.max_sims) + " is outside [1, " +
                                                 std::to_string(engine::kMaxSims) + "]");
    }
    if (o.threads < 0 || o.threads > 1024) {
        return InvalidArgument("--threads", std::to_string(o.threads) + " is outside [0, 1024]");
    }
    if (!o.league.empty() && (o.home_team.empty() || o.away_team.empty())) {
        return InvalidArgument("--league", "needs --home-team and --away-team");
    }
    if (o.league.empty() && (!o.home_team.empty() || !o.away_team.empty())) {
        return InvalidArgument("--home-team", "needs --league (a fitted model)");
    }
    if (!o.league.empty() && !o.params_file.empty()) {
        return InvalidArgument("--league", "give either a fitted league or --params, not both");
    }
    if (!o.league.empty() && o.home_team == o.away_team) {
        return InvalidArgument("--away-team", "'" + o.away_team + "' cannot play itself");
    }
    return Status::Ok();
}

//! A fitted model's error as an option error: an unknown league names --league, an unknown team the teams.
Status FittedError(const Status& status) {
    return InvalidArgument(status.code() == StatusCode::kUnavailable ? "--league" : "--home-team/--away-team",
                           status.message());
}

Status PrepareSoccer(const SimulateOptions& o, const std::optional<nlohmann::json>& params_json, Game& game) {
    models::SoccerModel model;
    if (params_json) {
        Result<models::SoccerModel> parsed = models::SoccerModelFromJson(*params_json);
        if (!parsed.ok()) {
            return parsed.status();
        }
        model = parsed.value();
    }
    if (!o.league.empty()) {
        if (o.home_xg || o.away_xg) {
            return InvalidArgument("--home-xg", "comes from the fitted league with --league; give one or the other");
        }
        Result<models::SoccerModel> fitted =
            models::FittedSoccerMatch(o.params_dir, o.league, o.home_team, o.away_team);
        if (!fitted.ok()) {
            return FittedError(fitted.status());
        }
        model = fitted.value();
        game.home_name = o.home_team;
        game.away_name = o.away_team;
    }
    model.home_xg = o.home_xg.value_or(model.home_xg);
    model.away_xg = o.away_xg.value_or(model.away_xg);
    Result<kernels::soccer::SoccerParams> params = models::MakeSoccerParams(model);
    if (!params.ok()) {
        return params.status();
    }
    game.soccer_params = params.value();
    game.soccer_state = engine::SoccerKickOff();
    if (!game.state.is_null()) {
        Result<kernels::soccer::SoccerState> parsed = engine::ParseSoccerState(game.state, game.soccer_params);
        if (!parsed.ok()) {
            return parsed.status();
        }
        game.soccer_state = parsed.value();
    }
    game.model = models::ToJson(model);
    return Status::Ok();
}

Status PrepareBasketball(const SimulateOptions& o, const std::optional<nlohmann::json>& params_json, Game& game) {
    if (o.home_xg || o.away_xg) {
        return InvalidArgument("--home-xg", "applies to soccer only; basketball teams come from --params");
    }
    game.sport = engine::Sport::kBasketball;
    models::BasketballModel model = models::ExampleBasketballModel();
    if (!o.league.empty()) {
        if (o.league != "nba") {
            return InvalidArgument("--league", "'" + o.league + "' is not a basketball league (nba)");
        }
        Result<models::BasketballModel> matchup = models::FittedNbaMatch(o.params_dir, o.home_team, o.away_team);
        if (!matchup.ok()) {
            return FittedError(matchup.status());
        }
        model = matchup.value();
    }
    if (params_json) {
        Result<models::BasketballModel> parsed = models::BasketballModelFromJson(*params_json);
        if (!parsed.ok()) {
            return parsed.status();
        }
        model = parsed.value();
    }
    Result<kernels::basketball::BasketballParams> params = models::MakeBasketballParams(model);
    if (!params.ok()) {
        return params.status();
    }
    game.basketball_params = params.value();
    game.basketball_state = engine::BasketballTipOff();
    if (!game.state.is_null()) {
        Result<kernels::basketball::BasketballState> parsed = engine::ParseBasketballState(game.state);
        if (!parsed.ok()) {
            return parsed.status();
        }
        game.basketball_state = parsed.value();
        const auto& s = game.basketball_state;
        game.tip_off = s.period == 1 && s.clock_seconds == kernels::basketball::kQuarterSeconds && s.score[0] == 0 &&
                       s.score[1] == 0;
    }
    for (const auto* team : {&model.home, &model.away}) {
        for (const models::PlayerModel& p : team->players) {
            game.player_names.push_back(p.name);
        }
    }
    game.home_name = model.home.name;
    game.away_name = model.away.name;
    game.model = models::ToJson(model);
    return Status::Ok();
}

} // namespace

std::string DefaultParamsDir() {
    const char* env = std::getenv("SIMBOOK_PARAMS");
    return env != nullptr && *env != '\0' ? std::string(env) : std::string(SIMBOOK_SOURCE_PARAMS_DIR);
}

void AddSimulateOptions(CLI::App& command, SimulateOptions& o) {
    command.add_option("--sport", o.sport, "soccer or basketball")->required();
    command.add_option("--home-xg", o.home_xg, "soccer: home expected goals over the full match");
    command.add_option("--away-xg", o.away_xg, "soccer: away expected goals over the full match");
    command.add_option("--params", o.params_file, "model parameters (JSON file); basketball: home and away teams");
    command.add_option("--league", o.league,
                       "use a fitted model: soccer league (premier-league, bundesliga, la-liga, serie-a, ligue-1) "
                       "or nba; with --home-team and --away-team");
    command.add_option("--home-team", o.home_team, "home team as named in the fitted model (e.g. Arsenal, BOS)");
    command.add_option("--away-team", o.away_team, "away team as named in the fitted model");
    command.add_option("--params-dir", o.params_dir, "folder of fitted models")->capture_default_str();
    command.add_option("--state", o.state, "live state as JSON, e.g. '{\"minute\":60,\"home\":1,\"away\":0}'");
    command.add_option("--sims", o.sims, "number of simulated paths")->capture_default_str();
    command.add_option("--target-se", o.target_se,
                       "stop once the standard error of P(home win) is below this (checked every 65,536 paths)");
    command.add_option("--max-sims", o.max_sims, "cap on paths with --target-se")->capture_default_str();
    command.add_option("--seed", o.seed, "random seed: same seed and inputs, same result")->capture_default_str();
    command.add_option("--threads", o.threads, "CPU threads (0 = all cores)")->capture_default_str();
    command.add_option("--backend", o.backend, "auto, cpu or cuda")->capture_default_str();
    command.add_flag("--json", o.json, "print one JSON object instead of a summary");
    command.add_option("--hdf5", o.hdf5, "also write the distributions to this HDF5 file");
}

engine::Simulation Game::MakeSimulation(const SimulateOptions& o, kernels::Backend backend) const {
    engine::Simulation simulation =
        sport == engine::Sport::kSoccer
            ? engine::Simulation::Soccer(soccer_params, soccer_state)
            : engine::Simulation::Basketball(basketball_params, basketball_state, player_names);
    simulation.WithSeed(o.seed).WithPaths(o.sims).WithLaunch({backend, o.threads});
    if (o.target_se > 0.0) {
        simulation.WithTargetStandardError(o.target_se, o.max_sims);
    }
    return simulation;
}

Status Game::MaybeWriteHdf5(const SimulateOptions& o, const engine::SimulationResult& result) const {
    if (o.hdf5.empty()) {
        return Status::Ok();
    }
    const Status s = engine::WriteHdf5(o.hdf5, result, model.dump(), state.is_null() ? "{}" : state.dump());
    return s.ok() ? s : InvalidArgument("--hdf5", s.message());
}

Result<Game> PrepareGame(const SimulateOptions& o) {
    if (Status s = ValidateOptions(o); !s.ok()) {
        return s;
    }
    Game game;
    if (!o.state.empty()) {
        try {
            game.state = nlohmann::json::parse(o.state);
        } catch (const nlohmann::json::parse_error& e) {
            return InvalidArgument("--state", "not valid JSON: " + std::string(e.what()));
        }
    }
    std::optional<nlohmann::json> params_json;
    if (!o.params_file.empty()) {
        Result<nlohmann::json> json = ReadJsonFile(o.params_file, "--params");
        if (!json.ok()) {
            return json.status();
        }
        params_json = json.value();
    }
    const Status status =
        o.sport == "soccer" ? PrepareSoccer(o, params_json, game) : PrepareBasketball(o, params_json, game);
    if (!status.ok()) {
        return status;
    }
    return game;
}

Result<kernels::Backend> ParseBackend(const std::string& name) {
    if (name == "auto") {
        return kernels::Backend::kAuto;
    }
    if (name == "cpu") {
        return kernels::Backend::kCpu;
    }
    if (name == "cuda") {
        return kernels::Backend::kCuda;
    }
    return InvalidArgument("--backend", "'" + name + "' is not auto, cpu or cuda");
}

int Fail(const std::string& message) {
    std::cerr << "simbook: error: " << message << "\n";
    return 2;
}

} // namespace simbook::app
