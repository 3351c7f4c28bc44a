// The CUDA backend of the light basketball kernel (CUDA builds only): the same functor as the CPU's, with
// scalar lanes, one path per thread.
#include "kernels/basketball/light_launch.hpp"

#include "kernels/basketball/light_step.cuh"
#include "kernels/core/lanes.cuh"

#include <thrust/copy.h>
#include <thrust/device_vector.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/system/cuda/execution_policy.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

namespace simbook::kernels::detail {
namespace {

//! One path per call: writes path p's outcome to out[p - first_path].
struct LightPath {
    basketball::BasketballLightGame<ScalarLanes> game;
    std::uint64_t first_path;
    basketball::BasketballLightOutcome* out;

    SIMBOOK_HD void operator()(std::uint64_t path) const { game(path, out + (path - first_path), 1); }
};

//! One (game, path) pair per call: flat index i belongs to the last game whose outcomes start at or before i.
struct ManyPath {
    const basketball::BasketballLightGame<ScalarLanes>* games;
    const std::uint64_t* starts;      //!< [game]: first flat index of the game's outcomes; [games] the total
    const std::uint64_t* first_paths; //!< [game]: path id of its first outcome
    std::size_t count;                //!< games
    basketball::BasketballLightOutcome* out;

    SIMBOOK_HD void operator()(std::uint64_t i) const {
        std::size_t lo = 0, hi = count;
        while (hi - lo > 1) {
            const std::size_t mid = (lo + hi) / 2;
            if (starts[mid] <= i) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        games[lo](first_paths[lo] + (i - starts[lo]), out + i, 1);
    }
};

} // namespace

Status RunBasketballLightCuda(const basketball::BasketballLightParams& params, const basketball::BasketballState& state,
                              std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                              basketball::BasketballLightOutcome* out) {
    try {
        thrust::device_vector<basketball::BasketballLightOutcome> device_out(count);
        const LightPath path{{params, state, seed}, first_path, thrust::raw_pointer_cast(device_out.data())};
        const thrust::counting_iterator<std::uint64_t> first(first_path);
        thrust::for_each(thrust::cuda::par, first, first + count, path);
        thrust::copy(device_out.begin(), device_out.end(), out);
    } catch (const std::exception& e) {
        return {StatusCode::kUnavailable, std::string("CUDA backend failed: ") + e.what()};
    }
    return Status::Ok();
}

Status RunBasketballLightManyCuda(const BasketballLightJob* jobs, std::size_t job_count) {
    using Game = basketball::BasketballLightGame<ScalarLanes>;
    try {
        std::vector<Game> games;
        std::vector<std::uint64_t> starts{0}, first_paths;
        for (std::size_t j = 0; j < job_count; ++j) {
            games.push_back({jobs[j].params != nullptr ? *jobs[j].params : basketball::BasketballLightParams{},
                             jobs[j].state, jobs[j].seed});
            first_paths.push_back(jobs[j].first_path);
            starts.push_back(starts.back() + jobs[j].count);
        }
        const std::uint64_t total = starts.back();
        if (total == 0) {
            return Status::Ok();
        }
        const thrust::device_vector<Game> device_games(games.begin(), games.end());
        const thrust::device_vector<std::uint64_t> device_starts(starts.begin(), starts.end());
        const thrust::device_vector<std::uint64_t> device_first(first_paths.begin(), first_paths.end());
        thrust::device_vector<basketball::BasketballLightOutcome> device_out(total);
        const ManyPath path{
            thrust::raw_pointer_cast(device_games.data()), thrust::raw_pointer_cast(device_starts.data()),
            thrust::raw_pointer_cast(device_first.data()), job_count, thrust::raw_pointer_cast(device_out.data())};
        const thrust::counting_iterator<std::uint64_t> first(0);
        thrust::for_each(thrust::cuda::par, first, first + total, path);
        for (std::size_t j = 0; j < job_count; ++j) {
            thrust::copy(device_out.begin() + static_cast<std::ptrdiff_t>(starts[j]),
                         device_out.begin() + static_cast<std::ptrdiff_t>(starts[j + 1]), jobs[j].out);
        }
    } catch (const std::exception& e) {
        return {StatusCode::kUnavailable, std::string("CUDA backend failed: ") + e.what()};
    }
    return Status::Ok();
}

} // namespace simbook::kernels::detail
