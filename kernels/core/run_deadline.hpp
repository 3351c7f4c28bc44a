//! ScopedRunDeadline: a wall-clock limit on the runs the current thread starts while it lives. The loops that run
//! paths or seasons in batches (the path driver, the season runner) call CheckRunDeadline between batches and stop
//! with DeadlineExceeded past it. The API sets one around each client's batch request (its role's time budget),
//! so every layer that runs paths (simulate, what-if, momentum, fantasy, futures) is bounded without each passing
//! a limit through. Scopes nest; the innermost wins.
#pragma once

#include "kernels/core/status.hpp"

#include <chrono>
#include <cstdio>

namespace simbook::kernels {

class ScopedRunDeadline {
public:
    explicit ScopedRunDeadline(double seconds)
        : outer_(current_), seconds_(seconds),
          at_(std::chrono::steady_clock::now() +
              std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds))) {
        current_ = this;
    }
    ~ScopedRunDeadline() { current_ = outer_; }
    ScopedRunDeadline(const ScopedRunDeadline&) = delete;
    ScopedRunDeadline& operator=(const ScopedRunDeadline&) = delete;

    //! DeadlineExceeded (naming the budget) when the current thread is past its innermost deadline; Ok otherwise.
    static Status Check() {
        if (current_ == nullptr || std::chrono::steady_clock::now() <= current_->at_) {
            return Status::Ok();
        }
        char message[128];
        std::snprintf(message, sizeof(message), "the run passed its time budget of %.3g s; ask for fewer paths",
                      current_->seconds_);
        return Status(StatusCode::kDeadlineExceeded, message);
    }

private:
    static inline thread_local const ScopedRunDeadline* current_ = nullptr;
    const ScopedRunDeadline* outer_;
    double seconds_;
    std::chrono::steady_clock::time_point at_;
};

//! ScopedRunDeadline::Check().
inline Status CheckRunDeadline() {
    return ScopedRunDeadline::Check();
}

} // namespace simbook::kernels
