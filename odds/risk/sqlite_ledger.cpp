#include "odds/risk/sqlite_ledger.hpp"
#include "odds/risk/deferred_sync.hpp"
#include "odds/risk/detail/outcome_text.hpp"

#include <sqlite3.h>

#include <future>
#include <string>
#include <utility>

namespace simbook::odds::risk {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS bets(
    id INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL,
    tier INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    market_key TEXT NOT NULL,
    outcome TEXT NOT NULL,
    line REAL NOT NULL,
    requested_price INTEGER NOT NULL,
    price INTEGER NOT NULL CHECK (price > 1000),
    stake INTEGER NOT NULL CHECK (stake > 0),
    potential_payout INTEGER NOT NULL,
    placed_at_ms INTEGER NOT NULL,
    settled INTEGER NOT NULL DEFAULT 0,
    settlement INTEGER NOT NULL DEFAULT 0,
    payout INTEGER NOT NULL DEFAULT 0,
    settlement_version INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS bets_by_customer ON bets(customer_id, id);
CREATE INDEX IF NOT EXISTS bets_by_market ON bets(event_id, market_key, id);
CREATE TABLE IF NOT EXISTS markets(
    event_id TEXT NOT NULL,
    market_key TEXT NOT NULL,
    sport TEXT NOT NULL,
    outcomes TEXT NOT NULL,
    state INTEGER NOT NULL,
    cause INTEGER NOT NULL,
    window_start_ms INTEGER NOT NULL,
    window_end_ms INTEGER NOT NULL,
    result TEXT NOT NULL,
    settlement_version INTEGER NOT NULL,
    PRIMARY KEY(event_id, market_key));
CREATE TABLE IF NOT EXISTS audit(
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    time_ms INTEGER NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
)sql";

constexpr const char* kBetColumns =
    "id, idempotency_key, customer_id, tier, event_id, market_key, outcome, line, requested_price, price, stake, "
    "potential_payout, placed_at_ms, settled, settlement, payout, settlement_version";

Status SqlError(sqlite3* db, std::string_view what) {
    std::string message(what);
    message += ": ";
    message += sqlite3_errmsg(db);
    return {StatusCode::kUnavailable, message};
}

void BindText(sqlite3_stmt* s, int i, const std::string& text) {
    sqlite3_bind_text(s, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

std::string ColumnText(sqlite3_stmt* s, int i) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
    return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(s, i))) : std::string();
}

void BindBet(sqlite3_stmt* s, const BetRecord& b) {
    sqlite3_bind_int64(s, 1, b.id);
    BindText(s, 2, b.idempotency_key);
    BindText(s, 3, b.customer_id);
    sqlite3_bind_int(s, 4, static_cast<int>(b.tier));
    BindText(s, 5, b.event_id);
    BindText(s, 6, b.market_key);
    BindText(s, 7, b.outcome);
    sqlite3_bind_double(s, 8, b.line);
    sqlite3_bind_int64(s, 9, b.requested_price);
    sqlite3_bind_int64(s, 10, b.price);
    sqlite3_bind_int64(s, 11, b.stake);
    sqlite3_bind_int64(s, 12, b.potential_payout);
    sqlite3_bind_int64(s, 13, b.placed_at_ms);
    sqlite3_bind_int(s, 14, b.settled ? 1 : 0);
    sqlite3_bind_int(s, 15, static_cast<int>(b.settlement));
    sqlite3_bind_int64(s, 16, b.payout);
    sqlite3_bind_int(s, 17, b.settlement_version);
}

BetRecord ReadBet(sqlite3_stmt* s) {
    BetRecord b;
    b.id = sqlite3_column_int64(s, 0);
    b.idempotency_key = ColumnText(s, 1);
    b.customer_id = ColumnText(s, 2);
    b.tier = static_cast<CustomerTier>(sqlite3_column_int(s, 3));
    b.event_id = ColumnText(s, 4);
    b.market_key = ColumnText(s, 5);
    b.outcome = ColumnText(s, 6);
    b.line = sqlite3_column_double(s, 7);
    b.requested_price = sqlite3_column_int64(s, 8);
    b.price = sqlite3_column_int64(s, 9);
    b.stake = sqlite3_column_int64(s, 10);
    b.potential_payout = sqlite3_column_int64(s, 11);
    b.placed_at_ms = sqlite3_column_int64(s, 12);
    b.settled = sqlite3_column_int(s, 13) != 0;
    b.settlement = static_cast<SettlementKind>(sqlite3_column_int(s, 14));
    b.payout = sqlite3_column_int64(s, 15);
    b.settlement_version = sqlite3_column_int(s, 16);
    return b;
}

using detail::DecodeOutcomes;
using detail::EncodeOutcomes;

// Resets a statement when it goes out of scope, so that no read transaction stays open.
struct Reset {
    sqlite3_stmt* statement;
    ~Reset() {
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
    }
};

} // namespace

