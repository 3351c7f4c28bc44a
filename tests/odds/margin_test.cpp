#include "odds/margin.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace simbook::odds {
namespace {

constexpr MarginMethod kAllMethods[] = {MarginMethod::kMultiplicative, MarginMethod::kAdditive, MarginMethod::kPower,
                                        MarginMethod::kShin, MarginMethod::kOddsRatio};

double Sum(const std::vector<double>& values) {
    return std::accumulate(values.begin(), values.end(), 0.0);
}

TEST(MarginMethodTest, NamesRoundTrip) {
    EXPECT_EQ(ParseMarginMethod("multiplicative").value(), MarginMethod::kMultiplicative);
    EXPECT_EQ(ParseMarginMethod("additive").value(), MarginMethod::kAdditive);
    EXPECT_EQ(ParseMarginMethod("power").value(), MarginMethod::kPower);
    EXPECT_EQ(ParseMarginMethod("shin").value(), MarginMethod::kShin);
    EXPECT_EQ(ParseMarginMethod("odds-ratio").value(), MarginMethod::kOddsRatio);
    for (const MarginMethod method : kAllMethods) {
        EXPECT_EQ(ParseMarginMethod(ToString(method)).value(), method);
    }
    const auto bad = ParseMarginMethod("odds_ratio");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("odds_ratio"), std::string::npos);
}

// Reference values from the R package `implied` (opisthokonta), method "shin".
TEST(RemoveMarginTest, ShinThreeWayReference) {
    const std::vector<double> odds = {2.6, 2.4, 4.3};
    const auto fair = RemoveMargin(odds, MarginMethod::kShin);
    ASSERT_TRUE(fair.ok()) << fair.status().message();
    ASSERT_EQ(fair->probabilities.size(), 3u);
    EXPECT_NEAR(fair->probabilities[0], 0.3729941, 5e-8);
    EXPECT_NEAR(fair->probabilities[1], 0.4047794, 5e-8);
    EXPECT_NEAR(fair->probabilities[2], 0.2222265, 5e-8);
    EXPECT_NEAR(fair->parameter, 0.01694251, 5e-9);
    EXPECT_NEAR(Sum(fair->probabilities), 1.0, 1e-12);
    EXPECT_NEAR(fair->overround, 1 / 2.6 + 1 / 2.4 + 1 / 4.3 - 1.0, 1e-15);
}

TEST(RemoveMarginTest, ShinTwoWayReference) {
    const std::vector<double> odds = {1.5, 2.74};
    const auto fair = RemoveMargin(odds, MarginMethod::kShin);
    ASSERT_TRUE(fair.ok()) << fair.status().message();
    EXPECT_NEAR(fair->probabilities[0], 0.6508515815, 5e-11);
    EXPECT_NEAR(fair->probabilities[1], 0.3491484185, 5e-11);
    EXPECT_NEAR(fair->parameter, 0.0317272854, 5e-11);
}

// With two outcomes Shin's method coincides with the additive one (a known identity), an independent check.
TEST(RemoveMarginTest, ShinEqualsAdditiveOnTwoWayBooks) {
    for (const std::vector<double>& odds :
         {std::vector<double>{1.5, 2.74}, std::vector<double>{1.1, 7.0}, std::vector<double>{1.95, 1.87}}) {
        const auto shin = RemoveMargin(odds, MarginMethod::kShin);
        const auto additive = RemoveMargin(odds, MarginMethod::kAdditive);
        ASSERT_TRUE(shin.ok() && additive.ok());
        EXPECT_NEAR(shin->probabilities[0], additive->probabilities[0], 1e-12);
        EXPECT_NEAR(shin->probabilities[1], additive->probabilities[1], 1e-12);
    }
}

TEST(RemoveMarginTest, MultiplicativeKnownValues) {
    const std::vector<double> odds = {1.0 / 0.63, 1.0 / 0.42}; // implied 0.63 + 0.42 = 1.05
    const auto fair = RemoveMargin(odds, MarginMethod::kMultiplicative);
    ASSERT_TRUE(fair.ok());
    EXPECT_NEAR(fair->probabilities[0], 0.6, 1e-15);
    EXPECT_NEAR(fair->probabilities[1], 0.4, 1e-15);
    EXPECT_NEAR(fair->parameter, 1.05, 1e-15);
    EXPECT_NEAR(fair->overround, 0.05, 1e-15);
}

TEST(RemoveMarginTest, AdditiveKnownValues) {
    const std::vector<double> odds = {1.0 / 0.55, 1.0 / 0.5}; // implied sum 1.05, shift 0.025
    const auto fair = RemoveMargin(odds, MarginMethod::kAdditive);
    ASSERT_TRUE(fair.ok());
    EXPECT_NEAR(fair->probabilities[0], 0.525, 1e-15);
    EXPECT_NEAR(fair->probabilities[1], 0.475, 1e-15);
    EXPECT_NEAR(fair->parameter, 0.025, 1e-15);
}

