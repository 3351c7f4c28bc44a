//! RiskBook: takes bets against published prices without blowing up: liabilities, limits, price shading,
//! suspension, idempotent durable placement, settlement and evidence-based resolution, all audited.
#pragma once

#include "odds/market.hpp"
#include "odds/result.hpp"
#include "odds/risk/ledger.hpp"
#include "odds/risk/limits.hpp"
#include "odds/risk/money.hpp"
#include "odds/risk/settlement.hpp"
#include "odds/risk/shading.hpp"
#include "odds/risk/suspension.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace simbook::odds::risk {

//! The book's settings.
struct BookOptions {
    Limits limits;
    ShadingParams shading;
    SuspensionRules suspension = SuspensionRules::Default();
    PriceMilli price_tolerance = 0;      //!< thousandths a price may drop below the requested one and still take
    double evidence_threshold = 0.80;    //!< evidence confidence in [0, 1] that resolves a prop without review
    std::function<std::int64_t()> clock; //!< milliseconds; empty: the system clock since the Unix epoch
};

//! A new market. Keys are Market::Key() text ("totals:2.5", "sgp:h2h=home+btts=yes") or "prop:NAME" for an
//! event prop (outcomes "yes" and "no") that settles from evidence.
struct MarketSpec {
    std::string event_id;
    std::string sport = "soccer";
    std::string key;
    std::vector<OutcomePrice> outcomes; //!< base prices (before shading), thousandths > 1000; parlays: one, "yes"
    std::int64_t window_start_ms = 0;   //!< event props: the window evidence must fall in (milliseconds)
    std::int64_t window_end_ms = 0;
};

//! A bet request.
struct BetRequest {
    std::string customer_id;
    CustomerTier tier = CustomerTier::kStandard;
    std::string event_id;
    std::string market_key;
    std::string outcome;
    double line = 0.0;              //!< must equal the market's line (0 when it has none)
    PriceMilli requested_price = 0; //!< thousandths > 1000
    Cents stake = 0;                //!< cents in (0, kMaxStake]
    std::string idempotency_key;    //!< non-empty; a repeat returns the original bet
    std::string actor;              //!< defaults to "customer:ID"
};

//! What happened to a bet request.
enum class BetDecision { kAccepted, kDuplicate, kRefused };

//! Why a bet was refused.
enum class RefusalReason { kNone, kMarketSuspended, kMarketClosed, kPriceMoved, kLimit };

//! The answer to a bet request. Accepted and duplicate answers carry the stored, durable bet.
struct BetResponse {
    BetDecision decision = BetDecision::kRefused;
    BetRecord bet;
    RefusalReason reason = RefusalReason::kNone;
    std::optional<LimitKind> limit; //!< kLimit: the limit the stake would breach
    Cents max_stake = 0;            //!< kLimit: the largest stake that would be accepted at this price (may be 0)
    PriceMilli current_price = 0;   //!< the price on offer now
    std::string message;
};

//! One outcome's exposure. liability = potential payouts on it minus every stake in the market: what the book
//! loses (negative: wins) if it comes in; the book's net position on it is -liability.
struct OutcomeExposure {
    std::string name;
    Cents stakes = 0;
    Cents potential_payout = 0;
    Cents liability = 0;
    PriceMilli base_price = 0;
    PriceMilli price = 0; //!< published: base shaded by liability
};

//! A market's exposure.
struct MarketExposure {
    std::string event_id;
    std::string key;
    MarketState state = MarketState::kOpen;
    SuspensionCause cause = SuspensionCause::kNone;
    Cents stakes = 0;
    Cents liability = 0; //!< the worst outcome's liability; 0 once settled
    std::vector<OutcomeExposure> outcomes;
};

//! What a settlement did.
struct SettlementReport {
    int bets = 0;
    Cents stakes = 0;
    Cents payouts = 0; //!< sum of the bets' payouts, stakes included
    int version = 1;   //!< 1 first settlement, 2+ re-settlements
};

//! Evidence about an event prop from a video or data feed.
struct Evidence {
    std::string label;        //!< the outcome it supports ("yes" / "no", or any outcome of the market)
    double confidence = 0.0;  //!< in [0, 1]
    std::int64_t time_ms = 0; //!< when it was observed (same clock as the market window)
    std::string source;       //!< where it came from, for the record
};

//! What evidence did to a market.
struct Resolution {
    bool settled = false; //!< false: the market went to manual review
    std::string reason;
    std::optional<SettlementReport> report;
};