struct SqliteLedger::Statements {
    sqlite3_stmt* insert_bet = nullptr;
    sqlite3_stmt* update_bet = nullptr;
    sqlite3_stmt* bet_by_id = nullptr;
    sqlite3_stmt* bet_by_key = nullptr;
    sqlite3_stmt* bets_by_customer = nullptr;
    sqlite3_stmt* bets_by_market = nullptr;
    sqlite3_stmt* all_bets = nullptr;
    sqlite3_stmt* upsert_market = nullptr;
    sqlite3_stmt* all_markets = nullptr;
    sqlite3_stmt* insert_audit = nullptr;
    sqlite3_stmt* audit_by_prefix = nullptr;
    sqlite3_stmt* begin = nullptr;
    sqlite3_stmt* commit = nullptr;
    sqlite3_stmt* rollback = nullptr;

    ~Statements() {
        for (sqlite3_stmt* s :
             {insert_bet, update_bet, bet_by_id, bet_by_key, bets_by_customer, bets_by_market, all_bets, upsert_market,
              all_markets, insert_audit, audit_by_prefix, begin, commit, rollback}) {
            sqlite3_finalize(s);
        }
    }
};

struct SqliteLedger::Pending {
    const BetRecord* bet;
    const AuditEntry* audit;
    std::promise<Result<StoredBet>> done;
};

SqliteLedger::SqliteLedger(sqlite3* db, SqliteLedgerOptions options)
    : db_(db), options_(options), statements_(std::make_unique<Statements>()) {}

SqliteLedger::~SqliteLedger() {
    if (writer_.joinable()) {
        {
            std::lock_guard lock(queue_mutex_);
            stopping_ = true;
        }
        queue_cv_.notify_all();
        writer_.join();
    }
    statements_.reset();
    sqlite3_close(db_);
}

Result<std::unique_ptr<SqliteLedger>> SqliteLedger::Open(const std::string& path, SqliteLedgerOptions options) {
    if (path.empty()) {
        return InvalidArgument("path", "must not be empty");
    }
    if (options.max_batch < 1) {
        return InvalidArgument("max_batch", "must be >= 1, got " + std::to_string(options.max_batch));
    }
    sqlite3* db = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<SqliteLedger> ledger(new SqliteLedger(db, options));
    if (rc != SQLITE_OK) {
        return SqlError(db, "opening " + path);
    }
    sqlite3_busy_timeout(db, 5000);
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (Status s = ledger->Exec(pragma); !s.ok()) {
            return s;
        }
    }
    if (Status s = ledger->Exec(kSchema); !s.ok()) {
        return s;
    }
    if (Status s = ledger->Prepare(); !s.ok()) {
        return s;
    }
    if (options.group_commit) {
        ledger->writer_ = std::thread([raw = ledger.get()] { raw->WriterLoop(); });
    }
    return ledger;
}

Status SqliteLedger::Exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = "sqlite: ";
        message += error ? error : "unknown error";
        sqlite3_free(error);
        return {StatusCode::kUnavailable, message};
    }
    return Status::Ok();
}

Status SqliteLedger::Prepare() {
    const std::string bet_select = std::string("SELECT ").append(kBetColumns).append(" FROM bets ");
    const std::pair<sqlite3_stmt**, std::string> all[] = {
        {&statements_->insert_bet,
         std::string("INSERT INTO bets(").append(kBetColumns).append(") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")},
        {&statements_->update_bet, "UPDATE bets SET settled=?2, settlement=?3, payout=?4, settlement_version=?5 "
                                   "WHERE id=?1"},
        {&statements_->bet_by_id, bet_select + "WHERE id=?"},
        {&statements_->bet_by_key, bet_select + "WHERE idempotency_key=?"},
        {&statements_->bets_by_customer, bet_select + "WHERE customer_id=? ORDER BY id"},
        {&statements_->bets_by_market, bet_select + "WHERE event_id=? AND market_key=? ORDER BY id"},
        {&statements_->all_bets, bet_select + "ORDER BY id"},
        {&statements_->upsert_market, "INSERT OR REPLACE INTO markets(event_id, market_key, sport, outcomes, state, "
                                      "cause, window_start_ms, window_end_ms, result, settlement_version) "
                                      "VALUES(?,?,?,?,?,?,?,?,?,?)"},
        {&statements_->all_markets, "SELECT event_id, market_key, sport, outcomes, state, cause, window_start_ms, "
                                    "window_end_ms, result, settlement_version FROM markets ORDER BY rowid"},
        {&statements_->insert_audit, "INSERT INTO audit(time_ms, actor, entity, action, detail) VALUES(?,?,?,?,?)"},
        {&statements_->audit_by_prefix, "SELECT seq, time_ms, actor, entity, action, detail FROM audit "
                                        "WHERE substr(entity, 1, length(?1)) = ?1 ORDER BY seq"},
        {&statements_->begin, "BEGIN IMMEDIATE"},
        {&statements_->commit, "COMMIT"},
        {&statements_->rollback, "ROLLBACK"},
    };
    for (const auto& [target, sql] : all) {
        if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, target, nullptr) != SQLITE_OK) {
            return SqlError(db_, "preparing " + sql);
        }
    }
    return Status::Ok();
}

