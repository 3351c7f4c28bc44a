// The ledger suite, run against both stores: SQLite (embedded) and PostgreSQL (SIMBOOK_TEST_POSTGRES; skipped
// when unset). The multi-node tests hold two ledgers (two nodes) on one PostgreSQL database; SQLite is one
// process's store and skips them.
#include "odds/risk/book.hpp"
#include "odds/risk/postgres_ledger.hpp"
#include "odds/risk/sqlite_ledger.hpp"
#include "tests/support/postgres_test_db.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace simbook::odds::risk {
namespace {

enum class Store { kSqlite, kPostgres };

BetRecord MakeBet(std::int64_t id, std::string key, std::string customer = "c1") {
    BetRecord b;
    b.id = id;
    b.idempotency_key = std::move(key);
    b.customer_id = std::move(customer);
    b.event_id = "ev";
    b.market_key = "h2h";
    b.outcome = "home";
    b.requested_price = 2000;
    b.price = 2000;
    b.stake = 100;
    b.potential_payout = 200;
    return b;
}

AuditEntry Placed(std::int64_t id) {
    return {0, 1, "customer:c1", std::string("bet:").append(std::to_string(id)), "placed", ""};
}

MarketRecord H2h() {
    return {"ev", "h2h", "soccer", {{"home", 2000}, {"away", 1900}}, MarketState::kOpen, SuspensionCause::kNone, 0,
            0,    "",    0};
}

void ExpectSameMarket(const MarketRecord& a, const MarketRecord& b) {
    EXPECT_EQ(a.event_id, b.event_id);
    EXPECT_EQ(a.key, b.key);
    EXPECT_EQ(a.sport, b.sport);
    ASSERT_EQ(a.outcomes.size(), b.outcomes.size());
    for (std::size_t i = 0; i < a.outcomes.size(); ++i) {
        EXPECT_EQ(a.outcomes[i].name, b.outcomes[i].name);
        EXPECT_EQ(a.outcomes[i].price, b.outcomes[i].price);
    }
    EXPECT_EQ(a.state, b.state);
    EXPECT_EQ(a.cause, b.cause);
    EXPECT_EQ(a.result, b.result);
    EXPECT_EQ(a.settlement_version, b.settlement_version);
}

// Opens ledgers on one fresh store: a SQLite file, or a fresh schema of the test cluster.
class LedgerTest : public ::testing::TestWithParam<Store> {
protected:
    void SetUp() override {
        if (GetParam() == Store::kSqlite) {
            std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
            std::replace(name.begin(), name.end(), '/', '_');
            store_ = (std::filesystem::temp_directory_path() /
                      ("simbook_ledger_" + std::to_string(::getpid()) + "_" + name + ".db"))
                         .string();
            Remove();
            return;
        }
        const auto base = simbook::testing::PostgresTestUri();
        if (!base) {
            GTEST_SKIP() << simbook::testing::kNoPostgres;
        }
        std::string error;
        store_ = simbook::testing::FreshPostgresSchema(*base, &error);
        ASSERT_FALSE(store_.empty()) << error;
    }
    void TearDown() override {
        if (GetParam() == Store::kSqlite) {
            Remove();
        }
    }
    void Remove() const {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::filesystem::remove(store_ + suffix);
        }
    }
    //! A new ledger (a new node, for PostgreSQL) on the test's store.
    std::unique_ptr<Ledger> Open() const {
        auto ledger = OpenLedger(store_);
        EXPECT_TRUE(ledger.ok()) << ledger.status().message();
        return ledger.ok() ? std::move(*ledger) : nullptr;
    }
    bool SingleNodeStore() const { return GetParam() == Store::kSqlite; }

    std::string store_;
};

