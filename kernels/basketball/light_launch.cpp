// The light basketball kernel's host launcher. Always compiled by the host compiler, so the CPU backend
// runs the SIMD lanes; a CUDA build hands kCuda to light_launch_cuda.cu, which runs the scalar lanes.
#include "kernels/basketball/light_launch.hpp"

#include "kernels/basketball/light_step.cuh"
#include "kernels/core/lane_blocks.hpp"
#include "kernels/core/lanes.cuh"
#include "kernels/core/simd_lanes.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <vector>

namespace simbook::kernels {

int BasketballLightCpuLanes() {
    return kNativeLanes;
}

namespace {

//! Concurrent coalescing launches: the first caller to find no launch running runs every queued job in one
//! RunBasketballLightMany (on the most threads any of them asked for) and wakes the others; jobs queued meanwhile
//! go in the next launch. Group commit, as databases batch their log writes: no caller waits for a timer.
class Coalescer {
public:
    Status Run(const BasketballLightJob& job, const LaunchConfig& config) {
        Pending me{job, config};
        std::unique_lock lock(mutex_);
        queue_.push_back(&me);
        while (!me.done) {
            if (running_) {
                wake_.wait(lock);
                continue;
            }
            running_ = true;
            std::vector<Pending*> batch;
            batch.swap(queue_);
            lock.unlock();
            RunBatch(batch);
            lock.lock();
            running_ = false;
            wake_.notify_all();
        }
        return me.status;
    }
    std::uint64_t Coalesced() const { return coalesced_.load(std::memory_order_relaxed); }

private:
    struct Pending {
        BasketballLightJob job;
        LaunchConfig config;
        Status status = Status::Ok();
        bool done = false;
    };

    //! One launch per backend in the batch; marks every job done (under the lock, by the caller's relock).
    void RunBatch(std::vector<Pending*>& batch) {
        for (Backend backend : {Backend::kCpu, Backend::kCuda}) {
            std::vector<BasketballLightJob> jobs;
            LaunchConfig config{backend, -1, false};
            for (Pending* p : batch) {
                if (p->config.backend == backend) {
                    jobs.push_back(p->job);
                    config.threads =
                        config.threads == 0 || p->config.threads == 0 ? 0 : std::max(config.threads, p->config.threads);
                }
            }
            if (jobs.empty()) {
                continue;
            }
            const Status status = RunBasketballLightMany(jobs.data(), jobs.size(), config);
            if (jobs.size() > 1) {
                coalesced_.fetch_add(jobs.size(), std::memory_order_relaxed);
            }
            std::lock_guard lock(mutex_);
            for (Pending* p : batch) {
                if (p->config.backend == backend) {
                    p->status = status;
                    p->done = true;
                }
            }
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<Pending*> queue_;
    bool running_ = false;
    std::atomic<std::uint64_t> coalesced_{0}; //!< jobs run in a launch with others
};

Coalescer& TheCoalescer() {
    static Coalescer coalescer;
    return coalescer;
}

} // namespace

std::uint64_t BasketballLightCoalescedJobs() {
    return TheCoalescer().Coalesced();
}

Status RunBasketballLight(const basketball::BasketballLightParams& params, const basketball::BasketballState& state,
                          std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                          basketball::BasketballLightOutcome* out, const LaunchConfig& config) {
    Backend backend = Backend::kCpu;
    if (Status status = ResolveBackend(config.backend, &backend); !status.ok()) {
        return status;
    }
    if (count == 0) {
        return Status::Ok();
    }
    if (config.coalesce) {
        return TheCoalescer().Run({&params, state, seed, first_path, count, out}, {backend, config.threads, true});
    }
#ifdef SIMBOOK_WITH_CUDA
    if (backend == Backend::kCuda) {
        return detail::RunBasketballLightCuda(params, state, seed, first_path, count, out);
    }
#endif
    constexpr int kWidth = kNativeLanes;
    const basketball::BasketballLightGame<SimdLanes<kWidth>> wide{params, state, seed};
    const basketball::BasketballLightGame<ScalarLanes> narrow{params, state, seed};
    RunLaneBlocks(wide, narrow, kWidth, first_path, count, out, config.threads);
    return Status::Ok();
}

Status RunBasketballLightMany(const BasketballLightJob* jobs, std::size_t job_count, const LaunchConfig& config) {
    Backend backend = Backend::kCpu;
    if (Status status = ResolveBackend(config.backend, &backend); !status.ok()) {
        return status;
    }
    for (std::size_t j = 0; j < job_count; ++j) {
        if (jobs[j].count > 0 && (jobs[j].params == nullptr || jobs[j].out == nullptr)) {
            return {StatusCode::kInvalidArgument, "a game of the launch has no parameters or no outcome buffer"};
        }
    }
#ifdef SIMBOOK_WITH_CUDA
    if (backend == Backend::kCuda) {
        return detail::RunBasketballLightManyCuda(jobs, job_count);
    }
#endif
    constexpr int kWidth = kNativeLanes;
    // Work items: (job, first path offset, lanes): every job's full blocks, then its last paths one by one.
    struct Item {
        std::uint32_t job;
        std::uint32_t lanes;
        std::uint64_t offset;
    };
    std::vector<Item> items;
    std::vector<basketball::BasketballLightGame<SimdLanes<kWidth>>> wide;
    std::vector<basketball::BasketballLightGame<ScalarLanes>> narrow;
    for (std::size_t j = 0; j < job_count; ++j) {
        wide.push_back({jobs[j].params != nullptr ? *jobs[j].params : basketball::BasketballLightParams{},
                        jobs[j].state, jobs[j].seed});
        narrow.push_back({wide.back().params, jobs[j].state, jobs[j].seed});
        const std::size_t count = jobs[j].count;
        const std::size_t full = count / kWidth * kWidth;
        for (std::size_t offset = 0; offset < full; offset += kWidth) {
            items.push_back({static_cast<std::uint32_t>(j), kWidth, offset});
        }
        for (std::size_t offset = full; offset < count; ++offset) {
            items.push_back({static_cast<std::uint32_t>(j), 1, offset});
        }
    }
    const auto n = static_cast<std::int64_t>(items.size());
    const int threads = config.threads > 0 ? config.threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads)
    for (std::int64_t i = 0; i < n; ++i) {
        const Item& item = items[static_cast<std::size_t>(i)];
        const BasketballLightJob& job = jobs[item.job];
        const std::uint64_t path = job.first_path + item.offset;
        if (item.lanes == kWidth) {
            wide[item.job](path, job.out + item.offset, kWidth);
        } else {
            narrow[item.job](path, job.out + item.offset, 1);
        }
    }
    return Status::Ok();
}

} // namespace simbook::kernels
