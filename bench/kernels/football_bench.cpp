// Games per second of the American football kernel (clock and drive-count modes), SIMD lanes against scalar lanes,
// and the exact oracle's time. Each benchmark validates its result once before timing. Run:
//   build/<preset>/bench/simbook_football_bench
// BM_Football runs RunFootball (the host's native SIMD lanes, OpenMP over blocks); _Lanes8 and _Scalar call the
// functor directly on one thread with a fixed lane type. BM_FootballExact times engine::ExactFootball pre-game.
#include "bench/kernels/lane_bench.hpp"
#include "engine/football/exact.hpp"
#include "kernels/core/lanes.cuh"
#include "kernels/core/simd_lanes.hpp"
#include "kernels/football/football_step.cuh"
#include "kernels/football/launch.hpp"
#include "kernels/launch.hpp"
#include "models/football_model.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace simbook {
namespace {

namespace kf = kernels::football;
using bench::kBatch;
using bench::Label;
using bench::Require;

kf::FootballParams Params(bool clock) {
    return models::MakeFootballParams(models::FootballLeague{}, 24.0, 20.0, models::FootballRulesFor(2017, false),
                                      clock);
}

//! No invalid path, and the mean total within 1 point (about 14 standard errors at kBatch games) of the exact
//! model's (the clock changes the total by well under a point).
void Validate(const std::vector<kf::FootballOutcome>& out, const char* what) {
    double total = 0.0;
    for (const kf::FootballOutcome& o : out) {
        total += o.score[0] + o.score[1];
        Require(o.invalid == 0, what);
    }
    const auto exact = engine::ExactFootball(Params(false), kf::FootballState{});
    Require(exact.ok(), what);
    const auto pmf = exact.value().TotalPmf();
    double mean = 0.0;
    for (std::size_t t = 0; t < pmf.size(); ++t) {
        mean += double(t) * pmf[t];
    }
    Require(std::abs(total / double(out.size()) - mean) < 1.0, what);
}

void BM_Football(benchmark::State& state) {
    const int threads = static_cast<int>(state.range(0));
    const bool clock = state.range(1) != 0;
    const kf::FootballParams params = Params(clock);
    std::vector<kf::FootballOutcome> out(kBatch);
    const kernels::LaunchConfig config{kernels::Backend::kCpu, threads};
    Require(kernels::RunFootball(params, kf::FootballState{}, 1, 0, kBatch, out.data(), config).ok(), "run");
    Validate(out, "kernel mean total near the exact model's");
    std::uint64_t first = 0;
    for (auto _ : state) {
        const kernels::Status s =
            kernels::RunFootball(params, kf::FootballState{}, 1, first, kBatch, out.data(), config);
        benchmark::DoNotOptimize(s.ok());
        benchmark::DoNotOptimize(out.data());
        first += kBatch;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kBatch));
    state.SetLabel(Label(std::to_string(kernels::kNativeLanes), threads) + (clock ? " clock" : " drive count"));
}
BENCHMARK(BM_Football)
    ->ArgNames({"threads", "clock"})
    ->Args({1, 1})
    ->Args({2, 1})
    ->Args({1, 0})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

//! The functor with lane type L on the calling thread only (no OpenMP), clock mode.
template <typename L> void RunLanes(benchmark::State& state, const char* lanes) {
    const kf::FootballGame<L> game{Params(true), kf::FootballState{}, 1};
    bench::RunFixedLanes<L, kf::FootballOutcome>(
        state, game,
        [](const std::vector<kf::FootballOutcome>& out) {
            Validate(out, "kernel (fixed lanes) mean total near the exact model's");
        },
        Label(lanes, 1) + " clock");
}
void BM_Football_Lanes8(benchmark::State& state) {
    RunLanes<kernels::SimdLanes<8>>(state, "8");
}
void BM_Football_Scalar(benchmark::State& state) {
    RunLanes<kernels::ScalarLanes>(state, "scalar");
}
BENCHMARK(BM_Football_Lanes8)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Football_Scalar)->UseRealTime()->Unit(benchmark::kMillisecond);

//! The exact oracle pre-game (2017 regular season).
void BM_FootballExact(benchmark::State& state) {
    const kf::FootballParams params = Params(false);
    const auto check = engine::ExactFootball(params, kf::FootballState{});
    Require(check.ok() && check.value().invalid < 1e-9, "exact game");
    for (auto _ : state) {
        auto exact = engine::ExactFootball(params, kf::FootballState{});
        benchmark::DoNotOptimize(exact.value().p.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetLabel("pre-game");
}
BENCHMARK(BM_FootballExact)->Unit(benchmark::kMillisecond);

} // namespace
} // namespace simbook
