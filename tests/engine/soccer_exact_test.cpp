#include "engine/soccer/exact.hpp"

#include "engine/game_state.hpp"
#include "engine/simulation.hpp"
#include "models/soccer_model.hpp"
#include "tests/engine/exact_checks.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace simbook::engine {
namespace {

namespace ks = kernels::soccer;

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

} // namespace
} // namespace simbook::engine
