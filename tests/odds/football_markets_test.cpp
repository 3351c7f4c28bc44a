// American football markets through the shared machinery: the exact convolution's main lines (engine::ExactFootball,
// the fast path of the live main lines) against the Monte Carlo's on the same no-clock game, within 4 standard
// errors, pre-game and from live states (with a drive in progress at a yard line); the period, band, race, score
// type and parlay markets from one pass; and what the sport does not have is refused.
#include "engine/exact.hpp"
#include "engine/football/game.hpp"
#include "engine/game_loader.hpp"
#include "engine/simulation.hpp"
#include "odds/market.hpp"
#include "odds/market_engine.hpp"
#include "odds/path_tally.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace simbook::odds {
namespace {

using nlohmann::json;

constexpr std::uint64_t kPaths = 200'000;

engine::Game GameAt(const json& state, bool clock) {
    engine::GameSource source;
    source.sport = engine::Sport::kFootball;
    source.state = state;
    source.model = json{{"home", {{"name", "Patriots"}, {"points", 24.5}}},
                        {"away", {{"name", "Jets"}, {"points", 19.0}}},
                        {"season", 2018},
                        {"clock", clock}};
    Result<engine::GameModel> model = engine::LoadGame(source);
    EXPECT_TRUE(model.ok()) << model.status().message();
    Result<engine::Game> game = engine::MakeGame(model.value());
    EXPECT_TRUE(game.ok()) << game.status().message();
    return std::move(game).value();
}

Market Parse(const std::string& text) {
    Result<Market> m = ParseMarket(text);
    EXPECT_TRUE(m.ok()) << text << ": " << m.status().message();
    return m.value();
}

//! The largest |Monte Carlo - exact| / s.e. over the outcomes of the markets.
double MaxZ(const MarketEngine& exact, const MarketEngine& mc, const std::vector<Market>& markets,
            const std::string& where) {
    double worst = 0.0;
    for (const Market& market : markets) {
        Result<FairMarket> e = exact.Price(market);
        Result<FairMarket> m = mc.Price(market);
        EXPECT_TRUE(e.ok()) << where << " " << market.Key() << ": " << e.status().message();
        EXPECT_TRUE(m.ok()) << where << " " << market.Key() << ": " << m.status().message();
        if (!e.ok() || !m.ok()) {
            continue;
        }
        EXPECT_EQ(e->outcomes.size(), m->outcomes.size()) << where << " " << market.Key();
        for (std::size_t k = 0; k < e->outcomes.size() && k < m->outcomes.size(); ++k) {
            const double pe = e->outcomes[k].fair.probability, pm = m->outcomes[k].fair.probability;
            const double se = m->outcomes[k].fair.std_error;
            if (se == 0.0) {
                EXPECT_NEAR(pm, pe, 1e-6) << where << " " << market.Key() << " " << m->outcomes[k].name;
                continue;
            }
            const double z = std::abs(pm - pe) / se;
            worst = std::max(worst, z);
            EXPECT_LE(z, 4.0) << where << " " << market.Key() << " " << m->outcomes[k].name << ": exact " << pe
                              << ", Monte Carlo " << pm << " (s.e. " << se << ")";
        }
    }
    return worst;
}

TEST(FootballMarkets, ExactMainLinesAgreeWithMonteCarloPreGameAndLive) {
    const std::pair<const char*, json> cases[] = {
        {"pre-game", nullptr},
        {"2nd quarter, home ball at its own 20",
         {{"quarter", 2}, {"clock", "06:10"}, {"home", 7}, {"away", 3}, {"possession", "home"}, {"yard_line", 20}}},
        {"3rd quarter, away ball in the red zone, 2nd and 6",
         {{"quarter", 3},
          {"clock", "11:00"},
          {"home", 14},
          {"away", 10},
          {"possession", "away"},
          {"yard_line", 88},
          {"down", 2},
          {"distance", 6}}},
        {"4th quarter, tied, after a turnover",
         {{"quarter", 4}, {"clock", "09:30"}, {"home", 17}, {"away", 17}, {"possession", "home"}, {"turnover", true}}}};
    std::vector<Market> markets;
    for (const char* text : {"h2h", "spreads:-2.5", "spreads:-3", "spreads:-3.5", "spreads:-7", "spreads:-7.5",
                             "spreads:3.5", "totals:41.5", "totals:44.5", "totals:47", "winning_margin"}) {
        markets.push_back(Parse(text));
    }
    for (const auto& [where, state] : cases) {
        const engine::Game game = GameAt(state, false);
        const engine::FootballGame& f = *game.football();
        ASSERT_EQ(f.params.clock, 0);
        engine::ExactLines lines = engine::ExactMainLines(game.spec);
        auto exact = MarketEngine::FromLines(engine::Sport::kFootball, std::move(lines.margin.p), lines.margin.offset,
                                             std::move(lines.total.p), lines.total.offset);
        ASSERT_TRUE(exact.ok()) << exact.status().message();
        engine::Simulation simulation(game.spec);
        simulation.WithPaths(kPaths).WithSeed(2026);
        Result<PricedSimulation> mc = SimulateMarkets(simulation, markets);
        ASSERT_TRUE(mc.ok()) << mc.status().message();
        const double z = MaxZ(exact.value(), mc->engine, markets, where);
        std::printf("%s: largest |MC - exact| = %.2f s.e. over %zu markets\n", where, z, markets.size());
    }
}

TEST(FootballMarkets, TheYardLineMovesTheExactPrices) {
    const json base = {{"quarter", 4}, {"clock", "04:00"}, {"home", 20}, {"away", 17}, {"possession", "away"}};
    double last = 1.0;
    for (int yard : {10, 40, 70, 95}) {
        json state = base;
        state["yard_line"] = yard;
        const auto win = engine::ExactFinalScore(GameAt(state, false).spec).WinProbabilities();
        EXPECT_LT(win[0], last - 0.01) << "yard line " << yard;
        last = win[0];
    }
}

TEST(FootballMarkets, PeriodsBandsRacesScoreTypesAndParlaysFromOnePass) {
    const engine::Game game = GameAt(nullptr, true);
    std::vector<Market> markets;
    for (const char* text :
         {"h1:h2h", "h2:totals:22.5", "q1:spreads:-0.5", "q2:totals:13.5", "q3:h2h", "q4:totals:11.5",
          "team_totals:away:19.5", "race:10", "race:30", "next_score_type", "winning_margin",
          "sgp:h2h=home+totals:43.5=over", "sgp:winning_margin=home_1-6+next_score_type=field_goal",
          "sgp:q1:totals:9.5=under+race:20=home"}) {
        markets.push_back(Parse(text));
    }
    engine::Simulation simulation(game.spec);
    simulation.WithPaths(100'000).WithSeed(5);
    Result<PricedSimulation> mc = SimulateMarkets(simulation, markets);
    ASSERT_TRUE(mc.ok()) << mc.status().message();
    for (const Market& market : markets) {
        Result<FairMarket> fair = mc->engine.Price(market);
        ASSERT_TRUE(fair.ok()) << market.Key() << ": " << fair.status().message();
        double sum = 0.0;
        for (const MarketOutcome& o : fair->outcomes) {
            sum += o.fair.probability;
        }
        // A race is priced on the paths where somebody gets there (the rest is void, its mass in `other`).
        EXPECT_NEAR(sum + (market.kind == MarketKind::kRaceTo ? 0.0 : fair->other), 1.0, 1e-9) << market.Key();
    }
    // The halves and quarters add up to the game: P(home wins h1) sits between the quarters' and the game's.
    const auto p = [&](const std::string& text, std::size_t k) {
        return mc->engine.Price(Parse(text)).value().outcomes[k].fair.probability;
    };
    EXPECT_GT(p("h1:h2h", 0), p("q1:h2h", 0));
    EXPECT_GT(p("h2h", 0), p("h1:h2h", 0));
    // Half points around the key numbers: more mass at 3 and 7 than at 2 and 6.
    const double at3 = p("spreads:-2.5", 0) - p("spreads:-3.5", 0);
    const double at2 = p("spreads:-1.5", 0) - p("spreads:-2.5", 0);
    const double at7 = p("spreads:-6.5", 0) - p("spreads:-7.5", 0);
    const double at6 = p("spreads:-5.5", 0) - p("spreads:-6.5", 0);
    EXPECT_GT(at3, 2.0 * at2);
    EXPECT_GT(at7, 1.5 * at6);
    // A parlay of positively correlated legs prices above the product of its legs.
    const FairMarket sgp = mc->engine.Price(Parse("sgp:h2h=home+totals:43.5=over")).value();
    ASSERT_TRUE(sgp.parlay.has_value());
    EXPECT_EQ(sgp.parlay->legs.size(), 2u);
}

TEST(FootballMarkets, WhatTheSportDoesNotHaveIsRefused) {
    const engine::Game live = GameAt({{"quarter", 2}, {"clock", "05:00"}, {"home", 3}}, true);
    for (const char* text : {"q1:h2h", "h1:totals:20.5", "f5:h2h", "i1:totals:0.5", "race:12", "race:35",
                             "player_points:Tom Brady:0.5", "h1:next_score_type"}) {
        const Market market = Parse(text);
        engine::Simulation simulation(live.spec);
        simulation.WithPaths(1000).WithSeed(1);
        Result<PricedSimulation> priced = SimulateMarkets(simulation, std::vector<Market>{market});
        const bool refused = !priced.ok() || !priced->engine.Price(market).ok();
        EXPECT_TRUE(refused) << text;
    }
    // Soccer has no winning margin bands or score types.
    EXPECT_FALSE(MarketEngine::NeededVariables(Parse("winning_margin"), engine::Sport::kSoccer, {}).ok());
    EXPECT_FALSE(MarketEngine::NeededVariables(Parse("next_score_type"), engine::Sport::kBasketball, {}).ok());
}

TEST(FootballMarkets, WinningMarginBandsParse) {
    int lo = 0, hi = 0;
    ASSERT_TRUE(WinningMarginBand("home_7-12", &lo, &hi));
    EXPECT_EQ(lo, 7);
    EXPECT_EQ(hi, 12);
    ASSERT_TRUE(WinningMarginBand("away_19+", &lo, &hi));
    EXPECT_EQ(hi, -19);
    ASSERT_TRUE(WinningMarginBand("tie", &lo, &hi));
    EXPECT_EQ(lo, 0);
    for (const char* bad : {"home_", "home_0-6", "home_7-", "draw", "away_12-7", "home_7-12x"}) {
        EXPECT_FALSE(WinningMarginBand(bad, &lo, &hi)) << bad;
    }
    EXPECT_FALSE(ParseMarket("sgp:winning_margin=home_big+h2h=home").ok());
}

} // namespace
} // namespace simbook::odds
