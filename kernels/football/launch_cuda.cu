// The CUDA backend of the American football kernel (CUDA builds only): the same functor as the CPU's, with scalar
// lanes, one path per thread.
#include "kernels/football/launch.hpp"

#include "kernels/core/lanes.cuh"
#include "kernels/football/football_step.cuh"

#include <thrust/copy.h>
#include <thrust/device_vector.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/system/cuda/execution_policy.h>

#include <exception>
#include <string>

namespace simbook::kernels::detail {
namespace {

//! One path per call: writes path p's outcome to out[p - first_path].
struct FootballPath {
    football::FootballGame<ScalarLanes> game;
    std::uint64_t first_path;
    football::FootballOutcome* out;

    SIMBOOK_HD void operator()(std::uint64_t path) const { game(path, out + (path - first_path), 1); }
};

} // namespace

Status RunFootballCuda(const football::FootballParams& params, const football::FootballState& state, std::uint64_t seed,
                       std::uint64_t first_path, std::size_t count, football::FootballOutcome* out) {
    try {
        thrust::device_vector<football::FootballOutcome> device_out(count);
        const FootballPath path{{params, state, seed}, first_path, thrust::raw_pointer_cast(device_out.data())};
        const thrust::counting_iterator<std::uint64_t> first(first_path);
        thrust::for_each(thrust::cuda::par, first, first + count, path);
        thrust::copy(device_out.begin(), device_out.end(), out);
    } catch (const std::exception& e) {
        return {StatusCode::kUnavailable, std::string("CUDA backend failed: ") + e.what()};
    }
    return Status::Ok();
}

} // namespace simbook::kernels::detail
