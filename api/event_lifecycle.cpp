#include "api/event_lifecycle.hpp"

#include "api/errors.hpp"
#include "api/event_feed.hpp"
#include "engine/exact.hpp"
#include "odds/risk/deferred_sync.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <optional>
#include <thread>

namespace simbook::api {
namespace {

using nlohmann::json;

std::int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

//! The event's markets priced at the game state, timed in the metrics.
std::vector<PricedMarket> Price(ServiceContext& ctx, const Event& e, const engine::Game& game, int version,
                                json* momentum, PricingStage stage = PricingStage::kAll,
                                std::optional<engine::ExactLines>* exact_lines = nullptr) {
    const auto start = std::chrono::steady_clock::now();
    std::vector<PricedMarket> priced = PriceMarkets(e, game, version, ctx.Pricing(), momentum, stage, exact_lines);
    ctx.metrics.CountReprice(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return priced;
}

//! A market's opening or repricing done: offered, or logged when the book refused it.
void Done(const Status& done, const Event& e, const std::string& market, std::set<std::string>& offered) {
    if (!done.ok()) {
        spdlog::warn("event {} market {}: {}", e.id, market, done.message());
        return;
    }
    offered.insert(market);
}

//! The markets priced now (`repriced`) are opened or repriced; markets of the event it no longer offers (a
//! moved line, a settled outcome: in none of `published`, the markets the event is about to publish) are
//! suspended so that no bet is taken at a stale price. Markets `published` carries from the previous version
//! unpriced (an exact event's first stage) are left as they are. Called before the event publishes them, so that
//! every market a client can read can be bet on. `follow`: another node's version, whose prices and states that node
//! wrote: the book takes the prices in memory only (and opens in the ledger only a market it lacks).
void SyncBook(ServiceContext& ctx, Event& e, const std::vector<PricedMarket>& published,
              const std::vector<PricedMarket>& repriced, bool follow) {
    odds::risk::RiskBook& book = *ctx.book;
    const std::string actor = "system:pricer";
    std::set<std::string> offered;
    std::vector<odds::risk::RiskBook::Repricing> batch;
    std::vector<bool> reopen; // per batch entry: the pricer's own suspension to lift after the reprice
    for (const PricedMarket& pm : published) {
        if (std::none_of(repriced.begin(), repriced.end(),
                         [&pm](const PricedMarket& r) { return r.market == pm.market; })) {
            offered.insert(pm.market);
        }
    }
    for (const PricedMarket& pm : repriced) {
        std::vector<odds::risk::OutcomePrice> prices;
        for (const PricedOutcome& o : pm.outcomes) {
            auto milli = odds::risk::PriceFromDecimal(o.decimal);
            if (!milli.ok()) {
                prices.clear();
                break;
            }
            prices.push_back({o.selection, milli.value()});
        }
        if (prices.empty()) {
            continue;
        }
        auto exposure = book.Exposure(e.id, pm.market);
        if (exposure.ok()) {
            if (exposure.value().state != odds::risk::MarketState::kSettled &&
                exposure.value().outcomes.size() == prices.size()) {
                // Reprice itself reopens what a key event or a stale feed suspended; the pricer reopens what it
                // suspended when it stopped offering the line; a trader's manual suspension stays.
                reopen.push_back(exposure.value().cause == odds::risk::SuspensionCause::kManual &&
                                 e.line_suspended.count(pm.market) != 0);
                batch.push_back({pm.market, std::move(prices)});
            } else {
                offered.insert(pm.market); // settled, or its outcomes changed: left as it is
            }
            e.line_suspended.erase(pm.market);
            continue;
        }
        odds::risk::MarketSpec spec{e.id, e.sport, pm.market, prices, 0, 0};
        if (pm.market.rfind("prop:", 0) == 0) {
            // Evidence about a momentum market counts from its opening to four hours after.
            spec.window_start_ms = NowMs();
            spec.window_end_ms = spec.window_start_ms + 4 * 3600 * 1000;
        }
        e.line_suspended.erase(pm.market);
        Done(book.AddMarket(spec, actor), e, pm.market, offered);
    }
    if (follow) {
        // Another node's version: that node stored these prices, and any suspension or reopening came with them
        // (each node followed on its notice). Taken in memory only, so a version is written once whatever the nodes.
        const std::vector<Status> followed = book.FollowPrices(e.id, batch);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            Done(followed[i], e, batch[i].key, offered);
        }
        return;
    }
    // Every repriced market in one ledger transaction: one commit per state update, not one per market.
    const std::vector<Status> repriced_all = book.RepriceAll(e.id, batch, actor);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        Status done = repriced_all[i];
        if (done.ok() && reopen[i]) {
            done = book.Reopen(e.id, batch[i].key, actor);
        }
        Done(done, e, batch[i].key, offered);
    }
    for (const odds::risk::MarketExposure& x : book.EventExposures(e.id)) {
        if (offered.count(x.key) == 0 && x.state == odds::risk::MarketState::kOpen) {
            if (book.Suspend(e.id, x.key, actor, "line no longer offered").ok()) {
                e.line_suspended.insert(x.key);
            }
        }
    }
}

//! One priced version of an event's state.
struct PricedVersion {
    int version = 0;
    std::vector<PricedMarket> markets;
    std::optional<json> momentum;
    const char* stage = "all";
    bool carry = false; //!< an exact event's first stage: the path-based markets keep their last prices
};

//! A priced version for the store, so that the other nodes sharing it publish it as it is: the markets priced
//! (`carry`: the others keep their last prices), the stage, and the momentum when it was priced.
json PricedJson(const PricedVersion& v) {
    json markets = json::array();
    for (const PricedMarket& m : v.markets) {
        json outcomes = json::array();
        for (const PricedOutcome& o : m.outcomes) {
            json outcome{{"name", o.name}, {"selection", o.selection}, {"decimal", o.decimal}};
            if (o.point) {
                outcome["point"] = *o.point;
            }
            if (!o.description.empty()) {
                outcome["description"] = o.description;
            }
            outcomes.push_back(std::move(outcome));
        }
        markets.push_back({{"key", m.key}, {"market", m.market}, {"outcomes", std::move(outcomes)}});
    }
    json priced{{"version", v.version}, {"stage", v.stage}, {"carry", v.carry}, {"markets", std::move(markets)}};
    if (v.momentum) {
        priced["momentum"] = *v.momentum;
    }
    return priced;
}

//! The stored version priced by the node that took it; nullopt when it is not there or not whole (then priced here).
std::optional<PricedVersion> PricedFromJson(const StoredEvent& stored) {
    const json& priced = stored.priced;
    if (!priced.is_object() || priced.value("version", -1) != stored.version) {
        return std::nullopt;
    }
    try {
        PricedVersion v;
        v.version = stored.version;
        v.stage = priced.at("stage").get<std::string>() == "main_lines" ? "main_lines" : "all";
        v.carry = priced.at("carry").get<bool>();
        for (const json& m : priced.at("markets")) {
            PricedMarket market{m.at("key").get<std::string>(), m.at("market").get<std::string>(), {}};
            for (const json& o : m.at("outcomes")) {
                PricedOutcome outcome{o.at("name").get<std::string>(), o.at("selection").get<std::string>(),
                                      o.at("decimal").get<double>(), std::nullopt, o.value("description", "")};
                if (o.contains("point")) {
                    outcome.point = o.at("point").get<double>();
                }
                market.outcomes.push_back(std::move(outcome));
            }
            v.markets.push_back(std::move(market));
        }
        if (priced.contains("momentum")) {
            v.momentum = priced.at("momentum");
        }
        return v;
    } catch (const json::exception& error) {
        spdlog::warn("event {} version {}: stored prices unreadable ({}): priced here", stored.id, stored.version,
                     error.what());
        return std::nullopt;
    }
}

//! Timing of one stage of a live update: its phases in the update's trace.
struct StageTiming {
    UpdateClock* clock = nullptr; //!< null: not timed (a version from the store)
    UpdateTrace* trace = nullptr;
    UpdatePhase store = UpdatePhase::kStoreAll, book = UpdatePhase::kBookAll, publish = UpdatePhase::kPublishAll,
                total = UpdatePhase::kAllPushed;
    void Lap(UpdatePhase phase) const {
        if (clock != nullptr) {
            clock->Lap(*trace, phase);
        }
    }
    void Total() const {
        if (clock != nullptr) {
            clock->Total(*trace, total);
        }
    }
};

//! Makes a priced version the event's: stored first when `store` (a restarted server resumes from it; a version
//! read from the store is not written again), then its markets replace the event's, the book follows them, and
//! subscribers get it. The store waits for the disk unless the caller is in a DeferredSync (an update's first stage:
//! in the log before it is pushed, on disk with the update's last version, before it is acknowledged). Runs under
//! e.update_mutex.
void CommitVersion(ServiceContext& ctx, Event& e, const engine::Game& game, const json& state, PricedVersion v,
                   bool store, const VersionPublished& published, const StageTiming& timing = {}) {
    const std::vector<PricedMarket> repriced = v.markets;
    if (v.carry) {
        // The first stage prices the main lines only: the path-based markets keep their last prices (and a
        // key event's suspension) until the next version prices them, as every market did during a reprice
        // before the stages.
        std::lock_guard lock(e.mutex);
        for (const PricedMarket& old : e.markets) {
            if (!IsMainLine(old.key)) {
                v.markets.push_back(old);
            }
        }
    }
    if (store) {
        const json priced =
            ctx.store->Shared() ? PricedJson({v.version, repriced, v.momentum, v.stage, v.carry}) : json();
        if (Status saved = ctx.store->SaveState(e.id, state, v.version, priced); !saved.ok()) {
            throw FromStatus(saved);
        }
    }
    timing.Lap(timing.store);
    {
        // The book first: a market read from the feed is one the book takes. Its writes are prices derived from the
        // stored state (a restarted server prices it again): they reach the log now and the disk with the next
        // synced commit (this update's last version, or any bet) instead of waiting for the disk here.
        const odds::risk::DeferredSync deferred;
        SyncBook(ctx, e, v.markets, repriced, !store);
    }
    timing.Lap(timing.book);
    {
        std::lock_guard lock(e.mutex);
        e.game = game;
        e.state = state;
        e.version = v.version;
        e.markets = std::move(v.markets);
        if (v.momentum) {
            e.momentum = std::move(*v.momentum);
        }
        e.last_update = UtcNow();
        e.odds_cache.clear();
    }
    if (published) {
        published(e, v.stage);
    }
    timing.Lap(timing.publish);
    timing.Total();
}

} // namespace

