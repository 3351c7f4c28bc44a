//! Plain C++ API of the American football kernel: run a range of path ids on a backend.
#pragma once

#include "kernels/core/status.hpp"
#include "kernels/football/football_params.hpp"
#include "kernels/launch.hpp"

#include <cstddef>
#include <cstdint>

namespace simbook::kernels {

//! Ok, or InvalidArgument naming the field of a state the kernel cannot play (seconds_left outside 1..3600, a
//! negative drive count or one at the pace's largest, a score outside 0..200, possession, field or opening
//! receiver out of range).
[[nodiscard]] Status ValidateFootballKernelState(const football::FootballParams& params,
                                                 const football::FootballState& state);

//! Simulates paths [first_path, first_path + count) of a game from a state (football::FootballGame) and writes
//! their outcomes to out[0..count). Without the clock, the drive count is drawn given that more than
//! state.drives_done are played. The CPU backend runs blocks of kNativeLanes paths as SIMD lanes (OpenMP over
//! blocks, the rest as scalars); CUDA runs one path per thread. Every path's outcome depends only on (seed, path
//! id). Errors: an invalid state, an unavailable backend.
[[nodiscard]] Status RunFootball(const football::FootballParams& params, const football::FootballState& state,
                                 std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                                 football::FootballOutcome* out, const LaunchConfig& config);

//! RunFootball on the CPU with scalar lanes only (the reference of the SIMD lanes): OpenMP over paths.
[[nodiscard]] Status RunFootballScalar(const football::FootballParams& params, const football::FootballState& state,
                                       std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                                       football::FootballOutcome* out, int threads);

namespace detail {
//! The CUDA backend of RunFootball (CUDA builds only): one scalar-lane path per thread.
[[nodiscard]] Status RunFootballCuda(const football::FootballParams& params, const football::FootballState& state,
                                     std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                                     football::FootballOutcome* out);
} // namespace detail

} // namespace simbook::kernels
