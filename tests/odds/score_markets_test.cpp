#include "odds/score_markets.hpp"

#include "tests/odds/reference_matrices.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace simbook::odds {
namespace {

using testing::Lopsided;
using testing::Reference;

constexpr double kTol = 1e-12;

double PoissonPmf(double mean, int k) {
    return std::exp(-mean + k * std::log(mean) - std::lgamma(k + 1.0));
}

// Independent Poisson goals, truncated where the remaining mass is below 1e-15.
ScoreMatrix IndependentPoisson(double home_mean, double away_mean) {
    constexpr int kMax = 25;
    std::vector<std::vector<double>> rows(kMax + 1, std::vector<double>(kMax + 1));
    for (int h = 0; h <= kMax; ++h) {
        for (int a = 0; a <= kMax; ++a) {
            rows[h][a] = PoissonPmf(home_mean, h) * PoissonPmf(away_mean, a);
        }
    }
    return ScoreMatrix::Create(std::move(rows)).value();
}

double Mass(const Settlement& s) {
    return s.win.probability + s.half_win.probability + s.push.probability + s.half_lose.probability +
           s.lose.probability;
}

void ExpectSettlement(const Settlement& s, double win, double half_win, double push, double half_lose, double lose) {
    EXPECT_NEAR(s.win.probability, win, kTol);
    EXPECT_NEAR(s.half_win.probability, half_win, kTol);
    EXPECT_NEAR(s.push.probability, push, kTol);
    EXPECT_NEAR(s.half_lose.probability, half_lose, kTol);
    EXPECT_NEAR(s.lose.probability, lose, kTol);
}

TEST(ScoreMatrixTest, AccessorsAndTruncation) {
    const ScoreMatrix m = Lopsided();
    EXPECT_EQ(m.MaxHome(), 1);
    EXPECT_EQ(m.MaxAway(), 2);
    EXPECT_DOUBLE_EQ(m.At(0, 2), 0.3);
    EXPECT_DOUBLE_EQ(m.At(1, 0), 0.15);
    EXPECT_EQ(m.At(2, 0), 0.0);
    EXPECT_EQ(m.At(0, 3), 0.0);
    EXPECT_NEAR(m.Covered(), 1.0, kTol);
    EXPECT_NEAR(m.Other(), 0.0, kTol);
    const ScoreMatrix truncated = ScoreMatrix::Create({{0.1, 0.2}, {0.2, 0.1}}).value();
    EXPECT_NEAR(truncated.Other(), 0.4, kTol);
}

TEST(ScoreMatrixTest, InvalidMatricesAreRefused) {
    EXPECT_FALSE(ScoreMatrix::Create({}).ok());
    EXPECT_FALSE(ScoreMatrix::Create({{0.1, 0.2}, {0.3}}).ok());
    const auto negative = ScoreMatrix::Create({{0.1, -0.2}});
    ASSERT_FALSE(negative.ok());
    EXPECT_NE(negative.status().message().find("-0.2"), std::string::npos) << negative.status().message();
    const auto too_much = ScoreMatrix::Create({{0.6, 0.6}});
    ASSERT_FALSE(too_much.ok());
    EXPECT_NE(too_much.status().message().find("1.2"), std::string::npos) << too_much.status().message();
}

TEST(ScoreMatrixTest, FromCounts) {
    const auto m = ScoreMatrix::FromCounts({{10, 20}, {30, 35}}, 100);
    ASSERT_TRUE(m.ok()) << m.status().message();
    EXPECT_DOUBLE_EQ(m->At(1, 0), 0.3);
    EXPECT_EQ(m->Sims(), 100u);
    EXPECT_NEAR(m->Other(), 0.05, kTol);
    EXPECT_FALSE(ScoreMatrix::FromCounts({{60, 50}}, 100).ok());
    EXPECT_FALSE(ScoreMatrix::FromCounts({{1}}, 0).ok());
}

TEST(ScoreMarketsTest, ReferenceMatchResultAndBothTeamsToScore) {
    const ScoreMatrix m = Reference();
    const ThreeWay result = MatchResult(m);
    EXPECT_NEAR(result.home.probability, 0.35, kTol);
    EXPECT_NEAR(result.draw.probability, 0.30, kTol);
    EXPECT_NEAR(result.away.probability, 0.35, kTol);
    EXPECT_NEAR(result.other, 0.0, kTol);
    EXPECT_EQ(result.home.std_error, 0.0);
    const YesNo btts = BothTeamsToScore(m);
    EXPECT_NEAR(btts.yes.probability, 0.30, kTol);
    EXPECT_NEAR(btts.no.probability, 0.70, kTol);
}

// The brief quoted under/push/over 0.45/0.30/0.20 for a 2.0 total on this matrix; the matrix sums to 1 and the
// true masses are 0-0, 0-1, 1-0 = 0.5 under, 0-2, 1-1, 2-0 = 0.3 push and 1-2, 2-1, 2-2 = 0.2 over.
TEST(ScoreMarketsTest, ReferenceWholeLineTotal) {
    const ScoreMatrix m = Reference();
    const auto under = Total(m, TotalSide::kUnder, 2.0);
    const auto over = Total(m, TotalSide::kOver, 2.0);
    ASSERT_TRUE(under.ok() && over.ok());
    ExpectSettlement(*under, 0.5, 0.0, 0.3, 0.0, 0.2);
    ExpectSettlement(*over, 0.2, 0.0, 0.3, 0.0, 0.5);
    EXPECT_NEAR(FairDecimalOdds(*over).value(), 1.0 + 0.5 / 0.2, kTol);
    EXPECT_NEAR(FairDecimalOdds(*under).value(), 1.0 + 0.2 / 0.5, kTol);
}

TEST(ScoreMarketsTest, ReferenceHalfAndQuarterTotals) {
    const ScoreMatrix m = Reference();
    ExpectSettlement(Total(m, TotalSide::kOver, 2.5).value(), 0.2, 0.0, 0.0, 0.0, 0.8);
    ExpectSettlement(Total(m, TotalSide::kUnder, 1.5).value(), 0.5, 0.0, 0.0, 0.0, 0.5);
    // Over 2.25 = half on over 2.0, half on over 2.5: a total of 2 pushes one half and loses the other.
    const Settlement over = Total(m, TotalSide::kOver, 2.25).value();
    ExpectSettlement(over, 0.2, 0.0, 0.0, 0.3, 0.5);
    EXPECT_NEAR(FairDecimalOdds(over).value(), 1.0 + (0.5 + 0.15) / 0.2, kTol);
    // Under 2.25: a total of 2 wins the 2.5 half and pushes the 2.0 half.
    const Settlement under = Total(m, TotalSide::kUnder, 2.25).value();
    ExpectSettlement(under, 0.5, 0.3, 0.0, 0.0, 0.2);
    EXPECT_NEAR(FairDecimalOdds(under).value(), 1.0 + 0.2 / (0.5 + 0.15), kTol);
    // Over 1.75 = halves on 1.5 and 2.0: a total of 2 wins one half and pushes the other.
    ExpectSettlement(Total(m, TotalSide::kOver, 1.75).value(), 0.2, 0.3, 0.0, 0.0, 0.5);
}

TEST(ScoreMarketsTest, ReferenceAsianHandicapQuarterLine) {
    const ScoreMatrix m = Reference();
    // Home -0.75: half on -0.5, half on -1.0. Win by 2+ (2-0: 0.1) wins both; win by 1 (1-0, 2-1: 0.25)
    // wins the -0.5 half and pushes the -1.0 half; a draw or an away win (0.65) loses both.
    const Settlement home = AsianHandicap(m, Team::kHome, -0.75).value();
    ExpectSettlement(home, 0.1, 0.25, 0.0, 0.0, 0.65);
    // 0.1 (d - 1) + 0.25 (d - 1) / 2 = 0.65  =>  d = 1 + 0.65 / 0.225 = 35 / 9.
    EXPECT_NEAR(FairDecimalOdds(home).value(), 35.0 / 9.0, kTol);
    // The other side: away +0.75.
    const Settlement away = AsianHandicap(m, Team::kAway, 0.75).value();
    ExpectSettlement(away, 0.65, 0.0, 0.0, 0.25, 0.1);
    EXPECT_NEAR(FairDecimalOdds(away).value(), 1.0 + 0.225 / 0.65, kTol);
}

TEST(ScoreMarketsTest, ReferenceAsianHandicapOtherLines) {
    const ScoreMatrix m = Reference();
    ExpectSettlement(AsianHandicap(m, Team::kHome, 0.0).value(), 0.35, 0.0, 0.3, 0.0, 0.35);
    ExpectSettlement(AsianHandicap(m, Team::kHome, -1.0).value(), 0.1, 0.0, 0.25, 0.0, 0.65);
    ExpectSettlement(AsianHandicap(m, Team::kHome, 0.25).value(), 0.35, 0.3, 0.0, 0.0, 0.35);
    ExpectSettlement(AsianHandicap(m, Team::kHome, -0.25).value(), 0.35, 0.0, 0.0, 0.3, 0.35);
    ExpectSettlement(AsianHandicap(m, Team::kHome, -1.25).value(), 0.1, 0.0, 0.0, 0.25, 0.65);
    ExpectSettlement(AsianHandicap(m, Team::kHome, 1.5).value(), 0.9, 0.0, 0.0, 0.0, 0.1);
    EXPECT_NEAR(FairDecimalOdds(AsianHandicap(m, Team::kHome, 0.0).value()).value(), 2.0, kTol);
}

TEST(ScoreMarketsTest, ReferenceDoubleChanceAndDrawNoBet) {
    const ScoreMatrix m = Reference();
    const DoubleChanceOutcomes dc = DoubleChance(m);
    EXPECT_NEAR(dc.home_or_draw.probability, 0.65, kTol);
    EXPECT_NEAR(dc.home_or_away.probability, 0.70, kTol);
    EXPECT_NEAR(dc.draw_or_away.probability, 0.65, kTol);
    const DrawNoBetOutcomes dnb = DrawNoBet(m);
    EXPECT_NEAR(dnb.home.probability, 0.5, kTol);
    EXPECT_NEAR(dnb.away.probability, 0.5, kTol);
    EXPECT_NEAR(dnb.void_mass.probability, 0.3, kTol);
}

TEST(ScoreMarketsTest, ReferenceCorrectScore) {
    const CorrectScoreOutcomes cs = CorrectScore(Reference(), 3);
    ASSERT_EQ(cs.scores.size(), 3u);
    EXPECT_EQ(cs.scores[0].home, 0);
    EXPECT_EQ(cs.scores[0].away, 1);
    EXPECT_EQ(cs.scores[1].home, 1);
    EXPECT_EQ(cs.scores[1].away, 0);
    EXPECT_EQ(cs.scores[2].home, 0); // first of the 0.1 ties in (home, away) order
    EXPECT_EQ(cs.scores[2].away, 0);
    EXPECT_NEAR(cs.scores[0].probability.probability, 0.2, kTol);
    EXPECT_NEAR(cs.scores[2].probability.probability, 0.1, kTol);
    EXPECT_NEAR(cs.any_other.probability, 0.5, kTol);
    // Asking for more than there are lists every non-zero score and leaves nothing else.
    const CorrectScoreOutcomes all = CorrectScore(Reference(), 100);
    EXPECT_EQ(all.scores.size(), 9u);
    EXPECT_NEAR(all.any_other.probability, 0.0, kTol);
}

TEST(ScoreMarketsTest, LopsidedMatrixTeamMarkets) {
    const ScoreMatrix m = Lopsided();
    const ThreeWay result = MatchResult(m);
    EXPECT_NEAR(result.home.probability, 0.15, kTol);
    EXPECT_NEAR(result.draw.probability, 0.15, kTol);
    EXPECT_NEAR(result.away.probability, 0.70, kTol);
    EXPECT_NEAR(BothTeamsToScore(m).yes.probability, 0.25, kTol);
    EXPECT_NEAR(WinToNil(m, Team::kHome).yes.probability, 0.15, kTol);
    EXPECT_NEAR(WinToNil(m, Team::kHome).no.probability, 0.85, kTol);
    EXPECT_NEAR(WinToNil(m, Team::kAway).yes.probability, 0.5, kTol);
    // Home goals: 0 (0.6), 1 (0.4); away goals: 0 (0.25), 1 (0.25), 2 (0.5).
    ExpectSettlement(TeamTotal(m, Team::kHome, TotalSide::kOver, 0.5).value(), 0.4, 0.0, 0.0, 0.0, 0.6);
    ExpectSettlement(TeamTotal(m, Team::kAway, TotalSide::kOver, 1.5).value(), 0.5, 0.0, 0.0, 0.0, 0.5);
    ExpectSettlement(TeamTotal(m, Team::kAway, TotalSide::kOver, 1.0).value(), 0.5, 0.0, 0.25, 0.0, 0.25);
    // Away under 0.75 = halves on under 0.5 and under 1.0: one away goal loses one half and pushes the other.
    ExpectSettlement(TeamTotal(m, Team::kAway, TotalSide::kUnder, 0.75).value(), 0.25, 0.0, 0.0, 0.25, 0.5);
    ExpectSettlement(TeamTotal(m, Team::kHome, TotalSide::kUnder, 1.25).value(), 0.6, 0.4, 0.0, 0.0, 0.0);
    // Away -1.5 wins only when the away team wins by two: 0-2.
    ExpectSettlement(AsianHandicap(m, Team::kAway, -1.5).value(), 0.3, 0.0, 0.0, 0.0, 0.7);
}

TEST(ScoreMarketsTest, TruncatedMassIsReportedNotSettled) {
    const ScoreMatrix m = ScoreMatrix::Create({{0.1, 0.2}, {0.2, 0.1}}).value();
    const ThreeWay result = MatchResult(m);
    EXPECT_NEAR(result.other, 0.4, kTol);
    EXPECT_NEAR(result.home.probability + result.draw.probability + result.away.probability, 0.6, kTol);
    const Settlement over = Total(m, TotalSide::kOver, 1.5).value();
    EXPECT_NEAR(over.other, 0.4, kTol);
    EXPECT_NEAR(Mass(over), 0.6, kTol);
    EXPECT_NEAR(BothTeamsToScore(m).other, 0.4, kTol);
    EXPECT_NEAR(DrawNoBet(m).other, 0.4, kTol);
    // Every unlisted score, the truncated ones included, is "any other".
    EXPECT_NEAR(CorrectScore(m, 2).any_other.probability, 1.0 - 0.4, kTol);
}

TEST(ScoreMarketsTest, MonteCarloStandardErrors) {
    constexpr std::uint64_t kSims = 10000;
    const ScoreMatrix m = Reference(kSims);
    const auto se = [](double p) { return std::sqrt(p * (1.0 - p) / 10000.0); };
    const ThreeWay result = MatchResult(m);
    EXPECT_DOUBLE_EQ(result.home.std_error, se(0.35));
    EXPECT_DOUBLE_EQ(result.draw.std_error, se(0.30));
    EXPECT_NEAR(result.home.std_error, 0.00476969600708, 1e-13);
    const Settlement ah = AsianHandicap(m, Team::kHome, -0.75).value();
    EXPECT_DOUBLE_EQ(ah.half_win.std_error, se(0.25));
    EXPECT_DOUBLE_EQ(ah.lose.std_error, se(0.65));
    EXPECT_EQ(ah.push.std_error, 0.0); // p = 0
    EXPECT_DOUBLE_EQ(BothTeamsToScore(m).yes.std_error, se(0.3));
    EXPECT_DOUBLE_EQ(DoubleChance(m).home_or_away.std_error, se(0.7));
    EXPECT_DOUBLE_EQ(CorrectScore(m, 1).scores[0].probability.std_error, se(0.2));
    // Draw no bet: a proportion over the 7000 undrawn games.
    const DrawNoBetOutcomes dnb = DrawNoBet(m);
    EXPECT_DOUBLE_EQ(dnb.home.std_error, std::sqrt(0.25 / 7000.0));
    EXPECT_DOUBLE_EQ(dnb.void_mass.std_error, se(0.3));
    // Exact matrices carry no error.
    EXPECT_EQ(MatchResult(Reference()).away.std_error, 0.0);
}

TEST(ScoreMarketsTest, IndependentPoissonClosedForms) {
    const double lh = 1.4, la = 1.1;
    const ScoreMatrix m = IndependentPoisson(lh, la);
    const double total_mean = lh + la;
    // Total goals are Poisson(lh + la).
    double at_most_two = 0.0;
    for (int k = 0; k <= 2; ++k) {
        at_most_two += PoissonPmf(total_mean, k);
    }
    const Settlement over25 = Total(m, TotalSide::kOver, 2.5).value();
    EXPECT_NEAR(over25.win.probability, 1.0 - at_most_two, 1e-12);
    const Settlement over3 = Total(m, TotalSide::kOver, 3.0).value();
    EXPECT_NEAR(over3.push.probability, PoissonPmf(total_mean, 3), 1e-12);
    EXPECT_NEAR(BothTeamsToScore(m).yes.probability, (1.0 - std::exp(-lh)) * (1.0 - std::exp(-la)), 1e-12);
    EXPECT_NEAR(WinToNil(m, Team::kHome).yes.probability, (1.0 - std::exp(-lh)) * std::exp(-la), 1e-12);
    EXPECT_NEAR(WinToNil(m, Team::kAway).yes.probability, (1.0 - std::exp(-la)) * std::exp(-lh), 1e-12);
    ExpectSettlement(TeamTotal(m, Team::kHome, TotalSide::kOver, 0.5).value(), 1.0 - std::exp(-lh), 0.0, 0.0, 0.0,
                     std::exp(-lh));
    const ThreeWay result = MatchResult(m);
    EXPECT_GT(result.home.probability, result.away.probability);
}

TEST(ScoreMarketsTest, QuarterLinesAreTheTwoHalfStakes) {
    const ScoreMatrix m = IndependentPoisson(1.6, 0.9);
    for (int q = -15; q <= 15; q += 2) { // odd numbers of quarters: the quarter lines
        const double line = q / 4.0;
        for (const Team team : {Team::kHome, Team::kAway}) {
            const Settlement quarter = AsianHandicap(m, team, line).value();
            const Settlement harder = AsianHandicap(m, team, line - 0.25).value();
            const Settlement easier = AsianHandicap(m, team, line + 0.25).value();
            // Both halves win only when the harder one does; both lose when the easier one does; a push on the
            // harder half means the easier half won, a push on the easier half that the harder half lost.
            EXPECT_NEAR(quarter.win.probability, harder.win.probability, kTol) << line;
            EXPECT_NEAR(quarter.lose.probability, easier.lose.probability, kTol) << line;
            EXPECT_NEAR(quarter.half_win.probability, harder.push.probability, kTol) << line;
            EXPECT_NEAR(quarter.half_lose.probability, easier.push.probability, kTol) << line;
            EXPECT_EQ(quarter.push.probability, 0.0) << line;
        }
    }
}

TEST(ScoreMarketsTest, SettlementsPartitionTheCoveredMass) {
    const ScoreMatrix m = IndependentPoisson(1.3, 1.2);
    for (int q = -16; q <= 24; ++q) {
        const double line = q / 4.0;
        EXPECT_NEAR(Mass(AsianHandicap(m, Team::kHome, line).value()), m.Covered(), kTol) << line;
        if (line >= 0.0) {
            EXPECT_NEAR(Mass(Total(m, TotalSide::kUnder, line).value()), m.Covered(), kTol) << line;
            EXPECT_NEAR(Mass(TeamTotal(m, Team::kAway, TotalSide::kOver, line).value()), m.Covered(), kTol) << line;
        }
    }
}

TEST(ScoreMarketsTest, FairOddsGiveZeroExpectedProfit) {
    const ScoreMatrix m = IndependentPoisson(1.5, 1.0);
    for (int q = -10; q <= 10; ++q) {
        const double line = q / 4.0;
        const Settlement s = AsianHandicap(m, Team::kHome, line).value();
        const double d = FairDecimalOdds(s).value();
        const double profit = s.win.probability * (d - 1.0) + s.half_win.probability * (d - 1.0) / 2.0 -
                              s.half_lose.probability / 2.0 - s.lose.probability;
        EXPECT_NEAR(profit, 0.0, 1e-12) << line;
        EXPECT_GT(d, 1.0);
    }
    // Opposite sides of a line: the home side's fair odds rise as the handicap gets harder.
    const double easy = FairDecimalOdds(AsianHandicap(m, Team::kHome, -0.25).value()).value();
    const double hard = FairDecimalOdds(AsianHandicap(m, Team::kHome, -0.75).value()).value();
    EXPECT_LT(easy, hard);
}

TEST(ScoreMarketsTest, FairOddsNeedBothAWinAndALoss) {
    const ScoreMatrix m = Reference();
    const auto cannot_win = FairDecimalOdds(AsianHandicap(m, Team::kHome, -5.5).value());
    ASSERT_FALSE(cannot_win.ok());
    EXPECT_NE(cannot_win.status().message().find("cannot win"), std::string::npos);
    const auto cannot_lose = FairDecimalOdds(AsianHandicap(m, Team::kHome, 5.5).value());
    ASSERT_FALSE(cannot_lose.ok());
    EXPECT_NE(cannot_lose.status().message().find("cannot lose"), std::string::npos);
}

TEST(ScoreMarketsTest, LinesMustBeQuarterGoals) {
    const ScoreMatrix m = Reference();
    const auto bad = Total(m, TotalSide::kOver, 2.1);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("2.1"), std::string::npos) << bad.status().message();
    EXPECT_FALSE(AsianHandicap(m, Team::kHome, -0.3).ok());
    EXPECT_FALSE(TeamTotal(m, Team::kAway, TotalSide::kUnder, NAN).ok());
}

} // namespace
} // namespace simbook::odds
