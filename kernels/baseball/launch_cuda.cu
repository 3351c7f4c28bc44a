// The CUDA backend of the baseball kernel (CUDA builds only): the same functor as the CPU's, with scalar lanes, one
// path per thread (kernels/core/cuda_paths.cuh).
#include "kernels/baseball/launch.hpp"

#include "kernels/baseball/baseball_step.cuh"
#include "kernels/core/cuda_paths.cuh"
#include "kernels/core/lanes.cuh"

namespace simbook::kernels::detail {

Status RunBaseballCuda(const baseball::BaseballParams& params, const baseball::BaseballState& state, std::uint64_t seed,
                       std::uint64_t first_path, std::size_t count, baseball::BaseballOutcome* out) {
    return RunPathsCuda(baseball::BaseballGame<ScalarLanes>{params, state, seed}, first_path, count, out);
}

} // namespace simbook::kernels::detail
