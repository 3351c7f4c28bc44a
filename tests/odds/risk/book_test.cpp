#include "tests/odds/risk/risk_fixture.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace simbook::odds::risk::testing {
namespace {

BookOptions NoShading() {
    BookOptions options;
    options.shading.strength = 0.0;
    return options;
}

TEST_F(BookTest, AcceptsABetAndTracksLiability) {
    AddStandardMarkets();
    auto r = book_->PlaceBet(Bet("k1", "h2h", "home", 10'000, 2000));
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->decision, BetDecision::kAccepted);
    EXPECT_EQ(r->bet.price, 2000);
    EXPECT_EQ(r->bet.potential_payout, 20'000);
    auto e = book_->Exposure("ev", "h2h");
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e->stakes, 10'000);
    EXPECT_EQ(e->outcomes[0].liability, 10'000); // pays 20,000 having taken 10,000
    EXPECT_EQ(e->outcomes[1].liability, -10'000);
    EXPECT_EQ(e->liability, 10'000);
    EXPECT_EQ(*book_->EventLiability("ev"), 10'000);
    auto stored = ledger_->GetBet(r->bet.id);
    ASSERT_TRUE(stored.ok() && stored->has_value());
    EXPECT_EQ(**stored, r->bet);
}

TEST_F(BookTest, OutcomeLimitNamesTheLimitAndTheLargestStake) {
    BookOptions options = NoShading();
    options.limits.max_liability_per_outcome = 100'000;
    options.limits.max_stake_by_tier = {1'000'000, 1'000'000, 1'000'000};
    Open(options);
    AddStandardMarkets();
    auto r = book_->PlaceBet(Bet("k1", "h2h", "home", 150'000, 2000));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->decision, BetDecision::kRefused);
    EXPECT_EQ(r->reason, RefusalReason::kLimit);
    ASSERT_TRUE(r->limit.has_value());
    EXPECT_EQ(*r->limit, LimitKind::kOutcomeLiability);
    EXPECT_EQ(r->max_stake, 100'000);
    EXPECT_NE(r->message.find("max_liability_per_outcome"), std::string::npos);
    EXPECT_EQ(book_->BetCount(), 0u);

    auto at_max = book_->PlaceBet(Bet("k2", "h2h", "home", r->max_stake, 2000));
    ASSERT_TRUE(at_max.ok());
    EXPECT_EQ(at_max->decision, BetDecision::kAccepted);
    auto one_more = book_->PlaceBet(Bet("k3", "h2h", "home", 1, 2000));
    ASSERT_TRUE(one_more.ok());
    EXPECT_EQ(one_more->decision, BetDecision::kRefused);
    EXPECT_EQ(one_more->max_stake, 0);
    // Bets on the other outcomes reduce the home liability and are taken.
    auto other = book_->PlaceBet(Bet("k4", "h2h", "away", 10'000, 4000));
    ASSERT_TRUE(other.ok());
    EXPECT_EQ(other->decision, BetDecision::kAccepted);
    EXPECT_EQ(book_->Exposure("ev", "h2h")->outcomes[0].liability, 90'000);
}

TEST_F(BookTest, TierPayoutMarketAndEventLimits) {
    BookOptions options = NoShading();
    options.limits.max_stake_by_tier = {5'000, 1'000'000, 1'000'000};
    options.limits.max_payout_per_bet = 10'000'000;
    options.limits.max_liability_per_outcome = 10'000'000;
    options.limits.max_liability_per_market = 100'000;
    options.limits.max_liability_per_event = 120'000;
    Open(options);
    AddStandardMarkets();

    BetRequest restricted = Bet("t1", "h2h", "home", 6'000, 2000);
    restricted.tier = CustomerTier::kRestricted;
    auto r = book_->PlaceBet(restricted);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->decision, BetDecision::kRefused);
    EXPECT_EQ(*r->limit, LimitKind::kTierStake);
    EXPECT_EQ(r->max_stake, 5'000);

    r = book_->PlaceBet(Bet("m1", "h2h", "home", 100'001, 2000));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r->limit, LimitKind::kMarketLiability);
    EXPECT_EQ(r->max_stake, 100'000);
    ASSERT_EQ(book_->PlaceBet(Bet("m2", "h2h", "home", 100'000, 2000))->decision, BetDecision::kAccepted);

    // 20,000 of event room left: at 1.9 a stake s adds floor(0.9 s), so the largest stake is 22,223.
    r = book_->PlaceBet(Bet("e1", "totals:2.5", "over", 30'000, 1900, 2.5));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r->limit, LimitKind::kEventLiability);
    EXPECT_EQ(r->max_stake, 22'223);
    EXPECT_EQ(book_->PlaceBet(Bet("e2", "totals:2.5", "over", 22'224, 1900, 2.5))->decision, BetDecision::kRefused);
    EXPECT_EQ(book_->PlaceBet(Bet("e3", "totals:2.5", "over", 22'223, 1900, 2.5))->decision, BetDecision::kAccepted);
    EXPECT_EQ(*book_->EventLiability("ev"), 120'000);
}

TEST_F(BookTest, PayoutLimit) {
    BookOptions options = NoShading();
    options.limits.max_payout_per_bet = 10'000;
    Open(options);
    AddStandardMarkets();
    auto r = book_->PlaceBet(Bet("p1", "h2h", "away", 3'000, 4000));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r->limit, LimitKind::kPayout);
    EXPECT_EQ(r->max_stake, 2'500);
    EXPECT_EQ(book_->PlaceBet(Bet("p2", "h2h", "away", 2'500, 4000))->decision, BetDecision::kAccepted);
}

TEST_F(BookTest, PriceToleranceAndBetterPrice) {
    BookOptions options = NoShading();
    options.price_tolerance = 50;
    Open(options);
    AddStandardMarkets();
    auto moved = book_->PlaceBet(Bet("a", "h2h", "home", 100, 2100));
    ASSERT_TRUE(moved.ok());
    EXPECT_EQ(moved->decision, BetDecision::kRefused);
    EXPECT_EQ(moved->reason, RefusalReason::kPriceMoved);
    EXPECT_EQ(moved->current_price, 2000);
    auto within = book_->PlaceBet(Bet("b", "h2h", "home", 100, 2050));
    ASSERT_TRUE(within.ok());
    EXPECT_EQ(within->decision, BetDecision::kAccepted);
    EXPECT_EQ(within->bet.price, 2000);
    auto better = book_->PlaceBet(Bet("c", "h2h", "home", 100, 1800));
    ASSERT_TRUE(better.ok());
    EXPECT_EQ(better->bet.price, 2000);
    EXPECT_EQ(better->bet.requested_price, 1800);
}

TEST_F(BookTest, RepeatedIdempotencyKeyReturnsTheOriginalBet) {
    AddStandardMarkets();
    auto first = book_->PlaceBet(Bet("same", "h2h", "home", 1'000, 2000));
    auto second = book_->PlaceBet(Bet("same", "h2h", "away", 9'000, 4000));
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(first->decision, BetDecision::kAccepted);
    EXPECT_EQ(second->decision, BetDecision::kDuplicate);
    EXPECT_EQ(second->bet, first->bet);
    EXPECT_EQ(book_->BetCount(), 1u);
    EXPECT_EQ(ledger_->ListBetsByCustomer("c1")->size(), 1u);
    EXPECT_EQ(book_->Exposure("ev", "h2h")->stakes, 1'000);
    // Still the original after a restart.
    Open(BookOptions{});
    auto third = book_->PlaceBet(Bet("same", "h2h", "home", 1'000, 2000));
    ASSERT_TRUE(third.ok());
    EXPECT_EQ(third->decision, BetDecision::kDuplicate);
    EXPECT_EQ(third->bet, first->bet);
}

TEST_F(BookTest, BadInputIsRefusedNamingTheFieldWithNoChange) {
    AddStandardMarkets();
    ASSERT_EQ(book_->PlaceBet(Bet("ok", "h2h", "home", 1'000, 2000))->decision, BetDecision::kAccepted);
    const auto before = *book_->Exposure("ev", "h2h");
    struct Case {
        BetRequest request;
        std::string field;
    };
    std::vector<Case> cases = {
        {Bet("x1", "h2h", "home", 0, 2000), "stake"},
        {Bet("x2", "h2h", "home", -5, 2000), "stake"},
        {Bet("x3", "h2h", "home", kMaxStake + 1, 2000), "stake"},
        {Bet("x4", "h2h", "home", 100, 1000), "requested_price"},
        {Bet("x5", "h2h", "home", 100, 900), "requested_price"},
        {Bet("x6", "h2h", "nobody", 100, 2000), "outcome"},
        {Bet("x7", "corners", "home", 100, 2000), "market"},
        {Bet("x8", "totals:2.5", "over", 100, 1900, 3.5), "line"},
        {Bet("", "h2h", "home", 100, 2000), "idempotency_key"},
    };
    BetRequest unknown_event = Bet("x9", "h2h", "home", 100, 2000);
    unknown_event.event_id = "nope";
    cases.push_back({unknown_event, "event"});
    BetRequest no_customer = Bet("x10", "h2h", "home", 100, 2000);
    no_customer.customer_id = "";
    cases.push_back({no_customer, "customer_id"});
    for (const Case& c : cases) {
        auto r = book_->PlaceBet(c.request);
        ASSERT_FALSE(r.ok()) << c.field;
        EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
        EXPECT_EQ(r.status().message().rfind(c.field + ":", 0), 0u) << r.status().message();
    }
    EXPECT_EQ(book_->BetCount(), 1u);
    const auto after = *book_->Exposure("ev", "h2h");
    EXPECT_EQ(after.stakes, before.stakes);
    EXPECT_EQ(after.liability, before.liability);
    EXPECT_EQ(ledger_->LoadAll()->bets.size(), 1u);
}

TEST_F(BookTest, BadMarketsAreRefusedNamingTheField) {
    EXPECT_EQ(book_->AddMarket({"ev", "soccer", "h2h", {{"home", 1000}, {"away", 2000}}, 0, 0}, "t")
                  .message()
                  .rfind("outcomes.price:", 0),
              0u);
    EXPECT_EQ(book_->AddMarket({"ev", "soccer", "nonsense:1", {{"a", 2000}}, 0, 0}, "t").message().rfind("key:", 0),
              0u);
    EXPECT_EQ(book_->AddMarket({"ev", "soccer", "h2h", {{"home", 2000}, {"home", 2000}}, 0, 0}, "t")
                  .message()
                  .rfind("outcomes.name:", 0),
              0u);
    EXPECT_EQ(book_->AddMarket({"ev", "soccer", "prop:goal", {{"yes", 2000}, {"no", 2000}}, 0, 0}, "t")
                  .message()
                  .rfind("window_end_ms:", 0),
              0u);
    AddStandardMarkets();
    EXPECT_EQ(book_->AddMarket({"ev", "basketball", "totals:220.5", {{"over", 1900}, {"under", 1900}}, 0, 0}, "t")
                  .message()
                  .rfind("sport:", 0),
              0u);
    EXPECT_EQ(book_->AddMarket({"ev", "soccer", "h2h", {{"home", 2000}}, 0, 0}, "t").message().rfind("key:", 0), 0u);
}

TEST_F(BookTest, KeyEventsSuspendPerSport) {
    AddStandardMarkets();
    ASSERT_TRUE(book_->AddMarket({"nba", "basketball", "h2h", {{"home", 1900}, {"away", 1900}}, 0, 0}, "t").ok());
    EXPECT_EQ(*book_->OnLiveEvent("ev", {"throw_in", 2000, now_ms_}, "feed"), 0);
    EXPECT_EQ(*book_->OnLiveEvent("nba", {"basket", 120, now_ms_}, "feed"), 0); // not the last minute
    EXPECT_EQ(book_->Exposure("nba", "h2h")->state, MarketState::kOpen);
    EXPECT_EQ(*book_->OnLiveEvent("nba", {"basket", 30, now_ms_}, "feed"), 1);
    const std::int64_t commits = ledger_->MarketCommits();
    EXPECT_EQ(*book_->OnLiveEvent("ev", {"goal", 1800, now_ms_}, "feed"), 2);
    EXPECT_EQ(ledger_->MarketCommits(), commits + 1); // both markets, one transaction
    EXPECT_EQ(*book_->OnLiveEvent("ev", {"goal", 1700, now_ms_}, "feed"), 0);
    EXPECT_EQ(ledger_->MarketCommits(), commits + 1); // nothing open, nothing written
    auto e = *book_->Exposure("ev", "h2h");
    EXPECT_EQ(e.state, MarketState::kSuspended);
    EXPECT_EQ(e.cause, SuspensionCause::kKeyEvent);
    auto r = book_->PlaceBet(Bet("k", "h2h", "home", 100, 2000));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->decision, BetDecision::kRefused);
    EXPECT_EQ(r->reason, RefusalReason::kMarketSuspended);
    // Repricing reopens it.
    ASSERT_TRUE(book_->Reprice("ev", "h2h", {{"home", 1500}, {"draw", 4000}, {"away", 7000}}, "engine").ok());
    r = book_->PlaceBet(Bet("k", "h2h", "home", 100, 1500));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->decision, BetDecision::kAccepted);
    EXPECT_EQ(r->bet.price, 1500);
}

TEST_F(BookTest, ManualSuspensionNeedsAManualReopen) {
    AddStandardMarkets();
    ASSERT_TRUE(book_->Suspend("ev", "h2h", "trader:ann", "news").ok());
    ASSERT_TRUE(book_->Reprice("ev", "h2h", {{"home", 2000}, {"draw", 3500}, {"away", 4000}}, "engine").ok());
    EXPECT_EQ(book_->Exposure("ev", "h2h")->state, MarketState::kSuspended);
    EXPECT_EQ(book_->PlaceBet(Bet("k", "h2h", "home", 100, 2000))->reason, RefusalReason::kMarketSuspended);
    ASSERT_TRUE(book_->Reopen("ev", "h2h", "trader:ann").ok());
    EXPECT_EQ(book_->PlaceBet(Bet("k", "h2h", "home", 100, 2000))->decision, BetDecision::kAccepted);
    auto audit = ledger_->ListAudit("market:ev/h2h");
    ASSERT_TRUE(audit.ok());
    std::vector<std::string> actions;
    for (const AuditEntry& a : *audit) {
        actions.push_back(a.action + "/" + a.actor);
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"opened/trader:t", "suspended/trader:ann", "repriced/engine",
                                                 "reopened/trader:ann"}));
}

TEST_F(BookTest, RepriceAllChecksEachMarketAndWritesTheValidOnesInOneTransaction) {
    AddStandardMarkets();
    ASSERT_TRUE(book_->AddMarket({"ev", "soccer", "btts", {{"yes", 1800}, {"no", 2000}}, 0, 0}, "trader:t").ok());
    ASSERT_EQ(*book_->OnLiveEvent("ev", {"goal", 1800, now_ms_}, "feed"), 3);
    const std::int64_t commits = ledger_->MarketCommits();
    const std::vector<Status> statuses = book_->RepriceAll("ev",
                                                           {{"h2h", {{"home", 1500}, {"draw", 4000}, {"away", 7000}}},
                                                            {"totals:2.5", {{"over", 1700}, {"unde", 2100}}},
                                                            {"nope", {{"yes", 1500}}},
                                                            {"btts", {{"yes", 1600}, {"no", 2300}}}},
                                                           "engine");
    ASSERT_EQ(statuses.size(), 4u);
    EXPECT_TRUE(statuses[0].ok()) << statuses[0].message();
    EXPECT_EQ(statuses[1].code(), StatusCode::kInvalidArgument) << statuses[1].message();
    EXPECT_EQ(statuses[2].code(), StatusCode::kInvalidArgument) << statuses[2].message();
    EXPECT_NE(statuses[2].message().find("unknown market"), std::string::npos) << statuses[2].message();
    EXPECT_TRUE(statuses[3].ok()) << statuses[3].message();
    EXPECT_EQ(ledger_->MarketCommits(), commits + 1); // the two valid markets, one commit
    // The valid ones are repriced and reopened, in memory and in the ledger; the refused one is untouched.
    auto h2h = *book_->Exposure("ev", "h2h");
    EXPECT_EQ(h2h.state, MarketState::kOpen);
    EXPECT_EQ(h2h.outcomes[0].base_price, 1500);
    EXPECT_EQ(book_->Exposure("ev", "btts")->outcomes[1].base_price, 2300);
    auto totals = *book_->Exposure("ev", "totals:2.5");
    EXPECT_EQ(totals.state, MarketState::kSuspended);
    EXPECT_EQ(totals.outcomes[0].base_price, 1900);
    auto reopened = RiskBook::Open(*ledger_, NoShading());
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ((*reopened)->Exposure("ev", "h2h")->outcomes[2].base_price, 7000);
    EXPECT_EQ((*reopened)->Exposure("ev", "h2h")->state, MarketState::kOpen);
    EXPECT_EQ((*reopened)->Exposure("ev", "totals:2.5")->state, MarketState::kSuspended);
    auto audit = ledger_->ListAudit("market:ev/btts");
    ASSERT_TRUE(audit.ok());
    ASSERT_FALSE(audit->empty());
    EXPECT_EQ(audit->back().action, "repriced");
    EXPECT_EQ(audit->back().detail, "reopened");
}

TEST_F(BookTest, StaleStateSuspends) {
    Open(NoShading());
    AddStandardMarkets();
    ASSERT_TRUE(book_->OnGameState("ev", now_ms_).ok());
    now_ms_ += 5'000;
    EXPECT_EQ(*book_->SuspendStale(), 0);
    EXPECT_EQ(book_->PlaceBet(Bet("a", "h2h", "home", 100, 2000))->decision, BetDecision::kAccepted);
    now_ms_ += 6'000; // 11 s old, limit 10 s
    auto r = book_->PlaceBet(Bet("b", "h2h", "home", 100, 2000));
    EXPECT_EQ(r->reason, RefusalReason::kMarketSuspended);
    EXPECT_EQ(book_->Exposure("ev", "h2h")->cause, SuspensionCause::kStale);
    EXPECT_EQ(*book_->SuspendStale(), 1); // the totals market
    ASSERT_TRUE(book_->OnGameState("ev", now_ms_).ok());
    ASSERT_TRUE(book_->Reprice("ev", "h2h", {{"home", 2000}, {"draw", 3500}, {"away", 4000}}, "engine").ok());
    EXPECT_EQ(book_->PlaceBet(Bet("b", "h2h", "home", 100, 2000))->decision, BetDecision::kAccepted);
}

TEST_F(BookTest, ShadingShortensTheLoadedOutcomeImmediately) {
    AddStandardMarkets();
    const auto before = *book_->Exposure("ev", "h2h");
    BetRequest big = Bet("a", "h2h", "home", 500'000, 2000);
    big.tier = CustomerTier::kVip;
    ASSERT_EQ(book_->PlaceBet(big)->decision, BetDecision::kAccepted);
    const auto after = *book_->Exposure("ev", "h2h");
    EXPECT_LT(after.outcomes[0].price, before.outcomes[0].price);
    EXPECT_GT(after.outcomes[1].price, before.outcomes[1].price);
    EXPECT_GT(after.outcomes[2].price, before.outcomes[2].price);
    auto r = book_->PlaceBet(Bet("b", "h2h", "home", 100, 2000));
    EXPECT_EQ(r->reason, RefusalReason::kPriceMoved);
    EXPECT_EQ(r->current_price, after.outcomes[0].price);
}

TEST_F(BookTest, EvidenceResolvesOrGoesToManualReview) {
    ASSERT_TRUE(
        book_->AddMarket({"ev", "soccer", "prop:goal_in_first_10", {{"yes", 3000}, {"no", 1400}}, 0, 600'000}, "t")
            .ok());
    ASSERT_TRUE(
        book_->AddMarket({"ev", "soccer", "prop:red_card", {{"yes", 4000}, {"no", 1200}}, 0, 5'400'000}, "t").ok());
    ASSERT_TRUE(
        book_->AddMarket({"ev", "soccer", "prop:penalty", {{"yes", 4000}, {"no", 1200}}, 0, 5'400'000}, "t").ok());
    ASSERT_EQ(book_->PlaceBet(Bet("y", "prop:goal_in_first_10", "yes", 1'000, 3000))->decision, BetDecision::kAccepted);
    ASSERT_EQ(book_->PlaceBet(Bet("n", "prop:goal_in_first_10", "no", 2'000, 1400))->decision, BetDecision::kAccepted);

    EXPECT_EQ(book_->ResolveWithEvidence("ev", "prop:goal_in_first_10", {"maybe", 0.9, 1, "video"}, "feed")
                  .status()
                  .message()
                  .rfind("evidence.label:", 0),
              0u);
    EXPECT_EQ(book_->ResolveWithEvidence("ev", "prop:goal_in_first_10", {"yes", 1.5, 1, "video"}, "feed")
                  .status()
                  .message()
                  .rfind("evidence.confidence:", 0),
              0u);

    auto resolved = book_->ResolveWithEvidence("ev", "prop:goal_in_first_10", {"yes", 0.93, 412'000, "video"}, "feed");
    ASSERT_TRUE(resolved.ok()) << resolved.status().message();
    EXPECT_TRUE(resolved->settled);
    EXPECT_EQ(resolved->report->payouts, 3'000);
    EXPECT_EQ((*book_->GetBet(1))->settlement, SettlementKind::kWin);
    EXPECT_EQ((*book_->GetBet(2))->settlement, SettlementKind::kLose);

    auto low = book_->ResolveWithEvidence("ev", "prop:red_card", {"yes", 0.79, 1'000, "video"}, "feed");
    ASSERT_TRUE(low.ok());
    EXPECT_FALSE(low->settled);
    EXPECT_EQ(book_->Exposure("ev", "prop:red_card")->state, MarketState::kManualReview);
    EXPECT_EQ(book_->PlaceBet(Bet("r", "prop:red_card", "yes", 100, 4000))->reason, RefusalReason::kMarketClosed);
    ASSERT_TRUE(book_->SettleWithWinner("ev", "prop:red_card", "no", "trader:ann").ok());

    auto late = book_->ResolveWithEvidence("ev", "prop:penalty", {"yes", 0.99, 5'400'001, "feed"}, "feed");
    ASSERT_TRUE(late.ok());
    EXPECT_FALSE(late->settled);
    EXPECT_EQ(late->reason, "evidence outside the market window");

    int with_evidence = 0;
    const auto audit = ledger_->ListAudit("market:ev/prop:");
    ASSERT_TRUE(audit.ok());
    for (const AuditEntry& a : *audit) {
        with_evidence += a.detail.find("evidence label=") != std::string::npos;
    }
    EXPECT_EQ(with_evidence, 3);
}

TEST_F(BookTest, ConcurrentBetsNeverBreachTheLimitAndNoneIsLostOrDoubled) {
    const std::string path =
        (std::filesystem::temp_directory_path() / ("simbook_risk_concurrency_" + std::to_string(::getpid()) + ".db"))
            .string();
    std::filesystem::remove(path);
    BookOptions options;
    options.limits.max_liability_per_outcome = 1'000'000;
    options.limits.max_liability_per_market = 1'000'000;
    SqliteLedgerOptions ledger_options;
    ledger_options.group_commit = true;
    Open(options, path, ledger_options);
    AddStandardMarkets();

    constexpr int kThreads = 16;
    constexpr int kBets = 60;
    std::mutex mutex;
    std::multiset<std::int64_t> accepted;
    std::map<std::string, std::int64_t> by_key;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            std::mt19937 rng(static_cast<unsigned>(t));
            for (int i = 0; i < kBets; ++i) {
                // Every key is sent by two threads at about the same time.
                const int owner = (i % 2 == 0) ? t : (t + 1) % kThreads;
                const std::string key =
                    std::string("t").append(std::to_string(owner)).append("-").append(std::to_string(i));
                auto r = book_->PlaceBet(Bet(key, "h2h", "home", 5'000 + (owner * 7 + i * 13) % 20'000, 1001));
                ASSERT_TRUE(r.ok()) << r.status().message();
                std::lock_guard lock(mutex);
                if (r->decision == BetDecision::kAccepted) {
                    accepted.insert(r->bet.id);
                }
                if (r->decision != BetDecision::kRefused) {
                    const auto [it, fresh] = by_key.emplace(key, r->bet.id);
                    EXPECT_EQ(it->second, r->bet.id) << key;
                }
                (void)rng;
            }
        });
    }
    for (std::thread& t : threads) {
        t.join();
    }
    const auto exposure = *book_->Exposure("ev", "h2h");
    EXPECT_LE(exposure.outcomes[0].liability, 1'000'000);
    EXPECT_GT(exposure.outcomes[0].liability, 900'000); // it did get near the limit
    std::set<std::int64_t> unique(accepted.begin(), accepted.end());
    EXPECT_EQ(unique.size(), accepted.size()); // no bet acknowledged twice as new
    const auto stored = *ledger_->LoadAll();
    EXPECT_EQ(stored.bets.size(), accepted.size());
    Cents stakes = 0;
    Cents payouts = 0;
    for (const BetRecord& b : stored.bets) {
        EXPECT_EQ(unique.count(b.id), 1u);
        EXPECT_EQ(by_key.at(b.idempotency_key), b.id);
        stakes += b.stake;
        payouts += b.potential_payout;
    }
    EXPECT_EQ(exposure.stakes, stakes);
    EXPECT_EQ(exposure.outcomes[0].liability, payouts - stakes);
    book_.reset();
    ledger_.reset();
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
}

} // namespace
} // namespace simbook::odds::risk::testing
