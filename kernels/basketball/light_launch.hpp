//! Plain C++ API of the light basketball kernel: run a range of path ids on a backend.
#pragma once

#include "kernels/basketball/basketball_params.hpp"
#include "kernels/basketball/light_params.hpp"
#include "kernels/core/status.hpp"
#include "kernels/launch.hpp"

#include <cstddef>
#include <cstdint>

namespace simbook::kernels {

//! Simulates light paths [first_path, first_path + count) from a state (BasketballLightGame) and writes their
//! outcomes to out[0..count). The CPU backend runs blocks of kNativeLanes paths as SIMD lanes (OpenMP over
//! blocks, the last count % kNativeLanes paths as scalars); CUDA runs one path per thread. Every path's
//! outcome depends only on (seed, path id), whatever the backend, threads or range.
[[nodiscard]] Status RunBasketballLight(const basketball::BasketballLightParams& params,
                                        const basketball::BasketballState& state, std::uint64_t seed,
                                        std::uint64_t first_path, std::size_t count,
                                        basketball::BasketballLightOutcome* out, const LaunchConfig& config);

//! One game's share of a launch over many games: paths [first_path, first_path + count) of the game (params at
//! state, seed) written to out[0..count).
struct BasketballLightJob {
    const basketball::BasketballLightParams* params = nullptr;
    basketball::BasketballState state{};
    std::uint64_t seed = 0;
    std::uint64_t first_path = 0;
    std::size_t count = 0;
    basketball::BasketballLightOutcome* out = nullptr;
};

//! Many games in one launch over (game, path) pairs: the state updates of many events repriced together. Every
//! path's outcome equals RunBasketballLight's for its game (it depends only on the game, seed and path id). The
//! CPU backend shares its threads over every game's blocks of kNativeLanes paths; CUDA runs one thread per
//! (game, path) in a single grid. InvalidArgument for a job without params or outcomes.
[[nodiscard]] Status RunBasketballLightMany(const BasketballLightJob* jobs, std::size_t job_count,
                                            const LaunchConfig& config);

//! Jobs that ran in a coalesced launch together with at least one other (LaunchConfig::coalesce), since start.
std::uint64_t BasketballLightCoalescedJobs();

//! SIMD lanes per block of the CPU backend of this build (8 with AVX2, 16 with AVX-512).
int BasketballLightCpuLanes();

namespace detail {
//! The CUDA backend of RunBasketballLight (CUDA builds only): one scalar-lane path per thread.
[[nodiscard]] Status RunBasketballLightCuda(const basketball::BasketballLightParams& params,
                                            const basketball::BasketballState& state, std::uint64_t seed,
                                            std::uint64_t first_path, std::size_t count,
                                            basketball::BasketballLightOutcome* out);
//! The CUDA backend of RunBasketballLightMany: one grid over every job's paths.
[[nodiscard]] Status RunBasketballLightManyCuda(const BasketballLightJob* jobs, std::size_t job_count);
} // namespace detail

} // namespace simbook::kernels
