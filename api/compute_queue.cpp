#include "api/compute_queue.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>

namespace simbook::api {

ComputeQueue::ComputeQueue(Options options) : options_(options) {
    options_.threads = std::max(1, options_.threads);
    for (int i = 0; i < options_.threads; ++i) {
        threads_.emplace_back([this] {
            if (options_.nice != 0) {
                // Best effort: a thread's niceness is per task on Linux; failure leaves the process's.
                setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), options_.nice);
            }
            Work();
        });
    }
}

ComputeQueue::~ComputeQueue() {
    Join();
}

int ComputeQueue::Cap(ComputeClass cls) const {
    return cls == ComputeClass::kTrading ? options_.threads : std::max(1, options_.threads / 2);
}

bool ComputeQueue::Post(ComputeClass cls, std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        auto& queue = queued_[static_cast<std::size_t>(cls)];
        if (joining_ || queue.size() >= options_.max_queued) {
            return false;
        }
        queue.push_back(std::move(job));
    }
    ready_.notify_all();
    return true;
}

int ComputeQueue::NextClass() const {
    for (int c = 0; c < 3; ++c) {
        if (!queued_[c].empty() && running_[c] < Cap(static_cast<ComputeClass>(c))) {
            return c;
        }
    }
    return -1;
}

void ComputeQueue::Work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        int c = -1;
        ready_.wait(lock, [&] {
            c = NextClass();
            return c >= 0 ||
                   (joining_ && std::all_of(queued_.begin(), queued_.end(), [](const auto& q) { return q.empty(); }));
        });
        if (c < 0) {
            return;
        }
        std::function<void()> job = std::move(queued_[c].front());
        queued_[c].pop_front();
        ++running_[c];
        lock.unlock();
        job();
        lock.lock();
        --running_[c];
        // A finished job may free a class at its cap, or be the last one a joining queue waits for.
        ready_.notify_all();
    }
}

void ComputeQueue::Join() {
    {
        std::lock_guard lock(mutex_);
        joining_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) {
        if (t.joinable()) {
            t.join();
        }
    }
}

} // namespace simbook::api