namespace {

// Runs a statement to completion (no rows expected).
int Step(sqlite3_stmt* s) {
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc;
}

//! Inside a DeferredSync, the connection's commits skip the sync to disk (synchronous=NORMAL: in WAL mode a commit
//! is in the log when it returns, synced by the next FULL commit or checkpoint) and leave the log's checkpoint (which
//! syncs the database file) to the next synced commit, until the scope's write is done.
class SyncScope {
public:
    explicit SyncScope(sqlite3* db) : db_(DeferredSync::Active() ? db : nullptr) {
        if (db_ != nullptr) {
            sqlite3_exec(db_, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
            sqlite3_wal_autocheckpoint(db_, 0);
        }
    }
    ~SyncScope() {
        if (db_ != nullptr) {
            sqlite3_wal_autocheckpoint(db_, kAutoCheckpointPages);
            sqlite3_exec(db_, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
        }
    }
    static constexpr int kAutoCheckpointPages = 1000; // SQLite's default
    SyncScope(const SyncScope&) = delete;
    SyncScope& operator=(const SyncScope&) = delete;

private:
    sqlite3* db_;
};

} // namespace

Status SqliteLedger::InsertAudit(const AuditEntry& a) {
    sqlite3_stmt* s = statements_->insert_audit;
    sqlite3_bind_int64(s, 1, a.time_ms);
    BindText(s, 2, a.actor);
    BindText(s, 3, a.entity);
    BindText(s, 4, a.action);
    BindText(s, 5, a.detail);
    return Step(s) == SQLITE_DONE ? Status::Ok() : SqlError(db_, "appending to the audit trail");
}

Status SqliteLedger::UpsertMarket(const MarketRecord& m) {
    sqlite3_stmt* s = statements_->upsert_market;
    BindText(s, 1, m.event_id);
    BindText(s, 2, m.key);
    BindText(s, 3, m.sport);
    BindText(s, 4, EncodeOutcomes(m.outcomes));
    sqlite3_bind_int(s, 5, static_cast<int>(m.state));
    sqlite3_bind_int(s, 6, static_cast<int>(m.cause));
    sqlite3_bind_int64(s, 7, m.window_start_ms);
    sqlite3_bind_int64(s, 8, m.window_end_ms);
    BindText(s, 9, m.result);
    sqlite3_bind_int(s, 10, m.settlement_version);
    return Step(s) == SQLITE_DONE ? Status::Ok() : SqlError(db_, "saving a market");
}

Result<std::optional<BetRecord>> SqliteLedger::QueryOneBet(sqlite3_stmt* s) {
    Reset reset{s};
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        return std::optional<BetRecord>(ReadBet(s));
    }
    if (rc == SQLITE_DONE) {
        return std::optional<BetRecord>();
    }
    return SqlError(db_, "reading a bet");
}

Result<std::vector<BetRecord>> SqliteLedger::QueryBets(sqlite3_stmt* s) {
    Reset reset{s};
    std::vector<BetRecord> bets;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        bets.push_back(ReadBet(s));
    }
    if (rc != SQLITE_DONE) {
        return SqlError(db_, "reading bets");
    }
    return bets;
}

