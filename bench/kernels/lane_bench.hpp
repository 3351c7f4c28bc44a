//! Set-up the lane-templated game kernels' benchmarks share (football_bench.cpp, baseball_bench.cpp): the batch, the
//! one-off validation check, the label, and the fixed-lane run of a game functor on the calling thread.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace simbook::bench {

//! Games per timed iteration.
inline constexpr std::size_t kBatch = 1 << 16;

//! Aborts the benchmark run when a validation fails (a benchmark of a wrong result is worse than none).
inline void Require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "benchmark validation failed: %s\n", what);
        std::abort();
    }
}

//! "backend=cpu lanes=<lanes> threads=<threads>".
inline std::string Label(const std::string& lanes, int threads) {
    return "backend=cpu lanes=" + lanes + " threads=" + std::to_string(threads);
}

//! Times `game` (a functor `game(first_path, out, L::kWidth)` with lane type L) over kBatch paths per iteration on
//! the calling thread only (no OpenMP), after checking the first batch once with validate(outcomes).
template <typename L, typename Outcome, typename Game, typename Validate>
void RunFixedLanes(benchmark::State& state, const Game& game, Validate&& validate, const std::string& label) {
    std::vector<Outcome> out(kBatch);
    const auto run = [&](std::uint64_t first) {
        for (std::size_t i = 0; i < kBatch; i += L::kWidth) {
            game(first + i, out.data() + i, L::kWidth);
        }
    };
    run(0);
    validate(out);
    std::uint64_t first = 0;
    for (auto _ : state) {
        run(first);
        benchmark::DoNotOptimize(out.data());
        first += kBatch;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kBatch));
    state.SetLabel(label);
}

} // namespace simbook::bench
