// DeferredSync: a live update's market writes (key events' suspensions, reprices) skip their own wait for the disk,
// yet are committed at once: a second ledger on the same file reads them, they survive closing the ledger, and a
// bet after them is stored as before. The scope is the calling thread's only, and nests.
#include "odds/risk/deferred_sync.hpp"
#include "tests/odds/risk/risk_fixture.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>
#include <unistd.h>

namespace simbook::odds::risk {
namespace {

using testing::BookTest;

TEST(DeferredSyncTest, IsTheCallingThreadsAndNests) {
    EXPECT_FALSE(DeferredSync::Active());
    {
        const DeferredSync outer;
        EXPECT_TRUE(DeferredSync::Active());
        {
            const DeferredSync inner;
            EXPECT_TRUE(DeferredSync::Active());
        }
        EXPECT_TRUE(DeferredSync::Active()) << "the inner scope's end leaves the outer one";
        bool elsewhere = true;
        std::thread([&elsewhere] { elsewhere = DeferredSync::Active(); }).join();
        EXPECT_FALSE(elsewhere);
    }
    EXPECT_FALSE(DeferredSync::Active());
}

TEST_F(BookTest, DeferredSuspensionsAndRepricesAreCommittedAndKept) {
    const std::string path =
        (std::filesystem::temp_directory_path() / ("simbook_deferred_sync_" + std::to_string(::getpid()) + ".db"))
            .string();
    std::filesystem::remove(path);
    Open(BookOptions{}, path);
    AddStandardMarkets();
    {
        const DeferredSync deferred; // as a live update before its first push
        auto suspended = book_->OnLiveEvent("ev", {"goal", 1800, now_ms_.load()}, "system:feed");
        ASSERT_TRUE(suspended.ok()) << suspended.status().message();
        EXPECT_EQ(suspended.value(), 2);
        // Read from a second connection while the scope is open: committed, not waiting in this one.
        auto other = SqliteLedger::Open(path);
        ASSERT_TRUE(other.ok()) << other.status().message();
        auto snapshot = (*other)->LoadAll();
        ASSERT_TRUE(snapshot.ok());
        ASSERT_EQ(snapshot->markets.size(), 2u);
        for (const MarketRecord& m : snapshot->markets) {
            EXPECT_EQ(m.state, MarketState::kSuspended) << m.key;
            EXPECT_EQ(m.cause, SuspensionCause::kKeyEvent) << m.key;
        }
        const std::vector<Status> repriced =
            book_->RepriceAll("ev", {{"h2h", {{"home", 2500}, {"draw", 3200}, {"away", 3000}}}}, "system:pricer");
        ASSERT_EQ(repriced.size(), 1u);
        EXPECT_TRUE(repriced[0].ok()) << repriced[0].message();
    }
    // A bet after the scope is synced as always, and so is everything before it in the log.
    auto bet = book_->PlaceBet(Bet("after", "h2h", "home", 1000, 2500));
    ASSERT_TRUE(bet.ok()) << bet.status().message();
    // Closed and opened again: the suspension of the market left alone, the reprice and the bet are all there.
    book_.reset();
    ledger_.reset();
    Open(BookOptions{}, path);
    EXPECT_EQ(book_->Exposure("ev", "totals:2.5")->state, MarketState::kSuspended);
    EXPECT_EQ(book_->Exposure("ev", "totals:2.5")->cause, SuspensionCause::kKeyEvent);
    EXPECT_EQ(book_->Exposure("ev", "h2h")->state, MarketState::kOpen);
    EXPECT_EQ(book_->Exposure("ev", "h2h")->outcomes[0].base_price, 2500);
    EXPECT_EQ(book_->Exposure("ev", "h2h")->outcomes[0].stakes, 1000);
    book_.reset();
    ledger_.reset();
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
}

} // namespace
} // namespace simbook::odds::risk
