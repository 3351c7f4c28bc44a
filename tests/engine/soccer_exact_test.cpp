#include "engine/soccer/exact.hpp"

#include "engine/game_state.hpp"
#include "engine/simulation.hpp"
#include "kernels/soccer/soccer_step.cuh"
#include "models/soccer_model.hpp"
#include "tests/engine/exact_checks.hpp"
#include "tests/engine/soccer_exact_checks.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <boost/math/distributions/poisson.hpp>

#include <cmath>
#include <string>
#include <vector>

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

// ---- The exact chain with state effects (ExactSoccerLive) ----

//! Strong state effects, so a chain that mishandles any of them is far outside Monte Carlo noise.
models::SoccerModel StrongEffects() {
    models::SoccerModel model;
    model.home_xg = 1.6;
    model.away_xg = 1.2;
    model.leading_mult = 0.7;
    model.trailing_mult = 1.45;
    model.home_reds_per_match = 0.6;
    model.away_reds_per_match = 0.8;
    model.red_own_mult = 0.6;
    model.red_opp_mult = 1.35;
    return model;
}

ks::SoccerState State(const char* json, const ks::SoccerParams& params) {
    const auto state = ParseSoccerState(nlohmann::json::parse(json), params);
    SIMBOOK_REQUIRE(state.ok(), state.status().message());
    return state.value();
}

TEST(SoccerExactLiveTest, WithoutEffectsEqualsTheClosedForm) {
    const char* states[] = {"{}",
                            R"({"minute": 30, "home": 1, "away": 0})",
                            R"({"minute": 45, "stoppage": 1.5, "home": 0, "away": 2})",
                            R"({"minute": 45, "half": 2, "home": 2, "away": 2, "ht_home": 2, "ht_away": 2})",
                            R"({"minute": 75, "home": 2, "away": 1, "red_home": 1, "red_away": 2})",
                            R"({"minute": 90, "stoppage": 3, "home": 1, "away": 1})",
                            R"({"finished": true, "home": 3, "away": 0})"};
    for (const double xg : {0.4, 1.45, 3.2}) {
        models::SoccerModel model = models::SoccerModel{}.WithoutStateEffects();
        model.home_xg = xg;
        model.red_own_mult = 1.0;
        model.red_opp_mult = 1.0;
        const ks::SoccerParams params = models::MakeSoccerParams(model).value();
        for (const char* json : states) {
            const ks::SoccerState state = State(json, params);
            for (const std::size_t dim : {std::size_t{8}, std::size_t{16}}) {
                const SoccerLiveDistribution live = ExactSoccerLive(params, state, dim);
                const ScoreDistribution closed = ExactSoccer(params, state, dim);
                for (std::size_t h = 0; h < dim; ++h) {
                    for (std::size_t a = 0; a < dim; ++a) {
                        ASSERT_NEAR(live.final_score.At(h, a), closed.At(h, a), 1e-12)
                            << json << " xg " << xg << " dim " << dim << " cell " << h << "-" << a;
                    }
                }
                EXPECT_NEAR(live.final_score.Truncated(), closed.Truncated(), 1e-12) << json;
                EXPECT_NEAR(live.red_cards[state.red[0]][state.red[1]], 1.0 - closed.Truncated(), 1e-12) << json;
                // Half-time: independent Poissons up to the end of the first half, or the state's own.
                const bool first_half = state.minute < params.segment_end[ks::kFirstHalfLastSegment];
                for (std::size_t h = 0; h < dim; ++h) {
                    for (std::size_t a = 0; a < dim; ++a) {
                        double expected = 0.0;
                        if (first_half) {
                            const double left =
                                params.shape_end[ks::kFirstHalfLastSegment] - ks::ShapeMinutes(params, state.minute);
                            const int goals[2] = {static_cast<int>(h) - state.home, static_cast<int>(a) - state.away};
                            if (goals[0] >= 0 && goals[1] >= 0) {
                                expected = boost::math::pdf(
                                               boost::math::poisson_distribution<double>(params.goal_rate[0] * left),
                                               goals[0]) *
                                           boost::math::pdf(
                                               boost::math::poisson_distribution<double>(params.goal_rate[1] * left),
                                               goals[1]);
                            }
                        } else {
                            expected = static_cast<int>(h) == state.ht_home && static_cast<int>(a) == state.ht_away;
                        }
                        ASSERT_NEAR(live.half_time.At(h, a), expected, 1e-12) << json << " half-time " << h << "-" << a;
                    }
                }
            }
        }
    }
}

