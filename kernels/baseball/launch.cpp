// The baseball kernel's host launcher. Always compiled by the host compiler, so the CPU backend runs the SIMD
// lanes; a CUDA build hands kCuda to launch_cuda.cu, which runs the scalar lanes.
#include "kernels/baseball/launch.hpp"

#include "kernels/baseball/baseball_step.cuh"
#include "kernels/core/lane_blocks.hpp"
#include "kernels/core/lanes.cuh"
#include "kernels/core/result.hpp"
#include "kernels/core/simd_lanes.hpp"

#include <omp.h>

#include <cstdint>
#include <string>

namespace simbook::kernels {
namespace {

bool InRange(std::int32_t x, std::int32_t lo, std::int32_t hi) {
    return x >= lo && x <= hi;
}

std::string Outside(std::int32_t x, const char* range) {
    return std::to_string(x) + " is outside " + range;
}

} // namespace

Status ValidateBaseballKernelState(const baseball::BaseballState& s) {
    if (!InRange(s.inning, 1, baseball::kMaxInnings)) {
        return InvalidArgument("inning", Outside(s.inning, "1..60"));
    }
    if (!InRange(s.bottom, 0, 1)) {
        return InvalidArgument("bottom", Outside(s.bottom, "0..1"));
    }
    if (!InRange(s.outs, 0, 2)) {
        return InvalidArgument("outs", Outside(s.outs, "0..2"));
    }
    if (!InRange(s.bases, 0, 7)) {
        return InvalidArgument("bases", Outside(s.bases, "0..7 (a base mask)"));
    }
    for (int team = 0; team < 2; ++team) {
        const char* side = team == 0 ? "home" : "away";
        if (!InRange(s.score[team], 0, 200)) {
            return InvalidArgument(std::string("score.") + side, Outside(s.score[team], "0..200"));
        }
        if (!InRange(s.starter_in[team], 0, 1)) {
            return InvalidArgument(std::string("starter_in.") + side, Outside(s.starter_in[team], "0..1"));
        }
    }
    return Status::Ok();
}

int BaseballCpuLanes() {
    return kNativeLanes;
}

Status RunBaseball(const baseball::BaseballParams& params, const baseball::BaseballState& state, std::uint64_t seed,
                   std::uint64_t first_path, std::size_t count, baseball::BaseballOutcome* out,
                   const LaunchConfig& config) {
    if (Status status = ValidateBaseballKernelState(state); !status.ok()) {
        return status;
    }
    Backend backend = Backend::kCpu;
    if (Status status = ResolveBackend(config.backend, &backend); !status.ok()) {
        return status;
    }
    if (count == 0) {
        return Status::Ok();
    }
#ifdef SIMBOOK_WITH_CUDA
    if (backend == Backend::kCuda) {
        return detail::RunBaseballCuda(params, state, seed, first_path, count, out);
    }
#endif
    constexpr int kWidth = kNativeLanes;
    const baseball::BaseballGame<SimdLanes<kWidth>> wide{params, state, seed};
    const baseball::BaseballGame<ScalarLanes> narrow{params, state, seed};
    RunLaneBlocks(wide, narrow, kWidth, first_path, count, out, config.threads);
    return Status::Ok();
}

Status RunBaseballScalar(const baseball::BaseballParams& params, const baseball::BaseballState& state,
                         std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                         baseball::BaseballOutcome* out, int threads) {
    if (Status status = ValidateBaseballKernelState(state); !status.ok()) {
        return status;
    }
    const baseball::BaseballGame<ScalarLanes> narrow{params, state, seed};
    const auto n = static_cast<std::int64_t>(count);
#pragma omp parallel for schedule(static) num_threads(threads > 0 ? threads : omp_get_max_threads())
    for (std::int64_t i = 0; i < n; ++i) {
        narrow(first_path + static_cast<std::uint64_t>(i), out + i, 1);
    }
    return Status::Ok();
}

} // namespace simbook::kernels
