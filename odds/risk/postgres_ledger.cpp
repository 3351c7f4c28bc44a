#include "odds/risk/postgres_ledger.hpp"
#include "odds/risk/detail/outcome_text.hpp"

#include "odds/risk/detail/postgres_schema.hpp"
#include "odds/risk/sqlite_ledger.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>

namespace simbook::odds::risk {

namespace {

constexpr const char* kBetColumns =
    "id, idempotency_key, customer_id, tier, event_id, market_key, outcome, line, requested_price, price, stake, "
    "potential_payout, placed_at_ms, settled, settlement, payout, settlement_version";
constexpr const char* kMarketColumns = "event_id, market_key, sport, outcomes, state, cause, window_start_ms, "
                                       "window_end_ms, result, settlement_version";

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

// A failed statement; `retry` when PostgreSQL says the transaction may succeed if run again.
struct SqlFailure {
    Status status;
    bool retry = false;
};

using Params = std::vector<std::string>;

// Runs one statement with text parameters; throws SqlFailure unless it succeeded.
PgResult Run(PGconn* conn, const std::string& sql, const Params& params = {}) {
    std::vector<const char*> values;
    for (const std::string& p : params) {
        values.push_back(p.c_str());
    }
    PgResult r(
        PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0));
    const ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
        return r;
    }
    const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
    const std::string code = state ? state : "";
    std::string message = "postgresql: ";
    message += PQerrorMessage(conn);
    while (!message.empty() && message.back() == '\n') {
        message.pop_back();
    }
    // 40001 serialization failure, 40P01 deadlock: the whole transaction may be run again.
    throw SqlFailure{{StatusCode::kUnavailable, message}, code == "40001" || code == "40P01"};
}

std::string Text(const PgResult& r, int row, int column) {
    return std::string(PQgetvalue(r.get(), row, column), static_cast<std::size_t>(PQgetlength(r.get(), row, column)));
}

std::int64_t Int(const PgResult& r, int row, int column) {
    return std::stoll(Text(r, row, column));
}

Params BetParams(const BetRecord& b) {
    char line[64];
    std::snprintf(line, sizeof(line), "%.17g", b.line);
    return {b.idempotency_key,
            b.customer_id,
            std::to_string(static_cast<int>(b.tier)),
            b.event_id,
            b.market_key,
            b.outcome,
            line,
            std::to_string(b.requested_price),
            std::to_string(b.price),
            std::to_string(b.stake),
            std::to_string(b.potential_payout),
            std::to_string(b.placed_at_ms),
            b.settled ? "true" : "false",
            std::to_string(static_cast<int>(b.settlement)),
            std::to_string(b.payout),
            std::to_string(b.settlement_version)};
}

BetRecord ReadBet(const PgResult& r, int row) {
    BetRecord b;
    b.id = Int(r, row, 0);
    b.idempotency_key = Text(r, row, 1);
    b.customer_id = Text(r, row, 2);
    b.tier = static_cast<CustomerTier>(Int(r, row, 3));
    b.event_id = Text(r, row, 4);
    b.market_key = Text(r, row, 5);
    b.outcome = Text(r, row, 6);
    b.line = std::stod(Text(r, row, 7));
    b.requested_price = Int(r, row, 8);
    b.price = Int(r, row, 9);
    b.stake = Int(r, row, 10);
    b.potential_payout = Int(r, row, 11);
    b.placed_at_ms = Int(r, row, 12);
    b.settled = Text(r, row, 13) == "t";
    b.settlement = static_cast<SettlementKind>(Int(r, row, 14));
    b.payout = Int(r, row, 15);
    b.settlement_version = static_cast<int>(Int(r, row, 16));
    return b;
}

std::vector<BetRecord> ReadBets(const PgResult& r) {
    std::vector<BetRecord> bets;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
        bets.push_back(ReadBet(r, i));
    }
    return bets;
}

using detail::DecodeOutcomes;

std::vector<MarketRecord> ReadMarkets(const PgResult& r) {
    std::vector<MarketRecord> markets;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
        MarketRecord m;
        m.event_id = Text(r, i, 0);
        m.key = Text(r, i, 1);
        m.sport = Text(r, i, 2);
        m.outcomes = DecodeOutcomes(Text(r, i, 3));
        m.state = static_cast<MarketState>(Int(r, i, 4));
        m.cause = static_cast<SuspensionCause>(Int(r, i, 5));
        m.window_start_ms = Int(r, i, 6);
        m.window_end_ms = Int(r, i, 7);
        m.result = Text(r, i, 8);
        m.settlement_version = static_cast<int>(Int(r, i, 9));
        markets.push_back(std::move(m));
    }
    return markets;
}
using detail::EncodeOutcomes;