struct LiveCase {
    bool strong;       //!< StrongEffects() rather than the default model
    const char* state; //!< ParseSoccerState JSON
    double red_at[2];  //!< what-if red card minutes (played minutes), 0 for none
};

class SoccerExactLiveTest : public ::testing::TestWithParam<LiveCase> {};

TEST_P(SoccerExactLiveTest, MonteCarloMatchesTheChain) {
    const LiveCase c = GetParam();
    ks::SoccerParams params = models::MakeSoccerParams(c.strong ? StrongEffects() : models::SoccerModel{}).value();
    params.red_card_at[0] = c.red_at[0];
    params.red_card_at[1] = c.red_at[1];
    const ks::SoccerState state = State(c.state, params);
    const std::string label = std::string(c.strong ? "strong " : "default ") + c.state + " red_at " +
                              std::to_string(c.red_at[0]) + "," + std::to_string(c.red_at[1]);
    const auto mc = Simulation(SoccerGame{params, state}).WithPaths(200000).WithSeed(17).Run();
    ASSERT_TRUE(mc.ok()) << mc.status().message();
    const SoccerLiveDistribution exact = ExactSoccerLive(params, state, 24);
    EXPECT_LT(exact.final_score.Truncated(), 1e-12) << label;
    ExpectMatchesExact(mc.value(), exact.final_score, label);
    if (state.minute < params.segment_end[ks::kFirstHalfLastSegment]) {
        ExpectGridFits(mc.value().soccer()->half_time, mc.value().sims, exact.half_time, label + " half-time");
    } else {
        const auto ht_home = static_cast<std::size_t>(state.ht_home);
        const auto ht_away = static_cast<std::size_t>(state.ht_away);
        EXPECT_EQ(exact.half_time.At(ht_home, ht_away), 1.0) << label;
        EXPECT_EQ(mc.value().soccer()->half_time.count(ht_home, ht_away), mc.value().sims) << label;
    }
    ExpectRedCardsMatch(mc.value(), exact, label);
}

INSTANTIATE_TEST_SUITE_P(
    States, SoccerExactLiveTest,
    ::testing::Values(LiveCase{false, "{}", {0, 0}}, LiveCase{true, "{}", {0, 0}},
                      LiveCase{false, R"({"minute": 30})", {0, 0}}, LiveCase{true, R"({"minute": 30})", {0, 0}},
                      LiveCase{false, R"({"minute": 60, "home": 1, "away": 0})", {0, 0}},
                      LiveCase{true, R"({"minute": 60, "home": 1, "away": 0, "ht_home": 0, "ht_away": 0})", {0, 0}},
                      LiveCase{false, R"({"minute": 75, "home": 1, "away": 1, "red_home": 1})", {0, 0}},
                      LiveCase{true, R"({"minute": 75, "home": 1, "away": 1, "red_home": 1})", {0, 0}},
                      LiveCase{false, R"({"minute": 88, "home": 0, "away": 1})", {0, 0}},
                      LiveCase{true, R"({"minute": 88, "home": 0, "away": 1, "red_away": 3})", {0, 0}},
                      LiveCase{false, R"({"minute": 90, "stoppage": 2, "home": 2, "away": 2})", {0, 0}},
                      LiveCase{true, R"({"minute": 45, "stoppage": 1, "home": 1, "away": 0})", {0, 0}},
                      LiveCase{false, R"({"minute": 45, "half": 2, "home": 0, "away": 1})", {0, 0}},
                      LiveCase{true, R"({"minute": 45, "half": 2, "home": 0, "away": 1})", {0, 0}},
                      // What-if red cards: one in the second half, one before half-time with one after it,
                      // one on a team that already has kMaxReds (no effect), both at the same minute.
                      LiveCase{false, R"({"minute": 30, "home": 0, "away": 1})", {60, 0}},
                      LiveCase{true, "{}", {70, 20}},
                      LiveCase{true, R"({"minute": 50, "home": 1, "away": 1, "red_home": 4})", {60, 0}},
                      LiveCase{true, R"({"minute": 10})", {40, 40}}));

