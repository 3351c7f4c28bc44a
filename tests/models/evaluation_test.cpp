// The scoring of the walk-forward evaluation (log loss, Brier, RPS, calibration, paired differences) against
// hand-computed values, and the walk-forward on the shared data (skips without it).
#include "models/evaluation.hpp"

#include "tests/support/walk_forward_inputs.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <vector>

namespace simbook::models {
namespace {

TEST(EvaluationTest, MatchOutcome) {
    EXPECT_EQ(MatchOutcome(2, 1), 0);
    EXPECT_EQ(MatchOutcome(1, 1), 1);
    EXPECT_EQ(MatchOutcome(0, 3), 2);
}

TEST(EvaluationTest, ThreeWayScoresByHand) {
    ThreeWayScores s;
    s.Add({0.5, 0.3, 0.2}, 0); // home win
    // log loss -ln 0.5; Brier 0.5^2 + 0.3^2 + 0.2^2 = 0.38; RPS ((0.5 - 1)^2 + (0.8 - 1)^2) / 2 = 0.145
    EXPECT_DOUBLE_EQ(s.log_loss, -std::log(0.5));
    EXPECT_DOUBLE_EQ(s.brier, 0.38);
    EXPECT_DOUBLE_EQ(s.rps, 0.145);
    s.Add({0.5, 0.3, 0.2}, 2); // away win: Brier 0.25 + 0.09 + 0.64 = 0.98; RPS (0.25 + 0.64) / 2 = 0.445
    EXPECT_EQ(s.Count(), 2u);
    EXPECT_DOUBLE_EQ(s.MeanLogLoss(), (-std::log(0.5) - std::log(0.2)) / 2);
    EXPECT_DOUBLE_EQ(s.MeanBrier(), (0.38 + 0.98) / 2);
    EXPECT_DOUBLE_EQ(s.MeanRps(), (0.145 + 0.445) / 2);
    ASSERT_EQ(s.log_losses.size(), 2u);
    EXPECT_DOUBLE_EQ(s.log_losses[1], -std::log(0.2));
}

TEST(EvaluationTest, ScoresOfNothingAreZeroAndACertainMissIsFinite) {
    ThreeWayScores empty;
    EXPECT_EQ(empty.MeanLogLoss(), 0.0);
    ThreeWayScores miss;
    miss.Add({1.0, 0.0, 0.0}, 1);
    EXPECT_DOUBLE_EQ(miss.log_loss, -std::log(1e-15));
    EXPECT_DOUBLE_EQ(miss.brier, 2.0);
    EXPECT_DOUBLE_EQ(miss.rps, 0.5); // cumulative (1, 1) against (0, 1)
}

TEST(EvaluationTest, BinaryScoresByHand) {
    BinaryScores s;
    s.Add(0.6, true);
    s.Add(0.6, false);
    EXPECT_EQ(s.count, 2u);
    EXPECT_DOUBLE_EQ(s.log_loss, -std::log(0.6) - std::log(0.4));
    EXPECT_DOUBLE_EQ(s.brier, 0.16 + 0.36);
}

TEST(EvaluationTest, CalibrationBuckets) {
    Calibration c;
    c.Add({0.55, 0.25, 0.20}, 0);
    c.Add({0.51, 0.29, 0.20}, 1);
    EXPECT_EQ(c.count[5], 2.0);
    EXPECT_DOUBLE_EQ(c.MeanPredicted(5), 0.53);
    EXPECT_DOUBLE_EQ(c.Observed(5), 0.5);
    EXPECT_EQ(c.count[2], 4.0); // 0.25, 0.20, 0.29, 0.20
    EXPECT_DOUBLE_EQ(c.Observed(2), 0.25);
    EXPECT_EQ(c.MeanPredicted(9), 0.0); // empty
    Calibration edge;
    edge.Add({1.0, 0.0, 0.0}, 0); // probability 1 falls in the last bucket
    EXPECT_EQ(edge.count[9], 1.0);
    EXPECT_EQ(edge.count[0], 2.0);
}

TEST(EvaluationTest, PairedDifference) {
    // Differences 1, 2, 3: mean 2, sample sd 1, standard error 1 / sqrt(3).
    const auto [mean, se] = PairedDifference({3.0, 5.0, 7.0}, {2.0, 3.0, 4.0});
    EXPECT_DOUBLE_EQ(mean, 2.0);
    EXPECT_NEAR(se, 1.0 / std::sqrt(3.0), 1e-12);
    EXPECT_EQ(PairedDifference({1.0}, {0.5}).second, 0.0);
}

TEST(EvaluationTest, ScoreWalkForwardSplitsMatchesWithAndWithoutMarket) {
    SoccerMatch home_win;
    home_win.season = 2015;
    home_win.home_goals = 2;
    home_win.away_goals = 1;
    SoccerMatch draw;
    draw.season = 2016;
    EvaluatedMatch a;
    a.match = &home_win;
    a.model = {0.5, 0.3, 0.2};
    a.model_over = 0.6;
    a.market = ThreeWay{0.6, 0.25, 0.15};
    a.base = {0.45, 0.25, 0.30};
    a.base_over = 0.5;
    EvaluatedMatch b = a;
    b.match = &draw;
    b.market.reset();
    const EvaluationScores s = ScoreWalkForward({a, b});
    EXPECT_EQ(s.model_all.Count(), 2u);
    EXPECT_EQ(s.model_with_market.Count(), 1u);
    EXPECT_EQ(s.market.Count(), 1u);
    EXPECT_DOUBLE_EQ(s.market.log_loss, -std::log(0.6));
    EXPECT_EQ(s.model_over.count, 2u);
    EXPECT_DOUBLE_EQ(s.model_over.log_loss, -std::log(0.6) - std::log(0.4)); // 3 goals, then 0
    ASSERT_EQ(s.by_season.size(), 1u);
    EXPECT_EQ(s.by_season.begin()->first, 2015);
    EXPECT_DOUBLE_EQ(s.model_minus_market, -std::log(0.5) + std::log(0.6));
    EXPECT_EQ(s.model_minus_market_se, 0.0);
}

TEST(EvaluationTest, WalkForwardPricesEveryMatchThroughThePricer) {
    if (!std::filesystem::exists(SIMBOOK_TEST_DATA)) {
        GTEST_SKIP() << "no data folder at " << SIMBOOK_TEST_DATA;
    }
    WalkForwardOptions options;
    options.league = "premier-league";
    options.data_dir = SIMBOOK_TEST_DATA;
    options.first_season = 2015;
    options.last_season = 2015;
    int priced = 0;
    const MatchPricer pricer = [&](double home_xg, double away_xg, double rho) -> Result<MatchForecast> {
        ++priced;
        return testing::ExactForecast(home_xg, away_xg, rho);
    };
    const MarketProbabilities market = testing::FileProbabilities;
    const auto walked = RunWalkForward(options, pricer, market);
    ASSERT_TRUE(walked.ok()) << walked.status().message();
    EXPECT_EQ(walked->matches.size(), 380u);
    EXPECT_EQ(priced, 380);
    EXPECT_GT(walked->fits, 0);
    for (const EvaluatedMatch& m : walked->matches) {
        EXPECT_EQ(m.match->season, 2015);
        EXPECT_NEAR(m.model[0] + m.model[1] + m.model[2], 1.0, 1e-9);
        EXPECT_NEAR(m.base[0] + m.base[1] + m.base[2], 1.0, 1e-9);
        EXPECT_GT(m.train_matches, 0u);
    }
    const EvaluationScores scores = ScoreWalkForward(walked->matches);
    EXPECT_EQ(scores.market.Count(), 380u); // the 2015-16 odds cover every match
    EXPECT_LT(scores.model_with_market.MeanLogLoss(), scores.base_with_market.MeanLogLoss());

    const MatchPricer failing = [](double, double, double) -> Result<MatchForecast> {
        return Status(StatusCode::kInternal, "pricing: broken");
    };
    const auto failed = RunWalkForward(options, failing, market);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.status().message(), "pricing: broken");
}

} // namespace
} // namespace simbook::models
