// Pricing every market of one game from a finished simulation: MarketEngine construction from the tallies,
// fair books, and a Shin margin on each. Items are markets priced.
#include "engine/game_state.hpp"
#include "engine/simulation.hpp"
#include "models/basketball_model.hpp"
#include "models/soccer_model.hpp"
#include "odds/market_engine.hpp"
#include "odds/path_tally.hpp"
#include "odds/quote.hpp"

#include <benchmark/benchmark.h>
#include <omp.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using namespace simbook;

constexpr const char* kSoccerMarkets =
    "h2h,double_chance,dnb,spreads:-2.5..2.5/0.25,totals:0.5..5.5/0.25,team_totals:home:0.5..3.5/0.5,"
    "team_totals:away:0.5..3.5/0.5,btts,correct_score:16,ht_ft,first_to_score,win_to_nil:home,win_to_nil:away,"
    "h1:h2h,h1:totals:0.5..2.5/0.5";

struct Game {
    engine::Simulation simulation;
    engine::SimulationResult result;
    std::vector<odds::Market> markets;
};

void Require(bool ok, const std::string& what) {
    if (!ok) {
        std::fprintf(stderr, "markets_bench: %s\n", what.c_str());
        std::abort();
    }
}

const Game& SoccerGame() {
    static const Game game = [] {
        const auto params = models::MakeSoccerParams(models::SoccerModel{}).value();
        const auto state = engine::SoccerKickOff();
        auto simulation = engine::Simulation(engine::SoccerGame{params, state}).WithPaths(200'000).WithSeed(7);
        auto result = simulation.Run().value();
        auto markets = odds::ParseMarkets(kSoccerMarkets);
        Require(markets.ok(), "soccer markets do not parse");
        return Game{std::move(simulation), std::move(result), std::move(markets).value()};
    }();
    return game;
}

const Game& BasketballGame() {
    static const Game game = [] {
        const models::BasketballModel model = models::ExampleBasketballModel();
        const auto params = models::MakeBasketballParams(model).value();
        const auto state = engine::BasketballTipOff();
        std::vector<std::string> names;
        std::string list = "h2h,spreads:-20.5..20.5,totals:200.5..250.5,team_totals:home:100.5..130.5,"
                           "team_totals:away:100.5..130.5";
        for (const auto* team : {&model.home, &model.away}) {
            for (const auto& p : team->players) {
                names.push_back(p.name);
                for (const char* stat : {"points:", "rebounds:", "assists:", "threes:"}) {
                    list += ",player_" + std::string(stat) + p.name + ":" +
                            (std::string(stat) == "points:" ? "9.5..29.5/5" : "0.5..4.5/2");
                }
            }
        }
        auto simulation =
            engine::Simulation(engine::BasketballGame{params, state, names}).WithPaths(100'000).WithSeed(7);
        auto result = simulation.Run().value();
        auto markets = odds::ParseMarkets(list);
        Require(markets.ok(), "basketball markets do not parse");
        return Game{std::move(simulation), std::move(result), std::move(markets).value()};
    }();
    return game;
}

//! Prices every market once; returns the number priced (all of them, checked).
std::size_t PriceAll(const Game& game, const odds::MarketEngine& engine) {
    std::size_t priced = 0;
    for (const odds::Market& m : game.markets) {
        auto fair = engine.Price(m);
        Require(fair.ok(), m.Key() + ": " + (fair.ok() ? "" : fair.status().message()));
        auto quote = odds::QuoteMarket(*fair, 0.05, odds::MarginMethod::kShin);
        Require(quote.ok(), m.Key());
        benchmark::DoNotOptimize(quote.value().overround);
        ++priced;
    }
    return priced;
}

void RunMarkets(benchmark::State& state, const Game& game) {
    // Validate once before timing: every market prices and each fair book sums to one.
    {
        const auto engine = odds::MarketEngine::FromSimulation(game.result);
        Require(engine.ok(), "engine");
        for (const odds::Market& m : game.markets) {
            const auto fair = engine->Price(m).value();
            double sum = 0.0;
            for (const auto& o : fair.outcomes) {
                sum += o.fair.probability;
            }
            Require(m.kind == odds::MarketKind::kDoubleChance || std::abs(sum - 1.0) < 1e-9,
                    m.Key() + " sums to " + std::to_string(sum));
        }
    }
    std::size_t markets = 0;
    for (auto _ : state) {
        const auto engine = odds::MarketEngine::FromSimulation(game.result);
        markets += PriceAll(game, engine.value());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(markets));
    state.counters["markets"] = static_cast<double>(game.markets.size());
    state.SetLabel("backend cpu, 1 thread, " + std::to_string(game.result.sims) + " sims");
}

void BM_Markets_AllSoccer(benchmark::State& state) {
    RunMarkets(state, SoccerGame());
}
BENCHMARK(BM_Markets_AllSoccer)->Unit(benchmark::kMicrosecond);

void BM_Markets_AllBasketball(benchmark::State& state) {
    RunMarkets(state, BasketballGame());
}
BENCHMARK(BM_Markets_AllBasketball)->Unit(benchmark::kMicrosecond);

// Markets that need per-path data are tallied on the simulation's own paths: the cost of one pass (simulation and
// tallies), to compare with BM_Markets_BasketballSimulationOnly in the same run.
void BM_Markets_BasketballOnePass(benchmark::State& state) {
    const Game& game = BasketballGame();
    const auto markets = odds::ParseMarkets("q1:h2h,q2:totals:55.5,h1:spreads:-2.5,h2:totals:112.5,"
                                            "player_pra:Nikola Jokic:44.5,sgp:h2h=home+totals:225.5=over")
                             .value();
    for (auto _ : state) {
        const auto priced = odds::SimulateMarkets(game.simulation, markets);
        Require(priced.ok(), "one pass");
        benchmark::DoNotOptimize(priced.value().engine.Sims());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * game.result.sims));
    state.SetLabel("backend cpu, " + std::to_string(omp_get_max_threads()) + " threads, paths/s");
}
BENCHMARK(BM_Markets_BasketballOnePass)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_Markets_BasketballSimulationOnly(benchmark::State& state) {
    const Game& game = BasketballGame();
    for (auto _ : state) {
        const auto result = game.simulation.Run();
        Require(result.ok(), "simulation");
        benchmark::DoNotOptimize(result.value().sims);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * game.result.sims));
    state.SetLabel("backend cpu, " + std::to_string(omp_get_max_threads()) + " threads, paths/s");
}
BENCHMARK(BM_Markets_BasketballSimulationOnly)->Unit(benchmark::kMillisecond)->Iterations(3);

} // namespace

BENCHMARK_MAIN();
