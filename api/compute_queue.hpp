//! ComputeQueue: the pool that runs clients' batch requests (simulate, what-if, momentum, fantasy, futures) by
//! priority, so that a trader's request never queues behind a fantasy platform's, no class of client can hold
//! every thread, and a flood of requests is refused at a bounded queue instead of piling up.
#pragma once

#include <array>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace simbook::api {

//! Who a batch request is from, in the order they are served.
enum class ComputeClass { kTrading, kBook, kOther }; //!< traders and admins; sportsbooks; fantasy and the rest

//! A fixed set of threads taking jobs by class (FIFO within one). Thread-safe.
class ComputeQueue {
public:
    struct Options {
        int threads = 2;              //!< worker threads
        std::size_t max_queued = 256; //!< jobs waiting per class; Post refuses beyond
        //! Niceness of the workers (Linux: setpriority per thread), so that the live pricing pool and the I/O
        //! threads win the cores whenever both have work; 0 keeps the process's.
        int nice = 5;
    };
    explicit ComputeQueue(Options options);
    //! Runs what is queued, then joins (as Join).
    ~ComputeQueue();
    ComputeQueue(const ComputeQueue&) = delete;
    ComputeQueue& operator=(const ComputeQueue&) = delete;

    //! Queues a job; false (nothing queued) when its class already has max_queued jobs waiting or the queue
    //! is joining.
    bool Post(ComputeClass cls, std::function<void()> job);
    //! Threads one class may hold at once: every thread for traders, at most half (at least one) for the others,
    //! so with two or more threads one is always free of sportsbook or fantasy work.
    int Cap(ComputeClass cls) const;
    //! Lets the queued jobs run, then joins the threads. Later Posts are refused.
    void Join();

private:
    void Work();
    //! The class to run next: the first by priority with a job waiting and a thread under its cap.
    int NextClass() const;

    Options options_;
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::array<std::deque<std::function<void()>>, 3> queued_;
    std::array<int, 3> running_{};
    bool joining_ = false;
    std::vector<std::thread> threads_;
};

} // namespace simbook::api
