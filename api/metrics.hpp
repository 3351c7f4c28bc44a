//! Metrics: the service's Prometheus counters and latency histograms (requests by method, route and status;
//! reprices, bets, simulations, key-event suspensions).
#pragma once

#include "api/update_trace.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace simbook::api {

//! Latency counts in fixed buckets, for Prometheus histograms.
struct LatencyHistogram {
    //! Upper bounds of the buckets, in seconds.
    static constexpr std::array<double, 12> kBounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                    0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
    std::array<std::uint64_t, kBounds.size() + 1> counts{}; //!< last: above every bound
    double sum = 0.0;                                       //!< seconds
    std::uint64_t count = 0;
    //! Counts one observation, in seconds.
    void Observe(double seconds);
};

//! Phase durations of live state updates, in finer buckets than request latencies (the first push's budget is
//! 2 ms).
struct PhaseHistogram {
    //! Upper bounds of the buckets, in seconds.
    static constexpr std::array<double, 13> kBounds{0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005,
                                                    0.01,    0.02,   0.05,    0.1,    0.25,  1.0};
    std::array<std::uint64_t, kBounds.size() + 1> counts{}; //!< last: above every bound
    double sum = 0.0;                                       //!< seconds
    std::uint64_t count = 0;
    //! Counts one observation, in seconds.
    void Observe(double seconds);
};

//! The service's metrics. Thread-safe.
class Metrics {
public:
    //! Counts a response; seconds >= 0 is also observed in the route's latency histogram.
    void CountRequest(const std::string& method, const std::string& route, int status, double seconds = -1.0);
    //! Counts one repricing of an event and its duration in seconds.
    void CountReprice(double seconds);
    //! Counts one live state update's phases (those it ran) and keeps it among the recent ones.
    void ObserveUpdate(const UpdateTrace& trace);
    //! The last kRecentUpdates updates' traces, oldest first (for benchmarks that explain a latency tail).
    std::vector<UpdateTrace> RecentUpdates() const;
    static constexpr std::size_t kRecentUpdates = 4096;

    std::atomic<std::uint64_t> bets_accepted{0};         //!< bets the book took (duplicates not counted)
    std::atomic<std::uint64_t> bets_refused{0};          //!< bets the book refused (suspended, price moved, limit)
    std::atomic<std::uint64_t> simulations{0};           //!< simulate, what-if, momentum, futures and fantasy runs
    std::atomic<std::uint64_t> key_event_suspensions{0}; //!< markets suspended by goals, red cards, late baskets

    //! Everything in the Prometheus text format (version 0.0.4).
    std::string Text() const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::uint64_t> request_counts_; //!< "method|route|status" -> count
    std::map<std::string, LatencyHistogram> latency_;     //!< by route
    LatencyHistogram reprice_latency_;
    std::array<PhaseHistogram, kUpdatePhases> phase_latency_{};
    std::vector<UpdateTrace> recent_; //!< a ring of kRecentUpdates, next at recent_next_
    std::size_t recent_next_ = 0;
    std::atomic<std::uint64_t> reprices_{0};
};

} // namespace simbook::api
