//! The book's durable store: bets, market states, settlements and the append-only audit trail, behind an
//! interface that SQLite (sqlite_ledger.hpp, embedded, one process) and PostgreSQL (postgres_ledger.hpp, shared by
//! several API nodes) implement.
#pragma once

#include "odds/result.hpp"
#include "odds/risk/limits.hpp"
#include "odds/risk/money.hpp"
#include "odds/risk/suspension.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace simbook::odds::risk {

//! One bet as stored. Money in cents, prices in thousandths, times in milliseconds of the book's clock.
struct BetRecord {
    std::int64_t id = 0;         //!< assigned by the book, > 0
    std::string idempotency_key; //!< unique over all bets
    std::string customer_id;
    CustomerTier tier = CustomerTier::kStandard;
    std::string event_id;
    std::string market_key;
    std::string outcome;
    double line = 0.0;              //!< the market's line (0 for markets without one)
    PriceMilli requested_price = 0; //!< what the customer asked for
    PriceMilli price = 0;           //!< what the bet got (>= requested - tolerance)
    Cents stake = 0;                //!< > 0
    Cents potential_payout = 0;     //!< WinPayout(stake, price)
    std::int64_t placed_at_ms = 0;
    bool settled = false;
    SettlementKind settlement = SettlementKind::kLose; //!< when settled
    Cents payout = 0;                                  //!< when settled: returned to the customer, stake included
    int settlement_version = 0;                        //!< 0 open, 1 settled, 2+ re-settled after corrections

    friend bool operator==(const BetRecord&, const BetRecord&) = default;
};

//! A market's lifecycle state.
enum class MarketState { kOpen = 0, kSuspended = 1, kManualReview = 2, kSettled = 3 };

//! "open", "suspended", "manual_review", "settled".
std::string_view ToString(MarketState state);

//! One outcome's base (unshaded) price.
struct OutcomePrice {
    std::string name;
    PriceMilli price = 0; //!< thousandths, > 1000
};

//! One market as stored.
struct MarketRecord {
    std::string event_id;
    std::string key;   //!< Market::Key(), or "prop:NAME" for an event prop resolved by evidence
    std::string sport; //!< "soccer", "basketball", ...
    std::vector<OutcomePrice> outcomes;
    MarketState state = MarketState::kOpen;
    SuspensionCause cause = SuspensionCause::kNone;
    std::int64_t window_start_ms = 0; //!< event props: evidence must be timestamped in [start, end]
    std::int64_t window_end_ms = 0;
    std::string result;         //!< the settled result or winner, as text; empty while unsettled
    int settlement_version = 0; //!< 0 unsettled, 1 settled, 2+ re-settled
};

//! One audit row: who changed what, when.
struct AuditEntry {
    std::int64_t seq = 0; //!< assigned by the ledger, increasing
    std::int64_t time_ms = 0;
    std::string actor;  //!< "customer:ID", "trader:NAME", "feed", "system", ...
    std::string entity; //!< "bet:ID" or "market:EVENT/KEY"
    std::string action; //!< "placed", "suspended", "reopened", "repriced", "settled", "resettled", ...
    std::string detail;
};

//! The audit action of a reprice (RiskBook::RepriceAll). A plain reprice, one with no detail, changes a market's prices
//! and nothing else, so a store shared by several nodes may write only the prices (Ledger::SaveMarkets) and keep the
//! state the other nodes gave the market; a reprice that reopens a market says "reopened" in its detail.
inline constexpr const char* kRepricedAction = "repriced";
inline bool IsPlainReprice(const AuditEntry& audit) {
    return audit.action == kRepricedAction && audit.detail.empty();
}

//! Everything needed to rebuild the book after a restart.
struct LedgerSnapshot {
    std::vector<MarketRecord> markets;
    std::vector<BetRecord> bets; //!< by id
};

//! One outcome's totals over every bet stored on it, whichever book (API node) took them.
struct OutcomeTotals {
    std::string market_key;
    std::string outcome;
    Cents stakes = 0;
    Cents payouts = 0; //!< potential payouts, stakes included
};

//! Why a ledger shared by several books refused a bet against the shared state (kNone: not refused).
enum class LedgerRefusal { kNone, kMarketNotOpen, kLimit };

