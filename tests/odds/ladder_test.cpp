#include "odds/ladder.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace simbook::odds {
namespace {

TEST(PriceLadderTest, BetfairTicks) {
    const PriceLadder ladder = PriceLadder::Betfair();
    const auto& ticks = ladder.Ticks();
    ASSERT_FALSE(ticks.empty());
    EXPECT_EQ(ticks.front(), 1.01);
    EXPECT_EQ(ticks.back(), 1000.0);
    // Betfair's 350 prices: 100 (1.01-2) + 50 + 20 + 20 + 20 + 20 + 10 + 10 + 10 + 90 (each band after the
    // first starts above the previous band's top).
    EXPECT_EQ(ticks.size(), 350u);
    for (std::size_t i = 1; i < ticks.size(); ++i) {
        ASSERT_LT(ticks[i - 1], ticks[i]) << i;
    }
    EXPECT_TRUE(ladder.IsTick(1.23));
    EXPECT_TRUE(ladder.IsTick(2.02));
    EXPECT_FALSE(ladder.IsTick(2.01));
    EXPECT_TRUE(ladder.IsTick(3.05));
    EXPECT_FALSE(ladder.IsTick(3.02));
    EXPECT_TRUE(ladder.IsTick(4.1));
    EXPECT_TRUE(ladder.IsTick(6.2));
    EXPECT_FALSE(ladder.IsTick(6.1));
    EXPECT_TRUE(ladder.IsTick(10.5));
    EXPECT_TRUE(ladder.IsTick(32.0));
    EXPECT_FALSE(ladder.IsTick(31.0));
    EXPECT_TRUE(ladder.IsTick(55.0));
    EXPECT_TRUE(ladder.IsTick(110.0));
    EXPECT_FALSE(ladder.IsTick(105.0));
}

TEST(PriceLadderTest, RoundsDownByDefault) {
    const PriceLadder ladder = PriceLadder::Betfair();
    EXPECT_EQ(ladder.Round(1.237).value(), 1.23);
    EXPECT_EQ(ladder.Round(2.039).value(), 2.02);
    EXPECT_EQ(ladder.Round(3.299).value(), 3.25);
    EXPECT_EQ(ladder.Round(5.99).value(), 5.9);
    EXPECT_EQ(ladder.Round(7.39).value(), 7.2);
    EXPECT_EQ(ladder.Round(19.9).value(), 19.5);
    EXPECT_EQ(ladder.Round(49.0).value(), 48.0);
    EXPECT_EQ(ladder.Round(99.0).value(), 95.0);
    EXPECT_EQ(ladder.Round(999.0).value(), 990.0);
    EXPECT_EQ(ladder.Round(5000.0).value(), 1000.0);
}

TEST(PriceLadderTest, PricesOnATickStayPut) {
    const PriceLadder ladder = PriceLadder::Betfair();
    for (const double tick : ladder.Ticks()) {
        ASSERT_EQ(ladder.Round(tick).value(), tick);
        ASSERT_EQ(ladder.Round(tick, LadderRounding::kUp).value(), tick);
    }
    // Arithmetic that lands a hair below a tick still counts as the tick.
    EXPECT_EQ(ladder.Round(1.1 + 0.13).value(), 1.23);
    EXPECT_EQ(ladder.Round(1.0 / (1.0 / 2.2)).value(), 2.2);
}

TEST(PriceLadderTest, NearestAndUp) {
    const PriceLadder ladder = PriceLadder::Betfair();
    EXPECT_EQ(ladder.Round(1.237, LadderRounding::kNearest).value(), 1.24);
    EXPECT_EQ(ladder.Round(1.232, LadderRounding::kNearest).value(), 1.23);
    EXPECT_EQ(ladder.Round(7.39, LadderRounding::kNearest).value(), 7.4);
    EXPECT_EQ(ladder.Round(1.231, LadderRounding::kUp).value(), 1.24);
    EXPECT_EQ(ladder.Round(1.005, LadderRounding::kUp).value(), 1.01);
    EXPECT_EQ(ladder.Round(1.005, LadderRounding::kNearest).value(), 1.01);
    EXPECT_EQ(ladder.Round(2000.0, LadderRounding::kNearest).value(), 1000.0);
    EXPECT_FALSE(ladder.Round(2000.0, LadderRounding::kUp).ok());
}

TEST(PriceLadderTest, BelowTheLadderIsRefusedWhenRoundingDown) {
    const PriceLadder ladder = PriceLadder::Betfair();
    const auto result = ladder.Round(1.005);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.status().message().find("1.005"), std::string::npos) << result.status().message();
    EXPECT_FALSE(ladder.Round(1.0).ok());
    EXPECT_FALSE(ladder.Round(0.5, LadderRounding::kNearest).ok());
}

