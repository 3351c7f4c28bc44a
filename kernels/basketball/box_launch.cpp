// The box-score basketball kernel's host launcher. Always compiled by the host compiler, so the CPU backend runs the
// SIMD lanes; a CUDA build hands kCuda to box_launch_cuda.cu, which runs the scalar lanes.
#include "kernels/basketball/box_launch.hpp"

#include "kernels/basketball/box_step.cuh"
#include "kernels/core/lane_blocks.hpp"
#include "kernels/core/lanes.cuh"
#include "kernels/core/simd_lanes.hpp"
#include "kernels/launch.hpp"

#include <omp.h>

#include <cstdint>
#include <cstring>
#include <memory>

namespace simbook::kernels {
namespace {

//! The alias tables of `params`, built once per thread for the last model it ran (a live game runs the same model
//! update after update; building them takes about as long as a few hundred paths).
const basketball::BasketballBoxParams& BoxParams(const basketball::BasketballParams& params) {
    struct Cached {
        basketball::BasketballParams key;
        basketball::BasketballBoxParams box;
    };
    thread_local std::unique_ptr<Cached> cached;
    if (!cached || std::memcmp(&cached->key, &params, sizeof(params)) != 0) {
        auto fresh = std::make_unique<Cached>();
        std::memcpy(&fresh->key, &params, sizeof(params));
        fresh->box = basketball::MakeBasketballBoxParams(params);
        cached = std::move(fresh);
    }
    return cached->box;
}

} // namespace

Status RunBasketball(const basketball::BasketballParams& params, const basketball::BasketballState& state,
                     std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                     basketball::BasketballOutcome* out, const LaunchConfig& config) {
    Backend backend = Backend::kCpu;
    if (Status status = ResolveBackend(config.backend, &backend); !status.ok()) {
        return status;
    }
    if (count == 0) {
        return Status::Ok();
    }
    const basketball::BasketballBoxParams& box = BoxParams(params);
#ifdef SIMBOOK_WITH_CUDA
    if (backend == Backend::kCuda) {
        return detail::RunBasketballBoxCuda(box, state, seed, first_path, count, out);
    }
#endif
    constexpr int kWidth = kNativeLanes;
    const basketball::BasketballBoxGame<SimdLanes<kWidth>> wide{box, state, seed};
    const basketball::BasketballBoxGame<ScalarLanes> narrow{box, state, seed};
    RunLaneBlocks(wide, narrow, kWidth, first_path, count, out, config.threads);
    return Status::Ok();
}

Status RunBasketballScalar(const basketball::BasketballParams& params, const basketball::BasketballState& state,
                           std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                           basketball::BasketballOutcome* out, int threads) {
    const basketball::BasketballBoxGame<ScalarLanes> narrow{BoxParams(params), state, seed};
    const auto n = static_cast<std::int64_t>(count);
#pragma omp parallel for schedule(static) num_threads(threads > 0 ? threads : omp_get_max_threads())
    for (std::int64_t i = 0; i < n; ++i) {
        narrow(first_path + static_cast<std::uint64_t>(i), out + i, 1);
    }
    return Status::Ok();
}

} // namespace simbook::kernels
