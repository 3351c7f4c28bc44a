#include "app/simulate_command.hpp"

#include "engine/game_state.hpp"
#include "engine/hdf5_writer.hpp"
#include "engine/report.hpp"
#include "engine/simulation.hpp"
#include "models/basketball_model.hpp"
#include "models/soccer_model.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

namespace simbook::app {
namespace {

//! Prints "simbook: error: message" on one line and returns the exit code for bad input.
int Fail(const std::string& message) {
    std::cerr << "simbook: error: " << message << "\n";
    return 2;
}

Result<nlohmann::json> ReadJsonFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return InvalidArgument("--params", "cannot open '" + path + "'");
    }
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        return InvalidArgument("--params", "'" + path + "' is not valid JSON (" + e.what() + ")");
    }
}

Result<nlohmann::json> ParseJsonText(const std::string& text, const std::string& option) {
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        return InvalidArgument(option, "not valid JSON: " + std::string(e.what()));
    }
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

//! A progress bar on stderr, drawn only once a run has taken more than a second.
class ProgressBar {
public:
    void operator()(std::uint64_t done, std::uint64_t planned) {
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        if (elapsed < 1.0) {
            return;
        }
        const int width = 40;
        const int filled = static_cast<int>(width * static_cast<double>(done) / static_cast<double>(planned));
        std::fprintf(stderr, "\r[%s%s] %3d%% %llu/%llu paths",
                     std::string(static_cast<std::size_t>(filled), '#').c_str(),
                     std::string(static_cast<std::size_t>(width - filled), '.').c_str(),
                     static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(planned)),
                     static_cast<unsigned long long>(done), static_cast<unsigned long long>(planned));
        drawn_ = true;
    }
    ~ProgressBar() {
        if (drawn_) {
            std::fprintf(stderr, "\n");
        }
    }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    bool drawn_ = false;
};

struct Prepared {
    engine::Simulation simulation;
    std::string home_name;
    std::string away_name;
    nlohmann::json model;
    nlohmann::json state;
};

Result<Prepared> PrepareSoccer(const SimulateOptions& o, const nlohmann::json& state_json) {
    models::SoccerModel model;
    if (!o.params_file.empty()) {
        Result<nlohmann::json> json = ReadJsonFile(o.params_file);
        if (!json.ok()) {
            return json.status();
        }
        Result<models::SoccerModel> parsed = models::SoccerModelFromJson(json.value());
        if (!parsed.ok()) {
            return parsed.status();
        }
        model = parsed.value();
    }
    if (o.home_xg) {
        model.home_xg = *o.home_xg;
    }
    if (o.away_xg) {
        model.away_xg = *o.away_xg;
    }
    Result<kernels::soccer::SoccerParams> params = models::MakeSoccerParams(model);
    if (!params.ok()) {
        return params.status();
    }
    kernels::soccer::SoccerState state = engine::SoccerKickOff();
    if (!state_json.is_null()) {
        Result<kernels::soccer::SoccerState> parsed = engine::ParseSoccerState(state_json, params.value());
        if (!parsed.ok()) {
            return parsed.status();
        }
        state = parsed.value();
    }
    return Prepared{engine::Simulation::Soccer(params.value(), state), "home", "away", models::ToJson(model),
                    state_json};
}

