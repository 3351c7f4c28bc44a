//! UpdateTrace: where a live state update's time goes on the server, phase by phase, for the metrics'
//! per-phase histograms (simbook_update_phase_seconds) and the benchmarks that explain a latency tail.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <string>
#include <time.h>

namespace simbook::api {

//! The phases of a live state update, in the order they run. The *_main phases belong to an exact event's first
//! stage (the main lines); the *_all ones to the version with every market (a Monte Carlo event's only one).
enum class UpdatePhase {
    kQueue,       //!< request read -> the live pool starts it (routing, auth, body parse included)
    kWait,        //!< waiting for the event's update lock (another update of the same event)
    kValidate,    //!< the state parsed and checked against the current one
    kKeyEvents,   //!< key events' suspensions and the live clock, in the book
    kExact,       //!< the exact main lines priced
    kStoreMain,   //!< the first stage's version stored
    kBookMain,    //!< the book synced to the first stage's prices
    kPublishMain, //!< the first stage serialised and handed to the subscribers' sessions
    kFirstPush,   //!< total: request read -> first version handed to the subscribers
    kPaths,       //!< the path-based markets priced (the kernel)
    kStoreAll,    //!< the full version stored
    kBookAll,     //!< the book synced to every market
    kPublishAll,  //!< the full version serialised and handed to the sessions
    kAllPushed,   //!< total: request read -> every market handed to the subscribers
    kFirstCpu,    //!< CPU time of the pricing thread from the start to the first push (vs first_push: time waited)
    kCount
};

constexpr std::size_t kUpdatePhases = static_cast<std::size_t>(UpdatePhase::kCount);

//! The phase's metric label ("queue", "exact", "book_main", ...).
const char* PhaseName(UpdatePhase phase);

//! One update's phase times, in seconds (0 for a phase it did not run).
struct UpdateTrace {
    std::string event_id;
    int version = 0;    //!< the update's last version
    int key_events = 0; //!< key events the update carried (each suspends the event's open markets)
    std::array<double, kUpdatePhases> seconds{};

    double& operator[](UpdatePhase phase) { return seconds[static_cast<std::size_t>(phase)]; }
    double operator[](UpdatePhase phase) const { return seconds[static_cast<std::size_t>(phase)]; }
};

//! Times consecutive phases of one update: each Lap charges the time since the previous lap to a phase.
class UpdateClock {
public:
    using Clock = std::chrono::steady_clock;
    //! received: when the request was read (the clock's origin for the totals); now when unknown.
    explicit UpdateClock(Clock::time_point received)
        : origin_(received), last_(Clock::now()), cpu_start_(ThreadCpuSeconds()) {
        if (origin_ == Clock::time_point{}) {
            origin_ = last_;
        }
    }
    //! Charges the time since the last lap (or since construction) to the phase.
    void Lap(UpdateTrace& trace, UpdatePhase phase) {
        const Clock::time_point now = Clock::now();
        trace[phase] += std::chrono::duration<double>(now - last_).count();
        last_ = now;
    }
    //! Sets a total: the time from the request's arrival to now.
    void Total(UpdateTrace& trace, UpdatePhase phase) const {
        trace[phase] = std::chrono::duration<double>(Clock::now() - origin_).count();
        if (phase == UpdatePhase::kFirstPush) {
            trace[UpdatePhase::kFirstCpu] = ThreadCpuSeconds() - cpu_start_;
        }
    }
    //! Charges the time from the request's arrival to the first lap's start (queueing) to the phase.
    void Queued(UpdateTrace& trace, UpdatePhase phase) const {
        trace[phase] = std::chrono::duration<double>(last_ - origin_).count();
    }

    //! CPU time the calling thread has used, in seconds.
    static double ThreadCpuSeconds() {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
    }

private:
    Clock::time_point origin_;
    Clock::time_point last_;
    double cpu_start_;
};

} // namespace simbook::api
