#include "odds/path_tally.hpp"

#include "test_games.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace simbook::odds {
namespace {

using testing::PoissonAbove;

FairMarket Price(const MarketEngine& engine, const std::string& text) {
    const auto fair = engine.Price(ParseMarket(text).value());
    EXPECT_TRUE(fair.ok()) << text << ": " << (fair.ok() ? "" : fair.status().message());
    return fair.ok() ? fair.value() : FairMarket{};
}

// The mean of a quantity from its over/under ladder: E[X] = sum_k P(X > k - 0.5) for X >= 0.
double MeanFromOvers(const MarketEngine& engine, const std::string& prefix, int max) {
    double mean = 0.0;
    for (int k = 1; k <= max; ++k) {
        mean += Price(engine, prefix + std::to_string(k) + ".5").outcomes[0].fair.probability;
    }
    return mean + Price(engine, prefix + "0.5").outcomes[0].fair.probability;
}

// Tallied paths are the simulated ones: per-period points add up to the tallied final scores exactly.
TEST(PathTallyTest, PeriodsAddUpToTheSimulatedGame) {
    const auto game = testing::SimulateBasketball(20'000, 3);
    std::string list;
    for (const char* p : {"q1", "q2", "q3", "q4", "h1", "h2"}) {
        // Lines past any period's total (the second half holds every overtime: 217 points in one path of 20,000).
        list += std::string(list.empty() ? "" : ",") + p + ":totals:0.5.." + (p[0] == 'q' ? "99.5" : "299.5");
    }
    const MarketEngine engine = game.Engine(list + ",totals:0.5..399.5");
    ASSERT_EQ(engine.Sims(), game.result.sims);
    const double game_mean = MeanFromOvers(engine, "totals:", 399);
    const double h1 = MeanFromOvers(engine, "h1:totals:", 299), h2 = MeanFromOvers(engine, "h2:totals:", 299);
    double quarters = 0.0;
    for (const char* q : {"q1:", "q2:", "q3:", "q4:"}) {
        quarters += MeanFromOvers(engine, std::string(q) + "totals:", 99);
    }
    const double mean_score = game.result.MeanScore()[0] + game.result.MeanScore()[1];
    EXPECT_NEAR(game_mean, mean_score, 1e-9);
    EXPECT_NEAR(h1 + h2, mean_score, 1e-9);
    // Quarters exclude overtime: the rest is the overtime points, which h2 includes.
    double overtime = 0.0;
    for (int t = 0; t < 2; ++t) {
        overtime +=
            static_cast<double>(game.result.basketball()->period_points[t][4]) / static_cast<double>(game.result.sims);
    }
    EXPECT_NEAR(quarters + overtime, mean_score, 1e-9);
}

TEST(PathTallyTest, SoccerSecondHalfMatchesPoisson) {
    const auto game = testing::SimulateIndependentSoccer(1.45, 1.15, 100'000, 5);
    const MarketEngine engine = game.Engine("h2:totals:0.5..3.5,h2:team_totals:home:0.5");
    const double h2 =
        testing::HalfMeans(game.soccer_params, 0).second + testing::HalfMeans(game.soccer_params, 1).second;
    for (int k = 0; k <= 3; ++k) {
        const FairMarket m = Price(engine, "h2:totals:" + std::to_string(k) + ".5");
        EXPECT_NEAR(m.outcomes[0].fair.probability, PoissonAbove(h2, k), 4.0 * m.outcomes[0].fair.std_error) << k;
    }
}

TEST(PathTallyTest, PointsReboundsAssistsAddUp) {
    const auto game = testing::SimulateBasketball(20'000, 9);
    const MarketEngine engine = game.Engine("player_pra:Nikola Jokic:0.5..99.5");
    double pra = 0.0;
    for (int s = 0; s < 3; ++s) {
        pra += game.result.basketball()->players[10].stat[static_cast<std::size_t>(s)].Mean();
    }
    ASSERT_EQ(game.result.basketball()->players[10].name, "Nikola Jokic");
    EXPECT_NEAR(MeanFromOvers(engine, "player_pra:Nikola Jokic:", 99), pra, 1e-9);
}

// A home win and the home team scoring a lot go together: the parlay is far above the product of its legs.
TEST(PathTallyTest, CorrelatedParlayDiffersFromTheProductOfItsLegs) {
    const auto game = testing::SimulateBasketball(50'000, 21);
    const std::string sgp = "sgp:h2h=home+team_totals:home:115.5=over";
    const std::string impossible = "sgp:totals:220.5=over+totals:220.5=under";
    const MarketEngine engine = game.Engine(sgp + ",team_totals:home:115.5," + impossible);
    const FairMarket parlay = Price(engine, sgp);
    ASSERT_TRUE(parlay.parlay.has_value());
    // Legs are priced on the same paths as the single markets: identical probabilities.
    EXPECT_DOUBLE_EQ(parlay.parlay->legs[0].probability, Price(engine, "h2h").outcomes[0].fair.probability);
    EXPECT_DOUBLE_EQ(parlay.parlay->legs[1].probability,
                     Price(engine, "team_totals:home:115.5").outcomes[0].fair.probability);
    EXPECT_GT(parlay.parlay->excess.probability, 10.0 * parlay.parlay->excess.std_error);
    EXPECT_GT(parlay.outcomes[0].fair.probability, parlay.parlay->independent + 0.05);
    // Over 220.5 points and under 220.5 points cannot both win.
    EXPECT_EQ(Price(engine, impossible).outcomes[0].fair.probability, 0.0);
}

// Without state effects the two teams' goals are independent Poissons: the parlay equals the product.
TEST(PathTallyTest, IndependentParlayEqualsTheProductOfItsLegs) {
    const auto game = testing::SimulateIndependentSoccer(1.45, 1.15, 200'000, 33);
    const std::string sgp = "sgp:team_totals:home:1.5=over+team_totals:away:0.5=over";
    const std::string dependent = "sgp:h2h=draw+btts=no";
    const MarketEngine engine = game.Engine(sgp + "," + dependent);
    const FairMarket parlay = Price(engine, sgp);
    ASSERT_TRUE(parlay.parlay.has_value());
    EXPECT_LT(std::abs(parlay.parlay->excess.probability), 4.0 * parlay.parlay->excess.std_error);
    const double exact = PoissonAbove(1.45, 1) * PoissonAbove(1.15, 0);
    EXPECT_NEAR(parlay.outcomes[0].fair.probability, exact, 4.0 * parlay.outcomes[0].fair.std_error);
    // Legs that share the same goals are dependent even here: a draw in which not both teams score is 0-0.
    const FairMarket d = Price(engine, dependent);
    EXPECT_GT(std::abs(d.parlay->excess.probability), 10.0 * d.parlay->excess.std_error);
}

TEST(PathTallyTest, RefusesPeriodsStartedBeforeTheState) {
    kernels::basketball::BasketballState state = engine::BasketballTipOff();
    state.period = 2;
    state.clock_seconds = 400;
    state.score[0] = 30;
    state.score[1] = 28;
    const auto game = testing::SimulateBasketball(2'000, 4, state);
    const auto q1 = game.Priced("q1:h2h");
    ASSERT_FALSE(q1.ok());
    EXPECT_NE(q1.status().message().find("q1"), std::string::npos);
    EXPECT_FALSE(game.Priced("h1:totals:100.5").ok());
    EXPECT_FALSE(game.Priced("player_pra:Nikola Jokic:40.5").ok());
    EXPECT_TRUE(game.Priced("q3:totals:55.5,h2:h2h").ok());
    // Soccer has no quarters, nor player props in a parlay.
    const auto soccer = testing::SimulateIndependentSoccer(1.2, 1.0, 1'000, 1);
    EXPECT_FALSE(soccer.Priced("q1:totals:0.5").ok());
    EXPECT_FALSE(soccer.Priced("sgp:h2h=home+q1:totals:0.5=over").ok());
}

} // namespace
} // namespace simbook::odds
