//! ServiceContext: what the route handlers share (settings, keys, the risk book and its ledger, the event store
//! and registry, metrics, the rate limiter and the odds listener), owned by the Service.
#pragma once

#include "api/auth.hpp"
#include "api/event_pricing.hpp"
#include "api/event_registry.hpp"
#include "api/event_store.hpp"
#include "api/metrics.hpp"
#include "api/rate_limiter.hpp"
#include "api/service_types.hpp"
#include "odds/risk/book.hpp"
#include "odds/risk/postgres_ledger.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <string>

namespace simbook::api {

class EventListener;

//! Called with (event id, odds JSON text) after every accepted state update.
using OddsListener = std::function<void(const std::string&, const std::string&)>;

//! The service's state; handlers receive it by reference. Its parts are thread-safe on their own.
struct ServiceContext {
    ServiceContext(ServiceOptions service_options, KeyStore key_store, const std::string& id_prefix)
        : options(std::move(service_options)), keys(std::move(key_store)), events(id_prefix),
          limiter(options.rate_limit, options.rate_burst) {}

    //! The role's compute budget: max_paths within --simulate-max-sims (always set), seconds as configured.
    ComputeBudget Budget(Role role) const {
        const ComputeBudget& own = options.compute_budgets.at(static_cast<std::size_t>(role));
        return {own.max_paths > 0 ? std::min(own.max_paths, options.simulate_max_sims) : options.simulate_max_sims,
                own.seconds};
    }

    //! The pricing settings of every repricing.
    PricingOptions Pricing() const {
        return {options.sims, options.sim_threads, options.margin, options.momentum_markets, options.coalesce_launches};
    }

    ServiceOptions options;
    KeyStore keys;
    std::unique_ptr<odds::risk::Ledger> ledger; //!< SQLite, or PostgreSQL shared with other nodes
    std::unique_ptr<odds::risk::RiskBook> book;
    std::unique_ptr<EventStore> store;
    EventRegistry events;
    Metrics metrics;
    RateLimiter limiter;
    OddsListener odds_listener; //!< set before serving
    //! Other nodes' updates on a shared store (Service::Listen, before serving); null on an embedded store.
    const EventListener* listener = nullptr;
};

} // namespace simbook::api
