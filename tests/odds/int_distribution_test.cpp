#include "odds/int_distribution.hpp"

#include "odds/market_engine.hpp"
#include "odds/score_markets.hpp"

#include "tests/odds/reference_matrices.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace simbook::odds {
namespace {

using testing::Lopsided;
using testing::Reference;

constexpr double kTol = 1e-12;

void ExpectSame(const Settlement& a, const Settlement& b, double line) {
    EXPECT_NEAR(a.win.probability, b.win.probability, kTol) << line;
    EXPECT_NEAR(a.half_win.probability, b.half_win.probability, kTol) << line;
    EXPECT_NEAR(a.push.probability, b.push.probability, kTol) << line;
    EXPECT_NEAR(a.half_lose.probability, b.half_lose.probability, kTol) << line;
    EXPECT_NEAR(a.lose.probability, b.lose.probability, kTol) << line;
}

IntDistribution Marginal(const ScoreMatrix& m, int which) {
    // which: 0 total, 1 margin, 2 home
    std::vector<double> pmf(static_cast<std::size_t>(m.MaxHome() + m.MaxAway() + 1), 0.0);
    for (int h = 0; h <= m.MaxHome(); ++h) {
        for (int a = 0; a <= m.MaxAway(); ++a) {
            const int i = which == 0 ? h + a : which == 1 ? h - a + m.MaxAway() : h;
            pmf[static_cast<std::size_t>(i)] += m.At(h, a);
        }
    }
    return IntDistribution::Create(pmf, which == 1 ? -m.MaxAway() : 0).value();
}

TEST(IntDistributionTest, ReferenceTotalLineTwoPushes) {
    // Totals of the reference grid: 0 -> .1, 1 -> .4, 2 -> .3, 3 -> .1, 4 -> .1, so a 2.0 line settles
    // under/push/over .5/.3/.2 (a .45 under does not sum to 1 with .3 and .2).
    const IntDistribution total = Marginal(Reference(), 0);
    const Settlement over = SettleOver(total, 2.0).value();
    const Settlement under = SettleUnder(total, 2.0).value();
    EXPECT_NEAR(over.win.probability, 0.2, kTol);
    EXPECT_NEAR(over.push.probability, 0.3, kTol);
    EXPECT_NEAR(over.lose.probability, 0.5, kTol);
    EXPECT_NEAR(under.win.probability, 0.5, kTol);
    EXPECT_NEAR(EffectiveProbability(over, 0).value().probability, 0.2 / 0.7, kTol);
    EXPECT_NEAR(EffectiveProbability(under, 0).value().probability, 0.5 / 0.7, kTol);
    EXPECT_EQ(EffectiveProbability(under, 0).value().std_error, 0.0);
}

TEST(IntDistributionTest, MatchesScoreMatrixSettlementOnEveryQuarterLine) {
    for (const ScoreMatrix& m : {Reference(), Lopsided()}) {
        const IntDistribution total = Marginal(m, 0), margin = Marginal(m, 1), home = Marginal(m, 2);
        for (double line = -4.0; line <= 4.0; line += 0.25) {
            ExpectSame(SettleHandicap(margin, line).value(), AsianHandicap(m, Team::kHome, line).value(), line);
            ExpectSame(SettleUnder(margin, -line).value(), AsianHandicap(m, Team::kAway, -line).value(), line);
            if (line >= 0.0) {
                ExpectSame(SettleOver(total, line).value(), Total(m, TotalSide::kOver, line).value(), line);
                ExpectSame(SettleUnder(total, line).value(), Total(m, TotalSide::kUnder, line).value(), line);
                ExpectSame(SettleOver(home, line).value(), TeamTotal(m, Team::kHome, TotalSide::kOver, line).value(),
                           line);
            }
        }
    }
}

TEST(IntDistributionTest, EffectiveProbabilityIsTheInverseOfFairOdds) {
    const IntDistribution margin = Marginal(Lopsided(), 1);
    for (double line = -2.75; line <= 2.75; line += 0.25) {
        const Settlement s = SettleHandicap(margin, line).value();
        const auto fair = FairDecimalOdds(s);
        if (!fair.ok()) {
            continue;
        }
        EXPECT_NEAR(EffectiveProbability(s, 0).value().probability, 1.0 / *fair, kTol) << line;
        // The two sides of a line sum to one.
        EXPECT_NEAR(EffectiveProbability(s, 0).value().probability +
                        EffectiveProbability(SettleUnder(margin, -line).value(), 0).value().probability,
                    1.0, kTol)
            << line;
    }
}

TEST(IntDistributionTest, EffectiveStandardErrorMatchesBinomialCases) {
    const std::uint64_t n = 10'000;
    // No push: the binomial standard error of P(win).
    Settlement s{{0.4, 0}, {}, {}, {}, {0.6, 0}, 0.0};
    EXPECT_NEAR(EffectiveProbability(s, n).value().std_error, std::sqrt(0.4 * 0.6 / n), kTol);
    // Whole line: a proportion over the n (1 - push) games that did not push.
    s = {{0.3, 0}, {}, {0.25, 0}, {}, {0.45, 0}, 0.0};
    const double q = 0.3 / 0.75;
    EXPECT_NEAR(EffectiveProbability(s, n).value().probability, q, kTol);
    EXPECT_NEAR(EffectiveProbability(s, n).value().std_error, std::sqrt(q * (1 - q) / (n * 0.75)), kTol);
}

TEST(IntDistributionTest, FromCountsTrimsAndChecks) {
    const IntDistribution d = IntDistribution::FromCounts({0, 0, 3, 5, 0, 2, 0}, -3, 10).value();
    EXPECT_EQ(d.Offset(), -1);
    EXPECT_EQ(d.MaxValue(), 2);
    EXPECT_NEAR(d.At(0), 0.5, kTol);
    EXPECT_NEAR(d.Between(-5, 0), 0.8, kTol);
    EXPECT_NEAR(d.MakeEstimate(0.5).std_error, std::sqrt(0.25 / 10), kTol);
    EXPECT_FALSE(IntDistribution::FromCounts({5, 6}, 0, 10).ok());
    EXPECT_FALSE(IntDistribution::FromCounts({1}, 0, 0).ok());
    EXPECT_FALSE(IntDistribution::Create({0.5, -0.1}, 0).ok());
    EXPECT_FALSE(SettleOver(d, 0.3).ok());
}

} // namespace
} // namespace simbook::odds
