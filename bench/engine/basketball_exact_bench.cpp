// Exact basketball prices per second: the shared-powers DP against the baseline (powers and overtimes rebuilt
// per pace block), from tip-off and at Q4 8:00, and the one-dimensional margin, total and period series.
// pull:0 is the model with independent possessions (the baseline's model); pull:1 the fitted default with a lead
// pull, where every series steps slot by slot (the joint grid and the total through the (margin, home points)
// DP; ExactMainLines, margin and total, is the first stage of a live state update).
// Each benchmark validates its result once before timing. Single-threaded host code (backend=host threads=1).
// Run: build/<preset>/bench/simbook_basketball_exact_bench
#include "bench/engine/basketball_exact_baseline.hpp"
#include "engine/basketball/exact.hpp"
#include "engine/basketball/lead_table.hpp"
#include "engine/game_state.hpp"
#include "models/basketball_model.hpp"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace simbook {
namespace {

namespace kb = kernels::basketball;

void Require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "benchmark validation failed: %s\n", what);
        std::abort();
    }
}

//! The example model with independent possessions (pull 0) or its default lead pull (pull 1).
kb::BasketballParams Params(std::int64_t pull = 0) {
    models::BasketballModel model = models::ExampleBasketballModel();
    if (pull == 0) {
        model.lead_pull = 0.0;
    }
    Require(pull == 0 || model.lead_pull > 0.0, "the example model has a lead pull");
    return models::MakeBasketballParams(model).value();
}

//! State 0: tip-off (ball unknown); state 1: Q4 8:00, home 92-89 with the ball; state 2: Q1 11:30, home 2-0, the
//! away team with the ball (the longest game left of a live update).
kb::BasketballState StateOf(std::int64_t which) {
    const char* json = which == 0   ? "{}"
                       : which == 1 ? R"({"period": 4, "clock": "8:00", "home": 92, "away": 89, "possession": "home"})"
                                    : R"({"period": 1, "clock": "11:30", "home": 2, "away": 0, "possession": "away"})";
    const auto state = engine::ParseBasketballState(nlohmann::json::parse(json));
    Require(state.ok(), "state parses");
    return state.value();
}

const char* Name(std::int64_t which) {
    return which == 0 ? "tip-off" : which == 1 ? "Q4 8:00" : "Q1 11:30";
}

//! Largest cell difference between the new grid and the baseline's.
double WorstCell(const engine::ScoreDistribution& a, const engine::ScoreDistribution& b) {
    double worst = 0.0;
    for (std::size_t h = 0; h < a.dim(); ++h) {
        for (std::size_t x = 0; x < a.dim(); ++x) {
            worst = std::max(worst, std::abs(a.At(h, x) - b.At(h, x)));
        }
    }
    return worst;
}

std::string Label(const benchmark::State& state) {
    return std::string(Name(state.range(0))) + (state.range(1) != 0 ? " lead pull" : "") + " backend=host threads=1";
}

void Validate(const kb::BasketballParams& params, const kb::BasketballState& s) {
    static bool done[2] = {false, false};
    const std::size_t i = s.period == 4 ? 1 : 0;
    if (!done[i]) {
        Require(WorstCell(engine::ExactBasketball(params, s), bench::ExactBasketballBaseline(params, s)) < 1e-14,
                "new grid equals the baseline within 1e-14 a cell");
        done[i] = true;
    }
}

