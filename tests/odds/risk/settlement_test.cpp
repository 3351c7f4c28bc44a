#include "odds/risk/settlement.hpp"

#include "tests/odds/risk/risk_fixture.hpp"

#include <gtest/gtest.h>

#include <random>

namespace simbook::odds::risk::testing {
namespace {

Market Parse(const std::string& key) {
    return *ParseMarket(key);
}

TEST(MoneyTest, PayoutRulesFavourTheBook) {
    EXPECT_EQ(Payout(1'001, 1950, SettlementKind::kWin), 1'951);         // 1951.95 -> 1951
    EXPECT_EQ(Payout(1'001, 1950, SettlementKind::kHalfWin), 975 + 501); // floor(500 * 1.95) + 501
    EXPECT_EQ(Payout(1'001, 1950, SettlementKind::kHalfLose), 500);
    EXPECT_EQ(Payout(1'001, 1950, SettlementKind::kPush), 1'001);
    EXPECT_EQ(Payout(1'001, 1950, SettlementKind::kVoid), 1'001);
    EXPECT_EQ(Payout(1'001, 1950, SettlementKind::kLose), 0);
    EXPECT_EQ(*PriceFromDecimal(1.95), 1950);
    EXPECT_EQ(*PriceFromDecimal(2.0019), 2001);
    EXPECT_EQ(PriceFromDecimal(1.0).status().message().rfind("price:", 0), 0u);
    EXPECT_EQ(PriceFromDecimal(1.0004, "requested_price").status().message().rfind("requested_price:", 0), 0u);
}

TEST(SettlementTest, ScoreMarkets) {
    const MarketResult r{2, 1, {}, {}};
    EXPECT_EQ(*SettleOutcome(Parse("h2h"), "home", r), SettlementKind::kWin);
    EXPECT_EQ(*SettleOutcome(Parse("h2h"), "draw", r), SettlementKind::kLose);
    EXPECT_EQ(*SettleOutcome(Parse("dnb"), "away", {1, 1, {}, {}}), SettlementKind::kPush);
    EXPECT_EQ(*SettleOutcome(Parse("spreads:-1"), "home", r), SettlementKind::kPush);
    EXPECT_EQ(*SettleOutcome(Parse("spreads:-0.75"), "home", r), SettlementKind::kHalfWin);
    EXPECT_EQ(*SettleOutcome(Parse("spreads:-0.75"), "away", r), SettlementKind::kHalfLose);
    EXPECT_EQ(*SettleOutcome(Parse("totals:3.25"), "under", r), SettlementKind::kHalfWin);
    EXPECT_EQ(*SettleOutcome(Parse("totals:2.75"), "over", r), SettlementKind::kHalfWin);
    EXPECT_EQ(*SettleOutcome(Parse("team_totals:away:1"), "over", r), SettlementKind::kPush);
    EXPECT_EQ(*SettleOutcome(Parse("btts"), "yes", r), SettlementKind::kWin);
    EXPECT_EQ(*SettleOutcome(Parse("win_to_nil:home"), "yes", r), SettlementKind::kLose);
    const std::vector<std::string> listed = {"1-0", "2-1", "any_other"};
    EXPECT_EQ(*SettleOutcome(Parse("correct_score"), "2-1", r, listed), SettlementKind::kWin);
    EXPECT_EQ(*SettleOutcome(Parse("correct_score"), "any_other", r, listed), SettlementKind::kLose);
    EXPECT_EQ(*SettleOutcome(Parse("correct_score"), "any_other", {5, 5, {}, {}}, listed), SettlementKind::kWin);
    EXPECT_EQ(*SettleOutcome(Parse("player_points:Jayson Tatum:24.5"), "over", {110, 100, 27, {}}),
              SettlementKind::kWin);
    const Market sgp = Parse("sgp:h2h=home+totals:2.5=over");
    EXPECT_EQ(*SettleOutcome(sgp, "yes", {0, 0, {}, {r, r}}), SettlementKind::kWin);
    EXPECT_EQ(*SettleOutcome(sgp, "yes", {0, 0, {}, {r, {1, 0, {}, {}}}}), SettlementKind::kLose);
}

TEST(SettlementTest, ContradictoryResultsNameTheField) {
    EXPECT_EQ(SettleOutcome(Parse("h2h"), "home", {-1, 0, {}, {}}).status().message().rfind("result.home:", 0), 0u);
    EXPECT_EQ(SettleOutcome(Parse("h2h"), "home", {0, -2, {}, {}}).status().message().rfind("result.away:", 0), 0u);
    EXPECT_EQ(SettleOutcome(Parse("h2h"), "over", {0, 0, {}, {}}).status().message().rfind("outcome:", 0), 0u);
    EXPECT_EQ(SettleOutcome(Parse("player_points:A B:10.5"), "over", {0, 0, {}, {}})
                  .status()
                  .message()
                  .rfind("result.value:", 0),
              0u);
    EXPECT_EQ(SettleOutcome(Parse("ht_ft"), "home/home", {1, 0, {}, {}}).status().message().rfind("market:", 0), 0u);
}

// A quarter line pays what its two neighbouring lines pay on half stakes each (a full win may keep one more
// cent than two half wins would lose to rounding); on stakes where no rounding happens, exactly their average.
TEST(SettlementTest, QuarterLinesAreTheAverageOfTheirHalves) {
    std::mt19937_64 rng(5);
    std::uniform_int_distribution<int> score(0, 6);
    std::uniform_int_distribution<int> quarter(-12, 12);
    std::uniform_int_distribution<Cents> stake(1, 500'000);
    std::uniform_int_distribution<PriceMilli> price(1010, 6000);
    for (int trial = 0; trial < 2000; ++trial) {
        const MarketResult r{score(rng), score(rng), {}, {}};
        const int q = 2 * quarter(rng) + 1; // odd: a quarter line
        const bool spread = trial % 2 == 0;
        const auto key = [&](int quarters) {
            const std::string line = std::to_string(quarters / 4.0);
            return spread ? "spreads:" + line : "totals:" + std::to_string(std::abs(quarters) / 4.0);
        };
        const int qq = spread ? q : std::abs(q);
        const std::string outcome = spread ? (trial % 4 == 0 ? "home" : "away") : (trial % 4 == 1 ? "over" : "under");
        const SettlementKind whole = *SettleOutcome(Parse(key(qq)), outcome, r);
        const SettlementKind lo = *SettleOutcome(Parse(key(qq - 1)), outcome, r);
        const SettlementKind hi = *SettleOutcome(Parse(key(qq + 1)), outcome, r);
        const Cents s = 2 * stake(rng);
        const PriceMilli p = price(rng);
        const Cents split = Payout(s / 2, p, lo) + Payout(s / 2, p, hi);
        EXPECT_GE(Payout(s, p, whole), split) << key(qq) << " " << outcome;
        EXPECT_LE(Payout(s, p, whole), split + (whole == SettlementKind::kWin ? 1 : 0)) << key(qq) << " " << outcome;
        const Cents round = 2000 * (s % 100 + 1);
        EXPECT_EQ(2 * Payout(round, p, whole), Payout(round, p, lo) + Payout(round, p, hi));
    }
}

// Random bets and results: the settlement's total payout equals the sum of the bets' payouts, each computed
// independently, and the ledger agrees.
TEST_F(BookTest, SettlementTotalEqualsTheSumOverBets) {
    std::mt19937_64 rng(9);
    const std::vector<std::pair<std::string, std::vector<std::string>>> markets = {
        {"h2h", {"home", "draw", "away"}},
        {"spreads:-0.75", {"home", "away"}},
        {"totals:2.25", {"over", "under"}},
        {"totals:3", {"over", "under"}},
        {"btts", {"yes", "no"}},
        {"dnb", {"home", "away"}},
        {"team_totals:home:1.5", {"over", "under"}}};
    BookOptions options;
    options.limits.max_liability_per_event = kMaxStake;
    for (int round = 0; round < 6; ++round) {
        const std::string event = "ev" + std::to_string(round);
        for (const auto& [key, outcomes] : markets) {
            std::vector<OutcomePrice> prices;
            for (const std::string& o : outcomes) {
                prices.push_back({o, 1500 + static_cast<PriceMilli>(rng() % 3000)});
            }
            ASSERT_TRUE(book_->AddMarket({event, "soccer", key, prices, 0, 0}, "t").ok());
        }
        std::vector<BetRecord> placed;
        for (int i = 0; i < 80; ++i) {
            const auto& [key, outcomes] = markets[rng() % markets.size()];
            BetRequest request = Bet("r" + std::to_string(round) + "-" + std::to_string(i), key,
                                     outcomes[rng() % outcomes.size()], 1 + static_cast<Cents>(rng() % 20'000), 1001);
            request.event_id = event;
            request.line = Parse(key).kind == MarketKind::kTotal || Parse(key).kind == MarketKind::kHandicap ||
                                   Parse(key).kind == MarketKind::kTeamTotal
                               ? Parse(key).line
                               : 0.0;
            auto r = book_->PlaceBet(request);
            ASSERT_TRUE(r.ok()) << r.status().message();
            if (r->decision == BetDecision::kAccepted) {
                placed.push_back(r->bet);
            }
        }
        const MarketResult result{static_cast<int>(rng() % 5), static_cast<int>(rng() % 5), {}, {}};
        Cents expected = 0;
        Cents reported = 0;
        for (const auto& [key, outcomes] : markets) {
            auto report = book_->SettleMarket(event, key, result, "settler");
            ASSERT_TRUE(report.ok()) << report.status().message();
            reported += report->payouts;
            EXPECT_EQ(book_->Exposure(event, key)->liability, 0);
        }
        Cents stored = 0;
        for (const BetRecord& bet : placed) {
            const auto kind = *SettleOutcome(Parse(bet.market_key), bet.outcome, result);
            expected += Payout(bet.stake, bet.price, kind);
            const auto in_ledger = **ledger_->GetBet(bet.id);
            EXPECT_TRUE(in_ledger.settled);
            EXPECT_EQ(in_ledger.settlement, kind);
            stored += in_ledger.payout;
        }
        EXPECT_EQ(reported, expected);
        EXPECT_EQ(stored, expected);
        EXPECT_EQ(*book_->EventLiability(event), 0);
    }
}

TEST_F(BookTest, SettlingTwiceIsRefusedAndCorrectionsAreExplicitAndAudited) {
    AddStandardMarkets();
    ASSERT_EQ(book_->PlaceBet(Bet("a", "h2h", "home", 1'000, 2000))->decision, BetDecision::kAccepted);
    ASSERT_EQ(book_->PlaceBet(Bet("b", "h2h", "away", 1'000, 4000))->decision, BetDecision::kAccepted);

    auto bad = book_->SettleMarket("ev", "h2h", {-1, 0, {}, {}}, "settler");
    EXPECT_EQ(bad.status().message().rfind("result.home:", 0), 0u);
    EXPECT_EQ(book_->Exposure("ev", "h2h")->state, MarketState::kOpen);
    EXPECT_FALSE((*book_->GetBet(1))->settled);
    EXPECT_EQ(book_->SettleMarket("ev", "nope", {1, 0, {}, {}}, "s").status().message().rfind("market:", 0), 0u);

    auto first = book_->SettleMarket("ev", "h2h", {2, 0, {}, {}}, "settler");
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->payouts, 2'000);
    auto twice = book_->SettleMarket("ev", "h2h", {0, 1, {}, {}}, "settler");
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.status().message().rfind("market:", 0), 0u);
    EXPECT_EQ((*book_->GetBet(1))->payout, 2'000);
    EXPECT_EQ(book_->PlaceBet(Bet("c", "h2h", "home", 1'000, 2000))->reason, RefusalReason::kMarketClosed);

    EXPECT_EQ(book_->ResettleMarket("ev", "h2h", {0, 1, {}, {}}, "settler", "").status().message().rfind("reason:", 0),
              0u);
    auto corrected = book_->ResettleMarket("ev", "h2h", {0, 1, {}, {}}, "trader:ann", "goal disallowed by VAR");
    ASSERT_TRUE(corrected.ok());
    EXPECT_EQ(corrected->version, 2);
    EXPECT_EQ(corrected->payouts, 4'000);
    EXPECT_EQ((*book_->GetBet(1))->payout, 0);
    EXPECT_EQ((*book_->GetBet(2))->payout, 4'000);
    EXPECT_EQ((*ledger_->GetBet(2))->settlement_version, 2);
    const auto audit = *ledger_->ListAudit("bet:1");
    ASSERT_EQ(audit.size(), 3u);
    EXPECT_EQ(audit[2].action, "resettled");
    EXPECT_EQ(audit[2].actor, "trader:ann");
    EXPECT_EQ(audit[2].detail, "was win payout=2000; now lose payout=0");
    EXPECT_NE(ledger_->ListAudit("market:ev/h2h")->back().detail.find("goal disallowed by VAR"), std::string::npos);
    EXPECT_EQ(
        book_->ResettleMarket("ev", "totals:2.5", {0, 1, {}, {}}, "s", "why").status().message().rfind("market:", 0),
        0u);
}

TEST_F(BookTest, VoidReturnsStakes) {
    AddStandardMarkets();
    ASSERT_EQ(book_->PlaceBet(Bet("a", "totals:2.5", "over", 1'234, 1900, 2.5))->decision, BetDecision::kAccepted);
    auto report = book_->VoidMarket("ev", "totals:2.5", "trader:ann", "match abandoned");
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->payouts, 1'234);
    EXPECT_EQ((*book_->GetBet(1))->settlement, SettlementKind::kVoid);
    EXPECT_FALSE(book_->VoidMarket("ev", "totals:2.5", "trader:ann", "again").ok());
}

} // namespace
} // namespace simbook::odds::risk::testing
