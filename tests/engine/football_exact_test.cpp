// Exact American football scores (engine::ExactFootball): mass, means, overtime rules, live states, and the key
// numbers of the final margin against the NFL data.
#include "engine/football/exact.hpp"
#include "models/football_data.hpp"
#include "models/football_evaluation.hpp"
#include "models/football_fit.hpp"
#include "models/football_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <numeric>

namespace simbook::engine {
namespace {

namespace kf = kernels::football;

kf::FootballParams Params(double home, double away, int season = 2016, bool playoff = false) {
    return models::MakeFootballParams(models::FootballLeague{}, home, away, models::FootballRulesFor(season, playoff),
                                      false);
}

double Sum(const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0);
}

TEST(FootballExact, MassIsOneAndMeansFollowTheTargets) {
    const auto pmf = ExactFootball(Params(26.0, 20.0), kf::FootballState{});
    ASSERT_TRUE(pmf.ok()) << pmf.status().message();
    EXPECT_NEAR(Sum(pmf.value().p) + pmf.value().invalid, 1.0, 1e-9);
    double mh = 0.0;
    double ma = 0.0;
    for (int h = 0; h <= kFootballMaxPoints; ++h) {
        for (int a = 0; a <= kFootballMaxPoints; ++a) {
            mh += h * pmf.value().At(h, a);
            ma += a * pmf.value().At(h, a);
        }
    }
    // Regulation targets; overtime adds a little, the solve uses the stationary field mix and ignores the endgame.
    EXPECT_NEAR(mh, 26.0, 1.0);
    EXPECT_NEAR(ma, 20.0, 1.0);
    EXPECT_GT(pmf.value().HomeWin(), 0.6);
    EXPECT_LT(pmf.value().Tie(), 0.01);
}

TEST(FootballExact, OvertimeRules) {
    double invalid = 0.0;
    // Pure sudden death (2011 regular season): a first-possession field goal wins 3-0.
    const auto sudden = ExactFootballOvertime(Params(22.0, 22.0, 2011), &invalid);
    // Modified: 3-0 only after the other team's drive fails, so less often than sudden death.
    const auto modified = ExactFootballOvertime(Params(22.0, 22.0, 2016), &invalid);
    EXPECT_NEAR(Sum(sudden), 1.0, 1e-12);
    EXPECT_NEAR(Sum(modified), 1.0, 1e-12);
    EXPECT_GT(sudden[3 * 32 + 0], modified[3 * 32 + 0]);
    EXPECT_EQ(sudden[3 * 32 + 6], 0.0); // sudden death never answers a field goal
    EXPECT_GT(modified[3 * 32 + 6], 0.0);
    // Ten minutes (from 2017) ends tied more often than fifteen.
    const auto ten = ExactFootballOvertime(Params(22.0, 22.0, 2017), &invalid);
    EXPECT_GT(ten[0], modified[0]);
    // Playoffs: no ties; the unfinished mass is negligible.
    const auto playoff = ExactFootballOvertime(Params(22.0, 22.0, 2017, true), &invalid);
    EXPECT_LT(invalid, 1e-9);
    EXPECT_LT(playoff[0], 1e-9);
    // Ties of the whole game are rare (0.4% of 2012-18 games; the model's are rarer still, since its overtime
    // drives play for the field goal: a known gap).
    const auto pmf = ExactFootball(Params(22.0, 22.0, 2016), kf::FootballState{});
    ASSERT_TRUE(pmf.ok());
    EXPECT_GT(pmf.value().Tie(), 0.0);
    EXPECT_LT(pmf.value().Tie(), 0.01);
    EXPECT_GT(pmf.value().overtime, 0.03);
    EXPECT_LT(pmf.value().overtime, 0.10);
}

TEST(FootballExact, LiveStateKeepsTheScoreAndRejectsClockModels) {
    kf::FootballState s;
    s.drives_done = 20;
    s.score[0] = 24;
    s.score[1] = 3;
    s.possession = 1;
    const auto pmf = ExactFootball(Params(22.0, 22.0), s);
    ASSERT_TRUE(pmf.ok());
    EXPECT_GT(pmf.value().HomeWin(), 0.99);
    for (int a = 0; a < 3; ++a) {
        for (int h = 0; h <= kFootballMaxPoints; ++h) {
            EXPECT_EQ(pmf.value().At(h, a), 0.0);
        }
    }
    auto clock = Params(22.0, 22.0);
    clock.clock = 1;
    EXPECT_FALSE(ExactFootball(clock, kf::FootballState{}).ok());
}

//! The model's final-margin distribution over the 2012-18 games, priced walk-forward, against the data.
TEST(FootballExact, KeyNumbersOfTheMarginMatchTheData) {
    models::FootballEvaluationOptions options;
    options.data_dir = SIMBOOK_TEST_DATA;
    options.first_season = 2012; // the evaluation's seasons (the endgame values were chosen on 2012-15)
    options.last_season = 2018;
    const auto ev = models::RunFootballWalkForward(
        options, [](const kf::FootballParams& p) -> Result<models::FootballDistribution> {
            auto pmf = ExactFootball(p, kf::FootballState{});
            if (!pmf.ok()) {
                return pmf.status();
            }
            return models::FootballDistribution{kFootballMaxPoints, pmf.value().MarginPmf(), pmf.value().TotalPmf()};
        });
    ASSERT_TRUE(ev.ok()) << ev.status().message();
    for (int k : {3, 7, 10, 6, 4, 14, 1}) {
        std::printf("|margin| = %2d: model %.4f data %.4f\n", k, ev.value().model_abs_margin[k],
                    ev.value().data_abs_margin[k]);
    }
    EXPECT_NEAR(ev.value().model_abs_margin[3], ev.value().data_abs_margin[3], 0.015);
    EXPECT_NEAR(ev.value().model_abs_margin[7], ev.value().data_abs_margin[7], 0.015);
    // 3 and 7 are the two most common margins in model and data.
    for (int k = 1; k < models::kKeyMargins; ++k) {
        if (k != 3 && k != 7) {
            EXPECT_LT(ev.value().model_abs_margin[k], ev.value().model_abs_margin[7]) << k;
        }
    }
}

} // namespace
} // namespace simbook::engine