TEST_P(LedgerTest, StoresQueriesAndKeepsKeysUnique) {
    auto ledger = Open();
    ASSERT_TRUE(ledger->SaveMarket(H2h(), {0, 1, "t", "market:ev/h2h", "opened", ""}).ok());
    auto first = ledger->PlaceBet(MakeBet(1, "k1"), Placed(1));
    ASSERT_TRUE(first.ok()) << first.status().message();
    EXPECT_TRUE(first->inserted);
    auto again = ledger->PlaceBet(MakeBet(2, "k1"), Placed(2));
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->inserted);
    EXPECT_EQ(again->bet.id, first->bet.id);
    auto third = ledger->PlaceBet(MakeBet(3, "k3", "c2"), Placed(3));
    ASSERT_TRUE(third.ok());
    EXPECT_NE(third->bet.id, first->bet.id);
    EXPECT_EQ(ledger->ListBetsByCustomer("c1")->size(), 1u);
    EXPECT_EQ(ledger->ListBetsByMarket("ev", "h2h")->size(), 2u);
    EXPECT_EQ((*ledger->FindBetByKey("k3"))->id, third->bet.id);
    EXPECT_EQ(*ledger->GetBet(third->bet.id), third->bet);
    EXPECT_FALSE(ledger->GetBet(third->bet.id + 1000)->has_value());
    const auto all = *ledger->LoadAll();
    ASSERT_EQ(all.markets.size(), 1u);
    ExpectSameMarket(all.markets[0], H2h());
    EXPECT_EQ(all.bets.size(), 2u);
    const auto audit = *ledger->ListAudit("bet:");
    ASSERT_EQ(audit.size(), 2u); // the refused duplicate left no audit row
    EXPECT_EQ(audit[0].entity, "bet:" + std::to_string(first->bet.id));
    EXPECT_EQ(ledger->ListAudit("")->size(), 3u);
}

TEST_P(LedgerTest, ConcurrentRepeatsStoreEachKeyOnceAndSurviveReopening) {
    {
        auto ledger = Open();
        ASSERT_TRUE(ledger->SaveMarket(H2h(), {0, 1, "t", "market:ev/h2h", "opened", ""}).ok());
        std::vector<BetRecord> bets;
        std::vector<AuditEntry> audits;
        for (int i = 0; i < 200; ++i) {
            bets.push_back(MakeBet(i + 1, std::string("k").append(std::to_string(i % 150))));
            audits.push_back(Placed(i + 1));
        }
        std::vector<std::future<Result<StoredBet>>> futures;
        for (int i = 0; i < 200; ++i) {
            futures.push_back(std::async(std::launch::async, [&, i] { return ledger->PlaceBet(bets[i], audits[i]); }));
        }
        int inserted = 0;
        for (auto& f : futures) {
            auto r = f.get();
            ASSERT_TRUE(r.ok()) << r.status().message();
            inserted += r->inserted;
        }
        EXPECT_EQ(inserted, 150);
    }
    auto reopened = Open();
    EXPECT_EQ(reopened->LoadAll()->bets.size(), 150u);
    EXPECT_EQ(reopened->ListAudit("bet:")->size(), 150u);
}

TEST_P(LedgerTest, SettlementWritesMarketAndBetsAtomically) {
    auto ledger = Open();
    ASSERT_TRUE(ledger->SaveMarket(H2h(), {0, 1, "t", "market:ev/h2h", "opened", ""}).ok());
    BetRecord bet = ledger->PlaceBet(MakeBet(1, "k1"), Placed(1))->bet;
    MarketRecord settled = H2h();
    settled.state = MarketState::kSettled;
    settled.result = "home";
    settled.settlement_version = 1;
    bet.settled = true;
    bet.settlement = SettlementKind::kWin;
    bet.payout = 200;
    bet.settlement_version = 1;
    BetRecord missing = bet;
    missing.id = bet.id + 1000;
    // A bet the ledger does not hold fails the whole settlement: nothing written.
    EXPECT_FALSE(ledger->SaveSettlement(settled, {bet, missing}, {}).ok());
    EXPECT_EQ(ledger->LoadAll()->markets[0].state, MarketState::kOpen);
    EXPECT_FALSE((*ledger->GetBet(bet.id))->settled);
    ASSERT_TRUE(ledger->SaveSettlement(settled, {bet}, {{0, 2, "t", "market:ev/h2h", "settled", ""}}).ok());
    EXPECT_EQ(**ledger->GetBet(bet.id), bet);
    ExpectSameMarket(ledger->LoadAll()->markets[0], settled);
}

