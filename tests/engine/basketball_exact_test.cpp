#include "engine/basketball/exact.hpp"

#include "engine/game_state.hpp"
#include "engine/simulation.hpp"
#include "models/basketball_model.hpp"
#include "tests/engine/exact_checks.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace simbook::engine {
namespace {

namespace kb = kernels::basketball;

struct BasketballCase {
    const char* state;
};

class BasketballExactTest : public ::testing::TestWithParam<BasketballCase> {};

TEST_P(BasketballExactTest, MonteCarloMatchesPossessionDp) {
    const kb::BasketballParams params = models::MakeBasketballParams(models::ExampleBasketballModel()).value();
    const auto state = ParseBasketballState(nlohmann::json::parse(GetParam().state));
    ASSERT_TRUE(state.ok()) << state.status().message();
    const auto mc = Simulation(BasketballGame{params, state.value(), {}}).WithPaths(100000).WithSeed(21).Run();
    ASSERT_TRUE(mc.ok()) << mc.status().message();
    const ScoreDistribution exact = ExactBasketball(params, state.value());
    EXPECT_LT(std::abs(exact.Truncated()), 1e-9);
    EXPECT_NEAR(exact.WinProbabilities()[1], 0.0, 1e-9) << "the DP must play overtime until untied";
    ExpectMatchesExact(mc.value(), exact, GetParam().state);
}

INSTANTIATE_TEST_SUITE_P(Grid, BasketballExactTest,
                         ::testing::Values(BasketballCase{"{}"},
                                           BasketballCase{R"({"period": 4, "clock": "8:00", "home": 92, "away": 89,
                                                              "possession": "home"})"},
                                           BasketballCase{R"({"period": 2, "clock": 431, "home": 30, "away": 41,
                                                              "possession": "away"})"},
                                           BasketballCase{R"({"period": 4, "clock": "0:30", "home": 100, "away": 99})"},
                                           BasketballCase{R"({"period": 5, "clock": "2:10", "home": 110, "away": 110,
                                                              "possession": "away"})"}));

TEST(BasketballExactTest, PossessionPmfMatchesHandComputation) {
    // A team that only takes twos at 50% with no offensive rebounds scores 0 or 2 points a possession.
    models::BasketballModel m = models::ExampleBasketballModel();
    m.home.turnover_rate = 0.0;
    m.home.three_rate = 0.0;
    m.home.ft_trip_rate = 0.0;
    m.home.two_pct = 0.5;
    m.home.off_rebound_pct = 0.0;
    const auto pmf = PossessionPointsPmf(models::MakeBasketballParams(m).value().team[0]);
    EXPECT_NEAR(pmf[0], 0.5, 1e-9);
    EXPECT_NEAR(pmf[2], 0.5, 1e-9);
    EXPECT_NEAR(pmf[1] + pmf[3], 0.0, 1e-9);
    // With offensive rebounds at 50%, a miss is retried: P(2) = 0.5 / (1 - 0.25) = 2/3.
    m.home.off_rebound_pct = 0.5;
    EXPECT_NEAR(PossessionPointsPmf(models::MakeBasketballParams(m).value().team[0])[2], 2.0 / 3.0, 1e-9);
}

} // namespace
} // namespace simbook::engine
