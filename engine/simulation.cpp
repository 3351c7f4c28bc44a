#include "engine/simulation.hpp"

#include <omp.h>

#include <algorithm>
#include <utility>

namespace simbook::engine {

namespace ks = kernels::soccer;
namespace kb = kernels::basketball;

Simulation Simulation::Soccer(const ks::SoccerParams& params, const ks::SoccerState& state) {
    Simulation s;
    s.sport_ = Sport::kSoccer;
    s.soccer_params_ = params;
    s.soccer_state_ = state;
    return s;
}

Simulation Simulation::Basketball(const kb::BasketballParams& params, const kb::BasketballState& state,
                                  std::vector<std::string> player_names) {
    Simulation s;
    s.sport_ = Sport::kBasketball;
    s.basketball_params_ = params;
    s.basketball_state_ = state;
    s.player_names_ = std::move(player_names);
    return s;
}

Simulation& Simulation::WithPaths(std::uint64_t n) {
    paths_ = n;
    return *this;
}
Simulation& Simulation::WithSeed(std::uint64_t seed) {
    seed_ = seed;
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

SimulationResult Simulation::EmptyResult() const {
    SimulationResult r;
    r.sport = sport_;
    r.seed = seed_;
    if (sport_ == Sport::kSoccer) {
        r.score = Histogram2D(64);
    } else {
        r.score = Histogram2D(320);
        std::size_t i = 0;
        for (int team = 0; team < 2; ++team) {
            for (int p = 0; p < basketball_params_.team[team].players; ++p) {
                PlayerTallies player;
                player.team = team;
                if (i < player_names_.size()) {
                    player.name = player_names_[i];
                } else {
                    player.name = std::to_string(i + 1);
                    player.name.insert(0, "player "); // not operator+: GCC 12 -Wrestrict false positive (PR 105329)
                }
                r.basketball.players.push_back(std::move(player));
                ++i;
            }
        }
    }
    return r;
}

namespace {

void SinkOne(SimulationResult& r, const ks::SoccerOutcome& o) {
    if (o.invalid) {
        ++r.invalid_paths;
        return;
    }
    ++r.sims;
    r.score.Add(o.home, o.away);
    r.soccer.Sink(o);
}

void SinkOne(SimulationResult& r, const kb::BasketballOutcome& o) {
    if (o.invalid) {
        ++r.invalid_paths;
        return;
    }
    ++r.sims;
    r.score.Add(o.score[0], o.score[1]);
    r.basketball.Sink(o);
}

} // namespace

template <typename Outcome, typename Launch> Result<SimulationResult> Simulation::RunBatches(Launch launch) const {
    const bool adaptive = target_se_ > 0.0;
    const std::uint64_t planned = adaptive ? max_paths_ : paths_;
    if (planned == 0 || planned > kMaxSims) {
        return InvalidArgument(adaptive ? "max_sims" : "sims",
                               std::to_string(planned) + " is outside [1, " + std::to_string(kMaxSims) + "]");
    }
    if (batch_ == 0) {
        return InvalidArgument("batch", "must be positive");
    }
    kernels::Backend backend = kernels::Backend::kCpu;
    if (Status status = kernels::ResolveBackend(launch_.backend, &backend); !status.ok()) {
        return status;
    }
    const int threads = launch_.threads > 0 ? launch_.threads : omp_get_num_procs();
    std::vector<SimulationResult> partials(static_cast<std::size_t>(threads), EmptyResult());
    std::vector<Outcome> outcomes(static_cast<std::size_t>(std::min(batch_, planned)));
    kernels::LaunchConfig config = launch_;
    config.backend = backend;
    config.threads = threads;

    std::uint64_t done = 0;
    while (done < planned) {
        const std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(batch_, planned - done));
        if (Status status = launch(done, count, outcomes.data(), config); !status.ok()) {
            return status;
        }
        // Sink: each thread tallies a contiguous chunk into its own partial; counts are exact, so the
        // split does not change the result.
#pragma omp parallel for num_threads(threads) schedule(static)
        for (int t = 0; t < threads; ++t) {
            const std::size_t begin = count * static_cast<std::size_t>(t) / static_cast<std::size_t>(threads);
            const std::size_t end = count * static_cast<std::size_t>(t + 1) / static_cast<std::size_t>(threads);
            for (std::size_t i = begin; i < end; ++i) {
                SinkOne(partials[static_cast<std::size_t>(t)], outcomes[i]);
            }
        }
        done += count;
        if (progress_) {
            progress_(done, planned);
        }
        if (adaptive) {
            SimulationResult merged = EmptyResult();
            for (const SimulationResult& partial : partials) {
                merged.Combine(partial);
            }
            if (merged.sims > 0 && merged.HomeWinStandardError() <= target_se_) {
                break;
            }
        }
    }
    SimulationResult result = EmptyResult();
    for (const SimulationResult& partial : partials) {
        result.Combine(partial);
    }
    result.backend = backend;
    return result;
}

Result<SimulationResult> Simulation::Run() const {
    if (target_se_ < 0.0 || (target_se_ > 0.0 && target_se_ < 1e-5)) {
        return InvalidArgument("target_se", std::to_string(target_se_) + " must be 0 (off) or at least 1e-5");
    }
    if (sport_ == Sport::kSoccer) {
        return RunBatches<ks::SoccerOutcome>(
            [this](std::uint64_t first, std::size_t n, ks::SoccerOutcome* out, const kernels::LaunchConfig& config) {
                return kernels::RunSoccer(soccer_params_, soccer_state_, seed_, first, n, out, config);
            });
    }
    return RunBatches<kb::BasketballOutcome>(
        [this](std::uint64_t first, std::size_t n, kb::BasketballOutcome* out, const kernels::LaunchConfig& config) {
            return kernels::RunBasketball(basketball_params_, basketball_state_, seed_, first, n, out, config);
        });
}

} // namespace simbook::engine