// Two books (two API nodes) on one database take bets on one outcome at once, each up to the outcome limit as
// far as its own memory knows: together they must still keep it.
TEST_P(LedgerTest, TwoNodesTogetherNeverBreachALimit) {
    if (SingleNodeStore()) {
        GTEST_SKIP() << "SQLite is one process's store: several nodes need PostgreSQL";
    }
    BookOptions options;
    options.limits = Limits::Unlimited();
    options.limits.max_liability_per_outcome = 100'000; // 1000.00: ten bets of 100.00 at 2.0
    options.shading.strength = 0.0;
    auto ledger_a = Open();
    auto ledger_b = Open();
    auto book_a = RiskBook::Open(*ledger_a, options).value();
    ASSERT_TRUE(book_a->AddMarket({"ev", "soccer", "h2h", {{"home", 2000}, {"away", 2000}}, 0, 0}, "trader:t").ok());
    auto book_b = RiskBook::Open(*ledger_b, options).value(); // loads the market book A stored
    std::atomic<int> accepted{0};
    std::atomic<int> limited{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            RiskBook& book = t % 2 == 0 ? *book_a : *book_b;
            for (int i = 0; i < 6; ++i) {
                BetRequest r;
                r.customer_id = "c" + std::to_string(t);
                r.event_id = "ev";
                r.market_key = "h2h";
                r.outcome = "home";
                r.requested_price = 2000;
                r.stake = 10'000;
                r.idempotency_key = "t" + std::to_string(t) + "_" + std::to_string(i);
                auto response = book.PlaceBet(r);
                ASSERT_TRUE(response.ok()) << response.status().message();
                if (response->decision == BetDecision::kAccepted) {
                    ++accepted;
                } else if (response->reason == RefusalReason::kLimit) {
                    ++limited;
                }
            }
        });
    }
    for (std::thread& t : threads) {
        t.join();
    }
    // 48 requests; the outcome's liability is 10000 * (2.0 - 1) per bet less the stakes on "away" (none):
    // exactly ten fit, whichever node took them.
    EXPECT_EQ(accepted.load(), 10);
    EXPECT_EQ(limited.load(), 38);
    auto fresh = Open();
    auto book_c = RiskBook::Open(*fresh, options).value();
    const MarketExposure exposure = book_c->Exposure("ev", "h2h").value();
    EXPECT_EQ(exposure.liability, 100'000);
    EXPECT_EQ(fresh->LoadAll()->bets.size(), 10u);
}

