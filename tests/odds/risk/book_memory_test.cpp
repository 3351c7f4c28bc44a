// The book's memory does not grow with the bets it takes: bets live in the ledger, the book keeps exposures.
// Measured by counting the C++ allocations alive (this binary replaces the global operator new and delete);
// SQLite allocates with malloc, so the ledger's own pages are not counted.
#include "tests/odds/risk/risk_fixture.hpp"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

namespace {

std::atomic<long> live_allocations{0};

} // namespace

void* operator new(std::size_t size) {
    void* p = std::malloc(size == 0 ? 1 : size);
    if (p == nullptr) {
        throw std::bad_alloc();
    }
    live_allocations.fetch_add(1, std::memory_order_relaxed);
    return p;
}

void operator delete(void* p) noexcept {
    if (p != nullptr) {
        live_allocations.fetch_sub(1, std::memory_order_relaxed);
        std::free(p);
    }
}

void operator delete(void* p, std::size_t) noexcept {
    operator delete(p);
}

namespace simbook::odds::risk::testing {
namespace {

TEST_F(BookTest, MemoryDoesNotGrowWithTheBetsTaken) {
    BookOptions options;
    options.limits = Limits::Unlimited();
    Open(options);
    AddStandardMarkets();
    const std::array<const char*, 3> outcomes{"home", "draw", "away"};
    const auto place = [&](int from, int to) {
        for (int i = from; i < to; ++i) {
            auto r = book_->PlaceBet(Bet("key-" + std::to_string(i), "h2h", outcomes[i % 3], 100, 1010));
            ASSERT_TRUE(r.ok()) << r.status().message();
            ASSERT_EQ(r->decision, BetDecision::kAccepted) << r->message;
        }
    };
    place(0, 1'000); // warm-up: the ledger's statements, the markets' vectors
    const long before = live_allocations.load();
    place(1'000, 6'000);
    const long grown = live_allocations.load() - before;
    // Holding every bet in memory kept two allocations a bet alive (10,000 here).
    EXPECT_LT(grown, 100) << "C++ allocations still alive after 5,000 more bets";
    EXPECT_EQ(book_->BetCount(), 6'000u);
    // Every bet is still there to read, replay and settle, from the ledger.
    auto bet = book_->GetBet(6'000);
    ASSERT_TRUE(bet.ok() && bet->has_value());
    EXPECT_EQ((*bet)->idempotency_key, "key-5999");
    auto again = book_->PlaceBet(Bet("key-17", "h2h", "draw", 100, 1010));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->decision, BetDecision::kDuplicate);
    EXPECT_EQ(again->bet.id, 18);
    auto settled = book_->SettleWithWinner("ev", "h2h", "home", "trader:t");
    ASSERT_TRUE(settled.ok()) << settled.status().message();
    EXPECT_EQ(settled->bets, 6'000);
    const auto first = book_->GetBet(1); // key-0, on home
    ASSERT_TRUE(first.ok() && first->has_value());
    EXPECT_TRUE((*first)->settled);
    EXPECT_EQ((*first)->payout, (*first)->potential_payout);
}

} // namespace
} // namespace simbook::odds::risk::testing