//! The book. Every method is thread-safe; limits hold under any interleaving because exposure is reserved
//! under the book's lock before the ledger write and released if the write fails. On a ledger that several books
//! share (PostgreSQL, several API nodes) the ledger checks the liability limits again, against every node's
//! bets, inside the bet's transaction; this book's exposures then count its own bets and those stored before it
//! opened.
class RiskBook {
public:
    //! Rebuilds the book from the ledger (markets, bets, exposures, idempotency keys, next bet id).
    static Result<std::unique_ptr<RiskBook>> Open(Ledger& ledger, BookOptions options = {});

    //! Opens a market. Refused naming the field: empty or unknown event/key, a sport differing from the
    //! event's, no or duplicate outcomes, outcome names with control characters, prices <= 1000 or > kMaxPrice.
    Status AddMarket(const MarketSpec& spec, const std::string& actor);
    //! New base prices (same outcomes, same order); reopens a market suspended by a key event or staleness.
    Status Reprice(const std::string& event_id, const std::string& key, const std::vector<OutcomePrice>& prices,
                   const std::string& actor);
    //! A market's new base prices, for RepriceAll.
    struct Repricing {
        std::string key;
        std::vector<OutcomePrice> prices;
    };
    //! Reprices several markets of one event as Reprice does, each checked on its own, the valid ones written to
    //! the ledger in one transaction (a live update's dozens of markets cost one commit). One status per market.
    std::vector<Status> RepriceAll(const std::string& event_id, const std::vector<Repricing>& markets,
                                   const std::string& actor);
    //! Suspends by hand; only Reopen lifts a manual suspension.
    Status Suspend(const std::string& event_id, const std::string& key, const std::string& actor,
                   const std::string& reason);
    //! Reopens a suspended market by hand.
    Status Reopen(const std::string& event_id, const std::string& key, const std::string& actor);
    //! A live event: suspends every open market of the event when the sport's rules name it key, and counts
    //! as a fresh game state. Returns the number of markets suspended.
    Result<int> OnLiveEvent(const std::string& event_id, const LiveEvent& event, const std::string& actor);
    //! A fresh game state was received at time_ms: the event is live and must stay fresh.
    Status OnGameState(const std::string& event_id, std::int64_t time_ms);
    //! Suspends every open market of a live event whose last state is older than the staleness limit at the
    //! book's clock. Returns the number suspended.
    Result<int> SuspendStale();

    //! Places a bet (see BetResponse). Bad input is an InvalidArgument naming the field, with no change.
    //! Accepted bets are durable in the ledger before this returns.
    Result<BetResponse> PlaceBet(const BetRequest& request);

    //! Settles every bet of the market from its final result. Refused when already settled (use
    //! ResettleMarket) or when the result contradicts the market.
    Result<SettlementReport> SettleMarket(const std::string& event_id, const std::string& key,
                                          const MarketResult& result, const std::string& actor);
    //! Settles with a named winning outcome (event props, manual review, markets a score cannot settle).
    Result<SettlementReport> SettleWithWinner(const std::string& event_id, const std::string& key,
                                              const std::string& winner, const std::string& actor);
    //! Voids the market: every stake returned. Refused when already settled.
    Result<SettlementReport> VoidMarket(const std::string& event_id, const std::string& key, const std::string& actor,
                                        const std::string& reason);
    //! Re-settles a settled market after a result correction, explicitly; every changed bet is audited with
    //! its old and new payout. Refused when not yet settled.
    Result<SettlementReport> ResettleMarket(const std::string& event_id, const std::string& key,
                                            const MarketResult& corrected, const std::string& actor,
                                            const std::string& reason);
    //! Resolves a market from evidence: confidence >= the threshold and a time inside the market's window
    //! settle it with the labelled outcome as winner; otherwise it goes to manual review (no bets accepted).
    //! Either way the evidence is recorded in the audit trail.
    Result<Resolution> ResolveWithEvidence(const std::string& event_id, const std::string& key,
                                           const Evidence& evidence, const std::string& actor);

