//! SqliteLedger: the embedded Ledger, one SQLite file in WAL mode with synchronous=FULL.
#pragma once

#include "odds/risk/ledger.hpp"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;
struct sqlite3_stmt;

namespace simbook::odds::risk {

//! How the ledger commits bets.
struct SqliteLedgerOptions {
    //! Off: each PlaceBet runs its own transaction in the caller's thread. On: PlaceBet queues the bet and a
    //! writer thread commits every queued bet in one transaction (each with a savepoint, so one failure
    //! spares the others); each caller returns only after its batch's commit, so acknowledged bets are
    //! still durable.
    bool group_commit = false;
    int max_batch = 512; //!< most bets in one group commit
};

//! A Ledger on one SQLite file: WAL journal, synchronous=FULL (the WAL is fsynced at every commit but market and
//! audit writes inside a DeferredSync, which the next synced commit covers), prepared statements, the idempotency
//! key a UNIQUE column, audit rows refused UPDATE and DELETE by triggers.
class SqliteLedger final : public Ledger {
public:
    //! Opens or creates the file (":memory:" for a private in-memory database) and its schema.
    static Result<std::unique_ptr<SqliteLedger>> Open(const std::string& path, SqliteLedgerOptions options = {});
    ~SqliteLedger() override;
    SqliteLedger(const SqliteLedger&) = delete;
    SqliteLedger& operator=(const SqliteLedger&) = delete;

    Result<StoredBet> PlaceBet(const BetRecord& bet, const AuditEntry& audit) override;
    Result<std::optional<BetRecord>> GetBet(std::int64_t id) override;
    Result<std::optional<BetRecord>> FindBetByKey(const std::string& idempotency_key) override;
    Result<std::vector<BetRecord>> ListBetsByCustomer(const std::string& customer_id) override;
    Result<std::vector<BetRecord>> ListBetsByMarket(const std::string& event_id,
                                                    const std::string& market_key) override;
    Status SaveMarkets(const std::vector<std::pair<MarketRecord, AuditEntry>>& markets) override;
    Status SaveSettlement(const MarketRecord& market, const std::vector<BetRecord>& bets,
                          const std::vector<AuditEntry>& audit) override;
    Status AppendAudit(const AuditEntry& audit) override;
    Result<std::vector<AuditEntry>> ListAudit(const std::string& entity_prefix) override;
    Result<LedgerSnapshot> LoadAll() override;

    //! Transactions committed so far that held bets (for the benchmark: bets / commits is the batch size).
    std::int64_t BetCommits() const;
    //! Transactions committed so far that held market records (a live update's reprice is one).
    std::int64_t MarketCommits() const;

private:
    struct Statements;
    struct Pending;

    SqliteLedger(sqlite3* db, SqliteLedgerOptions options);
    Status Exec(const char* sql);
    Status Prepare();
    // The helpers below run with mutex_ held.
    Status InsertAudit(const AuditEntry& audit);
    Status UpsertMarket(const MarketRecord& market);
    Result<std::optional<BetRecord>> QueryOneBet(sqlite3_stmt* statement);
    Result<std::vector<BetRecord>> QueryBets(sqlite3_stmt* statement);
    void CommitBatch(std::deque<Pending*>& batch);
    void WriterLoop();

    sqlite3* db_ = nullptr;
    SqliteLedgerOptions options_;
    std::unique_ptr<Statements> statements_;
    mutable std::mutex mutex_; // guards db_ and the statements
    std::int64_t bet_commits_ = 0;
    std::int64_t market_commits_ = 0;

    std::mutex queue_mutex_;
    std::condition_variable queue_cv_;
    std::deque<Pending*> queue_;
    bool stopping_ = false;
    std::thread writer_;
};

} // namespace simbook::odds::risk
