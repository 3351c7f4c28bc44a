// The CUDA backend of the box-score basketball kernel (CUDA builds only): the same functor as the CPU's, with scalar
// lanes, one path per thread (kernels/core/cuda_paths.cuh).
#include "kernels/basketball/box_launch.hpp"

#include "kernels/basketball/box_step.cuh"
#include "kernels/core/cuda_paths.cuh"
#include "kernels/core/lanes.cuh"

namespace simbook::kernels::detail {

Status RunBasketballBoxCuda(const basketball::BasketballBoxParams& params, const basketball::BasketballState& state,
                            std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                            basketball::BasketballOutcome* out) {
    return RunPathsCuda(basketball::BasketballBoxGame<ScalarLanes>{params, state, seed}, first_path, count, out);
}

} // namespace simbook::kernels::detail
