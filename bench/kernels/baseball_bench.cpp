// Games per second of the baseball kernel, SIMD lanes against scalar lanes in one run, and the exact oracle's time.
// Each benchmark validates its result once before timing. Run:
//   build/<preset>/bench/simbook_baseball_bench
// BM_Baseball runs RunBaseball (the host's native SIMD lanes, OpenMP over blocks); the _Lanes16, _Lanes8 and _Scalar
// variants call the functor directly on one thread with a fixed lane type, to show what the lanes buy. BM_BaseballExact
// times engine::ExactBaseball from the same states (the example model: day and inning factors on).
// `--dump-params FILE` writes the benchmarks' BaseballParams as JSON (for bench/baseline/baseball_numpy.py) and exits.
#include "bench/kernels/lane_bench.hpp"
#include "engine/baseball/exact.hpp"
#include "engine/baseball/kernel_params.hpp"
#include "kernels/baseball/baseball_step.cuh"
#include "kernels/baseball/launch.hpp"
#include "kernels/core/lanes.cuh"
#include "kernels/core/simd_lanes.hpp"
#include "kernels/launch.hpp"
#include "models/baseball_model.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace simbook {
namespace {

namespace kb = kernels::baseball;
using bench::kBatch;
using bench::Label;
using bench::Require;

kb::BaseballParams Params() {
    return engine::MakeBaseballKernelParams(models::ExampleBaseballModel()).value();
}

kb::BaseballState PreGame() {
    return engine::MakeBaseballKernelState({}).value();
}

//! Mean home runs within 0.1 (about 10 standard errors at kBatch games) of the exact chain's, no invalid path.
void ValidateMeanRuns(const std::vector<kb::BaseballOutcome>& out, const char* what) {
    double runs = 0.0;
    for (const kb::BaseballOutcome& o : out) {
        runs += o.score[0];
        Require(o.invalid == 0, what);
    }
    const auto exact = engine::ExactBaseball(models::ExampleBaseballModel(), {});
    Require(exact.ok(), what);
    double mean = 0.0;
    for (std::size_t h = 0; h < exact->final_score.dim(); ++h) {
        for (std::size_t a = 0; a < exact->final_score.dim(); ++a) {
            mean += static_cast<double>(h) * exact->final_score.At(h, a);
        }
    }
    Require(std::abs(runs / static_cast<double>(out.size()) - mean) < 0.1, what);
}

void BM_Baseball(benchmark::State& state) {
    const int threads = static_cast<int>(state.range(0));
    const kb::BaseballParams params = Params();
    const kb::BaseballState start = PreGame();
    std::vector<kb::BaseballOutcome> out(kBatch);
    const kernels::LaunchConfig config{kernels::Backend::kCpu, threads};
    Require(kernels::RunBaseball(params, start, 1, 0, kBatch, out.data(), config).ok(), "baseball run");
    ValidateMeanRuns(out, "kernel mean home runs near the exact chain's");
    std::uint64_t first = 0;
    for (auto _ : state) {
        const kernels::Status s = kernels::RunBaseball(params, start, 1, first, kBatch, out.data(), config);
        benchmark::DoNotOptimize(s.ok());
        benchmark::DoNotOptimize(out.data());
        first += kBatch;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kBatch));
    state.SetLabel(Label(std::to_string(kernels::BaseballCpuLanes()), threads));
}
BENCHMARK(BM_Baseball)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

//! The functor with lane type L on the calling thread only (no OpenMP).
template <typename L> void RunLanes(benchmark::State& state, const char* lanes) {
    const kb::BaseballGame<L> game{Params(), PreGame(), 1};
    bench::RunFixedLanes<L, kb::BaseballOutcome>(
        state, game,
        [](const std::vector<kb::BaseballOutcome>& out) {
            ValidateMeanRuns(out, "kernel (fixed lanes) mean home runs near the exact chain's");
        },
        Label(lanes, 1));
}
void BM_Baseball_Lanes16(benchmark::State& state) {
    RunLanes<kernels::SimdLanes<16>>(state, "16");
}
void BM_Baseball_Lanes8(benchmark::State& state) {
    RunLanes<kernels::SimdLanes<8>>(state, "8");
}
void BM_Baseball_Scalar(benchmark::State& state) {
    RunLanes<kernels::ScalarLanes>(state, "scalar");
}
BENCHMARK(BM_Baseball_Lanes16)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Baseball_Lanes8)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Baseball_Scalar)->UseRealTime()->Unit(benchmark::kMillisecond);

//! The exact oracle pre-game (arg 0) and from the bottom of the 9th, one out, runner on 2nd, down 3-4 (arg 1).
void BM_BaseballExact(benchmark::State& state) {
    const models::BaseballModel model = models::ExampleBaseballModel();
    const engine::BaseballState live =
        state.range(0) == 0 ? engine::BaseballState{} : engine::BaseballState{9, true, 1, 2, 3, 4, false, false};
    const auto check = engine::ExactBaseball(model, live);
    Require(check.ok() && check->truncated < 1e-9, "exact game");
    for (auto _ : state) {
        auto exact = engine::ExactBaseball(model, live);
        benchmark::DoNotOptimize(exact->final_score.At(0, 0));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetLabel(state.range(0) == 0 ? "pre-game" : "bottom 9th 1 out on 2nd 3-4");
}
BENCHMARK(BM_BaseballExact)->ArgName("state")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

//! Writes `n` values of `a` as a JSON array.
template <typename T> void WriteArray(std::FILE* f, const T* a, std::size_t n) {
    std::fputc('[', f);
    for (std::size_t i = 0; i < n; ++i) {
        std::fprintf(f, i == 0 ? "%lld" : ",%lld", static_cast<long long>(a[i]));
    }
    std::fputc(']', f);
}

//! The benchmarks' parameters as JSON, every table flattened in row-major order; 0 on success.
int DumpParams(const char* path) {
    const kb::BaseballParams p = Params();
    std::FILE* f = std::fopen(path, "w");
    if (f == nullptr) {
        std::fprintf(stderr, "cannot write %s\n", path);
        return 1;
    }
    const auto field = [f](const char* name, const auto* a, std::size_t bytes) {
        std::fprintf(f, "\"%s\":", name);
        WriteArray(f, a, bytes / sizeof(*a));
        std::fputc(',', f);
    };
    std::fputc('{', f);
    field("pa_threshold", &p.pa_threshold[0][0], sizeof(p.pa_threshold));
    field("running_threshold", &p.running_threshold[0][0], sizeof(p.running_threshold));
    field("running_result", &p.running_result[0][0], sizeof(p.running_result));
    field("day_threshold", p.day_threshold, sizeof(p.day_threshold));
    field("starter_whole", p.starter_whole, sizeof(p.starter_whole));
    field("starter_has_extra", p.starter_has_extra, sizeof(p.starter_has_extra));
    field("starter_extra_threshold", p.starter_extra_threshold, sizeof(p.starter_extra_threshold));
    std::fprintf(f, "\"automatic_runner\":%d}\n", p.automatic_runner);
    return std::fclose(f) == 0 ? 0 : 1;
}

} // namespace
} // namespace simbook

int main(int argc, char** argv) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--dump-params") == 0) {
            return simbook::DumpParams(argv[i + 1]);
        }
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
