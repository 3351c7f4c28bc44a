//! The one driver of a game's paths. It runs path ids [0, n) of a game (and, for what-if, of paired games on the
//! same ids) in batches on a backend and feeds every batch to any set of consumers, so each path id runs once
//! however many markets, tallies or lines are read from it. Consumers are shaped like DuckDB's sink operators:
//! the driver gives each of its threads a local state and a contiguous chunk of every batch (Sink), merges the
//! local states after the last batch (Combine) and lets the consumer finish (Finalize). Nothing else calls the
//! kernels' launch functions (the season kernel of futures keeps its own driver).
#pragma once

#include "engine/game_spec.hpp"
#include "kernels/core/result.hpp"
#include "kernels/core/run_deadline.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace simbook::engine {

//! Consecutive paths of one batch as one local state sees them.
template <typename Outcome> struct PathChunk {
    std::uint64_t first_path = 0;                 //!< id of base[0]
    std::span<const Outcome> base;                //!< the game's outcomes
    std::vector<std::span<const Outcome>> paired; //!< the same path ids in each paired game (what-if)
};

//! A consumer of paths (see the file comment). Sink is called concurrently for distinct locals only.
template <typename Outcome> class PathSink {
public:
    virtual ~PathSink() = default;
    //! Before the first batch: the number of local states [0, locals) Sink will be called with.
    virtual void Begin(int locals) = 0;
    //! Adds a chunk of paths to local state `local`.
    virtual void Sink(int local, const PathChunk<Outcome>& chunk) = 0;
    //! After the last batch: merges the local states into one.
    virtual void Combine() = 0;
    //! Finishes the result; an error fails the run.
    virtual Status Finalize() { return Status::Ok(); }
};

//! A consumer that calls fn(local, path id, outcome) for each path of the game, concurrently for distinct
//! locals: for consumers that write per path (fantasy lines) or keep their own per-local counts.
template <typename Outcome> class ForEachPath final : public PathSink<Outcome> {
public:
    using Fn = std::function<void(int, std::uint64_t, const Outcome&)>;
    explicit ForEachPath(Fn fn) : fn_(std::move(fn)) {}
    void Begin(int) override {}
    void Sink(int local, const PathChunk<Outcome>& chunk) override {
        for (std::size_t i = 0; i < chunk.base.size(); ++i) {
            fn_(local, chunk.first_path + i, chunk.base[i]);
        }
    }
    void Combine() override {}

private:
    Fn fn_;
};

//! How to run the paths.
struct PathRun {
    std::uint64_t seed = 1;
    std::optional<std::uint64_t> paired_seed; //!< seed of the paired games (default: seed, common random numbers)
    std::uint64_t paths = 0;                  //!< path ids [first, first + paths)
    std::uint64_t first = 0;                  //!< the first path id (a share of a larger run: MPI ranks)
    std::uint64_t batch = 1 << 16;            //!< paths per launch; no result depends on it
    kernels::LaunchConfig launch;             //!< backend and threads (threads also sink the batches)
    //! Called after each batch with the paths done; true stops the run at this batch boundary.
    std::function<bool(std::uint64_t)> stop_after_batch;
};

//! What a run did.
struct PathRunInfo {
    std::uint64_t paths = 0; //!< path ids run: [run.first, run.first + paths)
    kernels::Backend backend = kernels::Backend::kCpu;
    int locals = 1; //!< local states the consumers were given
};

//! Runs the game's paths (and the paired games' on the same ids) and feeds them to the sinks, in batches.
//! InvalidArgument for a zero path or batch count; the kernels' error when a launch fails.
template <typename Game>
Result<PathRunInfo> RunPaths(const Game& game, std::span<const Game> paired, const PathRun& run,
                             std::span<PathSink<typename Game::Outcome>* const> sinks);

//! Kernel path evaluations since the process started (every game, base and paired), for tests and metrics.
std::uint64_t PathsEvaluated();

} // namespace simbook::engine