TEST(RemoveMarginTest, PowerKnownValues) {
    // Implied 0.8 and 0.6: squaring gives 0.64 + 0.36 = 1, so k = 2.
    const std::vector<double> odds = {1.25, 1.0 / 0.6};
    const auto fair = RemoveMargin(odds, MarginMethod::kPower);
    ASSERT_TRUE(fair.ok()) << fair.status().message();
    EXPECT_NEAR(fair->parameter, 2.0, 1e-12);
    EXPECT_NEAR(fair->probabilities[0], 0.64, 1e-12);
    EXPECT_NEAR(fair->probabilities[1], 0.36, 1e-12);
}

TEST(RemoveMarginTest, OddsRatioKnownValues) {
    // Fair 0.2/0.8 with odds ratio c = 2 quotes 2*0.2/(0.8+0.4) = 1/3 and 1.6/(0.2+1.6) = 8/9.
    const std::vector<double> odds = {3.0, 9.0 / 8.0};
    const auto fair = RemoveMargin(odds, MarginMethod::kOddsRatio);
    ASSERT_TRUE(fair.ok()) << fair.status().message();
    EXPECT_NEAR(fair->parameter, 2.0, 1e-12);
    EXPECT_NEAR(fair->probabilities[0], 0.2, 1e-12);
    EXPECT_NEAR(fair->probabilities[1], 0.8, 1e-12);
}

TEST(RemoveMarginTest, UnderroundBook) {
    const std::vector<double> odds = {2.1, 2.1};
    for (const MarginMethod method :
         {MarginMethod::kMultiplicative, MarginMethod::kAdditive, MarginMethod::kPower, MarginMethod::kOddsRatio}) {
        const auto fair = RemoveMargin(odds, method);
        ASSERT_TRUE(fair.ok()) << ToString(method) << ": " << fair.status().message();
        EXPECT_NEAR(fair->probabilities[0], 0.5, 1e-12) << ToString(method);
        EXPECT_LT(fair->overround, 0.0);
    }
    EXPECT_LT(RemoveMargin(odds, MarginMethod::kPower)->parameter, 1.0);
    EXPECT_LT(RemoveMargin(odds, MarginMethod::kOddsRatio)->parameter, 1.0);
    const auto shin = RemoveMargin(odds, MarginMethod::kShin);
    ASSERT_FALSE(shin.ok());
    EXPECT_NE(shin.status().message().find("overround"), std::string::npos);
}

TEST(RemoveMarginTest, AdditiveLongShotIsFlagged) {
    // Implied 0.8333 + 0.25 + 0.005: the shift 0.0294 exceeds the long shot's 0.005.
    const std::vector<double> odds = {1.2, 4.0, 200.0};
    const auto fair = RemoveMargin(odds, MarginMethod::kAdditive);
    ASSERT_FALSE(fair.ok());
    EXPECT_NE(fair.status().message().find("outside (0, 1)"), std::string::npos) << fair.status().message();
    // The other methods cope with the same book.
    for (const MarginMethod method :
         {MarginMethod::kMultiplicative, MarginMethod::kPower, MarginMethod::kShin, MarginMethod::kOddsRatio}) {
        EXPECT_TRUE(RemoveMargin(odds, method).ok()) << ToString(method);
    }
}

TEST(RemoveMarginTest, OddsAtOrBelowOneAreRefused) {
    for (const MarginMethod method : kAllMethods) {
        const std::vector<double> odds = {2.0, 0.95};
        const auto fair = RemoveMargin(odds, method);
        ASSERT_FALSE(fair.ok());
        EXPECT_NE(fair.status().message().find("0.95"), std::string::npos) << fair.status().message();
        const std::vector<double> evens_and_one = {1.0, 2.0};
        EXPECT_FALSE(RemoveMargin(evens_and_one, method).ok());
    }
    const std::vector<double> single = {1.5};
    EXPECT_FALSE(RemoveMargin(single, MarginMethod::kMultiplicative).ok());
}

TEST(AddMarginTest, MarginOutsideRangeIsRefused) {
    const std::vector<double> fair = {0.5, 0.5};
    for (const MarginMethod method : kAllMethods) {
        for (const auto& [margin, text] : {std::pair{-0.01, "-0.01"}, std::pair{0.5, "0.5"}, std::pair{0.7, "0.7"}}) {
            const auto book = AddMargin(fair, margin, method);
            ASSERT_FALSE(book.ok()) << margin;
            EXPECT_NE(book.status().message().find(text), std::string::npos) << book.status().message();
        }
        EXPECT_FALSE(AddMargin(fair, std::numeric_limits<double>::quiet_NaN(), method).ok());
    }
}