void InsertAudit(PGconn* conn, const AuditEntry& a) {
    Run(conn, "INSERT INTO audit(time_ms, actor, entity, action, detail) VALUES($1, $2, $3, $4, $5)",
        {std::to_string(a.time_ms), a.actor, a.entity, a.action, a.detail});
}

void UpsertMarket(PGconn* conn, const MarketRecord& m) {
    Run(conn,
        std::string("INSERT INTO markets(") + kMarketColumns +
            ") VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (event_id, market_key) DO UPDATE SET "
            "sport = EXCLUDED.sport, outcomes = EXCLUDED.outcomes, state = EXCLUDED.state, cause = EXCLUDED.cause, "
            "window_start_ms = EXCLUDED.window_start_ms, window_end_ms = EXCLUDED.window_end_ms, "
            "result = EXCLUDED.result, settlement_version = EXCLUDED.settlement_version",
        {m.event_id, m.key, m.sport, EncodeOutcomes(m.outcomes), std::to_string(static_cast<int>(m.state)),
         std::to_string(static_cast<int>(m.cause)), std::to_string(m.window_start_ms), std::to_string(m.window_end_ms),
         m.result, std::to_string(m.settlement_version)});
}

// Writes a known market's prices only, leaving its state as stored (every node's); false when the market is not
// stored yet.
bool UpdatePrices(PGconn* conn, const MarketRecord& m) {
    PgResult r = Run(conn, "UPDATE markets SET outcomes = $3 WHERE event_id = $1 AND market_key = $2",
                     {m.event_id, m.key, EncodeOutcomes(m.outcomes)});
    return std::string(PQcmdTuples(r.get())) == "1";
}

// Announces at the commit that the event's markets were opened, suspended, reopened or settled: every node's book
// follows their states (EventMarkets).
void NotifyMarkets(PGconn* conn, const std::string& event_id) {
    Run(conn, "SELECT pg_notify('simbook_markets', $1)", {event_id});
}

// Locks the event for the rest of the transaction: its bets and settlements run one at a time on every node.
void LockEvent(PGconn* conn, const std::string& event_id) {
    Run(conn, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", {event_id});
}

// One market's exposure as every node's bets left it.
struct SharedMarket {
    std::vector<std::string> outcomes;
    std::map<std::string, Cents> payouts;
    Cents stakes = 0;

    Cents Liability(const std::string& outcome) const {
        const auto it = payouts.find(outcome);
        return (it == payouts.end() ? 0 : it->second) - stakes;
    }
    Cents Worst() const {
        Cents worst = outcomes.empty() ? 0 : Liability(outcomes[0]);
        for (const std::string& o : outcomes) {
            worst = std::max(worst, Liability(o));
        }
        return worst;
    }
};

// The limit check of RiskBook::PlaceBet, against the exposure of every node's bets on the event (the event is
// locked). Returns the refusal, or kNone.
StoredBet CheckLimits(PGconn* conn, const Limits& limits, const BetRecord& bet) {
    PgResult r = Run(conn,
                     "SELECT m.market_key, m.outcomes, e.outcome, e.stakes, e.payouts FROM markets m "
                     "LEFT JOIN exposure e ON e.event_id = m.event_id AND e.market_key = m.market_key "
                     "WHERE m.event_id = $1 AND m.state <> 3",
                     {bet.event_id});
    std::map<std::string, SharedMarket> markets;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
        SharedMarket& m = markets[Text(r, i, 0)];
        if (m.outcomes.empty()) {
            for (const OutcomePrice& o : DecodeOutcomes(Text(r, i, 1))) {
                m.outcomes.push_back(o.name);
            }
        }
        if (!PQgetisnull(r.get(), i, 2)) {
            m.payouts[Text(r, i, 2)] += Int(r, i, 4);
            m.stakes += Int(r, i, 3);
        }
    }
    StoredBet answer;
    const auto market = markets.find(bet.market_key);
    if (market == markets.end()) {
        return answer; // the state check refuses it
    }
    const Cents outcome_liability = market->second.Liability(bet.outcome);
    const Cents market_liability = market->second.Worst();
    Cents event_liability = 0;
    for (const auto& [key, m] : markets) {
        event_liability += std::max<Cents>(0, m.Worst());
    }
    const std::pair<LimitKind, Cents> candidates[] = {
        {LimitKind::kOutcomeLiability,
         LargestStakeForBudget(std::max(limits.max_liability_per_outcome, outcome_liability) - outcome_liability,
                               bet.price)},
        {LimitKind::kMarketLiability,
         LargestStakeForBudget(std::max(limits.max_liability_per_market, market_liability) - outcome_liability,
                               bet.price)},
        {LimitKind::kEventLiability,
         LargestStakeForBudget(std::max(limits.max_liability_per_event, event_liability) - event_liability +
                                   std::max<Cents>(0, market_liability) - outcome_liability,
                               bet.price)},
    };
    const auto binding = std::min_element(std::begin(candidates), std::end(candidates),
                                          [](const auto& a, const auto& b) { return a.second < b.second; });
    if (bet.stake > binding->second) {
        answer.refusal = LedgerRefusal::kLimit;
        answer.limit = binding->first;
        answer.max_stake = binding->second;
        answer.message = "stake breaches ";
        answer.message += ToString(binding->first);
        answer.message += " (every node's bets); largest acceptable stake " + std::to_string(binding->second);
    }
    return answer;
}