//! A bet the ledger holds after PlaceBet: the new one, or the one stored earlier under the same key.
struct StoredBet {
    BetRecord bet;
    bool inserted = false; //!< false: the key was already stored (or the bet was refused) and nothing was written
    LedgerRefusal refusal = LedgerRefusal::kNone;   //!< shared ledgers only: refused, nothing written
    LimitKind limit = LimitKind::kOutcomeLiability; //!< kLimit: the limit the stake would breach
    Cents max_stake = 0;                            //!< kLimit: the largest stake that fits every node's bets
    std::string message = {};                       //!< why, when refused
};

//! The durable store. Every write is one transaction, durable when the call returns ok; a failed call writes
//! nothing. Implementations are safe to call from many threads.
class Ledger {
public:
    virtual ~Ledger() = default;

    //! Liability limits that a ledger shared by several books checks against every book's bets inside each
    //! bet's transaction (a book alone knows only its own bets). An embedded ledger leaves them to the book.
    virtual void EnforceLimits(const Limits& /*limits*/) {}
    //! A shared ledger: the totals of every node's bets on the event's outcomes (outcomes without bets are left
    //! out), so that a book follows the bets other books took. An embedded ledger: nullopt (its book took all).
    virtual Result<std::optional<std::vector<OutcomeTotals>>> EventTotals(const std::string& /*event_id*/) {
        return std::optional<std::vector<OutcomeTotals>>();
    }
    //! The markets stored for one event (by any book), in the order they were added.
    virtual Result<std::vector<MarketRecord>> EventMarkets(const std::string& event_id) {
        auto all = LoadAll();
        if (!all.ok()) {
            return all.status();
        }
        std::vector<MarketRecord> markets;
        for (MarketRecord& m : all->markets) {
            if (m.event_id == event_id) {
                markets.push_back(std::move(m));
            }
        }
        return markets;
    }
    //! Stores the bet and its audit row atomically. When the idempotency key is already stored, writes
    //! nothing and returns the stored bet. A shared ledger assigns the bet's id itself (ids unique across
    //! nodes) and may refuse the bet (StoredBet::refusal) when the market is not open or a limit would break.
    virtual Result<StoredBet> PlaceBet(const BetRecord& bet, const AuditEntry& audit) = 0;
    //! The bet with this id, if any.
    virtual Result<std::optional<BetRecord>> GetBet(std::int64_t id) = 0;
    //! The bet stored under this idempotency key, if any.
    virtual Result<std::optional<BetRecord>> FindBetByKey(const std::string& idempotency_key) = 0;
    //! A customer's bets, by id.
    virtual Result<std::vector<BetRecord>> ListBetsByCustomer(const std::string& customer_id) = 0;
    //! A market's bets, by id.
    virtual Result<std::vector<BetRecord>> ListBetsByMarket(const std::string& event_id,
                                                            const std::string& market_key) = 0;
    //! Inserts or replaces markets' records with their audit rows, all in one transaction (one commit, one fsync:
    //! a live update reprices dozens of markets at once). A row whose audit IsPlainReprice may update the prices of
    //! the stored market only.
    virtual Status SaveMarkets(const std::vector<std::pair<MarketRecord, AuditEntry>>& markets) = 0;
    //! Inserts or replaces one market's record with its audit row, atomically.
    Status SaveMarket(const MarketRecord& market, const AuditEntry& audit) { return SaveMarkets({{market, audit}}); }
    //! Writes a (re-)settlement atomically: the market record, the settled bets and the audit rows.
    virtual Status SaveSettlement(const MarketRecord& market, const std::vector<BetRecord>& bets,
                                  const std::vector<AuditEntry>& audit) = 0;
    //! Appends one audit row.
    virtual Status AppendAudit(const AuditEntry& audit) = 0;
    //! Audit rows whose entity starts with `entity_prefix` ("" for all), by seq.
    virtual Result<std::vector<AuditEntry>> ListAudit(const std::string& entity_prefix) = 0;
    //! Every market and bet, for recovery.
    virtual Result<LedgerSnapshot> LoadAll() = 0;
};

} // namespace simbook::odds::risk