void SqliteLedger::CommitBatch(std::deque<Pending*>& batch) {
    std::vector<std::optional<Result<StoredBet>>> results(batch.size());
    std::lock_guard lock(mutex_);
    if (Step(statements_->begin) != SQLITE_DONE) {
        const Status error = SqlError(db_, "beginning a transaction");
        for (Pending* p : batch) {
            p->done.set_value(error);
        }
        return;
    }
    // Savepoint statements; a failed ROLLBACK TO or RELEASE leaves the error to the COMMIT.
    const auto sql = [this](const char* text) {
        return sqlite3_exec(db_, text, nullptr, nullptr, nullptr) == SQLITE_OK;
    };
    bool any_inserted = false;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const BetRecord& bet = *batch[i]->bet;
        if (!sql("SAVEPOINT bet")) {
            results[i] = SqlError(db_, "starting a savepoint");
            continue;
        }
        sqlite3_stmt* s = statements_->insert_bet;
        BindBet(s, bet);
        const int rc = Step(s);
        if (rc == SQLITE_DONE) {
            if (Status audit = InsertAudit(*batch[i]->audit); !audit.ok()) {
                sql("ROLLBACK TO bet");
                sql("RELEASE bet");
                results[i] = audit;
                continue;
            }
            sql("RELEASE bet");
            results[i] = StoredBet{bet, true};
            any_inserted = true;
            continue;
        }
        const Status error = SqlError(db_, "storing a bet");
        sql("ROLLBACK TO bet");
        sql("RELEASE bet");
        if ((rc & 0xff) == SQLITE_CONSTRAINT) {
            sqlite3_stmt* q = statements_->bet_by_key;
            BindText(q, 1, bet.idempotency_key);
            auto existing = QueryOneBet(q);
            if (existing.ok() && existing->has_value()) {
                results[i] = StoredBet{**existing, false};
                continue;
            }
        }
        results[i] = error;
    }
    if (Step(statements_->commit) != SQLITE_DONE) {
        const Status error = SqlError(db_, "committing bets");
        Step(statements_->rollback);
        for (Pending* p : batch) {
            p->done.set_value(error);
        }
        return;
    }
    if (any_inserted) {
        ++bet_commits_;
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        batch[i]->done.set_value(std::move(*results[i]));
    }
}

void SqliteLedger::WriterLoop() {
    std::deque<Pending*> batch;
    for (;;) {
        {
            std::unique_lock lock(queue_mutex_);
            queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) {
                return;
            }
            const std::size_t n = std::min(queue_.size(), static_cast<std::size_t>(options_.max_batch));
            batch.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
            queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
        }
        CommitBatch(batch);
        batch.clear();
    }
}

Result<StoredBet> SqliteLedger::PlaceBet(const BetRecord& bet, const AuditEntry& audit) {
    Pending pending{&bet, &audit, {}};
    auto future = pending.done.get_future();
    if (options_.group_commit) {
        {
            std::lock_guard lock(queue_mutex_);
            if (stopping_) {
                return Status{StatusCode::kUnavailable, "the ledger is closing"};
            }
            queue_.push_back(&pending);
        }
        queue_cv_.notify_one();
    } else {
        std::deque<Pending*> batch{&pending};
        CommitBatch(batch);
    }
    return future.get();
}

Result<std::optional<BetRecord>> SqliteLedger::GetBet(std::int64_t id) {
    std::lock_guard lock(mutex_);
    sqlite3_bind_int64(statements_->bet_by_id, 1, id);
    return QueryOneBet(statements_->bet_by_id);
}

Result<std::optional<BetRecord>> SqliteLedger::FindBetByKey(const std::string& idempotency_key) {
    std::lock_guard lock(mutex_);
    BindText(statements_->bet_by_key, 1, idempotency_key);
    return QueryOneBet(statements_->bet_by_key);
}

Result<std::vector<BetRecord>> SqliteLedger::ListBetsByCustomer(const std::string& customer_id) {
    std::lock_guard lock(mutex_);
    BindText(statements_->bets_by_customer, 1, customer_id);
    return QueryBets(statements_->bets_by_customer);
}

Result<std::vector<BetRecord>> SqliteLedger::ListBetsByMarket(const std::string& event_id,
                                                              const std::string& market_key) {
    std::lock_guard lock(mutex_);
    BindText(statements_->bets_by_market, 1, event_id);
    BindText(statements_->bets_by_market, 2, market_key);
    return QueryBets(statements_->bets_by_market);
}

Status SqliteLedger::SaveMarkets(const std::vector<std::pair<MarketRecord, AuditEntry>>& markets) {
    std::lock_guard lock(mutex_);
    const SyncScope sync(db_); // a live update's reprices: synced by the update's last commit
    if (Step(statements_->begin) != SQLITE_DONE) {
        return SqlError(db_, "beginning a transaction");
    }
    Status status = Status::Ok();
    for (std::size_t i = 0; status.ok() && i < markets.size(); ++i) {
        status = UpsertMarket(markets[i].first);
        if (status.ok()) {
            status = InsertAudit(markets[i].second);
        }
    }
    if (status.ok() && Step(statements_->commit) == SQLITE_DONE) {
        ++market_commits_;
        return Status::Ok();
    }
    if (status.ok()) {
        status = SqlError(db_, "committing a market");
    }
    Step(statements_->rollback);
    return status;
}

