// Games per second of the light basketball kernel (one draw per possession, no box scores) next to the box-score
// kernel, from tip-off. Each benchmark validates its result once before timing. Run:
//   build/<preset>/bench/simbook_light_bench --benchmark_filter='threads:1'
// BM_BasketballLight runs RunBasketballLight (the host's native SIMD lanes, OpenMP over blocks); the _Lanes and
// _Scalar variants call the functor directly on one thread with a fixed lane type, to show what the lanes buy.
// BM_BasketballBoxScore runs the box-score kernel (RunBasketball: native SIMD lanes) and
// BM_BasketballBoxScore_Scalar the same functor with scalar lanes (RunBasketballScalar), the same paths.
#include "engine/basketball/exact.hpp"
#include "engine/game_state.hpp"
#include "kernels/basketball/box_launch.hpp"
#include "kernels/basketball/light_launch.hpp"
#include "kernels/basketball/light_step.cuh"
#include "kernels/core/lanes.cuh"
#include "kernels/core/simd_lanes.hpp"
#include "kernels/launch.hpp"
#include "models/basketball_model.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace simbook {
namespace {

namespace kb = kernels::basketball;

constexpr std::size_t kBatch = 1 << 16;

void Require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "benchmark validation failed: %s\n", what);
        std::abort();
    }
}

kb::BasketballParams Params() {
    return models::MakeBasketballParams(models::ExampleBasketballModel()).value();
}

//! Mean home points of the outcomes within 0.5 points (about 10 standard errors) of the exact DP's.
template <typename Outcome> void ValidateMeanScore(const std::vector<Outcome>& out, const char* what) {
    double points = 0.0;
    for (const Outcome& o : out) {
        points += o.score[0];
        Require(o.invalid == 0, what);
    }
    const double exact = engine::ExactBasketball(Params(), engine::BasketballTipOff()).MeanScore()[0];
    Require(std::abs(points / static_cast<double>(out.size()) - exact) < 0.5, what);
}

std::string Label(const std::string& lanes, int threads) {
    return "backend=cpu lanes=" + lanes + " threads=" + std::to_string(threads);
}

void BM_BasketballLight(benchmark::State& state) {
    const int threads = static_cast<int>(state.range(0));
    const kb::BasketballLightParams params = kb::MakeBasketballLightParams(Params());
    const auto tipoff = engine::BasketballTipOff();
    std::vector<kb::BasketballLightOutcome> out(kBatch);
    Require(
        kernels::RunBasketballLight(params, tipoff, 1, 0, kBatch, out.data(), {kernels::Backend::kCpu, threads}).ok(),
        "light run");
    ValidateMeanScore(out, "light kernel mean home points near the exact DP's");
    std::uint64_t first = 0;
    for (auto _ : state) {
        const kernels::Status s = kernels::RunBasketballLight(params, tipoff, 1, first, kBatch, out.data(),
                                                              {kernels::Backend::kCpu, threads});
        benchmark::DoNotOptimize(s.ok());
        benchmark::DoNotOptimize(out.data());
        first += kBatch;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kBatch));
    state.SetLabel(Label(std::to_string(kernels::BasketballLightCpuLanes()), threads));
}
BENCHMARK(BM_BasketballLight)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

//! The functor with lane type L on the calling thread only (no OpenMP).
template <typename L> void RunLanes(benchmark::State& state, const char* lanes) {
    const kb::BasketballLightGame<L> game{kb::MakeBasketballLightParams(Params()), engine::BasketballTipOff(), 1};
    std::vector<kb::BasketballLightOutcome> out(kBatch);
    const auto run = [&](std::uint64_t first) {
        for (std::size_t i = 0; i < kBatch; i += L::kWidth) {
            game(first + i, out.data() + i, L::kWidth);
        }
    };
    run(0);
    ValidateMeanScore(out, "light kernel (fixed lanes) mean home points near the exact DP's");
    std::uint64_t first = 0;
    for (auto _ : state) {
        run(first);
        benchmark::DoNotOptimize(out.data());
        first += kBatch;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kBatch));
    state.SetLabel(Label(lanes, 1));
}
void BM_BasketballLight_Lanes16(benchmark::State& state) {
    RunLanes<kernels::SimdLanes<16>>(state, "16");
}
void BM_BasketballLight_Lanes8(benchmark::State& state) {
    RunLanes<kernels::SimdLanes<8>>(state, "8");
}
void BM_BasketballLight_Scalar(benchmark::State& state) {
    RunLanes<kernels::ScalarLanes>(state, "scalar");
}
BENCHMARK(BM_BasketballLight_Lanes16)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BasketballLight_Lanes8)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BasketballLight_Scalar)->UseRealTime()->Unit(benchmark::kMillisecond);

//! The box-score kernel in the same run: run(params, state, first, count, out, threads) on every iteration.
template <typename Run> void RunBoxScore(benchmark::State& state, const Run& run, const std::string& lanes) {
    const int threads = static_cast<int>(state.range(0));
    const kb::BasketballParams params = Params();
    const auto tipoff = engine::BasketballTipOff();
    const std::size_t batch = kBatch / 4;
    std::vector<kb::BasketballOutcome> out(batch);
    Require(run(params, tipoff, 0, batch, out.data(), threads).ok(), "box-score run");
    ValidateMeanScore(out, "box-score kernel mean home points near the exact DP's");
    std::uint64_t first = 0;
    for (auto _ : state) {
        const kernels::Status s = run(params, tipoff, first, batch, out.data(), threads);
        benchmark::DoNotOptimize(s.ok());
        benchmark::DoNotOptimize(out.data());
        first += batch;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
    state.SetLabel(Label(lanes, threads));
}
void BM_BasketballBoxScore(benchmark::State& state) {
    RunBoxScore(
        state,
        [](const kb::BasketballParams& params, const kb::BasketballState& s, std::uint64_t first, std::size_t n,
           kb::BasketballOutcome* out, int threads) {
            return kernels::RunBasketball(params, s, 1, first, n, out, {kernels::Backend::kCpu, threads});
        },
        std::to_string(kernels::BasketballLightCpuLanes()));
}
void BM_BasketballBoxScore_Scalar(benchmark::State& state) {
    RunBoxScore(
        state,
        [](const kb::BasketballParams& params, const kb::BasketballState& s, std::uint64_t first, std::size_t n,
           kb::BasketballOutcome* out,
           int threads) { return kernels::RunBasketballScalar(params, s, 1, first, n, out, threads); },
        "scalar");
}
BENCHMARK(BM_BasketballBoxScore)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BasketballBoxScore_Scalar)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

} // namespace
} // namespace simbook
