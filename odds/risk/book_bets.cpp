#include "odds/risk/book.hpp"

#include "odds/risk/detail/book_checks.hpp"

#include <string>

// RiskBook: taking a bet (checks, price, limits, the durable record before the answer).
namespace simbook::odds::risk {

using detail::CheckId;
using detail::LineOf;
using detail::MarketName;
using detail::Quoted;
using detail::Refuse;

Result<BetResponse> RiskBook::PlaceBet(const BetRequest& request) {
    for (const auto& [field, value] : {std::pair<const char*, const std::string*>{"customer_id", &request.customer_id},
                                       {"event", &request.event_id},
                                       {"market", &request.market_key},
                                       {"outcome", &request.outcome},
                                       {"idempotency_key", &request.idempotency_key}}) {
        if (Status s = CheckId(field, *value); !s.ok()) {
            return s;
        }
    }
    if (request.stake <= 0 || request.stake > kMaxStake) {
        return InvalidArgument("stake", "must be in (0, 10000000000] cents, got " + std::to_string(request.stake));
    }
    if (request.requested_price <= kPriceScale || request.requested_price > kMaxPrice) {
        return InvalidArgument("requested_price", "must be in (1000, 10000000] thousandths (decimal odds > 1), got " +
                                                      std::to_string(request.requested_price));
    }
    if (!std::isfinite(request.line)) {
        return InvalidArgument("line", "must be finite");
    }
    const int tier = static_cast<int>(request.tier);
    if (tier < 0 || tier > 2) {
        return InvalidArgument("tier", "unknown tier " + std::to_string(tier));
    }
    std::string actor = request.actor;
    if (actor.empty()) {
        actor = "customer:";
        actor += request.customer_id;
    }

    std::unique_lock lock(mutex_);
    // One request per idempotency key at a time: a repeat waits until the original is decided, then finds it in
    // the ledger. The key is released (under the lock) on every way out.
    pending_done_.wait(lock, [&] { return pending_keys_.count(request.idempotency_key) == 0; });
    pending_keys_.insert(request.idempotency_key);
    struct KeyRelease {
        RiskBook* book;
        std::unique_lock<std::mutex>& lock;
        const std::string& key;
        ~KeyRelease() {
            if (!lock.owns_lock()) {
                lock.lock(); // an exception while the ledger was being read or written
            }
            book->pending_keys_.erase(key);
            book->pending_done_.notify_all();
        }
    } release{this, lock, request.idempotency_key};
    lock.unlock();
    auto earlier = ledger_.FindBetByKey(request.idempotency_key);
    lock.lock();
    if (!earlier.ok()) {
        return earlier.status();
    }
    if (earlier->has_value()) {
        BetResponse response;
        response.decision = BetDecision::kDuplicate;
        response.bet = std::move(**earlier);
        response.current_price = response.bet.price;
        response.message = "idempotency key already used: the original bet";
        return response;
    }
    auto found = FindMarket(request.event_id, request.market_key);
    if (!found.ok()) {
        return found.status();
    }
    MarketBook& m = **found;
    const auto outcome_it = std::find_if(m.outcomes.begin(), m.outcomes.end(),
                                         [&](const OutcomeBook& o) { return o.name == request.outcome; });
    if (outcome_it == m.outcomes.end()) {
        return Refuse("outcome", MarketName(request.event_id, request.market_key),
                      "has no outcome " + Quoted(request.outcome));
    }
    const auto o = static_cast<std::size_t>(outcome_it - m.outcomes.begin());
    const double line = LineOf(m.market);
    if (std::abs(request.line - line) > 1e-9) {
        return InvalidArgument("line", "the market's line is " + odds::detail::Num(line) + ", got " +
                                           odds::detail::Num(request.line));
    }

    BetResponse response;
    const auto refuse = [&](RefusalReason reason, std::string message) {
        response.reason = reason;
        response.message = std::move(message);
        return response;
    };
    const EventBook& event = events_.at(request.event_id);
    if (m.record.state == MarketState::kOpen && event.last_state_ms &&
        Now() - *event.last_state_ms > options_.suspension.staleness_limit_ms) {
        const std::string detail = "game state " + std::to_string(Now() - *event.last_state_ms) + " ms old";
        if (Status s = SaveState(m, MarketState::kSuspended, SuspensionCause::kStale, "system", "suspended", detail);
            !s.ok()) {
            return s;
        }
    }
    if (m.record.state == MarketState::kSuspended) {
        return refuse(RefusalReason::kMarketSuspended, "market suspended");
    }
    if (m.record.state != MarketState::kOpen) {
        return refuse(RefusalReason::kMarketClosed, "market " + std::string(ToString(m.record.state)));
    }
    const PriceMilli price = Prices(m)[o];
    response.current_price = price;
    if (price < request.requested_price - options_.price_tolerance) {
        return refuse(RefusalReason::kPriceMoved, "price moved to " + std::to_string(price));
    }

    const Limits& limits = options_.limits;
    const Cents outcome_liability = Liability(m, o);
    const Cents market_liability = MarketLiability(m);
    const Cents event_liability = EventLiabilityLocked(request.event_id);
    const std::pair<LimitKind, Cents> candidates[] = {
        {LimitKind::kTierStake, limits.max_stake_by_tier[static_cast<std::size_t>(tier)]},
        {LimitKind::kPayout, LargestStakeForPayout(limits.max_payout_per_bet, price)},
        {LimitKind::kOutcomeLiability,
         LargestStakeForBudget(std::max(limits.max_liability_per_outcome, outcome_liability) - outcome_liability,
                               price)},
        {LimitKind::kMarketLiability,
         LargestStakeForBudget(std::max(limits.max_liability_per_market, market_liability) - outcome_liability, price)},
        {LimitKind::kEventLiability,
         LargestStakeForBudget(std::max(limits.max_liability_per_event, event_liability) - event_liability +
                                   std::max<Cents>(0, market_liability) - outcome_liability,
                               price)},
    };
    const auto binding = std::min_element(std::begin(candidates), std::end(candidates),
                                          [](const auto& a, const auto& b) { return a.second < b.second; });
    if (request.stake > binding->second) {
        response.limit = binding->first;
        response.max_stake = binding->second;
        std::string message = "stake breaches ";
        message += ToString(binding->first);
        message += "; largest acceptable stake ";
        message += std::to_string(binding->second);
        return refuse(RefusalReason::kLimit, std::move(message));
    }

    BetRecord bet;
    bet.id = next_bet_id_++;
    bet.idempotency_key = request.idempotency_key;
    bet.customer_id = request.customer_id;
    bet.tier = request.tier;
    bet.event_id = request.event_id;
    bet.market_key = request.market_key;
    bet.outcome = request.outcome;
    bet.line = line;
    bet.requested_price = request.requested_price;
    bet.price = price;
    bet.stake = request.stake;
    bet.potential_payout = WinPayout(request.stake, price);
    bet.placed_at_ms = Now();
    // Reserve the exposure before the write so that concurrent bets see it; released if the write fails.
    Apply(m, o, bet.stake, bet.potential_payout, +1);
    ++m.pending;
    std::string detail = bet.event_id;
    detail += '/';
    detail += bet.market_key;
    detail += ' ';
    detail += bet.outcome;
    detail += " stake=" + std::to_string(bet.stake) + " price=" + std::to_string(bet.price);
    const AuditEntry audit{0, bet.placed_at_ms, actor, "bet:" + std::to_string(bet.id), "placed", detail};
    lock.unlock();

    auto stored = ledger_.PlaceBet(bet, audit);

    lock.lock();
    --m.pending;
    if (!stored.ok() || !stored->inserted) {
        Apply(m, o, bet.stake, bet.potential_payout, -1);
    } else {
        ++bet_count_;
    }
    pending_done_.notify_all();
    if (!stored.ok()) {
        return stored.status();
    }
    if (stored->refusal == LedgerRefusal::kLimit) {
        response.limit = stored->limit;
        response.max_stake = stored->max_stake;
        return refuse(RefusalReason::kLimit, stored->message);
    }
    if (stored->refusal == LedgerRefusal::kMarketNotOpen) {
        return refuse(RefusalReason::kMarketSuspended, stored->message);
    }
    response.bet = stored->bet;
    response.decision = stored->inserted ? BetDecision::kAccepted : BetDecision::kDuplicate;
    response.message = stored->inserted ? "accepted" : "idempotency key already used: the original bet";
    return response;
}

} // namespace simbook::odds::risk
