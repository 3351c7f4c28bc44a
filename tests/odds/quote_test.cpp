#include "odds/quote.hpp"

#include "test_games.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace simbook::odds {
namespace {

FairMarket Fair(std::vector<double> probabilities) {
    FairMarket m;
    m.key = "test";
    for (std::size_t i = 0; i < probabilities.size(); ++i) {
        std::string name = "outcome ";
        name += std::to_string(i);
        m.outcomes.push_back({name, {probabilities[i], 0.0}, std::nullopt});
    }
    return m;
}

TEST(QuoteTest, AddsTheMarginByEachMethod) {
    for (const MarginMethod method : {MarginMethod::kMultiplicative, MarginMethod::kAdditive, MarginMethod::kPower,
                                      MarginMethod::kShin, MarginMethod::kOddsRatio}) {
        const QuotedMarket q = QuoteMarket(Fair({0.5, 0.3, 0.2}), 0.05, method).value();
        EXPECT_NEAR(q.overround, 0.05, 1e-9) << ToString(method);
        EXPECT_TRUE(q.note.empty());
        // Round trip: removing the margin by the same method gives the fair book back.
        std::vector<double> prices;
        for (const QuotedOutcome& o : q.outcomes) {
            prices.push_back(*o.decimal);
        }
        const FairBook back = RemoveMargin(prices, method).value();
        EXPECT_NEAR(back.probabilities[0], 0.5, 1e-9) << ToString(method);
        EXPECT_NEAR(back.parameter, q.parameter, 1e-7) << ToString(method);
    }
    const QuotedMarket fair = QuoteMarket(Fair({0.25, 0.75}), 0.0, MarginMethod::kShin).value();
    EXPECT_NEAR(*fair.outcomes[0].decimal, 4.0, 1e-9);
}

TEST(QuoteTest, ZeroProbabilityOutcomesAreNotOffered) {
    const QuotedMarket q = QuoteMarket(Fair({0.6, 0.0, 0.4}), 0.04, MarginMethod::kMultiplicative).value();
    EXPECT_FALSE(q.outcomes[1].decimal.has_value());
    EXPECT_NEAR(*q.outcomes[0].decimal, 1.0 / (0.6 * 1.04), 1e-12);
    EXPECT_FALSE(q.note.empty());
    const QuotedMarket none = QuoteMarket(Fair({1.0, 0.0}), 0.04, MarginMethod::kMultiplicative).value();
    EXPECT_FALSE(none.outcomes[0].decimal.has_value());
    EXPECT_FALSE(QuoteMarket(Fair({0.5, 0.5}), 0.5, MarginMethod::kShin).ok());
    EXPECT_FALSE(QuoteMarket(Fair({0.5, 0.5}), -0.01, MarginMethod::kShin).ok());
}

// Alternate lines after margin and ladder rounding: a harder line never pays less.
TEST(QuoteTest, LadderRoundingKeepsAlternateLinesMonotone) {
    const auto game = testing::SimulateBasketball(20'000, 2);
    const MarketEngine engine = MarketEngine::FromSimulation(game.result).value();
    const std::vector<Market> markets =
        ParseMarkets("totals:200.5..250.5,spreads:-15.5..15.5,player_points:Jayson Tatum:10.5..40.5").value();
    std::vector<QuotedMarket> quoted;
    for (const Market& m : markets) {
        quoted.push_back(QuoteMarket(engine.Price(m).value(), 0.06, MarginMethod::kPower).value());
    }
    const std::vector<QuotedMarket> rounded = RoundOntoLadder(quoted, markets, PriceLadder::Betfair()).value();
    const PriceLadder ladder = PriceLadder::Betfair();
    for (std::size_t i = 0; i < markets.size(); ++i) {
        for (std::size_t side = 0; side < 2; ++side) {
            if (const auto& d = rounded[i].outcomes[side].decimal) {
                EXPECT_TRUE(ladder.IsTick(*d)) << markets[i].Key();
                EXPECT_LE(*d, *quoted[i].outcomes[side].decimal + 1e-12) << markets[i].Key();
            }
        }
        if (i + 1 < markets.size() && markets[i + 1].kind == markets[i].kind &&
            markets[i + 1].player == markets[i].player) {
            const auto& now = rounded[i].outcomes;
            const auto& next = rounded[i + 1].outcomes; // line one higher
            if (!now[0].decimal || !next[0].decimal || !now[1].decimal || !next[1].decimal) {
                continue;
            }
            if (markets[i].kind == MarketKind::kHandicap) {
                // Home at a higher line is easier; away at a higher line is harder.
                EXPECT_LE(*next[0].decimal, *now[0].decimal) << markets[i + 1].Key();
                EXPECT_GE(*next[1].decimal, *now[1].decimal) << markets[i + 1].Key();
            } else {
                EXPECT_GE(*next[0].decimal, *now[0].decimal) << markets[i + 1].Key();
                EXPECT_LE(*next[1].decimal, *now[1].decimal) << markets[i + 1].Key();
            }
        }
        EXPECT_GE(rounded[i].overround, quoted[i].overround - 1e-12);
    }
}

} // namespace
} // namespace simbook::odds
