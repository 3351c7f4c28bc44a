// Games per second for each sport: the kernel alone (paths -> per-path outcomes) and the whole Simulation
// (kernel + tallies), on 1 and 2 threads of the CPU backend. Each benchmark validates its result once
// before timing. Run: build/<preset>/bench/simbook_bench --benchmark_filter=Soccer
#include "engine/game_state.hpp"
#include "engine/simulation.hpp"
#include "kernels/launch.hpp"
#include "models/basketball_model.hpp"
#include "models/soccer_model.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace simbook {
namespace {

constexpr std::size_t kBatch = 1 << 16;

void Require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "benchmark validation failed: %s\n", what);
        std::abort();
    }
}

std::string Label(int threads) {
    kernels::Backend backend = kernels::Backend::kCpu;
    (void)kernels::ResolveBackend(kernels::Backend::kCpu, &backend);
    return std::string("backend=") + std::string(kernels::BackendName(backend)) + " threads=" + std::to_string(threads);
}

void BM_Soccer_FullMatch(benchmark::State& state) {
    const int threads = static_cast<int>(state.range(0));
    const auto params = models::MakeSoccerParams(models::SoccerModel{}).value();
    const auto kickoff = engine::SoccerKickOff();
    std::vector<kernels::soccer::SoccerOutcome> out(kBatch);
    Require(kernels::RunSoccer(params, kickoff, 1, 0, kBatch, out.data(), {kernels::Backend::kCpu, threads}).ok(),
            "soccer run");
    double goals = 0.0;
    for (const auto& o : out) {
        goals += o.home;
    }
    Require(std::abs(goals / kBatch - 1.37) < 0.1,
            "soccer mean home goals near the model's"); // xG 1.45 less score effects
    std::uint64_t first = 0;
    for (auto _ : state) {
        const kernels::Status s =
            kernels::RunSoccer(params, kickoff, 1, first, kBatch, out.data(), {kernels::Backend::kCpu, threads});
        benchmark::DoNotOptimize(s.ok());
        benchmark::DoNotOptimize(out.data());
        first += kBatch;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kBatch));
    state.SetLabel(Label(threads));
}
BENCHMARK(BM_Soccer_FullMatch)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_Basketball_FullGame(benchmark::State& state) {
    const int threads = static_cast<int>(state.range(0));
    const auto params = models::MakeBasketballParams(models::ExampleBasketballModel()).value();
    const auto tipoff = engine::BasketballTipOff();
    const std::size_t batch = kBatch / 4;
    std::vector<kernels::basketball::BasketballOutcome> out(batch);
    Require(kernels::RunBasketball(params, tipoff, 1, 0, batch, out.data(), {kernels::Backend::kCpu, threads}).ok(),
            "basketball run");
    double points = 0.0;
    for (const auto& o : out) {
        points += o.score[0];
    }
    Require(std::abs(points / batch - 114.5) < 2.0, "basketball mean home points near the model's");
    std::uint64_t first = 0;
    for (auto _ : state) {
        const kernels::Status s =
            kernels::RunBasketball(params, tipoff, 1, first, batch, out.data(), {kernels::Backend::kCpu, threads});
        benchmark::DoNotOptimize(s.ok());
        benchmark::DoNotOptimize(out.data());
        first += batch;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
    state.SetLabel(Label(threads));
}
BENCHMARK(BM_Basketball_FullGame)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

//! The whole engine: kernel, tallies, merge; what `simbook simulate` spends per game.
void BM_Simulation(benchmark::State& state, engine::Simulation sim, std::uint64_t paths) {
    const int threads = static_cast<int>(state.range(0));
    sim.WithPaths(paths).WithLaunch({kernels::Backend::kCpu, threads});
    Require(sim.Run().value().sims == paths, "simulation tallies every path");
    for (auto _ : state) {
        benchmark::DoNotOptimize(sim.Run().value().sims);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * paths));
    state.SetLabel(Label(threads));
}
BENCHMARK_CAPTURE(BM_Simulation, Soccer,
                  engine::Simulation(engine::SoccerGame{models::MakeSoccerParams(models::SoccerModel{}).value(),
                                                        engine::SoccerKickOff()}),
                  1'000'000)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(
    BM_Simulation, Basketball,
    engine::Simulation(engine::BasketballGame{
        models::MakeBasketballParams(models::ExampleBasketballModel()).value(), engine::BasketballTipOff(), {}}),
    100'000)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

} // namespace
} // namespace simbook