TEST(SoccerExactLiveTest, TheChecksRejectAWrongChain) {
    // The Monte Carlo checks have power: the chain with one state effect removed is rejected.
    const models::SoccerModel model = StrongEffects();
    ks::SoccerParams params = models::MakeSoccerParams(model).value();
    params.red_card_at[0] = 50.0;
    const ks::SoccerState state = SoccerKickOff();
    const auto mc = Simulation(SoccerGame{params, state}).WithPaths(200000).WithSeed(5).Run().value();
    const GridFit right = FitGrid(mc.score, mc.sims, ExactSoccerLive(params, state, 24).final_score);
    EXPECT_LT(right.max_z, 4.0);
    EXPECT_GT(right.p_value, 1e-4);

    std::vector<ks::SoccerParams> wrong(4, params);
    wrong[0].red_card_at[0] = 0.0; // no scheduled red card
    for (auto& row : wrong[1].red_factor) {
        for (double& f : row) {
            f = 1.0; // red cards without effect on the goal rates
        }
    }
    wrong[2].leading_mult = 1.0; // no score effects
    wrong[2].trailing_mult = 1.0;
    wrong[3].red_rate[1] = 0.0; // no away red cards
    for (std::size_t i = 0; i < wrong.size(); ++i) {
        const GridFit fit = FitGrid(mc.score, mc.sims, ExactSoccerLive(wrong[i], state, 24).final_score);
        EXPECT_TRUE(fit.max_z > 4.0 || fit.p_value < 1e-4)
            << "wrong chain " << i << " not rejected: z " << fit.max_z << " p " << fit.p_value;
    }
    // The half-time check has power too: half-time taken at the final whistle is rejected.
    const GridFit ht = FitGrid(mc.soccer()->half_time, mc.sims, ExactSoccerLive(params, state, 24).final_score);
    EXPECT_TRUE(ht.max_z > 4.0 || ht.p_value < 1e-4);
}

TEST(SoccerExactLiveTest, MassIsConservedAndFinishedMatchesArePointMasses) {
    const ks::SoccerParams params = models::MakeSoccerParams(StrongEffects()).value();
    const SoccerLiveDistribution kickoff = ExactSoccerLive(params, SoccerKickOff(), 16);
    double reds = 0.0;
    for (const auto& row : kickoff.red_cards) {
        for (const double p : row) {
            reds += p;
        }
    }
    EXPECT_NEAR(reds, 1.0 - kickoff.final_score.Truncated(), 1e-13);
    EXPECT_LT(kickoff.final_score.Truncated(), 1e-9);
    EXPECT_NEAR(kickoff.half_time.Truncated(), 0.0, 1e-12);

    // Goals only go up, so mass that leaves a small grid never comes back: a larger grid agrees on the cells
    // of the smaller one, and holds the truncated mass.
    const SoccerLiveDistribution wide = ExactSoccerLive(params, SoccerKickOff(), 24);
    for (std::size_t h = 0; h < 16; ++h) {
        for (std::size_t a = 0; a < 16; ++a) {
            ASSERT_NEAR(kickoff.final_score.At(h, a), wide.final_score.At(h, a), 1e-15) << h << "-" << a;
        }
    }
    EXPECT_LT(wide.final_score.Truncated(), kickoff.final_score.Truncated());

    const ks::SoccerState done = State(R"({"finished": true, "home": 2, "away": 1, "red_away": 1})", params);
    const SoccerLiveDistribution final = ExactSoccerLive(params, done, 16);
    EXPECT_EQ(final.final_score.At(2, 1), 1.0);
    EXPECT_EQ(final.red_cards[0][1], 1.0);
    EXPECT_EQ(final.steps, 0);
}

} // namespace
} // namespace simbook::engine
