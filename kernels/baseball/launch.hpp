//! Plain C++ API of the baseball kernel: run a range of path ids on a backend.
#pragma once

#include "kernels/baseball/baseball_params.hpp"
#include "kernels/core/status.hpp"
#include "kernels/launch.hpp"

#include <cstddef>
#include <cstdint>

namespace simbook::kernels {

//! Ok, or InvalidArgument naming the field of a state the kernel cannot play (inning outside 1..kMaxInnings, outs
//! outside 0..2, bases outside 0..7, a negative score or one past 200, a flag other than 0 or 1). The game rules'
//! checks (a home team ahead in the bottom of the 9th) are engine::ValidateBaseballState's.
[[nodiscard]] Status ValidateBaseballKernelState(const baseball::BaseballState& state);

//! Simulates paths [first_path, first_path + count) of a game from a state (baseball::BaseballGame) and writes
//! their outcomes to out[0..count). The CPU backend runs blocks of kNativeLanes paths as SIMD lanes (OpenMP over
//! blocks, the last count % kNativeLanes paths as scalars); CUDA runs one path per thread. Every path's outcome
//! depends only on (seed, path id), whatever the backend, threads or range. Errors: an invalid state
//! (ValidateBaseballKernelState), an unavailable backend.
[[nodiscard]] Status RunBaseball(const baseball::BaseballParams& params, const baseball::BaseballState& state,
                                 std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                                 baseball::BaseballOutcome* out, const LaunchConfig& config);

//! RunBaseball on the CPU with scalar lanes only (the reference the SIMD lanes must match, and a benchmark
//! baseline): OpenMP over paths.
[[nodiscard]] Status RunBaseballScalar(const baseball::BaseballParams& params, const baseball::BaseballState& state,
                                       std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                                       baseball::BaseballOutcome* out, int threads);

//! SIMD lanes per block of the CPU backend of this build (8 with AVX2, 16 with AVX-512).
int BaseballCpuLanes();

namespace detail {
//! The CUDA backend of RunBaseball (CUDA builds only): one scalar-lane path per thread.
[[nodiscard]] Status RunBaseballCuda(const baseball::BaseballParams& params, const baseball::BaseballState& state,
                                     std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                                     baseball::BaseballOutcome* out);
} // namespace detail

} // namespace simbook::kernels
