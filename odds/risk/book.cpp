#include "odds/risk/book.hpp"

#include "odds/detail/checks.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

namespace simbook::odds::risk {

namespace {

constexpr std::size_t kMaxIdLength = 256;

bool IsProp(const std::string& key) {
    return key.rfind("prop:", 0) == 0;
}

Status CheckId(const std::string& field, const std::string& value) {
    if (value.empty()) {
        return InvalidArgument(field, "must not be empty");
    }
    if (value.size() > kMaxIdLength) {
        return InvalidArgument(field, "must be at most 256 characters, got " + std::to_string(value.size()));
    }
    if (std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
        return InvalidArgument(field, "must not hold control characters");
    }
    return Status::Ok();
}

Status Refuse(const std::string& field, std::string_view what, std::string_view reason) {
    std::string message(what);
    message += ' ';
    message += reason;
    return InvalidArgument(field, message);
}

std::string Quoted(std::string_view text) {
    return detail::Quote(text);
}

std::string MarketName(const std::string& event_id, const std::string& key) {
    std::string name = "market ";
    name += event_id;
    name += '/';
    name += key;
    return name;
}

// The line a bet must name for a market: the handicap or total of line markets, 0 otherwise.
double LineOf(const std::optional<Market>& market) {
    if (!market) {
        return 0.0;
    }
    switch (market->kind) {
    case MarketKind::kHandicap:
    case MarketKind::kTotal:
    case MarketKind::kTeamTotal:
    case MarketKind::kPlayerProp:
        return market->line;
    default:
        return 0.0;
    }
}

Status CheckOutcomes(const std::vector<OutcomePrice>& outcomes) {
    if (outcomes.empty()) {
        return InvalidArgument("outcomes", "a market needs at least one outcome");
    }
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (Status s = CheckId("outcomes.name", outcomes[i].name); !s.ok()) {
            return s;
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (outcomes[j].name == outcomes[i].name) {
                return Refuse("outcomes.name", Quoted(outcomes[i].name), "appears twice");
            }
        }
        if (outcomes[i].price <= kPriceScale || outcomes[i].price > kMaxPrice) {
            return InvalidArgument("outcomes.price",
                                   "must be in (1000, 10000000] thousandths (decimal odds > 1), got " +
                                       std::to_string(outcomes[i].price));
        }
    }
    return Status::Ok();
}

} // namespace

std::string_view ToString(CustomerTier tier) {
    switch (tier) {
    case CustomerTier::kRestricted:
        return "restricted";
    case CustomerTier::kStandard:
        return "standard";
    case CustomerTier::kVip:
        return "vip";
    }
    return "?";
}

std::string_view ToString(LimitKind limit) {
    switch (limit) {
    case LimitKind::kTierStake:
        return "max_stake_per_bet";
    case LimitKind::kPayout:
        return "max_payout_per_bet";
    case LimitKind::kOutcomeLiability:
        return "max_liability_per_outcome";
    case LimitKind::kMarketLiability:
        return "max_liability_per_market";
    case LimitKind::kEventLiability:
        return "max_liability_per_event";
    }
    return "?";
}

