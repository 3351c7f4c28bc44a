#include "app/game_setup.hpp"

#include "app/processes.hpp"
#include "engine/game_loader.hpp"
#include "engine/game_state.hpp"
#include "engine/hdf5_writer.hpp"
#include "models/basketball_model.hpp"
#include "models/soccer_model.hpp"

#include <algorithm>
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
    } catch (const nlohmann::json::exception& e) { // parse_error, or out_of_range for a number like 1e999
        return InvalidArgument(option, "'" + path + "' is not valid JSON (" + e.what() + ")");
    }
}

Status ValidateOptions(const SimulateOptions& o) {
    if (Result<engine::Sport> sport = engine::ParseSport(o.sport); !sport.ok()) {
        return InvalidArgument("--sport", sport.status().message());
    }
    // Under mpirun each rank runs its share, so the limit is per rank.
    const std::uint64_t max_sims = engine::kMaxSims * static_cast<std::uint64_t>(Processes::Get().size());
    if (o.sims == 0 || o.sims > max_sims) {
        return InvalidArgument("--sims", std::to_string(o.sims) + " is outside [1, " + std::to_string(max_sims) + "]");
    }
    if (o.target_se > 0.0 && (o.max_sims == 0 || o.max_sims > engine::kMaxSims)) {
        return InvalidArgument("--max-sims", std::to_string(o.max_sims) + " is outside [1, " +
                                                 std::to_string(engine::kMaxSims) + "]");
    }
    if (o.threads < 0 || o.threads > 1024) {
        return InvalidArgument("--threads", std::to_string(o.threads) + " is outside [0, 1024]");
    }
    return Status::Ok();
}

//! A loader field as the option that gives it: "model" is --params, "home_team" is --home-team.
std::string OptionName(std::string_view field) {
    if (field == "model") {
        return "--params";
    }
    std::string name = "--" + std::string(field);
    std::replace(name.begin(), name.end(), '_', '-');
    return name;
}

} // namespace

std::string DefaultParamsDir() {
    const char* env = std::getenv("SIMBOOK_PARAMS");
    return env != nullptr && *env != '\0' ? std::string(env) : std::string(SIMBOOK_SOURCE_PARAMS_DIR);
}

std::string DefaultMarketRatingsFile() {
    return DefaultParamsDir() + "/soccer/market-ratings.json";
}

void AddSimulateOptions(CLI::App& command, SimulateOptions& o) {
    command.add_option("--sport", o.sport, "soccer, basketball, baseball or football")->required();
    command.add_option("--home-xg", o.home_xg, "soccer: home expected goals over the full match");
    command.add_option("--away-xg", o.away_xg, "soccer: away expected goals over the full match");
    command.add_option("--params", o.params_file,
                       "model parameters (JSON file); basketball, baseball, football: home and away teams");
    command.add_option("--league", o.league,
                       "use a fitted model: soccer league (premier-league, bundesliga, la-liga, serie-a, ligue-1), "
                       "nba, mlb or nfl; with --home-team and --away-team (mlb: Retrosheet codes, NYA or NYA/sevel001 "
                       "with the starter's id; nfl: franchise nicknames, Patriots, 49ers)");
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
    engine::Simulation simulation(spec);
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
    engine::GameSource source;
    source.sport = engine::ParseSport(o.sport).value();
    source.league = o.league;
    source.home_team = o.home_team;
    source.away_team = o.away_team;
    source.home_xg = o.home_xg;
    source.away_xg = o.away_xg;
    source.params_dir = o.params_dir;
    if (!o.state.empty()) {
        try {
            source.state = nlohmann::json::parse(o.state);
        } catch (const nlohmann::json::exception& e) { // parse_error, or out_of_range for a number like 1e999
            return InvalidArgument("--state", "not valid JSON: " + std::string(e.what()));
        }
    }
    if (!o.params_file.empty()) {
        Result<nlohmann::json> json = ReadJsonFile(o.params_file, "--params");
        if (!json.ok()) {
            return json.status();
        }
        source.model = json.value();
    }
    Result<engine::GameModel> model = engine::LoadGame(source, OptionName);
    if (!model.ok()) {
        return model.status();
    }
    Result<engine::Game> game = engine::MakeGame(model.value());
    if (!game.ok()) {
        return game.status();
    }
    Game out;
    static_cast<engine::Game&>(out) = std::move(game).value();
    out.model = engine::ModelJson(model.value());
    out.state = source.state;
    return out;
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
