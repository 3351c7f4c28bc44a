// 150 lineups for the committed 10-game demo slate (data/fantasy/slate-10.json, invented salaries): the whole
// request (simulate the slate, score the paths, optimise), as `simbook lineup` and POST /v1/fantasy/lineups run it.
#include "fantasy/fantasy_api.hpp"
#include "kernels/launch.hpp"

#include <benchmark/benchmark.h>
#include <omp.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace {

using namespace simbook;

std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

fantasy::FantasyContext Context() {
    fantasy::FantasyContext ctx;
    ctx.params_dir = fantasy::DefaultFantasyDataDir() + "/../../models/params";
    ctx.extra_rates_file = fantasy::DefaultExtraRatesFile();
    return ctx;
}

nlohmann::json Body(const std::string& objective, std::uint64_t sims, int lineups) {
    const std::string dir = fantasy::DefaultFantasyDataDir();
    nlohmann::json body{{"slate", nlohmann::json::parse(ReadFile(dir + "/slate-10.json"))},
                        {"site", "draftkings"},
                        {"salaries_csv", ReadFile(dir + "/DKSalaries-slate-10.csv")},
                        {"lineups", lineups},
                        {"max_exposure", 0.5},
                        {"min_different", 2},
                        {"objective", objective},
                        {"target", 300},
                        {"sims", sims}};
    return body;
}

void RunLineups(benchmark::State& state, const std::string& objective) {
    const auto sims = static_cast<std::uint64_t>(state.range(0));
    const int lineups = static_cast<int>(state.range(1));
    const nlohmann::json body = Body(objective, sims, lineups);
    // Validate once before timing: the request succeeds with every lineup.
    auto check = fantasy::LineupsRequest(body, Context());
    if (!check.ok() || (*check)["lineups"].size() != static_cast<std::size_t>(lineups)) {
        state.SkipWithError(check.ok() ? "fewer lineups than asked" : check.status().message().c_str());
        return;
    }
    double simulate = 0.0, optimise = 0.0;
    for (auto _ : state) {
        auto r = fantasy::LineupsRequest(body, Context());
        simulate += (*r)["timing"]["simulate_s"].get<double>();
        optimise += (*r)["timing"]["optimize_s"].get<double>();
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations() * lineups);
    state.counters["simulate_s"] = simulate / state.iterations();
    state.counters["optimise_s"] = optimise / state.iterations();
    state.counters["milps"] = (*check)["milps"].get<double>();
    state.SetLabel(std::string(kernels::CudaAvailable() ? "cuda" : "cpu") + ", " +
                   std::to_string(omp_get_max_threads()) + " threads, 10 games, DraftKings");
}

void BM_FantasyLineups_Mean(benchmark::State& state) {
    RunLineups(state, "mean");
}
void BM_FantasyLineups_PTarget(benchmark::State& state) {
    RunLineups(state, "p_target");
}

BENCHMARK(BM_FantasyLineups_Mean)->Args({10'000, 150})->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_FantasyLineups_PTarget)->Args({10'000, 150})->Unit(benchmark::kSecond)->Iterations(1);

} // namespace

BENCHMARK_MAIN();