std::string UtcNow() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::shared_ptr<Event> AddEvent(ServiceContext& ctx, const CreateEventRequest& request, const StoredEvent* restore) {
    auto event = std::make_shared<Event>();
    event->home_team = request.home_team;
    event->away_team = request.away_team;
    event->commence_time = request.commence_time.value_or(UtcNow());
    event->pricing = request.pricing;
    CheckPricing(event->pricing);
    LoadedGame loaded =
        LoadEventGame(ctx.options.params_dir, request.sport, request.league, event->home_team, event->away_team);
    event->sport = request.sport;
    event->league = request.league;
    event->sport_key = loaded.info->key;
    event->home_name = loaded.game.home_name;
    event->away_name = loaded.game.away_name;
    event->game = std::move(loaded.game);
    const json created{{"sport", request.sport},
                       {"league", request.league},
                       {"home_team", event->home_team},
                       {"away_team", event->away_team},
                       {"commence_time", event->commence_time},
                       {"pricing", event->pricing}};
    if (restore != nullptr) {
        // A stored event: its last accepted state and version, priced again with the same seed.
        event->id = restore->id;
        if (!restore->state.is_null()) {
            RestoreState(restore->state, &event->game);
            event->state = restore->state;
        }
        event->version = restore->version;
    } else {
        auto shared = ctx.store->NextEventNumber(); // unique across the nodes of a shared store
        if (!shared.ok()) {
            throw FromStatus(shared.status());
        }
        event->id = ctx.events.NextId(shared.value());
    }
    if (event->pricing == "exact") {
        engine::PrepareExactMainLines(event->game.spec); // the live updates' tables, built before the game starts
    }
    {
        std::lock_guard update(event->update_mutex);
        event->markets = Price(ctx, *event, event->game, event->version, &event->momentum);
        event->last_update = UtcNow();
        // The markets reach the book before the event reaches the store: a node sharing the store adds the event
        // when its insertion commits and takes its markets as stored then (were they not there yet, both nodes
        // would open them, and the creator suspend its own as no longer offered).
        SyncBook(ctx, *event, event->markets, event->markets, false);
        if (restore == nullptr) {
            if (Status saved = ctx.store->Insert({event->id, created, nullptr, 0, nullptr}); !saved.ok()) {
                // Not stored, so never listed: its markets stay in the book suspended, and no bet reaches them.
                for (const odds::risk::MarketExposure& x : ctx.book->EventExposures(event->id)) {
                    (void)ctx.book->Suspend(event->id, x.key, "system:pricer", "event not stored");
                }
                throw FromStatus(saved);
            }
        }
    }
    ctx.events.Add(event);
    return event;
}