// Runs `body` in one transaction (BEGIN ... COMMIT), again from the start when PostgreSQL reports a
// serialization failure or a deadlock; any other failure rolls back and is returned.
template <typename T> Result<T> Transact(PGconn* conn, const std::function<T(PGconn*)>& body) {
    for (int attempt = 0;; ++attempt) {
        try {
            Run(conn, "BEGIN");
            T value = body(conn);
            Run(conn, "COMMIT");
            return value;
        } catch (const SqlFailure& failure) {
            PgResult rollback(PQexec(conn, "ROLLBACK"));
            if (!failure.retry || attempt >= 8) {
                return failure.status;
            }
        }
    }
}

Status TransactStatus(PGconn* conn, const std::function<void(PGconn*)>& body) {
    auto done = Transact<bool>(conn, [&](PGconn* c) {
        body(c);
        return true;
    });
    return done.ok() ? Status::Ok() : done.status();
}

} // namespace

// A pooled connection for one call, returned on destruction; reset first when the server dropped it.
class PostgresLedger::Lease {
public:
    explicit Lease(PostgresLedger& ledger) : ledger_(ledger), conn_(ledger.Acquire()) {
        if (PQstatus(conn_) != CONNECTION_OK) {
            PQreset(conn_);
        }
    }
    ~Lease() { ledger_.Release(conn_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    PGconn* get() const { return conn_; }

private:
    PostgresLedger& ledger_;
    PGconn* conn_;
};

PostgresLedger::PostgresLedger(std::vector<pg_conn*> pool) : all_(pool), free_(std::move(pool)) {}

PostgresLedger::~PostgresLedger() {
    for (PGconn* conn : all_) {
        PQfinish(conn);
    }
}

Result<std::unique_ptr<PostgresLedger>> PostgresLedger::Open(const std::string& uri, PostgresLedgerOptions options) {
    if (!IsPostgresUri(uri)) {
        return InvalidArgument("uri", "must start with postgresql:// or postgres://, got '" + uri.substr(0, 64) + "'");
    }
    if (options.connections < 1 || options.connections > 64) {
        return InvalidArgument("connections", "must be in [1, 64], got " + std::to_string(options.connections));
    }
    std::vector<PGconn*> pool;
    const auto fail = [&pool](std::string message) {
        for (PGconn* c : pool) {
            PQfinish(c);
        }
        return Status{StatusCode::kUnavailable, std::move(message)};
    };
    for (int i = 0; i < options.connections; ++i) {
        PGconn* conn = PQconnectdb(uri.c_str());
        pool.push_back(conn);
        // Schema creation's "already exists, skipping" notices are not news.
        PQsetNoticeProcessor(
            conn, [](void*, const char*) {}, nullptr);
        if (PQstatus(conn) != CONNECTION_OK) {
            std::string why = PQerrorMessage(conn);
            while (!why.empty() && why.back() == '\n') {
                why.pop_back();
            }
            return fail("cannot connect to " + uri + ": " + why);
        }
    }
    // Schema creation in one transaction (a multi-statement query runs as one).
    PgResult schema(PQexec(pool[0], detail::kPostgresSchema));
    if (PQresultStatus(schema.get()) != PGRES_TUPLES_OK && PQresultStatus(schema.get()) != PGRES_COMMAND_OK) {
        return fail(std::string("postgresql schema: ") + PQerrorMessage(pool[0]));
    }
    return std::unique_ptr<PostgresLedger>(new PostgresLedger(std::move(pool)));
}

PGconn* PostgresLedger::Acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !free_.empty(); });
    PGconn* conn = free_.back();
    free_.pop_back();
    return conn;
}

