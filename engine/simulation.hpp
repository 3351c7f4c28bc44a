//! Simulation: runs batches of paths on a backend until a path count or a precision target is met.
#pragma once

#include "engine/simulation_result.hpp"
#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/result.hpp"
#include "kernels/launch.hpp"
#include "kernels/soccer/soccer_params.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace simbook::engine {

//! Largest path count one run accepts.
inline constexpr std::uint64_t kMaxSims = 2'000'000'000ULL;

//! Called after every batch with (paths done, paths planned).
using ProgressFn = std::function<void(std::uint64_t, std::uint64_t)>;

//! A configured simulation of one game from one state (McSimulation-like: sample until the tolerance is
//! met). Paths are numbered 0, 1, 2, ... and batches cover consecutive ids, so a run's result depends only
//! on (seed, inputs, number of paths), never on threads, batch size or backend.
class Simulation {
public:
    static Simulation Soccer(const kernels::soccer::SoccerParams& params, const kernels::soccer::SoccerState& state);
    //! player_names: the home roster then the away roster, as many as params.team[t].players.
    static Simulation Basketball(const kernels::basketball::BasketballParams& params,
                                 const kernels::basketball::BasketballState& state,
                                 std::vector<std::string> player_names);

    //! Simulates exactly n paths (ignored when a standard-error target is set).
    Simulation& WithPaths(std::uint64_t n);
    Simulation& WithSeed(std::uint64_t seed);
    //! Stops at the first batch boundary where the standard error of P(home win) is <= target, or at max_paths.
    Simulation& WithTargetStandardError(double target, std::uint64_t max_paths);
    Simulation& WithLaunch(const kernels::LaunchConfig& launch);
    //! Paths per batch (default 65,536); the result does not depend on it.
    Simulation& WithBatchSize(std::uint64_t batch);
    Simulation& WithProgress(ProgressFn progress);

    //! Runs the simulation; InvalidArgument for bad settings, Unavailable when the backend cannot run.
    Result<SimulationResult> Run() const;

private:
    template <typename Outcome, typename Launch> Result<SimulationResult> RunBatches(Launch launch) const;
    SimulationResult EmptyResult() const;

    Sport sport_ = Sport::kSoccer;
    kernels::soccer::SoccerParams soccer_params_{};
    kernels::soccer::SoccerState soccer_state_{};
    kernels::basketball::BasketballParams basketball_params_{};
    kernels::basketball::BasketballState basketball_state_{};
    std::vector<std::string> player_names_;
    std::uint64_t paths_ = 100'000;
    std::uint64_t seed_ = 1;
    double target_se_ = 0.0;
    std::uint64_t max_paths_ = 0;
    std::uint64_t batch_ = 1 << 16;
    kernels::LaunchConfig launch_;
    ProgressFn progress_;
};

} // namespace simbook::engine