Result<std::unique_ptr<RiskBook>> RiskBook::Open(Ledger& ledger, BookOptions options) {
    if (!(options.evidence_threshold >= 0.0 && options.evidence_threshold <= 1.0)) {
        return InvalidArgument("evidence_threshold",
                               "must be in [0, 1], got " + detail::Num(options.evidence_threshold));
    }
    if (options.price_tolerance < 0) {
        return InvalidArgument("price_tolerance", "must be >= 0, got " + std::to_string(options.price_tolerance));
    }
    const Limits& l = options.limits;
    if (l.max_payout_per_bet < 0 || l.max_liability_per_outcome <= 0 || l.max_liability_per_market < 0 ||
        l.max_liability_per_event < 0 ||
        std::any_of(l.max_stake_by_tier.begin(), l.max_stake_by_tier.end(), [](Cents c) { return c < 0; })) {
        return InvalidArgument("limits", "must be >= 0 (the outcome liability limit > 0)");
    }
    auto snapshot = ledger.LoadAll();
    if (!snapshot.ok()) {
        return snapshot.status();
    }
    ledger.EnforceLimits(options.limits);
    std::unique_ptr<RiskBook> book(new RiskBook(ledger, std::move(options)));
    for (MarketRecord& record : snapshot->markets) {
        MarketBook m;
        if (!IsProp(record.key)) {
            auto parsed = ParseMarket(record.key);
            if (!parsed.ok()) {
                return Status{StatusCode::kInternal, "stored market key does not parse: " + parsed.status().message()};
            }
            m.market = std::move(*parsed);
        }
        for (const OutcomePrice& o : record.outcomes) {
            m.outcomes.push_back({o.name, o.price, 0, 0});
        }
        EventBook& event = book->events_[record.event_id];
        event.sport = record.sport;
        event.keys.push_back(record.key);
        MarketId id{record.event_id, record.key};
        m.record = std::move(record);
        book->markets_.emplace(std::move(id), std::move(m));
    }
    for (BetRecord& bet : snapshot->bets) {
        const auto it = book->markets_.find({bet.event_id, bet.market_key});
        if (it == book->markets_.end()) {
            return Status{StatusCode::kInternal, "stored bet " + std::to_string(bet.id) + " names an unknown market"};
        }
        MarketBook& m = it->second;
        const auto o = std::find_if(m.outcomes.begin(), m.outcomes.end(),
                                    [&](const OutcomeBook& ob) { return ob.name == bet.outcome; });
        if (o == m.outcomes.end()) {
            return Status{StatusCode::kInternal, "stored bet " + std::to_string(bet.id) + " names an unknown outcome"};
        }
        if (m.record.state != MarketState::kSettled) {
            book->Apply(m, static_cast<std::size_t>(o - m.outcomes.begin()), bet.stake, bet.potential_payout, +1);
        }
        book->next_bet_id_ = std::max(book->next_bet_id_, bet.id + 1);
        ++book->bet_count_;
    }
    return book;
}

