#include "odds/risk/book.hpp"

#include "odds/detail/checks.hpp"
#include "odds/risk/detail/book_checks.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

namespace simbook::odds::risk {

using detail::CheckId;
using detail::LineOf;
using detail::MarketName;
using detail::Quoted;
using detail::Refuse;

namespace {

bool IsProp(const std::string& key) {
    return key.rfind("prop:", 0) == 0;
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
                               "must be in [0, 1], got " + odds::detail::Num(options.evidence_threshold));
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
    state_generation_.fetch_add(1, std::memory_order_acq_rel);
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
                          Audit(actor, **FindMarket(event_id, key), kRepricedAction, reopened ? "reopened" : ""));
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
        if (m.record.state != rows[i].first.state) { // a key event's or staleness's suspension lifted
            state_generation_.fetch_add(1, std::memory_order_acq_rel);
        }
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

std::map<std::string, MarketState> RiskBook::ClosedMarkets(const std::string& event_id) const {
    std::lock_guard lock(mutex_);
    std::map<std::string, MarketState> closed;
    for (auto it = markets_.lower_bound({event_id, std::string()}); it != markets_.end() && it->first.first == event_id;
         ++it) {
        if (it->second.record.state != MarketState::kOpen) {
            closed.emplace(it->first.second, it->second.record.state);
        }
    }
    return closed;
}

} // namespace simbook::odds::risk
