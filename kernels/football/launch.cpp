// The American football kernel's host launcher. Always compiled by the host compiler, so the CPU backend runs the
// SIMD lanes; a CUDA build hands kCuda to launch_cuda.cu, which runs the scalar lanes.
#include "kernels/football/launch.hpp"

#include "kernels/core/lane_blocks.hpp"
#include "kernels/core/lanes.cuh"
#include "kernels/core/result.hpp"
#include "kernels/core/simd_lanes.hpp"
#include "kernels/football/football_step.cuh"

#include <omp.h>

#include <cstdint>
#include <string>

namespace simbook::kernels {
namespace {

bool InRange(std::int32_t x, std::int32_t lo, std::int32_t hi) {
    return x >= lo && x <= hi;
}

std::string Outside(std::int32_t x, std::int32_t lo, std::int32_t hi) {
    return std::to_string(x) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi);
}

//! The pace thresholds given that more than `done` regulation drives are played (no clock).
football::FootballParams ConditionDriveCount(football::FootballParams p, int done) {
    constexpr double kTwo32 = 4294967296.0;
    double below = 0.0; // P(N <= done)
    for (int k = 0; k + 1 < football::kDriveCounts && p.min_drives + k <= done; ++k) {
        below = double(p.drive_count_threshold[k]) / kTwo32;
    }
    if (below <= 0.0) {
        return p;
    }
    for (int k = 0; k + 1 < football::kDriveCounts; ++k) {
        const double t = double(p.drive_count_threshold[k]) / kTwo32;
        const double conditioned = t <= below ? 0.0 : (t - below) / (1.0 - below);
        const double scaled = conditioned * kTwo32;
        p.drive_count_threshold[k] = scaled >= 4294967295.0 ? 4294967295u : static_cast<std::uint32_t>(scaled);
    }
    return p;
}

} // namespace

Status ValidateFootballKernelState(const football::FootballParams& params, const football::FootballState& s) {
    if (!InRange(s.seconds_left, 1, 3600)) {
        return InvalidArgument("seconds_left", Outside(s.seconds_left, 1, 3600));
    }
    const int last = params.min_drives + football::kDriveCounts - 1;
    if (!InRange(s.drives_done, 0, last - 1)) {
        return InvalidArgument("drives_done", Outside(s.drives_done, 0, last - 1));
    }
    for (int team = 0; team < 2; ++team) {
        if (!InRange(s.score[team], 0, 200)) {
            return InvalidArgument(team == 0 ? "score.home" : "score.away", Outside(s.score[team], 0, 200));
        }
    }
    if (!InRange(s.possession, -1, 1)) {
        return InvalidArgument("possession", Outside(s.possession, -1, 1));
    }
    if (!InRange(s.field, 0, 1)) {
        return InvalidArgument("field", Outside(s.field, 0, 1));
    }
    if (!InRange(s.opening_receiver, -1, 1)) {
        return InvalidArgument("opening_receiver", Outside(s.opening_receiver, -1, 1));
    }
    if (!InRange(s.now_set, 0, 1) || (s.now_set != 0 && s.possession < 0)) {
        return InvalidArgument("now_set", "must be 0, or 1 with a team in possession");
    }
    for (int k = 1; k < football::kDriveEnds - 1; ++k) {
        if (s.now_set != 0 && s.now_threshold[k] < s.now_threshold[k - 1]) {
            return InvalidArgument("now_threshold", "thresholds must not decrease");
        }
    }
    return Status::Ok();
}

Status RunFootball(const football::FootballParams& params, const football::FootballState& state, std::uint64_t seed,
                   std::uint64_t first_path, std::size_t count, football::FootballOutcome* out,
                   const LaunchConfig& config) {
    if (Status status = ValidateFootballKernelState(params, state); !status.ok()) {
        return status;
    }
    Backend backend = Backend::kCpu;
    if (Status status = ResolveBackend(config.backend, &backend); !status.ok()) {
        return status;
    }
    if (count == 0) {
        return Status::Ok();
    }
    const football::FootballParams conditioned =
        params.clock != 0 ? params : ConditionDriveCount(params, state.drives_done);
#ifdef SIMBOOK_WITH_CUDA
    if (backend == Backend::kCuda) {
        return detail::RunFootballCuda(conditioned, state, seed, first_path, count, out);
    }
#endif
    constexpr int kWidth = kNativeLanes;
    const football::FootballGame<SimdLanes<kWidth>> wide{conditioned, state, seed};
    const football::FootballGame<ScalarLanes> narrow{conditioned, state, seed};
    RunLaneBlocks(wide, narrow, kWidth, first_path, count, out, config.threads);
    return Status::Ok();
}

Status RunFootballScalar(const football::FootballParams& params, const football::FootballState& state,
                         std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                         football::FootballOutcome* out, int threads) {
    if (Status status = ValidateFootballKernelState(params, state); !status.ok()) {
        return status;
    }
    const football::FootballParams conditioned =
        params.clock != 0 ? params : ConditionDriveCount(params, state.drives_done);
    const football::FootballGame<ScalarLanes> narrow{conditioned, state, seed};
    const auto n = static_cast<std::int64_t>(count);
#pragma omp parallel for schedule(static) num_threads(threads > 0 ? threads : omp_get_max_threads())
    for (std::int64_t i = 0; i < n; ++i) {
        narrow(first_path + static_cast<std::uint64_t>(i), out + i, 1);
    }
    return Status::Ok();
}

} // namespace simbook::kernels
