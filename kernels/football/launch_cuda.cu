// The CUDA backend of the American football kernel (CUDA builds only): the same functor as the CPU's, with scalar
// lanes, one path per thread (kernels/core/cuda_paths.cuh).
#include "kernels/football/launch.hpp"

#include "kernels/core/cuda_paths.cuh"
#include "kernels/core/lanes.cuh"
#include "kernels/football/football_step.cuh"

namespace simbook::kernels::detail {

Status RunFootballCuda(const football::FootballParams& params, const football::FootballState& state, std::uint64_t seed,
                       std::uint64_t first_path, std::size_t count, football::FootballOutcome* out) {
    return RunPathsCuda(football::FootballGame<ScalarLanes>{params, state, seed}, first_path, count, out);
}

} // namespace simbook::kernels::detail
