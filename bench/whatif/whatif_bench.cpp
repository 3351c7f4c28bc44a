// What-if benchmarks: paired (base + scenario) paths per second, and what common random numbers buy: the
// standard error of a price delta with common random numbers against independent seeds, for the same paths,
// both from the formulas and from the spread of deltas over repeated seeds (reported as counters).
#include "whatif/scenario.hpp"
#include "whatif/whatif.hpp"
#include "whatif/whatif_api.hpp"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <omp.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace simbook::whatif;

struct Case {
    const char* name;
    GameModel base;
    const char* scenario;
    const char* markets;
    double min_ratio; //!< validation: the ratio must exceed this (what the scenario's coupling allows)
};

Case SoccerCase() {
    const nlohmann::json game{
        {"sport", "soccer"}, {"league", "premier-league"}, {"home_team", "Arsenal"}, {"away_team", "Chelsea"}};
    const GameModel b = BaseGameFromJson(game, SIMBOOK_PARAMS_DIR).value();
    return {"soccer Arsenal-Chelsea, home red card at 30'", b, R"([{"type":"red_card","team":"home","minute":30}])",
            "h2h,totals:2.5", 1.5};
}

Case SoccerRatingCase() {
    const nlohmann::json game{
        {"sport", "soccer"}, {"league", "premier-league"}, {"home_team", "Arsenal"}, {"away_team", "Chelsea"}};
    const GameModel b = BaseGameFromJson(game, SIMBOOK_PARAMS_DIR).value();
    return {"soccer Arsenal-Chelsea, home xG +5%", b, R"([{"type":"rating","team":"home","xg_mult":1.05}])",
            "h2h,totals:2.5", 3.0};
}

Case BasketballCase() {
    GameModel b;
    b.model = simbook::models::ExampleBasketballModel();
    return {"basketball example game, home pace +5%", b, R"([{"type":"pace","team":"home","mult":1.05}])",
            "h2h,totals:224.5", 2.0};
}

struct Built {
    GameSpec base;
    GameSpec scenario;
    std::vector<PathMarket> markets;
};

Built Build(const Case& c) {
    const auto changes = ParseScenario(nlohmann::json::parse(c.scenario), "scenario", c.base).value();
    Built b{BuildBase(c.base).value(), BuildScenario(c.base, changes, "scenario").value(), {}};
    b.markets = ParsePathMarkets(c.markets, b.base).value();
    return b;
}

RunConfig Config(std::uint64_t paths, std::uint64_t seed) {
    RunConfig r;
    r.paths = paths;
    r.seed = seed;
    r.launch = {simbook::kernels::Backend::kAuto, 0};
    return r;
}

double StdDev(const std::vector<double>& x) {
    double m = 0.0;
    for (double v : x) {
        m += v;
    }
    m /= static_cast<double>(x.size());
    double s = 0.0;
    for (double v : x) {
        s += (v - m) * (v - m);
    }
    return std::sqrt(s / static_cast<double>(x.size() - 1));
}

//! The ratio of delta standard errors (independent / common random numbers) for P(home win), over reps
//! seeds of `paths` paths each; validated once before timing.
void MeasureRatio(const Case& c, benchmark::State& state, std::uint64_t paths, int reps) {
    const Built b = Build(c);
    const GameSpec scenarios[] = {b.scenario};
    std::vector<double> crn, independent;
    double formula_crn = 0.0, formula_independent = 0.0;
    for (int r = 0; r < reps; ++r) {
        RunConfig paired = Config(paths, 1000 + r);
        const OutcomeDelta p = RunWhatIf(b.base, scenarios, b.markets, paired).value()[0].markets[0].outcomes[0];
        paired.scenario_seed = 50'000 + r;
        const OutcomeDelta q = RunWhatIf(b.base, scenarios, b.markets, paired).value()[0].markets[0].outcomes[0];
        crn.push_back(p.delta);
        independent.push_back(q.delta);
        formula_crn += p.delta_se / reps;
        formula_independent += q.independent_se / reps;
    }
    const double empirical = StdDev(independent) / StdDev(crn);
    const double formula = formula_independent / formula_crn;
    if (!(empirical > c.min_ratio && formula > c.min_ratio)) {
        throw std::runtime_error("common random numbers did not cut the delta's error: " + std::to_string(empirical));
    }
    std::fprintf(stderr,
                 "%s: %llu paths x %d seeds, delta P(home) sd: paired %.5f (formula %.5f), independent %.5f "
                 "(formula %.5f); ratio empirical %.2f, formula %.2f\n",
                 c.name, static_cast<unsigned long long>(paths), reps, StdDev(crn), formula_crn, StdDev(independent),
                 formula_independent, empirical, formula);
    state.counters["se_ratio_empirical"] = empirical;
    state.counters["se_ratio_formula"] = formula;
}

void RunPaired(const Case& c, benchmark::State& state) {
    const std::uint64_t paths = static_cast<std::uint64_t>(state.range(0));
    MeasureRatio(c, state, 20'000, 40);
    const Built b = Build(c);
    const GameSpec scenarios[] = {b.scenario};
    for (auto _ : state) {
        auto r = RunWhatIf(b.base, scenarios, b.markets, Config(paths, 7));
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(paths));
    simbook::kernels::Backend backend = simbook::kernels::Backend::kCpu;
    (void)simbook::kernels::ResolveBackend(simbook::kernels::Backend::kAuto, &backend);
    state.SetLabel("paired paths (base + scenario), backend=" + std::string(simbook::kernels::BackendName(backend)) +
                   " threads=" + std::to_string(omp_get_max_threads()));
}

void BM_WhatIf_SoccerRedCard(benchmark::State& state) {
    RunPaired(SoccerCase(), state);
}
BENCHMARK(BM_WhatIf_SoccerRedCard)->Arg(200'000)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_WhatIf_SoccerRating(benchmark::State& state) {
    RunPaired(SoccerRatingCase(), state);
}
BENCHMARK(BM_WhatIf_SoccerRating)->Arg(200'000)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_WhatIf_BasketballPace(benchmark::State& state) {
    RunPaired(BasketballCase(), state);
}
BENCHMARK(BM_WhatIf_BasketballPace)->Arg(100'000)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
