// Monte Carlo against exact references: within 4 standard errors, and a chi-square test of the joint
// score distribution, across a grid of parameters and live states.
#include "engine/exact.hpp"
#include "engine/game_state.hpp"
#include "engine/simulation.hpp"
#include "models/basketball_model.hpp"
#include "models/soccer_model.hpp"
#include "tests/engine/statistics.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace simbook::engine {
namespace {

namespace ks = kernels::soccer;
namespace kb = kernels::basketball;

//! Expects MC win probabilities and mean scores within 4 s.e. of the exact ones and a chi-square p > 1e-4.
void ExpectMatchesExact(const SimulationResult& mc, const ScoreDistribution& exact, const std::string& label) {
    const double n = static_cast<double>(mc.sims);
    const auto w_mc = mc.WinProbabilities();
    const auto w_ex = exact.WinProbabilities();
    for (int i = 0; i < 3; ++i) {
        const double se = std::sqrt(std::max(w_ex[i] * (1 - w_ex[i]), 1e-12) / n);
        EXPECT_NEAR(w_mc[i], w_ex[i], 4 * se + 1e-12) << label << " outcome " << i;
    }
    const auto m_mc = mc.MeanScore();
    const auto m_ex = exact.MeanScore();
    for (int t = 0; t < 2; ++t) {
        double variance = 0.0;
        for (std::size_t h = 0; h < exact.dim(); ++h) {
            for (std::size_t a = 0; a < exact.dim(); ++a) {
                const double x = static_cast<double>(t == 0 ? h : a) - m_ex[t];
                variance += exact.At(h, a) * x * x;
            }
        }
        EXPECT_NEAR(m_mc[t], m_ex[t], 4 * std::sqrt(variance / n) + 1e-12) << label << " team " << t;
    }
    std::vector<std::uint64_t> observed;
    std::vector<double> probability;
    for (std::size_t h = 0; h < exact.dim(); ++h) {
        for (std::size_t a = 0; a < exact.dim(); ++a) {
            observed.push_back(mc.score.count(h, a));
            probability.push_back(exact.At(h, a));
        }
    }
    EXPECT_GT(testing::ChiSquarePValue(observed, probability, mc.sims), 1e-4) << label;
}

struct SoccerCase {
    double home_xg;
    double away_xg;
    const char* state;
};

class SoccerExactTest : public ::testing::TestWithParam<SoccerCase> {};

TEST_P(SoccerExactTest, MonteCarloMatchesIndependentPoissons) {
    const SoccerCase c = GetParam();
    models::SoccerModel model;
    model.home_xg = c.home_xg;
    model.away_xg = c.away_xg;
    const ks::SoccerParams params = models::MakeSoccerParams(model.WithoutStateEffects()).value();
    const auto state = ParseSoccerState(nlohmann::json::parse(c.state), params);
    ASSERT_TRUE(state.ok()) << state.status().message();
    const auto mc = Simulation(SoccerGame{params, state.value()}).WithPaths(200000).WithSeed(11).Run();
    ASSERT_TRUE(mc.ok()) << mc.status().message();
    ExpectMatchesExact(mc.value(), ExactSoccer(params, state.value()), c.state);
}

INSTANTIATE_TEST_SUITE_P(
    Grid, SoccerExactTest,
    ::testing::Values(SoccerCase{1.45, 1.15, "{}"}, SoccerCase{0.4, 0.3, "{}"}, SoccerCase{3.2, 0.8, "{}"},
                      SoccerCase{1.45, 1.15, R"({"minute": 30, "home": 1, "away": 0})"},
                      SoccerCase{2.0, 1.0, R"({"minute": 45, "stoppage": 1.5, "home": 0, "away": 2})"},
                      SoccerCase{1.6, 1.4, R"({"minute": 75, "home": 2, "away": 2, "ht_home": 1, "ht_away": 0})"},
                      SoccerCase{1.2, 1.2, R"({"minute": 90, "stoppage": 2, "home": 1, "away": 1})"}));

TEST(SoccerExactTest, FullMatchExpectedGoalsAreTheInputXg) {
    models::SoccerModel model;
    model.home_xg = 1.45;
    model.away_xg = 1.15;
    const ks::SoccerParams params = models::MakeSoccerParams(model).value();
    EXPECT_NEAR(RemainingExpectedGoals(params, 0, 0.0), 1.45, 1e-12);
    EXPECT_NEAR(RemainingExpectedGoals(params, 1, 0.0), 1.15, 1e-12);
    // Half-way through the 60-75 segment, what is left is the later segments plus half of this one.
    const double t = params.segment_end[4] + 7.5;
    double left = 0.5 * 15.0 * params.shape[5];
    for (int k = 6; k < ks::kSegments; ++k) {
        left += (params.segment_end[k] - params.segment_end[k - 1]) * params.shape[k];
    }
    EXPECT_NEAR(RemainingExpectedGoals(params, 0, t), params.goal_rate[0] * left, 1e-12);
}

TEST(SoccerExactTest, StateEffectsMoveTheDistributionAwayFromPoisson) {
    // Trailing teams push: with strong score effects the draw is more likely than independent Poissons say.
    models::SoccerModel model;
    model.leading_mult = 0.7;
    model.trailing_mult = 1.5;
    model.home_reds_per_match = 0.0;
    model.away_reds_per_match = 0.0;
    const ks::SoccerParams params = models::MakeSoccerParams(model).value();
    const auto mc = Simulation(SoccerGame{params, SoccerKickOff()}).WithPaths(200000).WithSeed(3).Run().value();
    const ScoreDistribution poisson =
        ExactSoccer(models::MakeSoccerParams(model.WithoutStateEffects()).value(), SoccerKickOff());
    const double draw_se = std::sqrt(0.25 / 200000.0);
    EXPECT_GT(mc.WinProbabilities()[1], poisson.WinProbabilities()[1] + 10 * draw_se);
}

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