void PostgresLedger::Release(pg_conn* conn) {
    {
        std::lock_guard lock(mutex_);
        free_.push_back(conn);
    }
    available_.notify_one();
}

void PostgresLedger::EnforceLimits(const Limits& limits) {
    std::lock_guard lock(mutex_);
    limits_ = limits;
}

Result<StoredBet> PostgresLedger::PlaceBet(const BetRecord& bet, const AuditEntry& audit) {
    std::optional<Limits> limits;
    {
        std::lock_guard lock(mutex_);
        limits = limits_;
    }
    Lease lease(*this);
    const std::string select_by_key = std::string("SELECT ") + kBetColumns + " FROM bets WHERE idempotency_key = $1";
    return Transact<StoredBet>(lease.get(), [&](PGconn* conn) {
        LockEvent(conn, bet.event_id);
        // A repeat returns the original, whichever node stored it (the event lock orders the two requests).
        PgResult earlier = Run(conn, select_by_key, {bet.idempotency_key});
        if (PQntuples(earlier.get()) > 0) {
            return StoredBet{ReadBet(earlier, 0), false};
        }
        if (limits) {
            // Another node may have suspended or settled the market: its state in the database decides.
            PgResult state = Run(conn, "SELECT state FROM markets WHERE event_id = $1 AND market_key = $2",
                                 {bet.event_id, bet.market_key});
            if (PQntuples(state.get()) == 0 || Int(state, 0, 0) != static_cast<int>(MarketState::kOpen)) {
                StoredBet refused;
                refused.refusal = LedgerRefusal::kMarketNotOpen;
                refused.message = PQntuples(state.get()) == 0
                                      ? "market not stored"
                                      : "market " + std::string(ToString(static_cast<MarketState>(Int(state, 0, 0))));
                return refused;
            }
            StoredBet refused = CheckLimits(conn, *limits, bet);
            if (refused.refusal != LedgerRefusal::kNone) {
                return refused;
            }
        }
        PgResult inserted = Run(conn,
                                "INSERT INTO bets(idempotency_key, customer_id, tier, event_id, market_key, outcome, "
                                "line, requested_price, price, stake, potential_payout, placed_at_ms, settled, "
                                "settlement, payout, settlement_version) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                                "$10, $11, $12, $13, $14, $15, $16) ON CONFLICT (idempotency_key) DO NOTHING "
                                "RETURNING id",
                                BetParams(bet));
        if (PQntuples(inserted.get()) == 0) {
            PgResult stored = Run(conn, select_by_key, {bet.idempotency_key});
            return StoredBet{ReadBet(stored, 0), false};
        }
        StoredBet stored{bet, true};
        stored.bet.id = Int(inserted, 0, 0);
        // Every node's book follows the event's totals: the notice (the event's id) goes out at the commit.
        Run(conn,
            "WITH added AS (INSERT INTO exposure(event_id, market_key, outcome, stakes, payouts) "
            "VALUES($1, $2, $3, $4, $5) ON CONFLICT (event_id, market_key, outcome) DO UPDATE SET "
            "stakes = exposure.stakes + EXCLUDED.stakes, payouts = exposure.payouts + EXCLUDED.payouts "
            "RETURNING event_id) SELECT pg_notify('simbook_bets', event_id) FROM added",
            {bet.event_id, bet.market_key, bet.outcome, std::to_string(bet.stake),
             std::to_string(bet.potential_payout)});
        AuditEntry row = audit;
        if (row.entity.rfind("bet:", 0) == 0) {
            row.entity = "bet:" + std::to_string(stored.bet.id); // the id the database gave it
        }
        InsertAudit(conn, row);
        return stored;
    });
}

