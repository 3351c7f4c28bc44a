// Backend choice and the season kernel through Thrust. nvcc compiles it in CUDA builds (both the CUDA and the OpenMP
// backend); g++ compiles the same file as C++ in CPU-only builds (OpenMP backend only). The game kernels' launchers
// are each in their own folder (SIMD lanes on the CPU, a *_cuda.cu file for the GPU).
#include "kernels/launch.hpp"

#include "kernels/season/season_step.cuh"

#include <thrust/copy.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/system/omp/execution_policy.h>

#include <omp.h>

#include <exception>
#include <string>

#if SIMBOOK_CUDA_COMPILER
#include <cuda_runtime.h>
#include <thrust/device_vector.h>
#include <thrust/system/cuda/execution_policy.h>
#endif

namespace simbook::kernels {

bool CudaCompiled() {
    return SIMBOOK_CUDA_COMPILER != 0;
}

bool CudaAvailable() {
#if SIMBOOK_CUDA_COMPILER
    int devices = 0;
    return cudaGetDeviceCount(&devices) == cudaSuccess && devices > 0;
#else
    return false;
#endif
}

Status ResolveBackend(Backend requested, Backend* resolved) {
    switch (requested) {
    case Backend::kCpu:
        *resolved = Backend::kCpu;
        return Status::Ok();
    case Backend::kAuto:
        *resolved = CudaAvailable() ? Backend::kCuda : Backend::kCpu;
        return Status::Ok();
    case Backend::kCuda:
        if (!CudaCompiled()) {
            return {StatusCode::kUnavailable, "backend 'cuda' requested but this build has no CUDA backend"};
        }
        if (!CudaAvailable()) {
            return {StatusCode::kUnavailable, "backend 'cuda' requested but no CUDA device is available"};
        }
        *resolved = Backend::kCuda;
        return Status::Ok();
    }
    return {StatusCode::kInvalidArgument, "unknown backend"};
}

Status RunSeasons(const season::SeasonParams& params, const season::SeasonFixture* fixtures, std::uint64_t seed,
                  std::uint64_t first_season, std::size_t count, std::uint8_t* positions, std::uint16_t* points,
                  std::uint8_t* scores, const LaunchConfig& config) {
    if (params.n_teams < 1 || params.n_teams > season::kMaxTeams || params.n_fixtures < 0) {
        return {StatusCode::kInvalidArgument, "RunSeasons: team or fixture count out of range"};
    }
    Backend backend = Backend::kCpu;
    if (Status status = ResolveBackend(config.backend, &backend); !status.ok()) {
        return status;
    }
    if (count == 0) {
        return Status::Ok();
    }
    const thrust::counting_iterator<std::uint64_t> first(first_season);
#if SIMBOOK_CUDA_COMPILER
    if (backend == Backend::kCuda) {
        const std::size_t n_teams = static_cast<std::size_t>(params.n_teams);
        const std::size_t n_fixtures = static_cast<std::size_t>(params.n_fixtures);
        try {
            const thrust::device_vector<season::SeasonFixture> device_fixtures(fixtures, fixtures + n_fixtures);
            thrust::device_vector<std::uint8_t> device_positions(count * n_teams);
            thrust::device_vector<std::uint16_t> device_points(count * n_teams);
            thrust::device_vector<std::uint8_t> device_scores(scores != nullptr ? count * n_fixtures * 2 : 0);
            const season::SeasonGame game{params,
                                          thrust::raw_pointer_cast(device_fixtures.data()),
                                          seed,
                                          first_season,
                                          thrust::raw_pointer_cast(device_positions.data()),
                                          thrust::raw_pointer_cast(device_points.data()),
                                          scores != nullptr ? thrust::raw_pointer_cast(device_scores.data()) : nullptr};
            thrust::for_each(thrust::cuda::par, first, first + count, game);
            thrust::copy(device_positions.begin(), device_positions.end(), positions);
            thrust::copy(device_points.begin(), device_points.end(), points);
            if (scores != nullptr) {
                thrust::copy(device_scores.begin(), device_scores.end(), scores);
            }
        } catch (const std::exception& e) {
            return {StatusCode::kUnavailable, std::string("CUDA backend failed: ") + e.what()};
        }
        return Status::Ok();
    }
#endif
    const season::SeasonGame game{params, fixtures, seed, first_season, positions, points, scores};
    const int previous = omp_get_max_threads();
    if (config.threads > 0) {
        omp_set_num_threads(config.threads);
    }
    thrust::for_each(thrust::omp::par, first, first + count, game);
    omp_set_num_threads(previous);
    return Status::Ok();
}

} // namespace simbook::kernels
