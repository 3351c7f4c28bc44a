// RiskBook on a ledger several books share: following the exposure of every node's bets.
#include "odds/risk/book.hpp"

#include <map>
#include <thread>

namespace simbook::odds::risk {

Status RiskBook::FollowSharedExposure(const std::string& event_id) {
    using Totals = std::map<std::pair<std::string, std::string>, std::pair<Cents, Cents>>;
    // The event's markets quiet (no bet in flight) and their stakes; nullopt when a bet is in flight.
    const auto quiet = [this, &event_id]() -> std::optional<std::vector<Cents>> {
        std::vector<Cents> stakes;
        const auto e = events_.find(event_id);
        if (e == events_.end()) {
            return stakes;
        }
        for (const std::string& key : e->second.keys) {
            const MarketBook& m = markets_.at({event_id, key});
            if (m.pending > 0) {
                return std::nullopt;
            }
            stakes.push_back(m.stakes);
        }
        return stakes;
    };
    const auto apply = [this, &event_id](const std::vector<OutcomeTotals>& rows) {
        Totals totals;
        for (const OutcomeTotals& t : rows) {
            totals[{t.market_key, t.outcome}] = {t.stakes, t.payouts};
        }
        const auto e = events_.find(event_id);
        if (e == events_.end()) {
            return;
        }
        for (const std::string& key : e->second.keys) {
            MarketBook& m = markets_.at({event_id, key});
            if (m.record.state == MarketState::kSettled) {
                continue;
            }
            m.stakes = 0;
            for (OutcomeBook& o : m.outcomes) {
                const auto it = totals.find({key, o.name});
                o.stakes = it == totals.end() ? 0 : it->second.first;
                o.payouts = it == totals.end() ? 0 : it->second.second;
                m.stakes += o.stakes;
            }
        }
    };
    // Optimistic: read the ledger unlocked, and apply it when no bet of the event started or ended meanwhile (an
    // accepted bet raises its market's stakes; a refused one leaves them as they were).
    for (int attempt = 0; attempt < 3; ++attempt) {
        std::optional<std::vector<Cents>> before;
        {
            std::lock_guard lock(mutex_);
            before = quiet();
        }
        if (before) {
            auto totals = ledger_.EventTotals(event_id);
            if (!totals.ok()) {
                return totals.status();
            }
            if (!totals->has_value()) {
                return Status::Ok(); // an embedded ledger: this book took every bet
            }
            std::lock_guard lock(mutex_);
            if (quiet() == before) {
                apply(**totals);
                return Status::Ok();
            }
        }
        std::this_thread::yield();
    }
    // Busy: wait until none of the event's bets is in flight and read the ledger under the lock.
    std::unique_lock lock(mutex_);
    pending_done_.wait(lock, [&] { return quiet().has_value(); });
    auto totals = ledger_.EventTotals(event_id);
    if (!totals.ok()) {
        return totals.status();
    }
    if (totals->has_value()) {
        apply(**totals);
    }
    return Status::Ok();
}

Status RiskBook::FollowSharedMarkets(const std::string& event_id) {
    auto stored = ledger_.EventMarkets(event_id);
    if (!stored.ok()) {
        return stored.status();
    }
    {
        std::lock_guard lock(mutex_);
        bool changed = false;
        for (MarketRecord& record : *stored) {
            if (const auto known = markets_.find({event_id, record.key}); known != markets_.end()) {
                MarketRecord& mine = known->second.record;
                if (mine.state != record.state || mine.cause != record.cause ||
                    mine.settlement_version != record.settlement_version) {
                    mine.state = record.state;
                    mine.cause = record.cause;
                    mine.result = record.result;
                    mine.settlement_version = record.settlement_version;
                    changed = true;
                }
                continue;
            }
            changed = true;
            MarketBook m;
            if (record.key.rfind("prop:", 0) != 0) {
                auto parsed = ParseMarket(record.key);
                if (!parsed.ok()) {
                    return Status{StatusCode::kInternal,
                                  "stored market key does not parse: " + parsed.status().message()};
                }
                m.market = std::move(*parsed);
            }
            for (const OutcomePrice& o : record.outcomes) {
                m.outcomes.push_back({o.name, o.price, 0, 0});
            }
            EventBook& event = events_[event_id];
            event.sport = record.sport;
            event.keys.push_back(record.key);
            m.record = std::move(record);
            markets_.emplace(MarketId{event_id, m.record.key}, std::move(m));
        }
        if (changed) {
            state_generation_.fetch_add(1, std::memory_order_acq_rel);
        }
    }
    return FollowSharedExposure(event_id);
}

std::vector<Status> RiskBook::FollowPrices(const std::string& event_id, const std::vector<Repricing>& markets) {
    std::vector<Status> statuses;
    statuses.reserve(markets.size());
    std::lock_guard lock(mutex_);
    for (const auto& [key, prices] : markets) {
        Result<MarketRecord> record = Repriced(event_id, key, prices);
        if (!record.ok()) {
            statuses.push_back(record.status());
            continue;
        }
        MarketBook& m = **FindMarket(event_id, key);
        m.record.outcomes = std::move(record->outcomes); // the state stays: the stored one, followed on its notice
        for (std::size_t o = 0; o < m.outcomes.size(); ++o) {
            m.outcomes[o].base = m.record.outcomes[o].price;
        }
        statuses.push_back(Status::Ok());
    }
    return statuses;
}

} // namespace simbook::odds::risk