TEST(PriceLadderTest, CustomLadder) {
    const auto ladder = PriceLadder::Create({{1.5, 2.0, 0.25}, {2.0, 5.0, 1.0}});
    ASSERT_TRUE(ladder.ok()) << ladder.status().message();
    EXPECT_EQ(ladder->Ticks(), (std::vector<double>{1.5, 1.75, 2.0, 3.0, 4.0, 5.0}));
    EXPECT_EQ(ladder->Round(2.99).value(), 2.0);
    EXPECT_EQ(ladder->Round(2.6, LadderRounding::kNearest).value(), 3.0);
    EXPECT_EQ(ladder->Round(1.625, LadderRounding::kNearest).value(), 1.5); // exact tie goes to the lower tick
    EXPECT_EQ(ladder->Bands().size(), 2u);
}

TEST(PriceLadderTest, InvalidBandsAreRefused) {
    EXPECT_FALSE(PriceLadder::Create({}).ok());
    EXPECT_FALSE(PriceLadder::Create({{1.0, 2.0, 0.1}}).ok());                  // lowest price not > 1
    EXPECT_FALSE(PriceLadder::Create({{1.1, 2.0, 0.0}}).ok());                  // zero step
    EXPECT_FALSE(PriceLadder::Create({{1.1, 2.0, 0.4}}).ok());                  // step does not divide the band
    EXPECT_FALSE(PriceLadder::Create({{1.5, 1.2, 0.1}}).ok());                  // upper below lower
    EXPECT_FALSE(PriceLadder::Create({{1.1, 2.0, 0.1}, {2.5, 3.0, 0.5}}).ok()); // gap between bands
    EXPECT_FALSE(PriceLadder::Create({{1.01, 1e300, 1e-300}}).ok());            // infinitely many ticks
    EXPECT_FALSE(PriceLadder::Create({{1.01, 2.01, 1e-7}}).ok());               // ten million ticks
    const auto gap = PriceLadder::Create({{1.1, 2.0, 0.1}, {2.5, 3.0, 0.5}});
    EXPECT_NE(gap.status().message().find("2.5"), std::string::npos) << gap.status().message();
}

TEST(AlternateLinesTest, RoundsEachLineDown) {
    const PriceLadder ladder = PriceLadder::Betfair();
    // Over 2.5, 3.5, 4.5 after margin: already increasing.
    const std::vector<double> prices = {1.917, 3.46, 7.55};
    const auto rounded = RoundAlternateLines(prices, ladder);
    ASSERT_TRUE(rounded.ok());
    EXPECT_EQ(*rounded, (std::vector<double>{1.91, 3.45, 7.4}));
}

TEST(AlternateLinesTest, HarderLineNeverPaysLess) {
    const PriceLadder ladder = PriceLadder::Betfair();
    // Monte Carlo noise left the 4.5 line (6.15) below the 3.5 line (6.3) and the 6.5 line below 5.5.
    const std::vector<double> prices = {2.05, 6.3, 6.15, 13.7, 13.2};
    const auto rounded = RoundAlternateLines(prices, ladder);
    ASSERT_TRUE(rounded.ok());
    EXPECT_EQ(*rounded, (std::vector<double>{2.04, 6.0, 6.0, 13.0, 13.0}));
    for (std::size_t i = 1; i < rounded->size(); ++i) {
        EXPECT_GE((*rounded)[i], (*rounded)[i - 1]) << i;
        EXPECT_LE((*rounded)[i], prices[i]) << i; // still never above the intended price
    }
}

TEST(AlternateLinesTest, ViolationPropagatesDownTheLadder) {
    const PriceLadder ladder = PriceLadder::Betfair();
    // The hardest line's low price caps every easier line.
    const std::vector<double> prices = {3.0, 4.0, 5.0, 2.5};
    const auto rounded = RoundAlternateLines(prices, ladder);
    ASSERT_TRUE(rounded.ok());
    EXPECT_EQ(*rounded, (std::vector<double>{2.5, 2.5, 2.5, 2.5}));
}

TEST(AlternateLinesTest, NearestRoundingIsAlsoMadeMonotone) {
    const PriceLadder ladder = PriceLadder::Betfair();
    // Nearest rounding takes 2.039 up to 2.04 and 2.029 down to 2.02: inverted, so the easier line drops.
    const std::vector<double> prices = {2.039, 2.029};
    const auto rounded = RoundAlternateLines(prices, ladder, LadderRounding::kNearest);
    ASSERT_TRUE(rounded.ok());
    EXPECT_EQ(*rounded, (std::vector<double>{2.02, 2.02}));
}

TEST(AlternateLinesTest, BadPriceIsReportedWithItsLine) {
    const PriceLadder ladder = PriceLadder::Betfair();
    const std::vector<double> prices = {1.9, 0.8};
    const auto rounded = RoundAlternateLines(prices, ladder);
    ASSERT_FALSE(rounded.ok());
    EXPECT_NE(rounded.status().message().find("line 1"), std::string::npos) << rounded.status().message();
}

} // namespace
} // namespace simbook::odds
