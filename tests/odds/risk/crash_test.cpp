// Kills a process placing bets at full speed with SIGKILL at random moments; after each kill, every
// acknowledged bet must be in the ledger exactly once and the recovered book's liabilities must equal the sum
// of its bets.
#include "odds/risk/book.hpp"
#include "odds/risk/sqlite_ledger.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <poll.h>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace simbook::odds::risk {
namespace {

struct Ack {
    std::string key;
    Cents stake = 0;
};

// Runs the helper until `run_ms` after it reports READY, kills it, and returns the acknowledged bets.
std::map<std::int64_t, Ack> RunAndKill(const std::string& db, int run, int run_ms) {
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        ::close(fds[0]);
        ::close(fds[1]);
        const std::string run_id = "run" + std::to_string(run);
        ::execl(SIMBOOK_RISK_CRASH_HELPER, SIMBOOK_RISK_CRASH_HELPER, db.c_str(), run_id.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);
    std::string text;
    char buffer[65536];
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    std::optional<Clock::time_point> kill_at;
    bool eof = false;
    while (!eof) {
        const auto now = Clock::now();
        if (!kill_at && now - start > std::chrono::seconds(20)) {
            ADD_FAILURE() << "the helper never got ready";
            break;
        }
        if (kill_at && now >= *kill_at) {
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        if (::poll(&p, 1, 5) > 0) {
            const ssize_t n = ::read(fds[0], buffer, sizeof(buffer));
            if (n <= 0) {
                eof = true;
            } else {
                text.append(buffer, static_cast<std::size_t>(n));
            }
        }
        if (!kill_at && text.find("READY\n") != std::string::npos) {
            kill_at = Clock::now() + std::chrono::milliseconds(run_ms);
        }
    }
    ::kill(pid, SIGKILL);
    ssize_t n = 0;
    while ((n = ::read(fds[0], buffer, sizeof(buffer))) > 0) {
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "helper exited by itself: " << text;

    std::map<std::int64_t, Ack> acks;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (lines.eof()) {
            break; // a line cut by the kill (never happens for writes under PIPE_BUF, but be safe)
        }
        std::istringstream fields(line);
        std::string tag;
        std::int64_t id = 0;
        Ack ack;
        if (fields >> tag >> id >> ack.key >> ack.stake && tag == "ACK") {
            EXPECT_TRUE(acks.emplace(id, ack).second) << "bet " << id << " acknowledged twice";
        }
    }
    return acks;
}

TEST(RiskCrashTest, AcknowledgedBetsSurviveSigkill) {
    const std::string db =
        (std::filesystem::temp_directory_path() / ("simbook_risk_crash_" + std::to_string(::getpid()) + ".db"))
            .string();
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(db + suffix);
    }
    std::mt19937 rng(2024);
    std::uniform_int_distribution<int> run_ms(5, 250);
    std::map<std::int64_t, Ack> acknowledged;
    constexpr int kKills = 24;
    for (int run = 0; run < kKills; ++run) {
        for (const auto& [id, ack] : RunAndKill(db, run, run_ms(rng))) {
            ASSERT_TRUE(acknowledged.emplace(id, ack).second) << "bet id " << id << " acknowledged in two runs";
        }
        // Restart: what is in the ledger now.
        auto ledger = SqliteLedger::Open(db);
        ASSERT_TRUE(ledger.ok()) << ledger.status().message();
        const auto snapshot = (*ledger)->LoadAll();
        ASSERT_TRUE(snapshot.ok());
        std::map<std::int64_t, const BetRecord*> by_id;
        std::set<std::string> keys;
        for (const BetRecord& bet : snapshot->bets) {
            ASSERT_TRUE(by_id.emplace(bet.id, &bet).second);
            ASSERT_TRUE(keys.insert(bet.idempotency_key).second) << bet.idempotency_key << " stored twice";
        }
        for (const auto& [id, ack] : acknowledged) {
            const auto it = by_id.find(id);
            ASSERT_NE(it, by_id.end()) << "acknowledged bet " << id << " lost after kill " << run;
            EXPECT_EQ(it->second->idempotency_key, ack.key);
            EXPECT_EQ(it->second->stake, ack.stake);
        }
        // The recovered book's liabilities equal the sum of its bets.
        auto book = RiskBook::Open(**ledger);
        ASSERT_TRUE(book.ok()) << book.status().message();
        std::map<std::string, Cents> market_stakes;
        std::map<std::pair<std::string, std::string>, Cents> payouts;
        for (const BetRecord& bet : snapshot->bets) {
            market_stakes[bet.market_key] += bet.stake;
            payouts[{bet.market_key, bet.outcome}] += WinPayout(bet.stake, bet.price);
        }
        Cents event_liability = 0;
        for (const char* key : {"h2h", "totals:2.5"}) {
            const auto exposure = (*book)->Exposure("ev", key);
            ASSERT_TRUE(exposure.ok());
            EXPECT_EQ(exposure->stakes, market_stakes[key]);
            Cents worst = 0;
            for (std::size_t i = 0; i < exposure->outcomes.size(); ++i) {
                const auto& o = exposure->outcomes[i];
                const Cents expected = payouts[std::make_pair(std::string(key), o.name)] - market_stakes[key];
                EXPECT_EQ(o.liability, expected) << key << " " << o.name;
                worst = i == 0 ? o.liability : std::max(worst, o.liability);
            }
            EXPECT_EQ(exposure->liability, worst);
            event_liability += std::max<Cents>(0, worst);
        }
        EXPECT_EQ(*(*book)->EventLiability("ev"), event_liability);
        // A client retrying an acknowledged bet after the crash gets the original.
        if (!acknowledged.empty()) {
            const auto& [id, ack] = *acknowledged.rbegin();
            const BetRecord& stored = *by_id.at(id);
            BetRequest retry{stored.customer_id, stored.tier, "ev",         stored.market_key, stored.outcome,
                             stored.line,        1001,        stored.stake, ack.key,           ""};
            auto r = (*book)->PlaceBet(retry);
            ASSERT_TRUE(r.ok());
            EXPECT_EQ(r->decision, BetDecision::kDuplicate);
            EXPECT_EQ(r->bet.id, id);
        }
    }
    EXPECT_GT(acknowledged.size(), 100u);
    RecordProperty("acknowledged_bets", static_cast<int>(acknowledged.size()));
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(db + suffix);
    }
}

} // namespace
} // namespace simbook::odds::risk
