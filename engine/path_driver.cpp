#include "engine/path_driver.hpp"

#include "engine/basketball/light_game.hpp"

#include <omp.h>

#include <algorithm>
#include <limits>
#include <string>

namespace simbook::engine {
namespace {

std::atomic<std::uint64_t> g_paths_evaluated{0};

} // namespace

std::uint64_t PathsEvaluated() {
    return g_paths_evaluated.load(std::memory_order_relaxed);
}

template <typename Game>
Result<PathRunInfo> RunPaths(const Game& game, std::span<const Game> paired, const PathRun& run,
                             std::span<PathSink<typename Game::Outcome>* const> sinks) {
    using Outcome = typename Game::Outcome;
    if (run.paths == 0) {
        return InvalidArgument("paths", "must be positive");
    }
    if (run.batch == 0) {
        return InvalidArgument("batch", "must be positive");
    }
    PathRunInfo info;
    if (Status status = kernels::ResolveBackend(run.launch.backend, &info.backend); !status.ok()) {
        return status;
    }
    kernels::LaunchConfig config = run.launch;
    config.backend = info.backend;
    config.threads = run.launch.threads > 0 ? run.launch.threads : omp_get_num_procs();
    info.locals = config.threads;
    for (PathSink<Outcome>* sink : sinks) {
        sink->Begin(info.locals);
    }
    // Outcome buffers stay within about 64 MiB however many paired games run (no result depends on the batch).
    const std::uint64_t budget = (std::uint64_t{64} << 20) / (sizeof(Outcome) * (1 + paired.size()));
    const std::size_t batch =
        static_cast<std::size_t>(std::min({run.batch, run.paths, std::max<std::uint64_t>(budget, 1024)}));
    std::vector<Outcome> base(batch);
    std::vector<std::vector<Outcome>> paired_out(paired.size(), std::vector<Outcome>(batch));
    const std::uint64_t paired_seed = run.paired_seed.value_or(run.seed);
    if (run.paths > std::numeric_limits<std::uint64_t>::max() - run.first) {
        return InvalidArgument("first", "path ids past 2^64");
    }
    while (info.paths < run.paths) {
        const std::uint64_t first = run.first + info.paths;
        const std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(batch, run.paths - info.paths));
        if (Status status = RunKernel(game, run.seed, first, count, base.data(), config); !status.ok()) {
            return status;
        }
        for (std::size_t k = 0; k < paired.size(); ++k) {
            if (Status status = RunKernel(paired[k], paired_seed, first, count, paired_out[k].data(), config);
                !status.ok()) {
                return status;
            }
        }
        g_paths_evaluated.fetch_add(count * (1 + paired.size()), std::memory_order_relaxed);
        // Each local state takes one contiguous chunk; consumers tally exact counts or write per path, so the
        // split never changes a result.
        const int locals = info.locals;
#pragma omp parallel for num_threads(locals) schedule(static)
        for (int t = 0; t < locals; ++t) {
            const std::size_t begin = count * static_cast<std::size_t>(t) / static_cast<std::size_t>(locals);
            const std::size_t end = count * static_cast<std::size_t>(t + 1) / static_cast<std::size_t>(locals);
            if (begin == end) {
                continue;
            }
            PathChunk<Outcome> chunk;
            chunk.first_path = first + begin;
            chunk.base = std::span<const Outcome>(base.data() + begin, end - begin);
            for (const std::vector<Outcome>& p : paired_out) {
                chunk.paired.emplace_back(p.data() + begin, end - begin);
            }
            for (PathSink<Outcome>* sink : sinks) {
                sink->Sink(t, chunk);
            }
        }
        info.paths += count;
        if (run.stop_after_batch && run.stop_after_batch(info.paths)) {
            break;
        }
        if (info.paths < run.paths) {
            if (Status status = kernels::CheckRunDeadline(); !status.ok()) {
                return status;
            }
        }
    }
    for (PathSink<Outcome>* sink : sinks) {
        sink->Combine();
    }
    for (PathSink<Outcome>* sink : sinks) {
        if (Status status = sink->Finalize(); !status.ok()) {
            return status;
        }
    }
    return info;
}

#define SIMBOOK_INSTANTIATE(Game)                                                                                      \
    template Result<PathRunInfo> RunPaths(const Game&, std::span<const Game>, const PathRun&,                          \
                                          std::span<PathSink<Game::Outcome>* const>);
SIMBOOK_SPORTS(SIMBOOK_INSTANTIATE)
SIMBOOK_INSTANTIATE(BasketballLightGame)
#undef SIMBOOK_INSTANTIATE

} // namespace simbook::engine
