//! Service: the API's routes behind one catch point (requests in, JSON responses out, no I/O), holding the
//! events, their priced markets (cached per event version), the risk book and the request metrics.
#pragma once

#include "api/auth.hpp"
#include "api/event_store.hpp"
#include "engine/simulation_result.hpp"
#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/result.hpp"
#include "kernels/soccer/soccer_params.hpp"
#include "odds/risk/book.hpp"
#include "odds/risk/sqlite_ledger.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <atomic>
#include <chrono>
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

namespace simbook::api {

//! An expected failure of a request, carried to the catch point: HTTP status, error code, message, field.
struct ApiError {
    int http_status = 500;
    std::string code;    //!< "invalid_argument", "unauthenticated", "not_found", ...
    std::string message; //!< one line for the client
    std::string field;   //!< the offending field, empty when none
};

//! A request as the service sees it.
struct ApiRequest {
    std::string method; //!< "GET", "POST", ...
    std::string target; //!< path and query, e.g. "/v1/events/e-1/odds?markets=h2h"
    std::string body;
    std::string api_key;         //!< X-API-Key or Authorization: Bearer; empty when absent
    std::string idempotency_key; //!< Idempotency-Key header; empty when absent
};

//! A response as the service produces it.
struct ApiResponse {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    std::string request_id;
    std::vector<std::pair<std::string, std::string>> headers; //!< extra headers, e.g. Retry-After
};

//! Service settings.
struct ServiceOptions {
    std::string params_dir;         //!< folder of fitted models (soccer/<league>.json, nba/2023-24.json)
    std::string store = ":memory:"; //!< SQLite file of the risk book and the events
    std::uint64_t sims = 20'000;    //!< Monte Carlo paths per repricing
    int sim_threads = 1;            //!< OpenMP threads per repricing
    double margin = 0.05;           //!< overround applied to every market, in [0, 0.5)
    bool demo_events = true;        //!< create an EPL match and an NBA game at start (when the store has none)
    double rate_limit = 200.0;      //!< requests per second per API key (token bucket); 0: no limit
    double rate_burst = 400.0;      //!< bucket size (requests allowed at once); 0: twice rate_limit
    std::uint64_t simulate_max_sims = 1'000'000; //!< most paths one POST /v1/simulate may ask for
    double simulate_seconds = 10.0;              //!< wall-clock limit of one POST /v1/simulate (504 beyond)
    std::uint64_t futures_max_seasons = 100'000; //!< most seasons one POST /v1/futures may ask for
    std::string data_dir;                        //!< results data for futures backtests (season + as_of)
    bool momentum_markets = true; //!< also price next-goal, lead-change, lead-at... markets at every reprice
    bool log_requests = false;    //!< one structured (JSON) log line per request, with its request id
};

//! One priced outcome in the public odds shape.
struct PricedOutcome {
    std::string name;      //!< team name, "Draw", "Over", "Under"
    std::string selection; //!< the book's outcome ("home", "draw", "away", "over", "under")
    double decimal = 0.0;  //!< decimal odds with margin (> 1)
    std::optional<double> point;
    std::string description; //!< player props: the player's name
};

//! One priced market.
struct PricedMarket {
    std::string key;    //!< public key: "h2h", "spreads", "totals", "player_points", ...
    std::string market; //!< the book's market key ("h2h", "spreads:-0.5", "player_points:NAME:24.5"), used to bet
    std::vector<PricedOutcome> outcomes;
};

//! A game the service prices.
struct Event {
    std::string id;
    std::string sport; //!< "soccer" or "basketball"
    std::string sport_key;
    std::string league;
    std::string home_team;
    std::string away_team;
    std::string commence_time;
    std::string pricing = "monte_carlo"; //!< or "exact": soccer without state effects, priced in closed form
    int version = 0;                     //!< bumps at every accepted state update
    std::string last_update;             //!< UTC time of the latest pricing, ISO 8601
    nlohmann::json state;                //!< latest live state as given (null before kick-off)
    kernels::soccer::SoccerParams soccer_params{};
    kernels::soccer::SoccerState soccer_state{};
    kernels::basketball::BasketballParams basketball_params{};
    kernels::basketball::BasketballState basketball_state{};
    std::vector<std::string> player_names;
    std::vector<PricedMarket> markets;             //!< priced at `version`
    std::set<std::string> line_suspended;          //!< book markets suspended because the pricer stopped offering them
    std::map<std::string, std::string> odds_cache; //!< odds JSON of `version` by "markets|format"
    nlohmann::json momentum;                       //!< win-probability path at `version` (null when not priced)
    mutable std::mutex mutex;                      //!< guards everything above but the ids
    std::mutex update_mutex; //!< held through a whole state update (validate, reprice, publish): one at a time
};

//! Latency counts in fixed buckets, for Prometheus histograms.
struct LatencyHistogram {
    static constexpr std::array<double, 12> kBounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                    0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
    std::array<std::uint64_t, kBounds.size() + 1> counts{}; //!< last: above every bound
    double sum = 0.0;
    std::uint64_t count = 0;
    void Observe(double seconds);
};

//! The routes. Thread-safe.
class Service {
public:
    //! Opens the store and the risk book, and creates the demo events when asked.
    static Result<std::unique_ptr<Service>> Create(ServiceOptions options, KeyStore keys);
    //! Answers one request; never throws. Errors use {error: {code, message, field?, request_id}}.
    ApiResponse Handle(const ApiRequest& request);
    //! An error response in the API's shape, for failures outside Handle (oversized body, bad HTTP).
    ApiResponse ErrorResponse(const ApiError& error, const std::string& request_id = "");
    //! Counts a response in the metrics (Handle does this itself).
    //! seconds >= 0 is also observed in the route's latency histogram.
    void Count(const std::string& method, const std::string& route, int status, double seconds = -1.0);
    //! The events, by id order.
    std::vector<std::string> EventIds() const;
    //! The owner of an API key, or nothing for an unknown key.
    std::optional<Principal> FindKey(const std::string& api_key) const { return keys_.Find(api_key); }
    //! Called with (event id, odds JSON text) after every accepted state update; set before serving.
    void OnOddsUpdate(std::function<void(const std::string&, const std::string&)> listener) {
        listener_ = std::move(listener);
    }

private:
    Service(ServiceOptions options, KeyStore keys) : options_(std::move(options)), keys_(std::move(keys)) {}
    nlohmann::json Route(const ApiRequest& request, std::string* route, int* status, std::string* content_type,
                         std::string* text);
    Principal Authenticate(const ApiRequest& request) const;
    std::shared_ptr<Event> FindEvent(const std::string& id) const;
    //! A new event from a request body, or (restore) a stored one with its state and version.
    std::shared_ptr<Event> CreateEvent(const nlohmann::json& body, const StoredEvent* restore = nullptr);
    //! The event's markets priced at (params, state) with the event's pricing; no lock needed.
    //! momentum (when not null) receives the win-probability path of the same run.
    std::vector<PricedMarket> PriceMarkets(const Event& event, const kernels::soccer::SoccerState& soccer,
                                           const kernels::basketball::BasketballState& basketball, int version,
                                           nlohmann::json* momentum = nullptr);
    void AddMomentumMarkets(const Event& event, const kernels::soccer::SoccerState& soccer,
                            const kernels::basketball::BasketballState& basketball, int version,
                            std::vector<PricedMarket>* priced, nlohmann::json* momentum) const;
    void SyncBook(Event& event);
    nlohmann::json EventJson(Event& event) const;
    nlohmann::json OddsJson(Event& event, const std::string& markets, const std::string& format) const;
    nlohmann::json UpdateState(Event& event, const nlohmann::json& body);
    nlohmann::json ListBets(const std::string& customer_id) const;
    //! The odds JSON text, cached per version and query.
    std::string OddsText(Event& event, const std::string& markets, const std::string& format) const;
    nlohmann::json ExposureJson(const Event& event) const;
    nlohmann::json PlaceBet(const Principal& who, const nlohmann::json& body, const std::string& idempotency_key,
                            int* status);
    std::string Metrics() const;
    std::string NextRequestId();
    //! Takes one token from the key's bucket; the seconds to wait when it is empty, else 0.
    int Throttle(const Principal& who);
    nlohmann::json Simulate(const nlohmann::json& body);
    //! Runs a JSON request of a tool library (futures, fantasy, what-if): InvalidArgument is a 400 naming
    //! the field, Unavailable a 503.
    nlohmann::json RunTool(const Result<nlohmann::json>& result);