// A book follows the bets the other books on its database took (FollowSharedExposure): its exposures and shaded
// prices become every node's, also while it takes bets itself and follows at the same time (a bet in flight is
// neither lost nor counted twice). On SQLite, one process's store, following changes nothing.
TEST_P(LedgerTest, ABookFollowsTheBetsOtherBooksTook) {
    BookOptions options;
    options.limits = Limits::Unlimited();
    options.limits.max_liability_per_outcome = 10'000'000;
    auto ledger_a = Open();
    auto book_a = RiskBook::Open(*ledger_a, options).value();
    ASSERT_TRUE(book_a->AddMarket({"ev", "soccer", "h2h", {{"home", 2000}, {"away", 2000}}, 0, 0}, "trader:t").ok());
    const auto bet = [](RiskBook& book, const std::string& key, const std::string& outcome) {
        BetRequest r;
        r.customer_id = "c";
        r.event_id = "ev";
        r.market_key = "h2h";
        r.outcome = outcome;
        r.requested_price = 1001;
        r.stake = 10'000;
        r.idempotency_key = key;
        auto response = book.PlaceBet(r);
        return response.ok() && response->decision == BetDecision::kAccepted;
    };
    if (SingleNodeStore()) {
        ASSERT_TRUE(bet(*book_a, "a0", "home"));
        const MarketExposure before = book_a->Exposure("ev", "h2h").value();
        ASSERT_TRUE(book_a->FollowSharedExposure("ev").ok());
        EXPECT_EQ(book_a->Exposure("ev", "h2h")->outcomes[0].stakes, before.outcomes[0].stakes);
        return;
    }
    auto ledger_b = Open();
    auto book_b = RiskBook::Open(*ledger_b, options).value();
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(bet(*book_a, "a" + std::to_string(i), "home"));
    }
    EXPECT_EQ(book_b->Exposure("ev", "h2h")->outcomes[0].stakes, 0) << "book B has not followed yet";
    ASSERT_TRUE(book_b->FollowSharedExposure("ev").ok());
    MarketExposure on_a = book_a->Exposure("ev", "h2h").value();
    MarketExposure on_b = book_b->Exposure("ev", "h2h").value();
    EXPECT_EQ(on_b.outcomes[0].stakes, 50'000);
    EXPECT_EQ(on_b.liability, on_a.liability);
    EXPECT_EQ(on_b.outcomes[0].price, on_a.outcomes[0].price);
    EXPECT_LT(on_b.outcomes[0].price, on_b.outcomes[0].base_price) << "shaded by book A's bets";
    // Both books take bets while book B follows again and again.
    std::atomic<bool> done{false};
    std::thread follower([&] {
        while (!done) {
            EXPECT_TRUE(book_b->FollowSharedExposure("ev").ok());
        }
    });
    std::vector<std::thread> bettors;
    std::atomic<int> accepted{0};
    for (int t = 0; t < 4; ++t) {
        bettors.emplace_back([&, t] {
            RiskBook& book = t % 2 == 0 ? *book_a : *book_b;
            for (int i = 0; i < 10; ++i) {
                accepted += bet(book, "t" + std::to_string(t) + "_" + std::to_string(i), i % 3 == 0 ? "away" : "home");
            }
        });
    }
    for (std::thread& t : bettors) {
        t.join();
    }
    done = true;
    follower.join();
    ASSERT_EQ(accepted.load(), 40);
    ASSERT_TRUE(book_a->FollowSharedExposure("ev").ok());
    ASSERT_TRUE(book_b->FollowSharedExposure("ev").ok());
    on_a = book_a->Exposure("ev", "h2h").value();
    on_b = book_b->Exposure("ev", "h2h").value();
    const MarketExposure fresh = RiskBook::Open(*Open(), options).value()->Exposure("ev", "h2h").value();
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(on_a.outcomes[i].stakes, fresh.outcomes[i].stakes) << i;
        EXPECT_EQ(on_b.outcomes[i].stakes, fresh.outcomes[i].stakes) << i;
        EXPECT_EQ(on_b.outcomes[i].potential_payout, fresh.outcomes[i].potential_payout) << i;
        EXPECT_EQ(on_b.outcomes[i].price, fresh.outcomes[i].price) << i;
    }
    EXPECT_EQ(on_b.stakes, 450'000);
}