json ApplyState(ServiceContext& ctx, Event& e, const json& body, const VersionPublished& published,
                std::chrono::steady_clock::time_point received) {
    UpdateClock clock(received);
    UpdateTrace trace;
    trace.event_id = e.id;
    clock.Queued(trace, UpdatePhase::kQueue);
    std::lock_guard update(e.update_mutex); // the state fields change only under this lock
    clock.Lap(trace, UpdatePhase::kWait);
    StateUpdate next = ValidateStateUpdate(e, body);
    clock.Lap(trace, UpdatePhase::kValidate);
    // Until the first version is pushed no write waits for the disk: the key events' suspensions and the first
    // stage are in the store's log at once and synced with the update's last version, before it is acknowledged.
    std::optional<odds::risk::DeferredSync> deferred(std::in_place);
    // Key events (a goal, a red card, a late basket) suspend the event's open markets while it is repriced,
    // so no bet is taken at the old price; the reprice reopens them.
    const std::string actor = "system:feed";
    const std::int64_t now_ms = NowMs();
    (void)ctx.book->OnGameState(e.id, now_ms); // the event is live: its state must now stay fresh
    for (odds::risk::LiveEvent& key : next.key_events) {
        key.time_ms = now_ms;
        auto suspended = ctx.book->OnLiveEvent(e.id, key, actor);
        if (suspended.ok()) {
            ctx.metrics.key_event_suspensions += static_cast<std::uint64_t>(suspended.value());
        }
    }
    trace.key_events = static_cast<int>(next.key_events.size());
    clock.Lap(trace, UpdatePhase::kKeyEvents);
    const auto commit = [&](int version, std::vector<PricedMarket> markets, std::optional<json> momentum,
                            const char* stage, bool carry, const StageTiming& timing) {
        CommitVersion(ctx, e, next.game, body, {version, std::move(markets), std::move(momentum), stage, carry}, true,
                      published, timing);
    };
    int version = e.version + 1;
    std::optional<engine::ExactLines> exact_lines; // the state's exact main lines: computed once for both stages
    if (e.pricing == "exact") {
        // Two stages: the exact main lines at once (the path-based markets keep their last prices, or a key
        // event's suspension, until the next version), then every market from one pass over the paths.
        std::vector<PricedMarket> main_lines =
            Price(ctx, e, next.game, version, nullptr, PricingStage::kMainLines, &exact_lines);
        clock.Lap(trace, UpdatePhase::kExact);
        commit(version, std::move(main_lines), std::nullopt, "main_lines", true,
               {&clock, &trace, UpdatePhase::kStoreMain, UpdatePhase::kBookMain, UpdatePhase::kPublishMain,
                UpdatePhase::kFirstPush});
        ++version;
        // The cores to the I/O threads for a moment: the first stage's push is on its way to the sockets before
        // the paths (this thread and the simulation threads it wakes) take both cores. Started at once, the paths
        // delayed the push by a scheduler slice now and then: idle, 300 updates, p99 4.3-4.9 ms -> 0.7-1.2 ms
        // (soccer, basketball), for 0.15 ms more to the version with every market.
        std::this_thread::sleep_for(std::chrono::microseconds(150));
    }
    deferred.reset(); // the update's last version is stored synced: it covers every write before it
    json momentum;
    std::vector<PricedMarket> markets = Price(ctx, e, next.game, version, &momentum, PricingStage::kAll, &exact_lines);
    clock.Lap(trace, UpdatePhase::kPaths);
    commit(version, std::move(markets), std::move(momentum), "all", false,
           {&clock, &trace, UpdatePhase::kStoreAll, UpdatePhase::kBookAll, UpdatePhase::kPublishAll,
            UpdatePhase::kAllPushed});
    if (e.pricing != "exact") {
        trace[UpdatePhase::kFirstPush] = trace[UpdatePhase::kAllPushed]; // one version: the first is the last
    }
    trace.version = version;
    ctx.metrics.ObserveUpdate(trace);
    return {{"id", e.id},
            {"version", version},
            {"last_update", e.last_update},
            {"state", body},
            {"key_events", next.key_events.size()}};
}