Result<std::optional<std::vector<OutcomeTotals>>> PostgresLedger::EventTotals(const std::string& event_id) {
    Lease lease(*this);
    return Transact<std::optional<std::vector<OutcomeTotals>>>(lease.get(), [&](PGconn* conn) {
        PgResult r =
            Run(conn, "SELECT market_key, outcome, stakes, payouts FROM exposure WHERE event_id = $1", {event_id});
        std::vector<OutcomeTotals> totals;
        for (int i = 0; i < PQntuples(r.get()); ++i) {
            totals.push_back({Text(r, i, 0), Text(r, i, 1), Int(r, i, 2), Int(r, i, 3)});
        }
        return std::optional<std::vector<OutcomeTotals>>(std::move(totals));
    });
}

Result<std::vector<MarketRecord>> PostgresLedger::EventMarkets(const std::string& event_id) {
    Lease lease(*this);
    return Transact<std::vector<MarketRecord>>(lease.get(), [&](PGconn* conn) {
        return ReadMarkets(
            Run(conn, std::string("SELECT ") + kMarketColumns + " FROM markets WHERE event_id = $1 ORDER BY seq",
                {event_id}));
    });
}

Result<std::optional<BetRecord>> PostgresLedger::GetBet(std::int64_t id) {
    Lease lease(*this);
    return Transact<std::optional<BetRecord>>(lease.get(), [&](PGconn* conn) {
        PgResult r = Run(conn, std::string("SELECT ") + kBetColumns + " FROM bets WHERE id = $1", {std::to_string(id)});
        return PQntuples(r.get()) > 0 ? std::optional<BetRecord>(ReadBet(r, 0)) : std::nullopt;
    });
}

Result<std::optional<BetRecord>> PostgresLedger::FindBetByKey(const std::string& idempotency_key) {
    Lease lease(*this);
    return Transact<std::optional<BetRecord>>(lease.get(), [&](PGconn* conn) {
        PgResult r = Run(conn, std::string("SELECT ") + kBetColumns + " FROM bets WHERE idempotency_key = $1",
                         {idempotency_key});
        return PQntuples(r.get()) > 0 ? std::optional<BetRecord>(ReadBet(r, 0)) : std::nullopt;
    });
}

Result<std::vector<BetRecord>> PostgresLedger::ListBetsByCustomer(const std::string& customer_id) {
    Lease lease(*this);
    return Transact<std::vector<BetRecord>>(lease.get(), [&](PGconn* conn) {
        return ReadBets(Run(conn,
                            std::string("SELECT ") + kBetColumns + " FROM bets WHERE customer_id = $1 ORDER BY id",
                            {customer_id}));
    });
}

Result<std::vector<BetRecord>> PostgresLedger::ListBetsByMarket(const std::string& event_id,
                                                                const std::string& market_key) {
    Lease lease(*this);
    return Transact<std::vector<BetRecord>>(lease.get(), [&](PGconn* conn) {
        return ReadBets(
            Run(conn,
                std::string("SELECT ") + kBetColumns + " FROM bets WHERE event_id = $1 AND market_key = $2 ORDER BY id",
                {event_id, market_key}));
    });
}

Status PostgresLedger::SaveMarkets(const std::vector<std::pair<MarketRecord, AuditEntry>>& markets) {
    Lease lease(*this);
    return TransactStatus(lease.get(), [&](PGconn* conn) {
        std::set<std::string> moved; // events with a market opened or whose state changed
        for (const auto& [market, audit] : markets) {
            // A plain reprice writes the prices only: the state in the database is every node's (another node's
            // trader may have suspended the market since this book last heard of it), never this book's belief.
            if (!IsPlainReprice(audit) || !UpdatePrices(conn, market)) {
                UpsertMarket(conn, market);
                moved.insert(market.event_id);
            }
            InsertAudit(conn, audit);
        }
        for (const std::string& event_id : moved) {
            NotifyMarkets(conn, event_id);
        }
    });
}

