#include "engine/simulation.hpp"

#include <algorithm>
#include <utility>

namespace simbook::engine {

namespace ks = kernels::soccer;
namespace kb = kernels::basketball;

Simulation& Simulation::WithPaths(std::uint64_t n) {
    paths_ = n;
    return *this;
}
Simulation& Simulation::WithSeed(std::uint64_t seed) {
    seed_ = seed;
    return *this;
}
Simulation& Simulation::WithFirstPath(std::uint64_t first) {
    first_path_ = first;
    return *this;
}
Simulation& Simulation::WithTargetStandardError(double target, std::uint64_t max_paths) {
    target_se_ = target;
    max_paths_ = max_paths;
    return *this;
}
Simulation& Simulation::WithLaunch(const kernels::LaunchConfig& launch) {
    launch_ = launch;
    return *this;
}
Simulation& Simulation::WithBatchSize(std::uint64_t batch) {
    batch_ = batch;
    return *this;
}
Simulation& Simulation::WithProgress(ProgressFn progress) {
    progress_ = std::move(progress);
    return *this;
}

SimulationResult EmptyResult(const GameSpec& game, std::uint64_t seed) {
    return std::visit(
        [seed](const auto& g) {
            SimulationResult r;
            r.seed = seed;
            r.score = Histogram2D(std::decay_t<decltype(g)>::kScoreDim);
            r.tallies = EmptyTallies(g);
            return r;
        },
        game);
}

namespace {

template <typename Outcome> void SinkOne(SimulationResult& r, const Outcome& o) {
    if (o.invalid) {
        ++r.invalid_paths;
        return;
    }
    ++r.sims;
    const std::array<int, 2> score = FinalScore(o);
    r.score.Add(score[0], score[1]);
    std::get<typename GameOf<Outcome>::Tallies>(r.tallies).Sink(o);
}

} // namespace

template <typename Outcome> void SimulationTally<Outcome>::Sink(int local, const PathChunk<Outcome>& chunk) {
    SimulationResult& partial = partials_[static_cast<std::size_t>(local)];
    for (const Outcome& o : chunk.base) {
        SinkOne(partial, o);
    }
}

template <typename Outcome> SimulationResult SimulationTally<Outcome>::Merged() const {
    SimulationResult merged = empty_;
    for (const SimulationResult& partial : partials_) {
        merged.Combine(partial);
    }
    return merged;
}

#define SIMBOOK_INSTANTIATE(Game) template class SimulationTally<Game::Outcome>;
SIMBOOK_SPORTS(SIMBOOK_INSTANTIATE)
#undef SIMBOOK_INSTANTIATE

template <typename Game>
Result<SimulationResult> Simulation::RunWith(std::span<PathSink<typename Game::Outcome>* const> more) const {
    using Outcome = typename Game::Outcome;
    const Game* game = std::get_if<Game>(&game_);
    if (game == nullptr) {
        return InvalidArgument("sport", std::string("the simulation is of ") + SportName(SportOf(game_)));
    }
    if (target_se_ < 0.0 || (target_se_ > 0.0 && target_se_ < 1e-5)) {
        return InvalidArgument("target_se", std::to_string(target_se_) + " must be 0 (off) or at least 1e-5");
    }
    const bool adaptive = target_se_ > 0.0;
    const std::uint64_t planned = adaptive ? max_paths_ : paths_;
    if (planned == 0 || planned > kMaxSims) {
        return InvalidArgument(adaptive ? "max_sims" : "sims",
                               std::to_string(planned) + " is outside [1, " + std::to_string(kMaxSims) + "]");
    }
    if (batch_ == 0) {
        return InvalidArgument("batch", "must be positive");
    }
    SimulationTally<Outcome> tally(EmptyResult(game_, seed_));
    std::vector<PathSink<Outcome>*> sinks{&tally};
    sinks.insert(sinks.end(), more.begin(), more.end());
    PathRun run;
    run.seed = seed_;
    run.paths = planned;
    run.first = first_path_;
    run.batch = batch_;
    run.launch = launch_;
    run.stop_after_batch = [&](std::uint64_t done) {
        if (progress_) {
            progress_(done, planned);
        }
        if (!adaptive) {
            return false;
        }
        const SimulationResult merged = tally.Merged();
        return merged.sims > 0 && merged.HomeWinStandardError() <= target_se_;
    };
    auto info = RunPaths(*game, std::span<const Game>(), run, std::span<PathSink<Outcome>* const>(sinks));
    if (!info.ok()) {
        return info.status();
    }
    SimulationResult result = std::move(tally.Get());
    result.backend = info->backend;
    return result;
}

#define SIMBOOK_INSTANTIATE(Game)                                                                                      \
    template Result<SimulationResult> Simulation::RunWith<Game>(std::span<PathSink<Game::Outcome>* const>) const;
SIMBOOK_SPORTS(SIMBOOK_INSTANTIATE)
#undef SIMBOOK_INSTANTIATE

Result<SimulationResult> Simulation::Run() const {
    return std::visit(
        [this](const auto& game) {
            using Game = std::decay_t<decltype(game)>;
            return RunWith<Game>(std::span<PathSink<typename Game::Outcome>* const>());
        },
        game_);
}

} // namespace simbook::engine