Status SqliteLedger::SaveSettlement(const MarketRecord& market, const std::vector<BetRecord>& bets,
                                    const std::vector<AuditEntry>& audit) {
    std::lock_guard lock(mutex_);
    if (Step(statements_->begin) != SQLITE_DONE) {
        return SqlError(db_, "beginning a transaction");
    }
    Status status = UpsertMarket(market);
    for (std::size_t i = 0; status.ok() && i < bets.size(); ++i) {
        sqlite3_stmt* s = statements_->update_bet;
        sqlite3_bind_int64(s, 1, bets[i].id);
        sqlite3_bind_int(s, 2, bets[i].settled ? 1 : 0);
        sqlite3_bind_int(s, 3, static_cast<int>(bets[i].settlement));
        sqlite3_bind_int64(s, 4, bets[i].payout);
        sqlite3_bind_int(s, 5, bets[i].settlement_version);
        if (Step(s) != SQLITE_DONE || sqlite3_changes(db_) != 1) {
            status = SqlError(db_, "settling bet " + std::to_string(bets[i].id));
        }
    }
    for (std::size_t i = 0; status.ok() && i < audit.size(); ++i) {
        status = InsertAudit(audit[i]);
    }
    if (status.ok() && Step(statements_->commit) == SQLITE_DONE) {
        return Status::Ok();
    }
    if (status.ok()) {
        status = SqlError(db_, "committing a settlement");
    }
    Step(statements_->rollback);
    return status;
}

Status SqliteLedger::AppendAudit(const AuditEntry& audit) {
    std::lock_guard lock(mutex_);
    const SyncScope sync(db_);
    return InsertAudit(audit);
}

Result<std::vector<AuditEntry>> SqliteLedger::ListAudit(const std::string& entity_prefix) {
    std::lock_guard lock(mutex_);
    sqlite3_stmt* s = statements_->audit_by_prefix;
    Reset reset{s};
    BindText(s, 1, entity_prefix);
    std::vector<AuditEntry> rows;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        rows.push_back({sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1), ColumnText(s, 2), ColumnText(s, 3),
                        ColumnText(s, 4), ColumnText(s, 5)});
    }
    if (rc != SQLITE_DONE) {
        return SqlError(db_, "reading the audit trail");
    }
    return rows;
}

Result<LedgerSnapshot> SqliteLedger::LoadAll() {
    std::lock_guard lock(mutex_);
    LedgerSnapshot snapshot;
    {
        sqlite3_stmt* s = statements_->all_markets;
        Reset reset{s};
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            MarketRecord m;
            m.event_id = ColumnText(s, 0);
            m.key = ColumnText(s, 1);
            m.sport = ColumnText(s, 2);
            m.outcomes = DecodeOutcomes(ColumnText(s, 3));
            m.state = static_cast<MarketState>(sqlite3_column_int(s, 4));
            m.cause = static_cast<SuspensionCause>(sqlite3_column_int(s, 5));
            m.window_start_ms = sqlite3_column_int64(s, 6);
            m.window_end_ms = sqlite3_column_int64(s, 7);
            m.result = ColumnText(s, 8);
            m.settlement_version = sqlite3_column_int(s, 9);
            snapshot.markets.push_back(std::move(m));
        }
        if (rc != SQLITE_DONE) {
            return SqlError(db_, "reading markets");
        }
    }
    auto bets = QueryBets(statements_->all_bets);
    if (!bets.ok()) {
        return bets.status();
    }
    snapshot.bets = std::move(*bets);
    return snapshot;
}

std::int64_t SqliteLedger::MarketCommits() const {
    std::lock_guard lock(mutex_);
    return market_commits_;
}

std::int64_t SqliteLedger::BetCommits() const {
    std::lock_guard lock(mutex_);
    return bet_commits_;
}

std::string_view ToString(MarketState state) {
    switch (state) {
    case MarketState::kOpen:
        return "open";
    case MarketState::kSuspended:
        return "suspended";
    case MarketState::kManualReview:
        return "manual_review";
    case MarketState::kSettled:
        return "settled";
    }
    return "?";
}

} // namespace simbook::odds::risk