    ServiceOptions options_;
    KeyStore keys_;
    std::string id_prefix_;
    std::unique_ptr<odds::risk::SqliteLedger> ledger_;
    std::unique_ptr<odds::risk::RiskBook> book_;
    std::unique_ptr<EventStore> event_store_;
    mutable std::mutex events_mutex_;
    std::map<std::string, std::shared_ptr<Event>> events_;
    std::vector<std::string> event_order_;
    std::atomic<std::uint64_t> next_event_{1};
    std::atomic<std::uint64_t> next_request_{1};
    mutable std::mutex metrics_mutex_;
    std::map<std::string, std::uint64_t> request_counts_; //!< "method|route|status" -> count
    std::map<std::string, LatencyHistogram> latency_;     //!< by route
    LatencyHistogram reprice_latency_;
    std::function<void(const std::string&, const std::string&)> listener_;
    std::atomic<std::uint64_t> reprices_{0};
    std::atomic<std::uint64_t> bets_accepted_{0};
    std::atomic<std::uint64_t> bets_refused_{0};
    std::atomic<std::uint64_t> simulations_{0};
    std::atomic<std::uint64_t> key_event_suspensions_{0};
    struct Bucket {
        double tokens = 0.0;
        std::chrono::steady_clock::time_point at;
    };
    std::mutex buckets_mutex_;
    std::map<std::string, Bucket> buckets_; //!< by key owner and role
};

} // namespace simbook::api