Status PostgresLedger::SaveSettlement(const MarketRecord& market, const std::vector<BetRecord>& bets,
                                      const std::vector<AuditEntry>& audit) {
    Lease lease(*this);
    std::optional<Status> refused;
    Status status = TransactStatus(lease.get(), [&](PGconn* conn) {
        refused.reset();
        LockEvent(conn, market.event_id);
        PgResult stored = Run(conn, "SELECT settlement_version FROM markets WHERE event_id = $1 AND market_key = $2",
                              {market.event_id, market.key});
        const std::string name = market.event_id + "/" + market.key;
        const int version = PQntuples(stored.get()) > 0 ? static_cast<int>(Int(stored, 0, 0)) : 0;
        if (version != market.settlement_version - 1) {
            refused = Status{StatusCode::kFailedPrecondition,
                             "market " + name + " is at settlement version " + std::to_string(version) +
                                 " in the database (another node settled it); expected " +
                                 std::to_string(market.settlement_version - 1)};
            return;
        }
        if (market.settlement_version == 1) {
            PgResult count = Run(conn, "SELECT count(*) FROM bets WHERE event_id = $1 AND market_key = $2",
                                 {market.event_id, market.key});
            if (Int(count, 0, 0) != static_cast<std::int64_t>(bets.size())) {
                refused = Status{StatusCode::kUnavailable, "market " + name +
                                                               " took bets on another node while it was being "
                                                               "settled; settle again"};
                return;
            }
        }
        UpsertMarket(conn, market);
        NotifyMarkets(conn, market.event_id);
        for (const BetRecord& b : bets) {
            PgResult r =
                Run(conn,
                    "UPDATE bets SET settled = $2, settlement = $3, payout = $4, settlement_version = $5 "
                    "WHERE id = $1",
                    {std::to_string(b.id), b.settled ? "true" : "false", std::to_string(static_cast<int>(b.settlement)),
                     std::to_string(b.payout), std::to_string(b.settlement_version)});
            if (std::string(PQcmdTuples(r.get())) != "1") {
                throw SqlFailure{{StatusCode::kUnavailable, "settling bet " + std::to_string(b.id) + ": not stored"}};
            }
        }
        for (const AuditEntry& a : audit) {
            InsertAudit(conn, a);
        }
    });
    return refused ? *refused : status;
}

Status PostgresLedger::AppendAudit(const AuditEntry& audit) {
    Lease lease(*this);
    return TransactStatus(lease.get(), [&](PGconn* conn) { InsertAudit(conn, audit); });
}

Result<std::vector<AuditEntry>> PostgresLedger::ListAudit(const std::string& entity_prefix) {
    Lease lease(*this);
    return Transact<std::vector<AuditEntry>>(lease.get(), [&](PGconn* conn) {
        PgResult r = Run(conn,
                         "SELECT seq, time_ms, actor, entity, action, detail FROM audit "
                         "WHERE left(entity, length($1)) = $1 ORDER BY seq",
                         {entity_prefix});
        std::vector<AuditEntry> rows;
        for (int i = 0; i < PQntuples(r.get()); ++i) {
            rows.push_back({Int(r, i, 0), Int(r, i, 1), Text(r, i, 2), Text(r, i, 3), Text(r, i, 4), Text(r, i, 5)});
        }
        return rows;
    });
}

Result<LedgerSnapshot> PostgresLedger::LoadAll() {
    Lease lease(*this);
    return Transact<LedgerSnapshot>(lease.get(), [&](PGconn* conn) {
        // One snapshot of both tables: no bet without its market.
        Run(conn, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        LedgerSnapshot snapshot;
        PgResult markets = Run(conn, std::string("SELECT ") + kMarketColumns + " FROM markets ORDER BY seq");
        snapshot.markets = ReadMarkets(markets);
        snapshot.bets = ReadBets(Run(conn, std::string("SELECT ") + kBetColumns + " FROM bets ORDER BY id"));
        return snapshot;
    });
}

bool PostgresLedger::Reachable() {
    Lease lease(*this);
    PgResult r(PQexec(lease.get(), "SELECT 1"));
    return PQresultStatus(r.get()) == PGRES_TUPLES_OK;
}

bool IsPostgresUri(const std::string& store) {
    return store.rfind("postgresql://", 0) == 0 || store.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Ledger>> OpenLedger(const std::string& store) {
    if (IsPostgresUri(store)) {
        auto ledger = PostgresLedger::Open(store);
        if (!ledger.ok()) {
            return ledger.status();
        }
        return std::unique_ptr<Ledger>(std::move(*ledger));
    }
    auto ledger = SqliteLedger::Open(store);
    if (!ledger.ok()) {
        return ledger.status();
    }
    return std::unique_ptr<Ledger>(std::move(*ledger));
}

} // namespace simbook::odds::risk