std::int64_t RiskBook::Now() const {
    if (options_.clock) {
        return options_.clock();
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

AuditEntry RiskBook::Audit(const std::string& actor, const MarketBook& market, std::string action,
                           std::string detail) const {
    std::string entity = "market:";
    entity += market.record.event_id;
    entity += '/';
    entity += market.record.key;
    return {0, Now(), actor, std::move(entity), std::move(action), std::move(detail)};
}

Result<RiskBook::MarketBook*> RiskBook::FindMarket(const std::string& event_id, const std::string& key) {
    if (events_.find(event_id) == events_.end()) {
        return Refuse("event", "unknown event", Quoted(event_id));
    }
    const auto it = markets_.find({event_id, key});
    if (it == markets_.end()) {
        return Refuse("market", "unknown market", Quoted(key));
    }
    return &it->second;
}

Result<const RiskBook::MarketBook*> RiskBook::FindMarket(const std::string& event_id, const std::string& key) const {
    auto found = const_cast<RiskBook*>(this)->FindMarket(event_id, key);
    if (!found.ok()) {
        return found.status();
    }
    return static_cast<const MarketBook*>(*found);
}

Cents RiskBook::Liability(const MarketBook& market, std::size_t outcome) const {
    if (market.record.state == MarketState::kSettled) {
        return 0;
    }
    return market.outcomes[outcome].payouts - market.stakes;
}

Cents RiskBook::MarketLiability(const MarketBook& market) const {
    if (market.record.state == MarketState::kSettled) {
        return 0;
    }
    Cents worst = Liability(market, 0);
    for (std::size_t i = 1; i < market.outcomes.size(); ++i) {
        worst = std::max(worst, Liability(market, i));
    }
    return worst;
}

Cents RiskBook::EventLiabilityLocked(const std::string& event_id) const {
    const auto event = events_.find(event_id);
    if (event == events_.end()) {
        return 0;
    }
    Cents sum = 0;
    for (const std::string& key : event->second.keys) {
        // A market the book wins on every outcome does not offset the others' liabilities.
        sum += std::max<Cents>(0, MarketLiability(markets_.at({event_id, key})));
    }
    return sum;
}

std::vector<PriceMilli> RiskBook::Prices(const MarketBook& market) const {
    std::vector<PriceMilli> base;
    std::vector<Cents> liabilities;
    for (std::size_t i = 0; i < market.outcomes.size(); ++i) {
        base.push_back(market.outcomes[i].base);
        liabilities.push_back(Liability(market, i));
    }
    auto shaded = ShadePrices(base, liabilities, options_.limits.max_liability_per_outcome, options_.shading);
    return shaded.ok() ? std::move(*shaded) : base;
}

void RiskBook::Apply(MarketBook& market, std::size_t outcome, Cents stake, Cents payout, int sign) {
    market.outcomes[outcome].stakes += sign * stake;
    market.outcomes[outcome].payouts += sign * payout;
    market.stakes += sign * stake;
}

Status RiskBook::SaveState(MarketBook& market, MarketState state, SuspensionCause cause, const std::string& actor,
                           std::string action, std::string detail) {
    return SaveStates({{&market, std::move(detail)}}, state, cause, actor, action);
}

Status RiskBook::SaveStates(const std::vector<std::pair<MarketBook*, std::string>>& markets, MarketState state,
                            SuspensionCause cause, const std::string& actor, const std::string& action) {
    if (markets.empty()) {
        return Status::Ok();
    }
    std::vector<std::pair<MarketRecord, AuditEntry>> rows;
    rows.reserve(markets.size());
    for (const auto& [market, detail] : markets) {
        MarketRecord record = market->record;
        record.state = state;
        record.cause = cause;
        rows.emplace_back(std::move(record), Audit(actor, *market, action, detail));
    }
    if (Status s = ledger_.SaveMarkets(rows); !s.ok()) {
        return s;
    }
    for (std::size_t i = 0; i < markets.size(); ++i) {
        markets[i].first->record = std::move(rows[i].first);
    }
    return Status::Ok();
}

Status RiskBook::AddMarket(const MarketSpec& spec, const std::string& actor) {
    for (const auto& [field, value] : {std::pair<const char*, const std::string*>{"event", &spec.event_id},
                                       {"sport", &spec.sport},
                                       {"key", &spec.key},
                                       {"actor", &actor}}) {
        if (Status s = CheckId(field, *value); !s.ok()) {
            return s;
        }
    }
    if (Status s = CheckOutcomes(spec.outcomes); !s.ok()) {
        return s;
    }
    std::optional<Market> market;
    if (IsProp(spec.key)) {
        if (spec.key.size() == 5) {
            return InvalidArgument("key", "an event prop needs a name after 'prop:'");
        }
        if (spec.window_end_ms <= spec.window_start_ms) {
            return InvalidArgument("window_end_ms", "an event prop needs a window with end > start");
        }
    } else {
        auto parsed = ParseMarket(spec.key);
        if (!parsed.ok()) {
            return InvalidArgument("key", parsed.status().message());
        }
        if (parsed->kind == MarketKind::kParlay && (spec.outcomes.size() != 1 || spec.outcomes[0].name != "yes")) {
            return InvalidArgument("outcomes", "a parlay has one outcome, 'yes', priced by the engine");
        }
        market = std::move(*parsed);
    }
    std::lock_guard lock(mutex_);
    const auto event = events_.find(spec.event_id);
    if (event != events_.end() && event->second.sport != spec.sport) {
        return Refuse("sport", Quoted(spec.sport), "differs from the event's sport " + Quoted(event->second.sport));
    }
    if (markets_.count({spec.event_id, spec.key}) != 0) {
        return Refuse("key", MarketName(spec.event_id, spec.key), "already exists");
    }
    MarketBook m;
    m.market = std::move(market);
    m.record = {spec.event_id,
                spec.key,
                spec.sport,
                spec.outcomes,
                MarketState::kOpen,
                SuspensionCause::kNone,
                spec.window_start_ms,
                spec.window_end_ms,
                "",
                0};
    for (const OutcomePrice& o : spec.outcomes) {
        m.outcomes.push_back({o.name, o.price, 0, 0});
    }
    if (Status s = ledger_.SaveMarket(m.record, Audit(actor, m, "opened", "")); !s.ok()) {
        return s;
    }
    EventBook& e = events_[spec.event_id];
    e.sport = spec.sport;
    e.keys.push_back(spec.key);
    markets_.emplace(MarketId{spec.event_id, spec.key}, std::move(m));
    return Status::Ok();
}

Status RiskBook::Reprice(const std::string& event_id, const std::string& key, const std::vector<OutcomePrice>& prices,
                         const std::string& actor) {
    return RepriceAll(event_id, {{key, prices}}, actor).front();
}

std::vector<Status> RiskBook::RepriceAll(const std::string& event_id, const std::vector<Repricing>& markets,
                                         const std::string& actor) {
    std::vector<Status> statuses(markets.size(), Status::Ok());
    std::vector<std::pair<MarketRecord, AuditEntry>> rows;
    std::vector<std::size_t> written; // the index in markets of each row
    std::lock_guard lock(mutex_);
    for (std::size_t k = 0; k < markets.size(); ++k) {
        const auto& [key, prices] = markets[k];
        Result<MarketRecord> record = Repriced(event_id, key, prices);
        if (!record.ok()) {
            statuses[k] = record.status();
            continue;
        }
        const bool reopened = record->state != (*FindMarket(event_id, key))->record.state;
        rows.emplace_back(std::move(record).value(),
                          Audit(actor, **FindMarket(event_id, key), "repriced", reopened ? "reopened" : ""));
        written.push_back(k);
    }
    if (rows.empty()) {
        return statuses;
    }
    if (Status s = ledger_.SaveMarkets(rows); !s.ok()) {
        for (std::size_t k : written) {
            statuses[k] = s;
        }
        return statuses;
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        MarketBook& m = **FindMarket(event_id, rows[i].first.key);
        m.record = std::move(rows[i].first);
        for (std::size_t o = 0; o < m.outcomes.size(); ++o) {
            m.outcomes[o].base = m.record.outcomes[o].price;
        }
    }
    return statuses;
}

Result<MarketRecord> RiskBook::Repriced(const std::string& event_id, const std::string& key,
                                        const std::vector<OutcomePrice>& prices) const {
    if (Status s = CheckOutcomes(prices); !s.ok()) {
        return s;
    }
    auto found = FindMarket(event_id, key);
    if (!found.ok()) {
        return found.status();
    }
    const MarketBook& m = **found;
    if (prices.size() != m.outcomes.size()) {
        return InvalidArgument("prices", "need one price per outcome, in the market's order");
    }
    for (std::size_t i = 0; i < prices.size(); ++i) {
        if (prices[i].name != m.outcomes[i].name) {
            return Refuse("prices", Quoted(prices[i].name), "is not outcome " + Quoted(m.outcomes[i].name));
        }
    }
    if (m.record.state == MarketState::kSettled || m.record.state == MarketState::kManualReview) {
        return Refuse("market", MarketName(event_id, key), "is " + std::string(ToString(m.record.state)));
    }
    MarketRecord record = m.record;
    record.outcomes = prices;
    if (record.state == MarketState::kSuspended && record.cause != SuspensionCause::kManual) {
        record.state = MarketState::kOpen;
        record.cause = SuspensionCause::kNone;
    }
    return record;
}

Status RiskBook::Suspend(const std::string& event_id, const std::string& key, const std::string& actor,
                         const std::string& reason) {
    std::lock_guard lock(mutex_);
    auto found = FindMarket(event_id, key);
    if (!found.ok()) {
        return found.status();
    }
    MarketBook& m = **found;
    if (m.record.state == MarketState::kSettled) {
        return Refuse("market", MarketName(event_id, key), "is settled");
    }
    return SaveState(m, MarketState::kSuspended, SuspensionCause::kManual, actor, "suspended", reason);
}

Status RiskBook::Reopen(const std::string& event_id, const std::string& key, const std::string& actor) {
    std::lock_guard lock(mutex_);
    auto found = FindMarket(event_id, key);
    if (!found.ok()) {
        return found.status();
    }
    MarketBook& m = **found;
    if (m.record.state != MarketState::kSuspended) {
        return Refuse("market", MarketName(event_id, key), "is not suspended");
    }
    return SaveState(m, MarketState::kOpen, SuspensionCause::kNone, actor, "reopened", "");
}

Result<int> RiskBook::OnLiveEvent(const std::string& event_id, const LiveEvent& event, const std::string& actor) {
    std::lock_guard lock(mutex_);
    const auto e = events_.find(event_id);
    if (e == events_.end()) {
        return Refuse("event", "unknown event", Quoted(event_id));
    }
    e->second.last_state_ms = std::max(e->second.last_state_ms.value_or(event.time_ms), event.time_ms);
    if (!options_.suspension.IsKeyEvent(e->second.sport, event)) {
        return 0;
    }
    // Every open market of the event in one ledger transaction (one commit, not one per market).
    std::vector<std::pair<MarketBook*, std::string>> open;
    const std::string detail = "key event " + std::string(event.type);
    for (const std::string& key : e->second.keys) {
        MarketBook& m = markets_.at({event_id, key});
        if (m.record.state == MarketState::kOpen) {
            open.emplace_back(&m, detail);
        }
    }
    if (Status s = SaveStates(open, MarketState::kSuspended, SuspensionCause::kKeyEvent, actor, "suspended"); !s.ok()) {
        return s;
    }
    return static_cast<int>(open.size());
}

Status RiskBook::OnGameState(const std::string& event_id, std::int64_t time_ms) {
    std::lock_guard lock(mutex_);
    const auto e = events_.find(event_id);
    if (e == events_.end()) {
        return Refuse("event", "unknown event", Quoted(event_id));
    }
    e->second.last_state_ms = std::max(e->second.last_state_ms.value_or(time_ms), time_ms);
    return Status::Ok();
}

Result<int> RiskBook::SuspendStale() {
    std::lock_guard lock(mutex_);
    const std::int64_t now = Now();
    // Every stale event's open markets in one ledger transaction.
    std::vector<std::pair<MarketBook*, std::string>> open;
    for (auto& [event_id, e] : events_) {
        if (!e.last_state_ms || now - *e.last_state_ms <= options_.suspension.staleness_limit_ms) {
            continue;
        }
        const std::string detail = "game state " + std::to_string(now - *e.last_state_ms) + " ms old";
        for (const std::string& key : e.keys) {
            MarketBook& m = markets_.at({event_id, key});
            if (m.record.state == MarketState::kOpen) {
                open.emplace_back(&m, detail);
            }
        }
    }
    if (Status s = SaveStates(open, MarketState::kSuspended, SuspensionCause::kStale, "system", "suspended"); !s.ok()) {
        return s;
    }
    return static_cast<int>(open.size());
}

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
        return InvalidArgument("line",
                               "the market's line is " + detail::Num(line) + ", got " + detail::Num(request.line));
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

void RiskBook::WaitForPending(std::unique_lock<std::mutex>& lock, const MarketBook& market) {
    pending_done_.wait(lock, [&] { return market.pending == 0; });
}

Result<SettlementReport> RiskBook::Settle(std::unique_lock<std::mutex>& lock, MarketBook& m,
                                          const std::function<Result<SettlementKind>(const BetRecord&)>& settle,
                                          const std::string& result_text, const std::string& actor, bool resettle,
                                          const std::string& reason) {
    WaitForPending(lock, m);
    const std::string name = MarketName(m.record.event_id, m.record.key);
    if (!resettle && m.record.state == MarketState::kSettled) {
        return Refuse("market", name, "is already settled; a corrected result needs ResettleMarket");
    }
    if (resettle && m.record.state != MarketState::kSettled) {
        return Refuse("market", name, "is not settled yet");
    }
    SettlementReport report;
    report.version = m.record.settlement_version + 1;
    std::vector<BetRecord> settled;
    std::vector<AuditEntry> audit;
    const std::int64_t now = Now();
    const std::string action = resettle ? "resettled" : "settled";
    auto bets = ledger_.ListBetsByMarket(m.record.event_id, m.record.key);
    if (!bets.ok()) {
        return bets.status();
    }
    for (BetRecord& bet : *bets) {
        const std::int64_t id = bet.id;
        auto kind = settle(bet);
        if (!kind.ok()) {
            return kind.status();
        }
        std::string detail = "was ";
        if (bet.settled) {
            detail += ToString(bet.settlement);
            detail += " payout=" + std::to_string(bet.payout);
        } else {
            detail += "open";
        }
        bet.settled = true;
        bet.settlement = *kind;
        bet.payout = Payout(bet.stake, bet.price, *kind);
        bet.settlement_version = report.version;
        detail += "; now ";
        detail += ToString(bet.settlement);
        detail += " payout=" + std::to_string(bet.payout);
        audit.push_back({0, now, actor, "bet:" + std::to_string(id), action, detail});
        ++report.bets;
        report.stakes += bet.stake;
        report.payouts += bet.payout;
        settled.push_back(std::move(bet));
    }
    MarketRecord record = m.record;
    record.state = MarketState::kSettled;
    record.cause = SuspensionCause::kNone;
    record.result = result_text;
    record.settlement_version = report.version;
    std::string detail = "result ";
    detail += result_text;
    if (!reason.empty()) {
        detail += "; reason: ";
        detail += reason;
    }
    detail += "; bets " + std::to_string(report.bets) + " payouts " + std::to_string(report.payouts);
    audit.push_back(Audit(actor, m, action, detail));
    if (Status s = ledger_.SaveSettlement(record, settled, audit); !s.ok()) {
        return s;
    }
    m.record = std::move(record);
    return report;
}

Result<SettlementReport> RiskBook::SettleMarket(const std::string& event_id, const std::string& key,
                                                const MarketResult& result, const std::string& actor) {
    std::unique_lock lock(mutex_);
    auto found = FindMarket(event_id, key);
    if (!found.ok()) {
        return found.status();
    }
    MarketBook& m = **found;
    if (!m.market) {
        return Refuse("market", MarketName(event_id, key), "is an event prop: settle it from evidence or a winner");
    }
    if (m.record.state == MarketState::kSettled) {
        return Refuse("market", MarketName(event_id, key),
                      "is already settled; a corrected result needs ResettleMarket");
    }
    if (Status s = CheckResult(*m.market, result); !s.ok()) {
        return s;
    }
    std::vector<std::string> listed;
    for (const OutcomeBook& o : m.outcomes) {
        listed.push_back(o.name);
    }
    const Market& market = *m.market;
    return Settle(
        lock, m, [&](const BetRecord& bet) { return SettleOutcome(market, bet.outcome, result, listed); },
        result.ToText(), actor, false, "");
}

Result<SettlementReport> RiskBook::ResettleMarket(const std::string& event_id, const std::string& key,
                                                  const MarketResult& corrected, const std::string& actor,
                                                  const std::string& reason) {
    if (Status s = CheckId("reason", reason); !s.ok()) {
        return s;
    }
    std::unique_lock lock(mutex_);
    auto found = FindMarket(event_id, key);
    if (!found.ok()) {
        return found.status();
    }
    MarketBook& m = **found;
    if (!m.market) {
        return Refuse("market", MarketName(event_id, key), "is an event prop: re-settle it with a winner");
    }
    if (Status s = CheckResult(*m.market, corrected); !s.ok()) {
        return s;
    }
    std::vector<std::string> listed;
    for (const OutcomeBook& o : m.outcomes) {
        listed.push_back(o.name);
    }
    const Market& market = *m.market;
    return Settle(
        lock, m, [&](const BetRecord& bet) { return SettleOutcome(market, bet.outcome, corrected, listed); },
        corrected.ToText(), actor, true, reason);
}

Result<SettlementReport> RiskBook::SettleWithWinner(const std::string& event_id, const std::string& key,
                                                    const std::string& winner, const std::string& actor) {
    std::unique_lock lock(mutex_);
    auto found = FindMarket(event_id, key);
    if (!found.ok()) {
        return found.status();
    }
    MarketBook& m = **found;
    if (std::none_of(m.outcomes.begin(), m.outcomes.end(), [&](const OutcomeBook& o) { return o.name == winner; })) {
        return Refuse("winner", MarketName(event_id, key), "has no outcome " + Quoted(winner));
    }
    return Settle(
        lock, m,
        [&](const BetRecord& bet) -> Result<SettlementKind> {
            return bet.outcome == winner ? SettlementKind::kWin : SettlementKind::kLose;
        },
        "winner=" + winner, actor, false, "");
}

Result<SettlementReport> RiskBook::VoidMarket(const std::string& event_id, const std::string& key,
                                              const std::string& actor, const std::string& reason) {
    if (Status s = CheckId("reason", reason); !s.ok()) {
        return s;
    }
    std::unique_lock lock(mutex_);
    auto found = FindMarket(event_id, key);
    if (!found.ok()) {
        return found.status();
    }
    return Settle(
        lock, **found, [](const BetRecord&) -> Result<SettlementKind> { return SettlementKind::kVoid; }, "void", actor,
        false, reason);
}

Result<Resolution> RiskBook::ResolveWithEvidence(const std::string& event_id, const std::string& key,
                                                 const Evidence& evidence, const std::string& actor) {
    if (!(evidence.confidence >= 0.0 && evidence.confidence <= 1.0)) {
        return InvalidArgument("evidence.confidence", "must be in [0, 1], got " + detail::Num(evidence.confidence));
    }
    std::unique_lock lock(mutex_);
    auto found = FindMarket(event_id, key);
    if (!found.ok()) {
        return found.status();
    }
    MarketBook& m = **found;
    if (std::none_of(m.outcomes.begin(), m.outcomes.end(),
                     [&](const OutcomeBook& o) { return o.name == evidence.label; })) {
        return Refuse("evidence.label", MarketName(event_id, key), "has no outcome " + Quoted(evidence.label));
    }
    if (m.record.state == MarketState::kSettled) {
        return Refuse("market", MarketName(event_id, key), "is already settled");
    }
    std::string record = "evidence label=";
    record += evidence.label;
    record += " confidence=" + detail::Num(evidence.confidence);
    record += " time_ms=" + std::to_string(evidence.time_ms);
    record += " source=";
    record += evidence.source;
    record += " threshold=" + detail::Num(options_.evidence_threshold);
    const bool windowed = m.record.window_end_ms > m.record.window_start_ms;
    const bool in_window =
        !windowed || (evidence.time_ms >= m.record.window_start_ms && evidence.time_ms <= m.record.window_end_ms);
    Resolution resolution;
    if (evidence.confidence < options_.evidence_threshold || !in_window) {
        resolution.reason = evidence.confidence < options_.evidence_threshold ? "confidence below the threshold"
                                                                              : "evidence outside the market window";
        if (Status s = SaveState(m, MarketState::kManualReview, SuspensionCause::kNone, actor, "manual_review",
                                 record + "; " + resolution.reason);
            !s.ok()) {
            return s;
        }
        return resolution;
    }
    const std::string winner = evidence.label;
    auto report = Settle(
        lock, m,
        [&](const BetRecord& bet) -> Result<SettlementKind> {
            return bet.outcome == winner ? SettlementKind::kWin : SettlementKind::kLose;
        },
        "winner=" + winner + " (" + record + ")", actor, false, "resolved from evidence");
    if (!report.ok()) {
        return report.status();
    }
    resolution.settled = true;
    resolution.reason = "resolved from evidence";
    resolution.report = *report;
    return resolution;
}

Result<MarketExposure> RiskBook::Exposure(const std::string& event_id, const std::string& key) const {
    std::lock_guard lock(mutex_);
    auto found = FindMarket(event_id, key);
    if (!found.ok()) {
        return found.status();
    }
    const MarketBook& m = **found;
    MarketExposure out{event_id, key, m.record.state, m.record.cause, m.stakes, MarketLiability(m), {}};
    const std::vector<PriceMilli> prices = Prices(m);
    for (std::size_t i = 0; i < m.outcomes.size(); ++i) {
        out.outcomes.push_back({m.outcomes[i].name, m.outcomes[i].stakes, m.outcomes[i].payouts, Liability(m, i),
                                m.outcomes[i].base, prices[i]});
    }
    return out;
}

Result<Cents> RiskBook::EventLiability(const std::string& event_id) const {
    std::lock_guard lock(mutex_);
    if (events_.find(event_id) == events_.end()) {
        return Refuse("event", "unknown event", Quoted(event_id));
    }
    return EventLiabilityLocked(event_id);
}

std::vector<MarketExposure> RiskBook::EventExposures(const std::string& event_id) const {
    std::vector<std::string> keys;
    {
        std::lock_guard lock(mutex_);
        const auto e = events_.find(event_id);
        if (e == events_.end()) {
            return {};
        }
        keys = e->second.keys;
    }
    std::vector<MarketExposure> out;
    for (const std::string& key : keys) {
        if (auto x = Exposure(event_id, key); x.ok()) {
            out.push_back(std::move(x.value()));
        }
    }
    return out;
}

std::vector<MarketExposure> RiskBook::AllExposures() const {
    std::vector<std::pair<std::string, std::string>> ids;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, m] : markets_) {
            ids.push_back(id);
        }
    }
    std::vector<MarketExposure> out;
    for (const auto& [event_id, key] : ids) {
        out.push_back(*Exposure(event_id, key));
    }
    return out;
}

Result<std::optional<BetRecord>> RiskBook::GetBet(std::int64_t id) const {
    return ledger_.GetBet(id);
}

std::size_t RiskBook::BetCount() const {
    std::lock_guard lock(mutex_);
    return bet_count_;
}

} // namespace simbook::odds::risk
