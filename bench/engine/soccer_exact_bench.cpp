// Exact soccer prices from live states: the goal and red-card chain (ExactSoccerLive, every state effect of the
// default model) from kick-off, 60' and 85', against the closed form of independent Poissons (no state
// effects) from the same states. Each benchmark validates its result once before timing.
// Run: build/<preset>/bench/simbook_soccer_exact_bench
#include "engine/game_state.hpp"
#include "engine/soccer/exact.hpp"
#include "models/soccer_model.hpp"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace simbook {
namespace {

namespace ks = kernels::soccer;

constexpr std::size_t kDim = 16;

void Require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "benchmark validation failed: %s\n", what);
        std::abort();
    }
}

const char* const kStates[] = {"{}", R"({"minute": 60, "home": 1, "away": 0})",
                               R"({"minute": 85, "home": 1, "away": 1})"};

ks::SoccerState State(std::int64_t which, const ks::SoccerParams& params) {
    const auto state = engine::ParseSoccerState(nlohmann::json::parse(kStates[which]), params);
    Require(state.ok(), "state parses");
    return state.value();
}

void BM_SoccerExact_Live(benchmark::State& bench) {
    const auto params = models::MakeSoccerParams(models::SoccerModel{}).value();
    const ks::SoccerState state = State(bench.range(0), params);
    const engine::SoccerLiveDistribution check = engine::ExactSoccerLive(params, state, kDim);
    double reds = 0.0;
    for (const auto& row : check.red_cards) {
        for (const double p : row) {
            reds += p;
        }
    }
    Require(check.final_score.Truncated() < 1e-9, "mass on the grid");
    Require(std::abs(reds - (1.0 - check.final_score.Truncated())) < 1e-12, "red-card grid holds the same mass");
    for (auto _ : bench) {
        const engine::SoccerLiveDistribution d = engine::ExactSoccerLive(params, state, kDim);
        benchmark::DoNotOptimize(d.final_score.At(1, 1));
    }
    bench.SetItemsProcessed(bench.iterations());
    bench.counters["steps"] = check.steps;
    bench.counters["truncated"] = check.final_score.Truncated();
    bench.SetLabel(kStates[bench.range(0)]);
}
BENCHMARK(BM_SoccerExact_Live)->ArgName("state")->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

void BM_SoccerExact_ClosedForm(benchmark::State& bench) {
    const auto params = models::MakeSoccerParams(models::SoccerModel{}.WithoutStateEffects()).value();
    const ks::SoccerState state = State(bench.range(0), params);
    const engine::ScoreDistribution closed = engine::ExactSoccer(params, state, kDim);
    const engine::ScoreDistribution chain = engine::ExactSoccerLive(params, state, kDim).final_score;
    double worst = 0.0;
    for (std::size_t h = 0; h < kDim; ++h) {
        for (std::size_t a = 0; a < kDim; ++a) {
            worst = std::max(worst, std::abs(closed.At(h, a) - chain.At(h, a)));
        }
    }
    Require(worst < 1e-12, "the chain without state effects is the closed form");
    for (auto _ : bench) {
        const engine::ScoreDistribution d = engine::ExactSoccer(params, state, kDim);
        benchmark::DoNotOptimize(d.At(1, 1));
    }
    bench.SetItemsProcessed(bench.iterations());
    bench.SetLabel(kStates[bench.range(0)]);
}
BENCHMARK(BM_SoccerExact_ClosedForm)->ArgName("state")->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

//! The chain without state effects: one red-card layer, the cost of the closed form's answer by the chain.
void BM_SoccerExact_LiveNoEffects(benchmark::State& bench) {
    const auto params = models::MakeSoccerParams(models::SoccerModel{}.WithoutStateEffects()).value();
    const ks::SoccerState state = State(bench.range(0), params);
    for (auto _ : bench) {
        const engine::SoccerLiveDistribution d = engine::ExactSoccerLive(params, state, kDim);
        benchmark::DoNotOptimize(d.final_score.At(1, 1));
    }
    bench.SetItemsProcessed(bench.iterations());
    bench.SetLabel(kStates[bench.range(0)]);
}
BENCHMARK(BM_SoccerExact_LiveNoEffects)->ArgName("state")->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

} // namespace
} // namespace simbook

BENCHMARK_MAIN();
