#include "app/simulate_command.hpp"

#include "app/game_setup.hpp"
#include "app/processes.hpp"
#include "engine/report.hpp"
#include "engine/result_counts.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <vector>

namespace simbook::app {
namespace {

//! A progress bar on stderr, drawn only once a run has taken more than a second.
class ProgressBar {
public:
    void operator()(std::uint64_t done, std::uint64_t planned) {
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        if (elapsed < 1.0) {
            return;
        }
        const int width = 40;
        const double fraction = static_cast<double>(done) / static_cast<double>(planned);
        const int filled = static_cast<int>(width * fraction);
        std::fprintf(
            stderr, "\r[%s%s] %3d%% %llu/%llu paths", std::string(static_cast<std::size_t>(filled), '#').c_str(),
            std::string(static_cast<std::size_t>(width - filled), '.').c_str(), static_cast<int>(100.0 * fraction),
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

//! This process's share of the run: the whole run in one process; under mpirun, the rank's range of path ids,
//! with every rank's counts summed over the ranks (the same result as one process, whatever the number of ranks).
Result<engine::SimulationResult> RunShare(const Game& game, const SimulateOptions& o, engine::Simulation simulation) {
    Processes& processes = Processes::Get();
    if (processes.size() == 1) {
        return simulation.Run();
    }
    std::uint64_t first = 0;
    std::uint64_t count = 0;
    processes.Share(o.sims, &first, &count);
    Result<engine::SimulationResult> result =
        count == 0 ? Result<engine::SimulationResult>(engine::EmptyResult(game.spec, o.seed))
                   : simulation.WithFirstPath(first).WithPaths(count).Run();
    if (!processes.AllOk(result.ok())) {
        return result.ok() ? Status{StatusCode::kAborted, "another rank failed"} : result.status();
    }
    std::vector<std::uint64_t> words = engine::CountWords(result.value());
    if (Status s = processes.SumOverRanks(words); !s.ok()) {
        return s;
    }
    if (Status s = engine::SetCountWords(result.value(), words); !s.ok()) {
        return s;
    }
    return result;
}

int RunSimulate(const SimulateOptions& o) {
    Result<kernels::Backend> backend = ParseBackend(o.backend);
    if (!backend.ok()) {
        return Fail(backend.status().message());
    }
    const int rank = Processes::Get().rank();
    if (Processes::Get().size() > 1 && o.target_se > 0.0) {
        return rank == 0 ? Fail("--target-se: not under mpirun, whose ranks split a fixed --sims") : 2;
    }
    Result<Game> prepared = PrepareGame(o);
    if (!prepared.ok()) {
        return Fail(prepared.status().message());
    }
    const Game& game = prepared.value();
    engine::Simulation simulation = game.MakeSimulation(o, backend.value());
    auto progress = std::make_shared<ProgressBar>();
    if (!o.json && rank == 0) {
        simulation.WithProgress([progress](std::uint64_t done, std::uint64_t planned) { (*progress)(done, planned); });
    }
    Result<engine::SimulationResult> result = RunShare(game, o, std::move(simulation));
    progress.reset();
    if (!result.ok()) {
        return rank == 0 ? Fail(result.status().message()) : 1;
    }
    if (rank != 0) {
        return 0; // rank 0 holds the summed counts and reports them
    }
    if (Status s = game.MaybeWriteHdf5(o, result.value()); !s.ok()) {
        return Fail(s.message());
    }
    if (o.json) {
        std::cout << engine::ToJson(result.value()).dump() << "\n";
    } else {
        std::cout << engine::Summary(result.value(), game.home_name, game.away_name);
        if (engine::RulesOf(game.sport()).periods_from_state && !engine::AtStart(game.spec)) {
            std::cout << "  (player lines, runs and lead changes count from the live state on)\n";
        }
    }
    return 0;
}

} // namespace

void RegisterSimulateCommand(CLI::App& app, int* exit_code) {
    auto options = std::make_shared<SimulateOptions>();
    CLI::App* command = app.add_subcommand("simulate", "simulate a game from kick-off or a live state");
    AddSimulateOptions(*command, *options);
    command->callback([options, exit_code] { *exit_code = RunSimulate(*options); });
}

} // namespace simbook::app