TEST(AddMarginTest, BadFairProbabilitiesAreRefused) {
    const std::vector<double> not_summing = {0.5, 0.4};
    EXPECT_FALSE(AddMargin(not_summing, 0.05, MarginMethod::kPower).ok());
    const std::vector<double> with_zero = {1.0, 0.0};
    EXPECT_FALSE(AddMargin(with_zero, 0.05, MarginMethod::kShin).ok());
    const std::vector<double> single = {1.0};
    EXPECT_FALSE(AddMargin(single, 0.05, MarginMethod::kMultiplicative).ok());
}

TEST(AddMarginTest, KnownValuesAndParameters) {
    const std::vector<double> fair = {0.6, 0.4};
    const auto multiplicative = AddMargin(fair, 0.05, MarginMethod::kMultiplicative);
    ASSERT_TRUE(multiplicative.ok());
    EXPECT_NEAR(multiplicative->probabilities[0], 0.63, 1e-15);
    EXPECT_NEAR(multiplicative->decimal_odds[1], 1.0 / 0.42, 1e-12);
    EXPECT_NEAR(multiplicative->parameter, 1.05, 1e-15);

    const auto additive = AddMargin(fair, 0.05, MarginMethod::kAdditive);
    ASSERT_TRUE(additive.ok());
    EXPECT_NEAR(additive->probabilities[0], 0.625, 1e-15);
    EXPECT_NEAR(additive->probabilities[1], 0.425, 1e-15);
    EXPECT_NEAR(additive->parameter, 0.025, 1e-15);

    // Power: fair 0.64/0.36 at margin 0.4 quotes 0.8/0.6 with k = 2.
    const std::vector<double> squares = {0.64, 0.36};
    const auto power = AddMargin(squares, 0.4, MarginMethod::kPower);
    ASSERT_TRUE(power.ok()) << power.status().message();
    EXPECT_NEAR(power->parameter, 2.0, 1e-12);
    EXPECT_NEAR(power->probabilities[0], 0.8, 1e-12);
    EXPECT_NEAR(power->decimal_odds[0], 1.25, 1e-12);

    // Odds ratio: fair 0.2/0.8 with margin 1/3 + 8/9 - 1 gives c = 2.
    const std::vector<double> skewed = {0.2, 0.8};
    const auto ratio = AddMargin(skewed, 1.0 / 3.0 + 8.0 / 9.0 - 1.0, MarginMethod::kOddsRatio);
    ASSERT_TRUE(ratio.ok()) << ratio.status().message();
    EXPECT_NEAR(ratio->parameter, 2.0, 1e-12);
    EXPECT_NEAR(ratio->decimal_odds[0], 3.0, 1e-12);
}

TEST(AddMarginTest, ShinMatchesTheReferenceBook) {
    // Re-adding the reference book's margin with its z must reproduce the quoted odds 2.6, 2.4, 4.3.
    const std::vector<double> odds = {2.6, 2.4, 4.3};
    const auto fair = RemoveMargin(odds, MarginMethod::kShin);
    ASSERT_TRUE(fair.ok());
    const auto book = AddMargin(fair->probabilities, fair->overround, MarginMethod::kShin);
    ASSERT_TRUE(book.ok()) << book.status().message();
    EXPECT_NEAR(book->parameter, 0.01694251, 5e-9);
    for (std::size_t i = 0; i < odds.size(); ++i) {
        EXPECT_NEAR(book->decimal_odds[i], odds[i], 1e-9);
    }
}

TEST(AddMarginTest, ZeroMarginIsTheIdentity) {
    const std::vector<double> fair = {0.45, 0.3, 0.25};
    for (const MarginMethod method : kAllMethods) {
        const auto book = AddMargin(fair, 0.0, method);
        ASSERT_TRUE(book.ok()) << ToString(method) << ": " << book.status().message();
        for (std::size_t i = 0; i < fair.size(); ++i) {
            EXPECT_NEAR(book->probabilities[i], fair[i], 1e-12) << ToString(method);
        }
    }
}

