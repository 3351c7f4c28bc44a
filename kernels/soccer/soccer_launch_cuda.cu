// The CUDA backend of the soccer kernel (CUDA builds only): the same functor as the CPU's, with scalar lanes, one
// path per thread (kernels/core/cuda_paths.cuh).
#include "kernels/soccer/soccer_launch.hpp"

#include "kernels/core/cuda_paths.cuh"
#include "kernels/core/lanes.cuh"
#include "kernels/soccer/soccer_step.cuh"

namespace simbook::kernels::detail {

Status RunSoccerCuda(const soccer::SoccerParams& params, const soccer::SoccerState& state, std::uint64_t seed,
                     std::uint64_t first_path, std::size_t count, soccer::SoccerOutcome* out) {
    return RunPathsCuda(soccer::SoccerLaneGame<ScalarLanes>{params, state, seed}, first_path, count, out);
}

} // namespace simbook::kernels::detail
