// Seasons per second of the season futures simulation on the CPU backend: a full 20-team double round robin
// (380 fixtures, ratings of the committed Premier League fit) and the 2015-16 Premier League from 1 March 2016
// (the data folder's real table and remaining 111 fixtures). Each validates its result once before timing.
// Run: build/<preset>/bench/simbook_futures_bench
#include "futures/season.hpp"
#include "futures/season_data.hpp"
#include "models/dixon_coles.hpp"
#include "models/soccer_data.hpp"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

namespace simbook::futures {
namespace {

constexpr std::uint64_t kSeasonsPerIteration = 10'000;

void Require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "benchmark validation failed: %s\n", what);
        std::abort();
    }
}

std::optional<LeagueSeason> FullSeason() {
    std::ifstream in(std::string(SIMBOOK_BENCH_PARAMS_DIR) + "/soccer/premier-league.json");
    const nlohmann::json file = nlohmann::json::parse(in, nullptr, false);
    if (file.is_discarded()) {
        return std::nullopt;
    }
    const auto model = models::DixonColesModelFromJson(file);
    if (!model.ok()) {
        return std::nullopt;
    }
    LeagueSeason season;
    season.league = "premier-league";
    const std::size_t n = std::min<std::size_t>(20, model->teams.size());
    for (std::size_t i = 0; i < n; ++i) {
        season.table.push_back({model->teams[i], 0, 0, 0, 0});
    }
    for (std::size_t h = 0; h < n; ++h) {
        for (std::size_t a = 0; a < n; ++a) {
            if (h != a) {
                const auto [lambda, mu] = model->Rates(static_cast<int>(h), static_cast<int>(a));
                season.fixtures.push_back({model->teams[h], model->teams[a], lambda, mu});
            }
        }
    }
    return season;
}

void Run(benchmark::State& state, const LeagueSeason& season) {
    const int threads = static_cast<int>(state.range(0));
    SeasonSimulationOptions options;
    options.seasons = kSeasonsPerIteration;
    options.launch = {kernels::Backend::kCpu, threads};
    const auto check = SimulateSeasons(season, options);
    Require(check.ok() && check->invalid_seasons == 0, "season simulation runs");
    double title = 0.0;
    for (const TeamForecast& t : check->teams) {
        title += t.title.probability;
    }
    Require(std::abs(title - 1.0) < 1e-9, "title probabilities sum to 1");
    std::uint64_t seed = 1;
    for (auto _ : state) {
        options.seed = ++seed;
        const auto forecast = SimulateSeasons(season, options);
        benchmark::DoNotOptimize(forecast.ok());
    }
    const double seasons = static_cast<double>(state.iterations() * kSeasonsPerIteration);
    state.SetItemsProcessed(static_cast<std::int64_t>(seasons));
    state.counters["matches/s"] =
        benchmark::Counter(seasons * static_cast<double>(season.fixtures.size()), benchmark::Counter::kIsRate);
    state.SetLabel("backend=cpu threads=" + std::to_string(threads) +
                   " fixtures=" + std::to_string(season.fixtures.size()));
}

void BM_Season_FullSeason(benchmark::State& state) {
    static const std::optional<LeagueSeason> season = FullSeason();
    if (!season) {
        state.SkipWithError("no premier-league fit in " SIMBOOK_BENCH_PARAMS_DIR);
        return;
    }
    Run(state, *season);
}
BENCHMARK(BM_Season_FullSeason)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_Season_MidSeason(benchmark::State& state) {
    static const Result<DataSeason> data =
        LeagueSeasonFromData(models::ResolveDataDir(""), "premier-league", "2015-16", "2016-03-01");
    if (!data.ok()) {
        state.SkipWithError(data.status().message().c_str());
        return;
    }
    Run(state, data->season);
}
BENCHMARK(BM_Season_MidSeason)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

} // namespace
} // namespace simbook::futures
