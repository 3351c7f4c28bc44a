//! The service's requests, responses and settings, as the HTTP front hands them over (no I/O here).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace simbook::api {

//! A request as the service sees it.
struct ApiRequest {
    // Fields after target have default initialisers, so a positional brace list may stop early
    // without -Wmissing-field-initializers.
    std::string method; //!< "GET", "POST", ...
    std::string target; //!< path and query, e.g. "/v1/events/e-1/odds?markets=h2h"
    std::string body{};
    std::string api_key{};         //!< X-API-Key or Authorization: Bearer; empty when absent
    std::string idempotency_key{}; //!< Idempotency-Key header; empty when absent
    std::string peer{};            //!< the client's address (throttles requests without a valid key); may be empty
    std::string if_none_match{};   //!< If-None-Match header (the dashboard's files); empty when absent
    std::chrono::steady_clock::time_point received{}; //!< when the server read it (0 in-process): update traces
};

//! A response as the service produces it.
struct ApiResponse {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    std::string request_id;
    std::vector<std::pair<std::string, std::string>> headers; //!< extra headers, e.g. Retry-After
};

//! A role's share of the batch compute (simulate, what-if, momentum, fantasy, futures): the most paths one request
//! may run (within --simulate-max-sims) and its wall-clock limit (504 past it; simulate also within
//! --simulate-seconds).
struct ComputeBudget {
    std::uint64_t max_paths = 0; //!< 0: --simulate-max-sims only
    double seconds = 0.0;        //!< 0: no limit but --simulate-seconds on simulate
};

//! Service settings.
struct ServiceOptions {
    std::string params_dir;         //!< folder of fitted models (soccer/<league>.json, nba/2023-24.json)
    std::string store = ":memory:"; //!< SQLite file of the risk book and the events
    std::uint64_t sims = 20'000;    //!< Monte Carlo paths per repricing
    int sim_threads = 1;            //!< OpenMP threads per repricing
    //! State updates repriced at the same time share one launch of the light kernel (many games per launch:
    //! what a GPU needs; on the CPU it gains nothing). The same prices either way.
    bool coalesce_launches = false;
    double margin = 0.05;      //!< overround applied to every market, in [0, 0.5)
    bool demo_events = true;   //!< create an EPL match and an NBA game at start (when the store has none)
    double rate_limit = 200.0; //!< requests per second per API key (token bucket); 0: no limit
    double rate_burst = 400.0; //!< bucket size (requests allowed at once); 0: twice rate_limit
    std::uint64_t simulate_max_sims = 1'000'000; //!< most paths one POST /v1/simulate may ask for
    double simulate_seconds = 10.0;              //!< wall-clock limit of one POST /v1/simulate (504 beyond)
    //! By role, in Role's order (sportsbook, fantasy, trader, admin): the platforms that serve other people get a
    //! bounded share, traders and admins the server-wide limits.
    std::array<ComputeBudget, 4> compute_budgets{{{250'000, 5.0}, {250'000, 5.0}, {}, {}}};
    std::uint64_t futures_max_seasons = 100'000; //!< most seasons one POST /v1/futures may ask for
    std::string data_dir;                        //!< results data for futures backtests (season + as_of)
    bool momentum_markets = true; //!< also price next-goal, lead-change, lead-at... markets at every reprice
    bool log_requests = false;    //!< one structured (JSON) log line per request, with its request id
};

} // namespace simbook::api
