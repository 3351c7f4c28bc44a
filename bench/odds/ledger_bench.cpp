// Accepted bets per second through the RiskBook and the durable SQLite ledger (WAL, synchronous=FULL), with
// per-bet commits and with group commit. Uses benchmark::benchmark_main.
#include "odds/risk/book.hpp"
#include "odds/risk/sqlite_ledger.hpp"

#include <benchmark/benchmark.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using namespace simbook::odds::risk;

std::string TempDb() {
    static std::atomic<int> counter{0};
    return (std::filesystem::temp_directory_path() / std::string("simbook_ledger_bench_")
                                                         .append(std::to_string(::getpid()))
                                                         .append("_")
                                                         .append(std::to_string(counter++))
                                                         .append(".db"))
        .string();
}

void RemoveDb(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path + suffix);
    }
}

// Each iteration: `threads` clients place `per_thread` bets each; items = accepted bets.
void PlaceBets(benchmark::State& state, bool group_commit) {
    const int threads = static_cast<int>(state.range(0));
    const int per_thread = static_cast<int>(state.range(1));
    const std::string path = TempDb();
    SqliteLedgerOptions ledger_options;
    ledger_options.group_commit = group_commit;
    auto ledger = SqliteLedger::Open(path, ledger_options).value();
    BookOptions options;
    options.limits = Limits::Unlimited();
    auto book = RiskBook::Open(*ledger, options).value();
    if (!book->AddMarket({"ev", "soccer", "h2h", {{"home", 2100}, {"draw", 3400}, {"away", 3600}}, 0, 0}, "bench")
             .ok()) {
        state.SkipWithError("cannot open the market");
        return;
    }
    std::atomic<long> next{0};
    std::atomic<long> accepted{0};
    std::atomic<bool> failed{false};
    const char* outcomes[] = {"home", "draw", "away"};
    for (auto _ : state) {
        std::vector<std::thread> clients;
        for (int t = 0; t < threads; ++t) {
            clients.emplace_back([&] {
                for (int i = 0; i < per_thread; ++i) {
                    const long n = next++;
                    BetRequest r;
                    r.customer_id = "c";
                    r.event_id = "ev";
                    r.market_key = "h2h";
                    r.outcome = outcomes[n % 3];
                    r.requested_price = 1001;
                    r.stake = 100 + n % 1000;
                    r.idempotency_key = std::string("k").append(std::to_string(n));
                    auto placed = book->PlaceBet(r);
                    if (placed.ok() && placed->decision == BetDecision::kAccepted) {
                        ++accepted;
                    } else {
                        failed = true;
                    }
                }
            });
        }
        for (std::thread& c : clients) {
            c.join();
        }
    }
    // Validate once: every accepted bet is in the ledger.
    const auto stored = ledger->LoadAll();
    if (failed || !stored.ok() || static_cast<long>(stored->bets.size()) != accepted) {
        state.SkipWithError("a bet was refused or is missing from the ledger");
    }
    state.SetItemsProcessed(accepted);
    state.counters["bets_per_commit"] =
        static_cast<double>(accepted) / static_cast<double>(std::max<std::int64_t>(1, ledger->BetCommits()));
    state.SetLabel(std::string(group_commit ? "group commit" : "per-bet commit")
                       .append(", WAL synchronous=FULL, threads=")
                       .append(std::to_string(threads)));
    book.reset();
    ledger.reset();
    RemoveDb(path);
}

void BM_Ledger_PerBetCommit(benchmark::State& state) {
    PlaceBets(state, false);
}
void BM_Ledger_GroupCommit(benchmark::State& state) {
    PlaceBets(state, true);
}

BENCHMARK(BM_Ledger_PerBetCommit)->Args({1, 200})->Args({16, 50})->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Ledger_GroupCommit)->Args({16, 500})->Args({64, 200})->UseRealTime()->Unit(benchmark::kMillisecond);

} // namespace
