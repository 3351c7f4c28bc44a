// The light basketball kernel's host launcher. Always compiled by the host compiler, so the CPU backend
// runs the SIMD lanes; a CUDA build hands kCuda to light_launch_cuda.cu, which runs the scalar lanes.
#include "kernels/basketball/light_launch.hpp"

#include "kernels/basketball/light_step.cuh"
#include "kernels/core/lanes.cuh"
#include "kernels/core/simd_lanes.hpp"

#include <omp.h>

#include <cstdint>

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

} // namespace simbook::kernels
