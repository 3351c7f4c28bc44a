//! Simulation: runs batches of paths on a backend until a path count or a precision target is met.
#pragma once

#include "engine/game_spec.hpp"
#include "engine/path_driver.hpp"
#include "engine/simulation_result.hpp"
#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/result.hpp"
#include "kernels/launch.hpp"
#include "kernels/soccer/soccer_params.hpp"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace simbook::engine {

//! Largest path count one run accepts.
inline constexpr std::uint64_t kMaxSims = 2'000'000'000ULL;

//! Called after every batch with (paths done, paths planned).
using ProgressFn = std::function<void(std::uint64_t, std::uint64_t)>;

//! A result with no paths yet: the game's sport, seed, score grid and players.
SimulationResult EmptyResult(const GameSpec& game, std::uint64_t seed);

//! The consumer of paths behind every SimulationResult: exact integer tallies per local state, combined.
template <typename Outcome> class SimulationTally final : public PathSink<Outcome> {
public:
    explicit SimulationTally(SimulationResult empty) : empty_(std::move(empty)), result_(empty_) {}
    void Begin(int locals) override { partials_.assign(static_cast<std::size_t>(locals), empty_); }
    void Sink(int local, const PathChunk<Outcome>& chunk) override;
    void Combine() override { result_ = Merged(); }
    //! The local states merged (also between batches, for a precision target).
    SimulationResult Merged() const;
    //! The result after Combine.
    SimulationResult& Get() { return result_; }

private:
    SimulationResult empty_;
    SimulationResult result_;
    std::vector<SimulationResult> partials_;
};

//! A configured simulation of one game from one state (McSimulation-like: sample until the tolerance is
//! met). Paths are numbered 0, 1, 2, ... and batches cover consecutive ids, so a run's result depends only
//! on (seed, inputs, number of paths), never on threads, batch size or backend.
class Simulation {
public:
    //! A simulation of the game from its state (engine::Game::spec).
    explicit Simulation(GameSpec game) : game_(std::move(game)) {}
    //! Simulates exactly n paths (ignored when a standard-error target is set).
    Simulation& WithPaths(std::uint64_t n);
    Simulation& WithSeed(std::uint64_t seed);
    //! Runs path ids [first, first + n) instead of [0, n): one share of a run split across processes (MPI), whose
    //! tallies, summed (engine/result_counts.hpp), equal the whole run's.
    Simulation& WithFirstPath(std::uint64_t first);
    //! Stops at the first batch boundary where the standard error of P(home win) is <= target, or at max_paths.
    Simulation& WithTargetStandardError(double target, std::uint64_t max_paths);
    Simulation& WithLaunch(const kernels::LaunchConfig& launch);
    //! Paths per batch (default 65,536); the result does not depend on it.
    Simulation& WithBatchSize(std::uint64_t batch);
    Simulation& WithProgress(ProgressFn progress);

    //! Runs the simulation; InvalidArgument for bad settings, Unavailable when the backend cannot run.
    Result<SimulationResult> Run() const;
    //! Runs the simulation once and feeds the same paths to `more` consumers of this game's sport (per-path
    //! markets, momentum, replays): one pass. The consumers see exactly the paths the result counts.
    //! InvalidArgument when Game is not the simulation's sport.
    template <typename Game>
    Result<SimulationResult> RunWith(std::span<PathSink<typename Game::Outcome>* const> more) const;

    const GameSpec& Spec() const { return game_; }
    std::uint64_t Seed() const { return seed_; }

private:
    GameSpec game_;
    std::uint64_t paths_ = 100'000;
    std::uint64_t seed_ = 1;
    std::uint64_t first_path_ = 0;
    double target_se_ = 0.0;
    std::uint64_t max_paths_ = 0;
    std::uint64_t batch_ = 1 << 16;
    kernels::LaunchConfig launch_;
    ProgressFn progress_;
};

} // namespace simbook::engine
