#include "odds/market.hpp"

#include <gtest/gtest.h>

#include <string>

namespace simbook::odds {
namespace {

TEST(MarketTest, ParsesEveryKindAndRoundTripsItsKey) {
    for (const std::string text :
         {"h2h", "double_chance", "dnb", "spreads:-0.75", "totals:2.5", "team_totals:away:1.5", "btts",
          "correct_score:10", "ht_ft", "first_to_score", "win_to_nil:home", "player_points:Jayson Tatum:24.5",
          "player_pra:Nikola Jokic:45.5", "q1:h2h", "h2:totals:110.5", "q4:spreads:-1.5",
          "sgp:h2h=home+totals:2.5=over+player_points:Jayson Tatum:24.5=over",
          "sgp:ht_ft=home/draw+correct_score:16=2-1"}) {
        const auto market = ParseMarket(text);
        ASSERT_TRUE(market.ok()) << text << ": " << market.status().message();
        EXPECT_EQ(ParseMarket(market->Key()).value().Key(), market->Key()) << text;
    }
    const Market m = ParseMarket("team_totals:away:1.5").value();
    EXPECT_EQ(m.kind, MarketKind::kTeamTotal);
    EXPECT_EQ(m.team, Side::kAway);
    EXPECT_EQ(m.line, 1.5);
    const Market p = ParseMarket("player_threes:Jamal Murray:2.5").value();
    EXPECT_EQ(p.player, "Jamal Murray");
    EXPECT_EQ(p.stat, PlayerStat::kThrees);
    EXPECT_EQ(ParseMarket("q3:totals:55.5").value().period, Period::kQ3);
    EXPECT_EQ(ParseMarket("sgp:h2h=home+totals:2.5=over").value().legs.size(), 2u);
}

TEST(MarketTest, ExpandsLadders) {
    const auto markets = ParseMarkets("h2h,totals:220.5..224.5/2,spreads:-1.5..0.5");
    ASSERT_TRUE(markets.ok()) << markets.status().message();
    ASSERT_EQ(markets->size(), 7u);
    EXPECT_EQ((*markets)[1].Key(), "totals:220.5");
    EXPECT_EQ((*markets)[3].Key(), "totals:224.5");
    EXPECT_EQ((*markets)[4].Key(), "spreads:-1.5");
    EXPECT_EQ((*markets)[6].Key(), "spreads:0.5");
    EXPECT_EQ(ParseMarkets("player_points:Jayson Tatum:20.5..30.5").value().size(), 11u);
}

TEST(MarketTest, RefusesNonsenseNamingTheBadText) {
    const auto expect_error = [](const std::string& text, const std::string& needle) {
        const auto markets = ParseMarkets(text);
        ASSERT_FALSE(markets.ok()) << text;
        EXPECT_NE(markets.status().message().find(needle), std::string::npos) << markets.status().message();
    };
    expect_error("totals:-1", "-1");
    expect_error("totals:2.3", "2.3");
    expect_error("totals:abc", "abc");
    expect_error("moneyball", "moneyball");
    expect_error("team_totals:visitors:1.5", "visitors");
    expect_error("player_steals:X:1.5", "steals");
    expect_error("player_points::1.5", "player");
    expect_error("h2h,,totals:2.5", "empty");
    expect_error("sgp:h2h=home", "2 to 12 legs");
    expect_error("sgp:h2h=home+totals:2=over", "half line");
    expect_error("sgp:h2h=win+totals:2.5=over", "h2h=win");
    expect_error("totals:230.5..220.5", "220.5");
    // Found by fuzz/market_spec_fuzz: ".." after the step's '/' threw std::out_of_range (a 500 from ?markets=).
    expect_error("player_points:Jayson Tatum:/0.5..67.5", "FROM..TO");
    expect_error("totals:/..", "FROM..TO");
    expect_error("q1:player_points:X:1.5", "whole game");
    expect_error("", "no markets");
}

} // namespace
} // namespace simbook::odds
