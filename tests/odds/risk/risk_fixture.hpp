//! Shared set-up of the risk tests: a book on an in-memory (or file) SQLite ledger with a manual clock.
#pragma once

#include "odds/risk/book.hpp"
#include "odds/risk/sqlite_ledger.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace simbook::odds::risk::testing {

//! A book with one soccer event "ev" and a few markets, and a clock the test moves.
class BookTest : public ::testing::Test {
protected:
    void SetUp() override { Open(BookOptions{}); }

    void Open(BookOptions options, const std::string& path = ":memory:", SqliteLedgerOptions ledger_options = {}) {
        book_.reset();
        if (!ledger_ || path != path_) {
            ledger_.reset();
            auto ledger = SqliteLedger::Open(path, ledger_options);
            ASSERT_TRUE(ledger.ok()) << ledger.status().message();
            ledger_ = std::move(*ledger);
            path_ = path;
        }
        options.clock = [this] { return now_ms_.load(); };
        auto book = RiskBook::Open(*ledger_, std::move(options));
        ASSERT_TRUE(book.ok()) << book.status().message();
        book_ = std::move(*book);
    }

    void AddStandardMarkets() {
        ASSERT_TRUE(
            book_
                ->AddMarket({"ev", "soccer", "h2h", {{"home", 2000}, {"draw", 3500}, {"away", 4000}}, 0, 0}, "trader:t")
                .ok());
        ASSERT_TRUE(
            book_->AddMarket({"ev", "soccer", "totals:2.5", {{"over", 1900}, {"under", 1900}}, 0, 0}, "trader:t").ok());
    }

    BetRequest Bet(std::string key, std::string market, std::string outcome, Cents stake, PriceMilli price,
                   double line = 0.0) const {
        BetRequest r;
        r.customer_id = "c1";
        r.event_id = "ev";
        r.market_key = std::move(market);
        r.outcome = std::move(outcome);
        r.line = line;
        r.requested_price = price;
        r.stake = stake;
        r.idempotency_key = std::move(key);
        return r;
    }

    std::atomic<std::int64_t> now_ms_{1'000'000};
    std::string path_;
    std::unique_ptr<SqliteLedger> ledger_;
    std::unique_ptr<RiskBook> book_;
};

} // namespace simbook::odds::risk::testing