bool ApplyCommitted(ServiceContext& ctx, Event& e, const StoredEvent& stored, const VersionPublished& published) {
    std::lock_guard update(e.update_mutex);
    if (stored.version <= e.version || stored.state.is_null()) {
        return false; // this node has it already (its own update, or an earlier notification)
    }
    engine::Game game = e.game;
    RestoreState(stored.state, &game);
    (void)ctx.book->OnGameState(e.id, NowMs()); // the event is live, and its state fresh
    // The markets the node that took the update opened on it (a moved line), as stored: repriced here, not added.
    if (Status markets = ctx.book->FollowSharedMarkets(e.id); !markets.ok()) {
        spdlog::warn("event {}: markets as stored: {}", e.id, markets.message());
    }
    // Priced once: the version as the node that took it priced it. Without it (a node of an older release took the
    // update), every market at once: the exact pricer's first stage matters to that node only.
    std::optional<PricedVersion> taken = PricedFromJson(stored);
    if (!taken) {
        json momentum;
        std::vector<PricedMarket> markets = Price(ctx, e, game, stored.version, &momentum);
        taken = PricedVersion{stored.version, std::move(markets), std::move(momentum), "all", false};
    }
    CommitVersion(ctx, e, game, stored.state, std::move(*taken), false, published);
    return true;
}

VersionPublished PushOdds(ServiceContext& ctx) {
    return [&ctx](const Event& event, const char* stage) {
        if (ctx.odds_listener) {
            json pushed = OddsJson(event, "h2h,spreads,totals", "decimal", ClosedMarketsOf(ctx.book.get(), event.id));
            pushed["type"] = "odds";
            pushed["stage"] = stage;
            ctx.odds_listener(event.id, pushed.dump(-1, ' ', false, json::error_handler_t::replace));
        }
    };
}

} // namespace simbook::api