Result<Prepared> PrepareBasketball(const SimulateOptions& o, const nlohmann::json& state_json) {
    if (o.home_xg || o.away_xg) {
        return InvalidArgument("--home-xg", "applies to soccer only; basketball teams come from --params");
    }
    models::BasketballModel model = models::ExampleBasketballModel();
    if (!o.params_file.empty()) {
        Result<nlohmann::json> json = ReadJsonFile(o.params_file);
        if (!json.ok()) {
            return json.status();
        }
        Result<models::BasketballModel> parsed = models::BasketballModelFromJson(json.value());
        if (!parsed.ok()) {
            return parsed.status();
        }
        model = parsed.value();
    }
    Result<kernels::basketball::BasketballParams> params = models::MakeBasketballParams(model);
    if (!params.ok()) {
        return params.status();
    }
    kernels::basketball::BasketballState state = engine::BasketballTipOff();
    if (!state_json.is_null()) {
        Result<kernels::basketball::BasketballState> parsed = engine::ParseBasketballState(state_json);
        if (!parsed.ok()) {
            return parsed.status();
        }
        state = parsed.value();
    }
    std::vector<std::string> names;
    for (const auto* team : {&model.home, &model.away}) {
        for (const models::PlayerModel& p : team->players) {
            names.push_back(p.name);
        }
    }
    return Prepared{engine::Simulation::Basketball(params.value(), state, names), model.home.name, model.away.name,
                    models::ToJson(model), state_json};
}

int RunSimulate(const SimulateOptions& o) {
    if (o.sport != "soccer" && o.sport != "basketball") {
        return Fail("--sport: '" + o.sport + "' is not soccer or basketball");
    }
    if (o.sims == 0 || o.sims > engine::kMaxSims) {
        return Fail("--sims: " + std::to_string(o.sims) + " is outside [1, " + std::to_string(engine::kMaxSims) + "]");
    }
    if (o.threads < 0 || o.threads > 1024) {
        return Fail("--threads: " + std::to_string(o.threads) + " is outside [0, 1024]");
    }
    Result<kernels::Backend> backend = ParseBackend(o.backend);
    if (!backend.ok()) {
        return Fail(backend.status().message());
    }
    nlohmann::json state_json;
    if (!o.state.empty()) {
        Result<nlohmann::json> parsed = ParseJsonText(o.state, "--state");
        if (!parsed.ok()) {
            return Fail(parsed.status().message());
        }
        state_json = parsed.value();
    }
    Result<Prepared> prepared = o.sport == "soccer" ? PrepareSoccer(o, state_json) : PrepareBasketball(o, state_json);
    if (!prepared.ok()) {
        return Fail(prepared.status().message());
    }
    Prepared p = std::move(prepared).value();
    p.simulation.WithSeed(o.seed).WithPaths(o.sims).WithLaunch({backend.value(), o.threads});
    if (o.target_se > 0.0) {
        p.simulation.WithTargetStandardError(o.target_se, o.max_sims);
    }
    auto progress = std::make_shared<ProgressBar>();
    if (!o.json) {
        p.simulation.WithProgress(
            [progress](std::uint64_t done, std::uint64_t planned) { (*progress)(done, planned); });
    }
    Result<engine::SimulationResult> result = p.simulation.Run();
    progress.reset();
    if (!result.ok()) {
        return Fail(result.status().message());
    }
    if (!o.hdf5.empty()) {
        if (Status s =
                engine::WriteHdf5(o.hdf5, result.value(), p.model.dump(), p.state.is_null() ? "{}" : p.state.dump());
            !s.ok()) {
            return Fail("--hdf5: " + s.message());
        }
    }
    if (o.json) {
        std::cout << engine::ToJson(result.value()).dump() << "\n";
    } else {
        std::cout << engine::Summary(result.value(), p.home_name, p.away_name);
    }
    return 0;
}

} // namespace

void AddSimulateOptions(CLI::App& command, SimulateOptions& o) {
    command.add_option("--sport", o.sport, "soccer or basketball")->required();
    command.add_option("--home-xg", o.home_xg, "soccer: home expected goals over the full match");
    command.add_option("--away-xg", o.away_xg, "soccer: away expected goals over the full match");
    command.add_option("--params", o.params_file, "model parameters (JSON file); basketball: home and away teams");
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

void RegisterSimulateCommand(CLI::App& app, int* exit_code) {
    auto options = std::make_shared<SimulateOptions>();
    CLI::App* command = app.add_subcommand("simulate", "simulate a game from kick-off or a live state");
    AddSimulateOptions(*command, *options);
    command->callback([options, exit_code] { *exit_code = RunSimulate(*options); });
}

} // namespace simbook::app