TEST(AddMarginTest, ImpliedProbabilityAboveOneIsFlagged) {
    const std::vector<double> favourite = {0.97, 0.03};
    const auto multiplicative = AddMargin(favourite, 0.05, MarginMethod::kMultiplicative);
    ASSERT_FALSE(multiplicative.ok());
    EXPECT_NE(multiplicative.status().message().find("outside (0, 1)"), std::string::npos);
    const auto additive = AddMargin(favourite, 0.1, MarginMethod::kAdditive);
    ASSERT_FALSE(additive.ok());
    // Power and odds ratio never leave (0, 1).
    EXPECT_TRUE(AddMargin(favourite, 0.1, MarginMethod::kPower).ok());
    EXPECT_TRUE(AddMargin(favourite, 0.1, MarginMethod::kOddsRatio).ok());
}

TEST(AddMarginTest, ShinMarginOutOfReachIsFlagged) {
    // sum sqrt(p) = 0.995 + 0.1 < sqrt(1.45): no z in [0, 1] reaches that overround.
    const std::vector<double> lopsided = {0.99, 0.01};
    const auto book = AddMargin(lopsided, 0.45, MarginMethod::kShin);
    ASSERT_FALSE(book.ok());
    EXPECT_NE(book.status().message().find("0.45"), std::string::npos) << book.status().message();
}

std::vector<std::vector<double>> Books() {
    std::vector<double> ten;
    for (int i = 1; i <= 10; ++i) {
        ten.push_back(i / 55.0);
    }
    return {{0.6, 0.4}, {0.5, 0.5}, {0.45, 0.3, 0.25}, {0.7, 0.2, 0.1}, ten};
}

TEST(MarginRoundTripTest, AddThenRemoveRecoversFairProbabilities) {
    for (const MarginMethod method : kAllMethods) {
        for (const auto& fair : Books()) {
            for (const double margin : {0.0, 0.02, 0.05, 0.1, 0.2}) {
                const auto book = AddMargin(fair, margin, method);
                ASSERT_TRUE(book.ok()) << ToString(method) << " n=" << fair.size() << " margin=" << margin << ": "
                                       << book.status().message();
                EXPECT_NEAR(Sum(book->probabilities), 1.0 + margin, 1e-12);
                for (std::size_t i = 0; i < fair.size(); ++i) {
                    EXPECT_NEAR(book->decimal_odds[i] * book->probabilities[i], 1.0, 1e-15);
                    // A margin only ever shortens prices.
                    EXPECT_GE(book->probabilities[i], fair[i] - 1e-15);
                }
                const auto back = RemoveMargin(book->decimal_odds, method);
                ASSERT_TRUE(back.ok()) << ToString(method) << ": " << back.status().message();
                EXPECT_NEAR(back->overround, margin, 1e-12);
                EXPECT_NEAR(back->parameter, book->parameter, 1e-9) << ToString(method);
                for (std::size_t i = 0; i < fair.size(); ++i) {
                    EXPECT_NEAR(back->probabilities[i], fair[i], 1e-9)
                        << ToString(method) << " n=" << fair.size() << " margin=" << margin << " i=" << i;
                }
            }
        }
    }
}

TEST(MarginRoundTripTest, RemoveThenAddRecoversQuotedOdds) {
    const std::vector<double> odds = {1.8, 3.9, 4.6};
    for (const MarginMethod method : kAllMethods) {
        const auto fair = RemoveMargin(odds, method);
        ASSERT_TRUE(fair.ok()) << ToString(method);
        const auto book = AddMargin(fair->probabilities, fair->overround, method);
        ASSERT_TRUE(book.ok()) << ToString(method) << ": " << book.status().message();
        for (std::size_t i = 0; i < odds.size(); ++i) {
            EXPECT_NEAR(book->decimal_odds[i], odds[i], 1e-9) << ToString(method);
        }
    }
}

TEST(MarginMethodsTest, FavouriteLongshotOrdering) {
    // On the same book, the multiplicative method leaves the long shot the most fair probability and the
    // additive method the least; Shin, power and odds ratio sit in between (all shade the long shot).
    const std::vector<double> odds = {1.3, 5.0, 12.0};
    const double mult = RemoveMargin(odds, MarginMethod::kMultiplicative)->probabilities[2];
    const double add = RemoveMargin(odds, MarginMethod::kAdditive)->probabilities[2];
    for (const MarginMethod method : {MarginMethod::kPower, MarginMethod::kShin, MarginMethod::kOddsRatio}) {
        const double p = RemoveMargin(odds, method)->probabilities[2];
        EXPECT_LT(p, mult) << ToString(method);
        EXPECT_GT(p, add) << ToString(method);
    }
    EXPECT_GT(RemoveMargin(odds, MarginMethod::kShin)->parameter, 0.0);
    EXPECT_GT(RemoveMargin(odds, MarginMethod::kPower)->parameter, 1.0);
    EXPECT_GT(RemoveMargin(odds, MarginMethod::kOddsRatio)->parameter, 1.0);
}

} // namespace
} // namespace simbook::odds
