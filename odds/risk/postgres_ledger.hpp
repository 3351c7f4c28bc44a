//! PostgresLedger: the Ledger on PostgreSQL (libpq), shared by several API nodes; OpenLedger picks the store.
#pragma once

#include "odds/risk/ledger.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

struct pg_conn;

namespace simbook::odds::risk {

//! How the PostgreSQL ledger connects.
struct PostgresLedgerOptions {
    int connections = 8; //!< connections in the pool, in [1, 64]: bets of different events commit in parallel
};

//! A Ledger on one PostgreSQL database that several books (API nodes) share. Each call is one transaction,
//! committed (synchronous_commit as the server sets it, on by default: WAL flushed) before it returns.
//! - bet ids come from a sequence and idempotency keys are a UNIQUE column (INSERT ... ON CONFLICT), so both
//!   are unique across nodes;
//! - a bet locks its event (a transaction-level advisory lock) and checks the liability limits against every
//!   node's bets (the exposure table, updated in the same transaction), so two nodes cannot together breach one;
//! - each bet announces its event on the channel simbook_bets at commit (NOTIFY), so that every node's book can
//!   follow the exposure table (EventTotals);
//! - a settlement locks the event, refuses a market already settled (by any node) and one that gained bets
//!   since they were listed;
//! - a plain reprice writes a market's prices only (its state is every node's: a book's belief never overwrites
//!   another node's suspension), and a market opened, suspended, reopened or settled announces its event on the
//!   channel simbook_markets at commit, so that every node's book follows the states (EventMarkets).
class PostgresLedger final : public Ledger {
public:
    //! Connects to `uri` ("postgresql://user@host:port/db" or "postgresql:///db?host=/socket/dir") and creates
    //! the schema when missing. A bad URI or an unreachable server is an error naming the URI.
    static Result<std::unique_ptr<PostgresLedger>> Open(const std::string& uri, PostgresLedgerOptions options = {});
    ~PostgresLedger() override;
    PostgresLedger(const PostgresLedger&) = delete;
    PostgresLedger& operator=(const PostgresLedger&) = delete;

    void EnforceLimits(const Limits& limits) override;
    //! Reads the exposure table (every node's bets on the event).
    Result<std::optional<std::vector<OutcomeTotals>>> EventTotals(const std::string& event_id) override;
    Result<std::vector<MarketRecord>> EventMarkets(const std::string& event_id) override;
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

    //! Whether the database answers now (a trivial query on a pooled connection), for /v1/ready.
    bool Reachable();

private:
    class Lease;

    explicit PostgresLedger(std::vector<pg_conn*> pool);
    pg_conn* Acquire();
    void Release(pg_conn* conn);

    std::mutex mutex_; // guards free_ and limits_
    std::condition_variable available_;
    std::vector<pg_conn*> all_;
    std::vector<pg_conn*> free_;
    std::optional<Limits> limits_;
};

//! True when `store` names a PostgreSQL database ("postgresql://" or "postgres://").
bool IsPostgresUri(const std::string& store);

//! The ledger `store` names: a PostgreSQL URI opens a PostgresLedger, anything else a SQLite file (the default).
Result<std::unique_ptr<Ledger>> OpenLedger(const std::string& store);

} // namespace simbook::odds::risk