void BM_BasketballExact_Baseline(benchmark::State& state) {
    const auto params = Params();
    const auto s = StateOf(state.range(0));
    Validate(params, s);
    for (auto _ : state) {
        benchmark::DoNotOptimize(bench::ExactBasketballBaseline(params, s).At(100, 100));
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(Label(state));
}
BENCHMARK(BM_BasketballExact_Baseline)
    ->ArgNames({"state", "pull"})
    ->Args({0, 0})
    ->Args({1, 0})
    ->Unit(benchmark::kMillisecond);

void BM_BasketballExact_SharedPowers(benchmark::State& state) {
    const auto params = Params(state.range(1));
    const auto s = StateOf(state.range(0));
    if (state.range(1) == 0) {
        Validate(params, s);
    }
    for (auto _ : state) {
        benchmark::DoNotOptimize(engine::ExactBasketball(params, s).At(100, 100));
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(Label(state));
}
BENCHMARK(BM_BasketballExact_SharedPowers)
    ->ArgsProduct({{0, 1}, {0, 1}})
    ->ArgNames({"state", "pull"})
    ->Unit(benchmark::kMillisecond);

void BM_BasketballExact_Margin(benchmark::State& state) {
    const auto params = Params(state.range(1));
    const auto s = StateOf(state.range(0));
    const engine::ScoreDistribution grid = engine::ExactBasketball(params, s);
    const auto w = grid.WinProbabilities();
    const engine::IntegerPmf margin = engine::ExactBasketballMargin(params, s);
    double home = 0.0;
    for (std::size_t i = 0; i < margin.p.size(); ++i) {
        home += margin.offset + static_cast<int>(i) > 0 ? margin.p[i] : 0.0;
    }
    // With a pull the grid trims its rows' ends below 1e-16 a cell (about 1e-11 of mass), the margin below 1e-30.
    Require(std::abs(home - w[0]) < (state.range(1) == 0 ? 1e-12 : 1e-10),
            "margin series gives the grid's P(home wins)");
    for (auto _ : state) {
        benchmark::DoNotOptimize(engine::ExactBasketballMargin(params, s).p.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(Label(state));
}
BENCHMARK(BM_BasketballExact_Margin)
    ->ArgsProduct({{0, 1}, {0, 1}})
    ->ArgNames({"state", "pull"})
    ->Unit(benchmark::kMicrosecond);

void BM_BasketballExact_Total(benchmark::State& state) {
    const auto params = Params(state.range(1));
    const auto s = StateOf(state.range(0));
    const auto mean = engine::ExactBasketball(params, s).MeanScore();
    Require(std::abs(engine::ExactBasketballTotal(params, s).Mean() - mean[0] - mean[1]) < 1e-9,
            "total series gives the grid's mean total");
    for (auto _ : state) {
        benchmark::DoNotOptimize(engine::ExactBasketballTotal(params, s).p.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(Label(state));
}
BENCHMARK(BM_BasketballExact_Total)
    ->ArgsProduct({{0, 1}, {0, 1}})
    ->ArgNames({"state", "pull"})
    ->Unit(benchmark::kMicrosecond);

void BM_BasketballExact_FirstHalf(benchmark::State& state) {
    const auto params = Params();
    const auto s = StateOf(0);
    const auto half = engine::ExactBasketballPeriod(params, s, engine::BasketballPeriod::kFirstHalf).MeanScore();
    const auto q1 = engine::ExactBasketballPeriod(params, s, engine::BasketballPeriod::kFirstQuarter).MeanScore();
    const auto q2 = engine::ExactBasketballPeriod(params, s, engine::BasketballPeriod::kSecondQuarter).MeanScore();
    Require(std::abs(half[0] - q1[0] - q2[0]) < 1e-9, "first half = Q1 + Q2 in the mean");
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            engine::ExactBasketballPeriod(params, s, engine::BasketballPeriod::kFirstHalf).At(0, 0));
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel("tip-off backend=host threads=1");
}
BENCHMARK(BM_BasketballExact_FirstHalf)->Unit(benchmark::kMicrosecond);

//! The first stage of a live update with the fitted default (lead pull): margin and total series.
void BM_BasketballExact_MainLines(benchmark::State& state) {
    const auto params = Params(1);
    const auto s = StateOf(state.range(0));
    for (auto _ : state) {
        const engine::IntegerPmf margin = engine::ExactBasketballMargin(params, s);
        const engine::IntegerPmf total = engine::ExactBasketballTotal(params, s);
        benchmark::DoNotOptimize(margin.p.data());
        benchmark::DoNotOptimize(total.p.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(std::string(Name(state.range(0))) + " lead pull backend=host threads=1");
}
BENCHMARK(BM_BasketballExact_MainLines)->ArgName("state")->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

//! Building the backward table of the total with a lead pull (once per model).
void BM_BasketballExact_TableBuild(benchmark::State& state) {
    const auto params = Params(1);
    std::size_t bytes = 0;
    for (auto _ : state) {
        const engine::LeadTotalTable table(params);
        bytes = table.Bytes();
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["MB"] = static_cast<double>(bytes) / 1e6;
    state.SetLabel("lead pull backend=host threads=1");
}
BENCHMARK(BM_BasketballExact_TableBuild)->Unit(benchmark::kMillisecond);

//! The first stage of a live update from the table: the margin series and the table's total (states 0 and 2; the
//! table declines state 1, where MainLines' forward DP answers).
void BM_BasketballExact_TableMainLines(benchmark::State& state) {
    const auto params = Params(1);
    const auto s = StateOf(state.range(0));
    const engine::LeadTotalTable table(params);
    const auto check = table.Total(s);
    Require(check.has_value(), "the table covers the state");
    const engine::IntegerPmf slow = engine::ExactBasketballTotal(params, s);
    Require(std::abs(check->Mean() - slow.Mean()) < 1e-4, "the table's total matches the forward DP");
    for (auto _ : state) {
        const engine::IntegerPmf margin = engine::ExactBasketballMargin(params, s);
        const auto total = table.Total(s);
        benchmark::DoNotOptimize(margin.p.data());
        benchmark::DoNotOptimize(total->p.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(std::string(Name(state.range(0))) + " lead pull, table backend=host threads=1");
}
BENCHMARK(BM_BasketballExact_TableMainLines)->ArgName("state")->Arg(0)->Arg(2)->Unit(benchmark::kMicrosecond);

} // namespace
} // namespace simbook