// A market another node settled is not settled again by a node whose memory still has it open, and bets
// placed on another node after it settled are refused.
TEST_P(LedgerTest, AMarketIsSettledOnceAcrossNodes) {
    if (SingleNodeStore()) {
        GTEST_SKIP() << "SQLite is one process's store: several nodes need PostgreSQL";
    }
    auto ledger_a = Open();
    auto ledger_b = Open();
    auto book_a = RiskBook::Open(*ledger_a).value();
    ASSERT_TRUE(book_a->AddMarket({"ev", "soccer", "h2h", {{"home", 2000}, {"away", 2000}}, 0, 0}, "trader:t").ok());
    auto book_b = RiskBook::Open(*ledger_b).value();
    BetRequest r;
    r.customer_id = "c1";
    r.event_id = "ev";
    r.market_key = "h2h";
    r.outcome = "home";
    r.requested_price = 1900;
    r.stake = 1'000;
    r.idempotency_key = "a1";
    ASSERT_EQ(book_a->PlaceBet(r)->decision, BetDecision::kAccepted);
    ASSERT_TRUE(book_a->SettleWithWinner("ev", "h2h", "home", "trader:t").ok());
    r.idempotency_key = "b1";
    auto late = book_b->PlaceBet(r).value();
    EXPECT_EQ(late.decision, BetDecision::kRefused);
    EXPECT_EQ(late.reason, RefusalReason::kMarketSuspended);
    auto again = book_b->SettleWithWinner("ev", "h2h", "away", "trader:u");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition) << again.status().message();
    const auto bets = ledger_a->ListBetsByMarket("ev", "h2h").value();
    ASSERT_EQ(bets.size(), 1u);
    EXPECT_EQ(bets[0].payout, bets[0].potential_payout);
    EXPECT_EQ(bets[0].settlement_version, 1);
}

INSTANTIATE_TEST_SUITE_P(Stores, LedgerTest, ::testing::Values(Store::kSqlite, Store::kPostgres),
                         [](const ::testing::TestParamInfo<Store>& info) {
                             return info.param == Store::kSqlite ? std::string("Sqlite") : std::string("Postgres");
                         });

// SQLite only: its group commit puts many bets in one transaction, each acknowledged only once durable.
TEST(SqliteLedgerTest, GroupCommitBatchesBetsAndKeepsThem) {
    const std::string path =
        (std::filesystem::temp_directory_path() / ("simbook_ledger_group_" + std::to_string(::getpid()) + ".db"))
            .string();
    std::filesystem::remove(path);
    {
        SqliteLedgerOptions options;
        options.group_commit = true;
        options.max_batch = 16;
        auto ledger = SqliteLedger::Open(path, options).value();
        std::vector<std::future<Result<StoredBet>>> futures;
        std::vector<BetRecord> bets;
        std::vector<AuditEntry> audits;
        for (int i = 0; i < 200; ++i) {
            bets.push_back(MakeBet(i + 1, std::string("k").append(std::to_string(i))));
            audits.push_back(Placed(i + 1));
        }
        for (int i = 0; i < 200; ++i) {
            futures.push_back(std::async(std::launch::async, [&, i] { return ledger->PlaceBet(bets[i], audits[i]); }));
        }
        for (auto& f : futures) {
            ASSERT_TRUE(f.get().ok());
        }
        EXPECT_LT(ledger->BetCommits(), 200);
    }
    EXPECT_EQ(SqliteLedger::Open(path).value()->LoadAll()->bets.size(), 200u);
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path + suffix);
    }
}

TEST(PostgresLedgerTest, BadUriIsAClearErrorNamingIt) {
    auto wrong = PostgresLedger::Open("mysql://localhost/x");
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.status().code(), StatusCode::kInvalidArgument);
    auto unreachable = PostgresLedger::Open("postgresql:///nodb?host=/nonexistent-simbook-dir&connect_timeout=2");
    ASSERT_FALSE(unreachable.ok());
    EXPECT_NE(unreachable.status().message().find("/nonexistent-simbook-dir"), std::string::npos)
        << unreachable.status().message();
    EXPECT_TRUE(IsPostgresUri("postgres://h/db"));
    EXPECT_FALSE(IsPostgresUri("simbook.sqlite"));
}

} // namespace
} // namespace simbook::odds::risk
