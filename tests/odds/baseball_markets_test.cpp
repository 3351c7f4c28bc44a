// Baseball markets: the exact chain's prices (engine::ExactBaseball, the fast path of the live main lines) against
// the Monte Carlo's from the same game, within 4 standard errors, pre-game and from live states; and what the sport
// does not have is refused.
#include "engine/baseball/game.hpp"
#include "engine/exact.hpp"
#include "engine/game_loader.hpp"
#include "engine/simulation.hpp"
#include "odds/market.hpp"
#include "odds/market_engine.hpp"
#include "odds/path_tally.hpp"
#include "odds/score_markets.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace simbook::odds {
namespace {

using nlohmann::json;

constexpr std::uint64_t kPaths = 200'000;

engine::Game GameAt(const json& state) {
    engine::GameSource source;
    source.sport = engine::Sport::kBaseball;
    source.state = state;
    Result<engine::GameModel> model = engine::LoadGame(source);
    EXPECT_TRUE(model.ok()) << model.status().message();
    Result<engine::Game> game = engine::MakeGame(model.value());
    EXPECT_TRUE(game.ok()) << game.status().message();
    return std::move(game).value();
}

//! An exact engine of a joint score distribution (a period's or the game's).
MarketEngine ExactEngine(const engine::ScoreDistribution& grid) {
    std::vector<std::vector<double>> rows(grid.dim(), std::vector<double>(grid.dim()));
    for (std::size_t h = 0; h < grid.dim(); ++h) {
        for (std::size_t a = 0; a < grid.dim(); ++a) {
            rows[h][a] = grid.At(h, a);
        }
    }
    return MarketEngine::FromScoreMatrix(ScoreMatrix::Create(rows).value(), engine::Sport::kBaseball);
}

//! Every outcome of the market priced by Monte Carlo lies within 4 of its standard errors of the exact price.
void ExpectAgree(const MarketEngine& exact, const Market& exact_market, const MarketEngine& mc, const Market& market,
                 const std::string& where) {
    Result<FairMarket> e = exact.Price(exact_market);
    Result<FairMarket> m = mc.Price(market);
    ASSERT_TRUE(e.ok()) << where << " " << exact_market.Key() << ": " << e.status().message();
    ASSERT_TRUE(m.ok()) << where << " " << market.Key() << ": " << m.status().message();
    ASSERT_EQ(e->outcomes.size(), m->outcomes.size()) << where << " " << market.Key();
    for (std::size_t k = 0; k < e->outcomes.size(); ++k) {
        const double pe = e->outcomes[k].fair.probability, pm = m->outcomes[k].fair.probability;
        const double se = m->outcomes[k].fair.std_error;
        if (se == 0.0) { // settled at the state: every path agrees, and so must the chain (up to its truncation)
            EXPECT_NEAR(pm, pe, 1e-6) << where << " " << market.Key() << " " << m->outcomes[k].name;
            continue;
        }
        EXPECT_LE(std::abs(pm - pe), 4.0 * se) << where << " " << market.Key() << " " << m->outcomes[k].name
                                               << ": exact " << pe << ", Monte Carlo " << pm << " (s.e. " << se << ")";
    }
}

Market Parse(const std::string& text) {
    Result<Market> m = ParseMarket(text);
    EXPECT_TRUE(m.ok()) << text << ": " << m.status().message();
    return m.value();
}

struct Case {
    const char* name;
    json state;
};

TEST(BaseballMarkets, ExactChainAgreesWithMonteCarlo) {
    const Case cases[] = {{"pre-game", nullptr},
                          {"top of the 4th", {{"inning", 4}, {"outs", 1}, {"bases", {2}}, {"home", 2}, {"away", 1}}},
                          {"bottom of the 8th",
                           {{"inning", 8},
                            {"half", "bottom"},
                            {"bases", {1}},
                            {"home", 3},
                            {"away", 4},
                            {"home_pitcher", "bullpen"},
                            {"away_pitcher", "bullpen"}}}};
    for (const Case& c : cases) {
        const engine::Game game = GameAt(c.state);
        const engine::BaseballExact exact = engine::ExactGame(*game.baseball());
        std::vector<Market> markets;
        for (const char* text : {"h2h", "spreads:-1.5", "spreads:1.5", "spreads:-2.5", "totals:7.5", "totals:8.5",
                                 "totals:10.5", "team_totals:home:4.5", "team_totals:away:3.5"}) {
            markets.push_back(Parse(text));
        }
        const bool before_fifth = game.baseball()->state.inning <= 5;
        if (before_fifth) {
            markets.push_back(Parse("f5:h2h"));
            markets.push_back(Parse("f5:totals:4.5"));
            markets.push_back(Parse("i5:totals:0.5"));
        }
        if (engine::AtStart(game.spec)) {
            markets.push_back(Parse("i1:totals:0.5"));
        }
        engine::Simulation simulation(game.spec);
        simulation.WithPaths(kPaths).WithSeed(2027);
        Result<PricedSimulation> mc = SimulateMarkets(simulation, markets);
        ASSERT_TRUE(mc.ok()) << c.name << ": " << mc.status().message();
        EXPECT_EQ(mc->result.invalid_paths, 0u);

        // The main lines as the API prices them: the exact margin and total (engine::ExactMainLines).
        engine::ExactLines lines = engine::ExactMainLines(game.spec);
        Result<MarketEngine> main = MarketEngine::FromLines(engine::Sport::kBaseball, lines.margin.p,
                                                            lines.margin.offset, lines.total.p, lines.total.offset);
        ASSERT_TRUE(main.ok()) << main.status().message();
        const MarketEngine grid = ExactEngine(exact.final_score);
        for (const Market& m : markets) {
            if (m.period == Period::kGame && m.kind != MarketKind::kTeamTotal) {
                ExpectAgree(main.value(), m, mc->engine, m, c.name);
            }
            if (m.period == Period::kGame) {
                ExpectAgree(grid, m, mc->engine, m, c.name);
            }
        }
        if (before_fifth) {
            ASSERT_TRUE(exact.first_five.has_value());
            const MarketEngine f5 = ExactEngine(*exact.first_five);
            // A first-five line is the game's line on the first five innings' grid (a tie is its draw).
            const engine::ScoreDistribution& g5 = *exact.first_five;
            const double tie = [&] {
                double p = 0.0;
                for (std::size_t r = 0; r < g5.dim(); ++r) {
                    p += g5.At(r, r);
                }
                return p;
            }();
            Result<FairMarket> f5_mc = mc->engine.Price(Parse("f5:h2h"));
            ASSERT_TRUE(f5_mc.ok()) << f5_mc.status().message();
            ASSERT_EQ(f5_mc->outcomes.size(), 3u);
            EXPECT_EQ(f5_mc->outcomes[1].name, "draw");
            EXPECT_LE(std::abs(f5_mc->outcomes[1].fair.probability - tie), 4.0 * f5_mc->outcomes[1].fair.std_error)
                << c.name << " f5 tie: exact " << tie << ", Monte Carlo " << f5_mc->outcomes[1].fair.probability;
            ExpectAgree(f5, Parse("totals:4.5"), mc->engine, Parse("f5:totals:4.5"), c.name);
            // The 5th inning's runs from the state on (it has not begun).
            const std::vector<double>& fifth = exact.inning_runs[4];
            ASSERT_FALSE(fifth.empty());
            Result<FairMarket> i5 = mc->engine.Price(Parse("i5:totals:0.5"));
            ASSERT_TRUE(i5.ok()) << i5.status().message();
            EXPECT_LE(std::abs(i5->outcomes[1].fair.probability - fifth[0]), 4.0 * i5->outcomes[1].fair.std_error)
                << c.name << " no run in the 5th";
        }
        if (engine::AtStart(game.spec)) {
            ASSERT_TRUE(exact.first_inning.has_value());
            const double nrfi = exact.first_inning->At(0, 0);
            Result<FairMarket> i1 = mc->engine.Price(Parse("i1:totals:0.5"));
            ASSERT_TRUE(i1.ok()) << i1.status().message();
            EXPECT_EQ(i1->outcomes[1].name, "under"); // NRFI
            EXPECT_LE(std::abs(i1->outcomes[1].fair.probability - nrfi), 4.0 * i1->outcomes[1].fair.std_error)
                << "NRFI: exact " << nrfi << ", Monte Carlo " << i1->outcomes[1].fair.probability;
        }
    }
}

TEST(BaseballMarkets, RacesAndParlaysFromThePaths) {
    const engine::Game game = GameAt({{"inning", 3}, {"home", 2}, {"away", 0}});
    const std::vector<Market> markets = {Parse("race:3"), Parse("race:1"),
                                         Parse("sgp:h2h=home+totals:8.5=over+race:3=home"),
                                         Parse("sgp:f5:h2h=home+i3:totals:0.5=under")};
    engine::Simulation simulation(game.spec);
    simulation.WithPaths(50'000).WithSeed(5);
    Result<PricedSimulation> mc = SimulateMarkets(simulation, markets);
    ASSERT_TRUE(mc.ok()) << mc.status().message();
    // Home had 2 at the state: it reaches 3 first more often than not; the race to 1 is over (home got there).
    Result<FairMarket> race3 = mc->engine.Price(markets[0]);
    ASSERT_TRUE(race3.ok()) << race3.status().message();
    EXPECT_GT(race3->outcomes[0].fair.probability, 0.6);
    Result<FairMarket> race1 = mc->engine.Price(markets[1]);
    ASSERT_TRUE(race1.ok()) << race1.status().message();
    EXPECT_EQ(race1->outcomes[0].fair.probability, 1.0);
    for (std::size_t k = 2; k < markets.size(); ++k) {
        Result<FairMarket> sgp = mc->engine.Price(markets[k]);
        ASSERT_TRUE(sgp.ok()) << markets[k].Key() << ": " << sgp.status().message();
        ASSERT_TRUE(sgp->parlay.has_value());
        EXPECT_GT(sgp->parlay->joint.probability, 0.0);
        EXPECT_LT(sgp->parlay->joint.probability, 1.0);
    }
}

TEST(BaseballMarkets, WhatTheSportDoesNotHaveIsRefused) {
    const engine::Game game = GameAt({{"inning", 6}, {"home", 1}, {"away", 1}});
    for (const char* text : {"h1:totals:4.5", "q1:h2h", "race:11", "f5:h2h", "i2:totals:0.5", "player_points:X:1.5",
                             "btts", "sgp:h2h=home+q1:totals:1.5=over"}) {
        const std::vector<Market> one = {Parse(text)};
        engine::Simulation simulation(game.spec);
        simulation.WithPaths(1000);
        Result<PricedSimulation> r = SimulateMarkets(simulation, one);
        const bool refused = !r.ok() || !r->engine.Price(one[0]).ok();
        EXPECT_TRUE(refused) << text;
    }
    // Races are whole runs, 1 to 10.
    EXPECT_FALSE(ParseMarket("race:0.5").ok());
    EXPECT_TRUE(MarketEngine::NeededVariables(Parse("race:10"), engine::Sport::kBaseball, {}).ok());
    EXPECT_FALSE(MarketEngine::NeededVariables(Parse("race:10"), engine::Sport::kSoccer, {}).ok());
}

} // namespace
} // namespace simbook::odds
