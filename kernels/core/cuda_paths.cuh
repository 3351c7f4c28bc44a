//! The CUDA backend shared by the lane-templated game kernels (CUDA translation units only): a game functor with
//! scalar lanes runs one path per thread over a counting iterator, its outcomes copied back to the host.
#pragma once

#include "kernels/core/config.hpp"
#include "kernels/core/status.hpp"

#include <thrust/copy.h>
#include <thrust/device_vector.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/system/cuda/execution_policy.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

namespace simbook::kernels::detail {

//! One path per call: writes path p's outcome to out[p - first_path].
template <typename Game, typename Outcome> struct CudaPath {
    Game game;
    std::uint64_t first_path;
    Outcome* out;

    SIMBOOK_HD void operator()(std::uint64_t path) const { game(path, out + (path - first_path), 1); }
};

//! Runs paths [first_path, first_path + count) of `game` (a functor `game(path, Outcome*, 1)` with scalar lanes) on
//! the device and writes their outcomes to out[0..count). Unavailable with the CUDA error's text on failure.
template <typename Outcome, typename Game>
Status RunPathsCuda(const Game& game, std::uint64_t first_path, std::size_t count, Outcome* out) {
    try {
        thrust::device_vector<Outcome> device_out(count);
        const CudaPath<Game, Outcome> path{game, first_path, thrust::raw_pointer_cast(device_out.data())};
        const thrust::counting_iterator<std::uint64_t> first(first_path);
        thrust::for_each(thrust::cuda::par, first, first + count, path);
        thrust::copy(device_out.begin(), device_out.end(), out);
    } catch (const std::exception& e) {
        return {StatusCode::kUnavailable, std::string("CUDA backend failed: ") + e.what()};
    }
    return Status::Ok();
}

} // namespace simbook::kernels::detail
