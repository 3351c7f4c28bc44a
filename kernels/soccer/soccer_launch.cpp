// The soccer kernel's host launcher. Always compiled by the host compiler, so the CPU backend runs the SIMD lanes; a
// CUDA build hands kCuda to soccer_launch_cuda.cu, which runs the scalar lanes.
#include "kernels/soccer/soccer_launch.hpp"

#include "kernels/core/lanes.cuh"
#include "kernels/core/simd_lanes.hpp"
#include "kernels/launch.hpp"
#include "kernels/soccer/soccer_step.cuh"

#include <omp.h>

#include <algorithm>
#include <cstdint>

namespace simbook::kernels {
namespace {

//! Paths per call of the lane game: its lanes take the chunk's paths one after another, so only the chunk's last
//! few paths leave lanes idle.
constexpr std::size_t kChunk = 1024;

template <typename Lanes>
void RunChunks(const soccer::SoccerParams& params, const soccer::SoccerState& state, std::uint64_t seed,
               std::uint64_t first_path, std::size_t count, soccer::SoccerOutcome* out, int threads) {
    const soccer::SoccerLaneGame<Lanes> game{params, state, seed};
    const auto chunks = static_cast<std::int64_t>((count + kChunk - 1) / kChunk);
#pragma omp parallel for schedule(static) num_threads(threads > 0 ? threads : omp_get_max_threads())
    for (std::int64_t c = 0; c < chunks; ++c) {
        const std::size_t offset = static_cast<std::size_t>(c) * kChunk;
        game(first_path + offset, out + offset, static_cast<int>(std::min(kChunk, count - offset)));
    }
}

} // namespace

Status RunSoccer(const soccer::SoccerParams& params, const soccer::SoccerState& state, std::uint64_t seed,
                 std::uint64_t first_path, std::size_t count, soccer::SoccerOutcome* out, const LaunchConfig& config) {
    Backend backend = Backend::kCpu;
    if (Status status = ResolveBackend(config.backend, &backend); !status.ok()) {
        return status;
    }
    if (count == 0) {
        return Status::Ok();
    }
#ifdef SIMBOOK_WITH_CUDA
    if (backend == Backend::kCuda) {
        return detail::RunSoccerCuda(params, state, seed, first_path, count, out);
    }
#endif
    RunChunks<SimdLanes<kNativeDoubleLanes>>(params, state, seed, first_path, count, out, config.threads);
    return Status::Ok();
}

Status RunSoccerScalar(const soccer::SoccerParams& params, const soccer::SoccerState& state, std::uint64_t seed,
                       std::uint64_t first_path, std::size_t count, soccer::SoccerOutcome* out, int threads) {
    RunChunks<ScalarLanes>(params, state, seed, first_path, count, out, threads);
    return Status::Ok();
}

Status RunSoccerWidth(int width, const soccer::SoccerParams& params, const soccer::SoccerState& state,
                      std::uint64_t seed, std::uint64_t first_path, std::size_t count, soccer::SoccerOutcome* out,
                      int threads) {
    switch (width) {
    case 2:
        RunChunks<SimdLanes<2>>(params, state, seed, first_path, count, out, threads);
        return Status::Ok();
    case 4:
        RunChunks<SimdLanes<4>>(params, state, seed, first_path, count, out, threads);
        return Status::Ok();
    case 8:
        RunChunks<SimdLanes<8>>(params, state, seed, first_path, count, out, threads);
        return Status::Ok();
    default:
        return {StatusCode::kInvalidArgument, "RunSoccerWidth: width must be 2, 4 or 8"};
    }
}

} // namespace simbook::kernels
