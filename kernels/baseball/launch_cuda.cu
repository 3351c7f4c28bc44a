// The CUDA backend of the baseball kernel (CUDA builds only): the same functor as the CPU's, with scalar lanes, one
// path per thread.
#include "kernels/baseball/launch.hpp"

#include "kernels/baseball/baseball_step.cuh"
#include "kernels/core/lanes.cuh"

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
struct BaseballPath {
    baseball::BaseballGame<ScalarLanes> game;
    std::uint64_t first_path;
    baseball::BaseballOutcome* out;

    SIMBOOK_HD void operator()(std::uint64_t path) const { game(path, out + (path - first_path), 1); }
};

} // namespace

Status RunBaseballCuda(const baseball::BaseballParams& params, const baseball::BaseballState& state, std::uint64_t seed,
                       std::uint64_t first_path, std::size_t count, baseball::BaseballOutcome* out) {
    try {
        thrust::device_vector<baseball::BaseballOutcome> device_out(count);
        const BaseballPath path{{params, state, seed}, first_path, thrust::raw_pointer_cast(device_out.data())};
        const thrust::counting_iterator<std::uint64_t> first(first_path);
        thrust::for_each(thrust::cuda::par, first, first + count, path);
        thrust::copy(device_out.begin(), device_out.end(), out);
    } catch (const std::exception& e) {
        return {StatusCode::kUnavailable, std::string("CUDA backend failed: ") + e.what()};
    }
    return Status::Ok();
}

} // namespace simbook::kernels::detail
