// The light basketball kernel's host launcher. Always compiled by the host compiler, so the CPU backend
// runs the SIMD lanes; a CUDA build hands kCuda to light_launch_cuda.cu, which runs the scalar lanes.
#include "kernels/basketball/light_launch.hpp"

#include "kernels/basketball/light_step.cuh"
#include "kernels/core/lanes.cuh"
#include "kernels/core/simd_lanes.hpp"

#include <omp.h>

#include <cstdint>
#include <vector>

namespace simbook::kernels {

int BasketballLightCpuLanes() {
    return kNativeLanes;
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
#ifdef SIMBOOK_WITH_CUDA
    if (backend == Backend::kCuda) {
        return detail::RunBasketballLightCuda(params, state, seed, first_path, count, out);
    }
#endif
    constexpr int kWidth = kNativeLanes;
    const basketball::BasketballLightGame<SimdLanes<kWidth>> wide{params, state, seed};
    const basketball::BasketballLightGame<ScalarLanes> narrow{params, state, seed};
    const auto blocks = static_cast<std::int64_t>(count / kWidth);
    const int threads = config.threads > 0 ? config.threads : omp_get_max_threads();
#pragma omp parallel for schedule(static) num_threads(threads)
    for (std::int64_t b = 0; b < blocks; ++b) {
        const auto offset = static_cast<std::uint64_t>(b) * kWidth;
        wide(first_path + offset, out + offset, kWidth);
    }
    for (std::size_t i = static_cast<std::size_t>(blocks) * kWidth; i < count; ++i) {
        narrow(first_path + i, out + i, 1);
    }
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