    //! A market's exposure and published prices.
    Result<MarketExposure> Exposure(const std::string& event_id, const std::string& key) const;
    //! Sum of the event's market liabilities.
    Result<Cents> EventLiability(const std::string& event_id) const;
    //! Every market's exposure.
    std::vector<MarketExposure> AllExposures() const;
    //! The exposure of every market of one event (none for an unknown event), without touching the others.
    std::vector<MarketExposure> EventExposures(const std::string& event_id) const;
    //! Makes the event's exposures those of every book's bets on a ledger several books share (the bets other
    //! API nodes took included), so that liabilities, shading and the exposure views count them; a no-op on an
    //! embedded ledger. Read while none of the event's bets is in flight here (a bet in flight may or may not be
    //! in what the ledger answers), retried a few times, then under the book's lock. Settled markets stay as
    //! they are.
    Status FollowSharedExposure(const std::string& event_id);
    //! Adds the event's markets that another book stored and this one lacks, as stored (their state included:
    //! a market another node suspended or settled stays so), takes the stored state of those it has (another
    //! node's trader suspended, resumed or settled one), then follows their exposure. For an event another API
    //! node created: its markets are then repriced here, never added again over the stored ones.
    Status FollowSharedMarkets(const std::string& event_id);
    //! The prices another book sharing the ledger gave these markets of one event and stored with their audit rows:
    //! taken in memory only (nothing written, no state changed; the other book's writes carry any state change).
    //! Refused per market as RepriceAll refuses it (unknown, other outcomes, settled or in manual review).
    std::vector<Status> FollowPrices(const std::string& event_id, const std::vector<Repricing>& markets);
    //! A bet by id, from the ledger (the book keeps exposures, not bets, so its memory does not grow with them).
    Result<std::optional<BetRecord>> GetBet(std::int64_t id) const;
    //! Number of bets the book has taken (stored in the ledger).
    std::size_t BetCount() const;
    //! Moves whenever a market's state changes (suspended, reopened, in manual review, settled): a reader that caches
    //! a view of the states, such as the odds feed, rebuilds it once this has moved.
    std::uint64_t StateGeneration() const noexcept { return state_generation_.load(std::memory_order_acquire); }
    //! The markets of one event that are not open, by key, with their state (none for an unknown event).
    std::map<std::string, MarketState> ClosedMarkets(const std::string& event_id) const;

private:
    struct OutcomeBook {
        std::string name;
        PriceMilli base = 0;
        Cents stakes = 0;
        Cents payouts = 0;
    };
    struct MarketBook {
        MarketRecord record;
        std::optional<Market> market; // parsed key; empty for props
        std::vector<OutcomeBook> outcomes;
        Cents stakes = 0;
        int pending = 0; // bets reserved but not yet durable
    };
    struct EventBook {
        std::string sport;
        std::vector<std::string> keys;
        std::optional<std::int64_t> last_state_ms;
    };
    using MarketId = std::pair<std::string, std::string>;

    RiskBook(Ledger& ledger, BookOptions options) : ledger_(ledger), options_(std::move(options)) {}
    std::int64_t Now() const;
    AuditEntry Audit(const std::string& actor, const MarketBook& market, std::string action, std::string detail) const;
    Result<MarketBook*> FindMarket(const std::string& event_id, const std::string& key);
    Result<const MarketBook*> FindMarket(const std::string& event_id, const std::string& key) const;
    //! The market's record with the new prices (reopened when a key event or staleness suspended it), or why not.
    Result<MarketRecord> Repriced(const std::string& event_id, const std::string& key,
                                  const std::vector<OutcomePrice>& prices) const;
    Cents Liability(const MarketBook& market, std::size_t outcome) const;
    Cents MarketLiability(const MarketBook& market) const;
    Cents EventLiabilityLocked(const std::string& event_id) const;
    std::vector<PriceMilli> Prices(const MarketBook& market) const;
    void Apply(MarketBook& market, std::size_t outcome, Cents stake, Cents payout, int sign);
    Status SaveState(MarketBook& market, MarketState state, SuspensionCause cause, const std::string& actor,
                     std::string action, std::string detail);
    //! Moves markets to `state` (each with its audit detail) in one ledger transaction: all or none.
    Status SaveStates(const std::vector<std::pair<MarketBook*, std::string>>& markets, MarketState state,
                      SuspensionCause cause, const std::string& actor, const std::string& action);
    void WaitForPending(std::unique_lock<std::mutex>& lock, const MarketBook& market);
    Result<SettlementReport> Settle(std::unique_lock<std::mutex>& lock, MarketBook& market,
                                    const std::function<Result<SettlementKind>(const BetRecord&)>& settle,
                                    const std::string& result_text, const std::string& actor, bool resettle,
                                    const std::string& reason);

    Ledger& ledger_;
    BookOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable pending_done_;
    std::map<std::string, EventBook> events_;
    std::map<MarketId, MarketBook> markets_;
    std::atomic<std::uint64_t> state_generation_{0}; // see StateGeneration
    // Bets live in the ledger only: memory holds one entry per market and per request in flight, however many
    // bets have been taken.
    std::set<std::string> pending_keys_; // idempotency keys of the requests being decided
    std::size_t bet_count_ = 0;
    std::int64_t next_bet_id_ = 1;
};

} // namespace simbook::odds::risk
