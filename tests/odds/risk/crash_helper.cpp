// Places bets at full speed against a SQLite ledger file and prints "ACK <id> <key> <stake>" for each
// acknowledged bet, flushed, until killed. Usage: simbook_risk_crash_helper DB_PATH RUN_ID
#include "odds/risk/book.hpp"
#include "odds/risk/sqlite_ledger.hpp"

#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace simbook::odds::risk;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s DB_PATH RUN_ID\n", argv[0]);
        return 2;
    }
    SqliteLedgerOptions ledger_options;
    ledger_options.group_commit = true;
    auto ledger = SqliteLedger::Open(argv[1], ledger_options);
    if (!ledger.ok()) {
        std::fprintf(stderr, "%s\n", ledger.status().message().c_str());
        return 1;
    }
    BookOptions options;
    options.limits = Limits::Unlimited();
    auto book = RiskBook::Open(**ledger, options);
    if (!book.ok()) {
        std::fprintf(stderr, "%s\n", book.status().message().c_str());
        return 1;
    }
    RiskBook& b = **book;
    // The first run opens the markets; later runs find them recovered.
    (void)b.AddMarket({"ev", "soccer", "h2h", {{"home", 2100}, {"draw", 3400}, {"away", 3600}}, 0, 0}, "setup");
    (void)b.AddMarket({"ev", "soccer", "totals:2.5", {{"over", 1950}, {"under", 1850}}, 0, 0}, "setup");
    std::printf("READY\n");
    std::fflush(stdout);
    const std::string run = argv[2];
    std::mutex out;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            const char* outcomes[] = {"home", "draw", "away", "over", "under"};
            for (long i = 0;; ++i) {
                const int o = static_cast<int>((i * 7 + t) % 5);
                BetRequest r;
                r.customer_id = std::string("c").append(std::to_string(t));
                r.event_id = "ev";
                r.market_key = o < 3 ? "h2h" : "totals:2.5";
                r.line = o < 3 ? 0.0 : 2.5;
                r.outcome = outcomes[o];
                r.requested_price = 1001;
                r.stake = 100 + (i * 37 + t) % 5000;
                r.idempotency_key = run;
                r.idempotency_key += '-';
                r.idempotency_key += std::to_string(t);
                r.idempotency_key += '-';
                r.idempotency_key += std::to_string(i);
                auto placed = b.PlaceBet(r);
                if (placed.ok() && placed->decision == BetDecision::kAccepted) {
                    std::lock_guard lock(out);
                    std::printf("ACK %lld %s %lld\n", static_cast<long long>(placed->bet.id), r.idempotency_key.c_str(),
                                static_cast<long long>(r.stake));
                    std::fflush(stdout);
                }
            }
        });
    }
    for (std::thread& t : threads) {
        t.join();
    }
    return 0;
}
