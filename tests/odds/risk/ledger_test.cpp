#include "odds/risk/sqlite_ledger.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <string>
#include <unistd.h>
#include <vector>

namespace simbook::odds::risk {
namespace {

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

TEST(SqliteLedgerTest, StoresQueriesAndKeepsKeysUnique) {
    auto ledger = SqliteLedger::Open(":memory:").value();
    ASSERT_TRUE(ledger
                    ->SaveMarket({"ev",
                                  "h2h",
                                  "soccer",
                                  {{"home", 2000}, {"away", 1900}},
                                  MarketState::kOpen,
                                  SuspensionCause::kNone,
                                  0,
                                  0,
                                  "",
                                  0},
                                 {0, 1, "t", "market:ev/h2h", "opened", ""})
                    .ok());
    auto first = ledger->PlaceBet(MakeBet(1, "k1"), Placed(1));
    ASSERT_TRUE(first.ok());
    EXPECT_TRUE(first->inserted);
    auto again = ledger->PlaceBet(MakeBet(2, "k1"), Placed(2));
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->inserted);
    EXPECT_EQ(again->bet.id, 1);
    ASSERT_TRUE(ledger->PlaceBet(MakeBet(3, "k3", "c2"), Placed(3)).ok());
    EXPECT_EQ(ledger->ListBetsByCustomer("c1")->size(), 1u);
    EXPECT_EQ(ledger->ListBetsByMarket("ev", "h2h")->size(), 2u);
    EXPECT_EQ((*ledger->FindBetByKey("k3"))->id, 3);
    EXPECT_FALSE(ledger->GetBet(2)->has_value());
    const auto all = *ledger->LoadAll();
    ASSERT_EQ(all.markets.size(), 1u);
    EXPECT_EQ(all.markets[0].outcomes[1].name, "away");
    EXPECT_EQ(all.markets[0].outcomes[1].price, 1900);
    EXPECT_EQ(all.bets.size(), 2u);
    EXPECT_EQ(ledger->ListAudit("bet:")->size(), 2u); // the refused duplicate left no audit row
}

TEST(SqliteLedgerTest, GroupCommitAcknowledgesEachBetOnce) {
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
            bets.push_back(MakeBet(i + 1, std::string("k").append(std::to_string(i % 150))));
            audits.push_back(Placed(i + 1));
        }
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
        EXPECT_LT(ledger->BetCommits(), 200);
    }
    auto reopened = SqliteLedger::Open(path).value();
    EXPECT_EQ(reopened->LoadAll()->bets.size(), 150u);
    reopened.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path + suffix);
    }
}

} // namespace
} // namespace simbook::odds::risk
