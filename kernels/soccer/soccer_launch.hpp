//! The soccer kernel's launcher internals (RunSoccer itself is declared in kernels/launch.hpp).
#pragma once

#include "kernels/core/status.hpp"
#include "kernels/soccer/soccer_params.hpp"

#include <cstddef>
#include <cstdint>

namespace simbook::kernels {

//! Runs paths [first_path, first_path + count) of the soccer kernel with scalar lanes only (one path at a time on
//! each of `threads` OpenMP threads, 0 = all): the reference the SIMD lanes are checked against, byte for byte.
[[nodiscard]] Status RunSoccerScalar(const soccer::SoccerParams& params, const soccer::SoccerState& state,
                                     std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                                     soccer::SoccerOutcome* out, int threads);

//! Runs the paths with SIMD lanes of `width` doubles (2, 4 or 8; the CPU backend uses the host's native width), on
//! `threads` OpenMP threads: the lane widths the tests compare.
[[nodiscard]] Status RunSoccerWidth(int width, const soccer::SoccerParams& params, const soccer::SoccerState& state,
                                    std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                                    soccer::SoccerOutcome* out, int threads);

namespace detail {
//! The CUDA backend of RunSoccer (CUDA builds only): one scalar-lane path per thread.
[[nodiscard]] Status RunSoccerCuda(const soccer::SoccerParams& params, const soccer::SoccerState& state,
                                   std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                                   soccer::SoccerOutcome* out);
} // namespace detail

} // namespace simbook::kernels
