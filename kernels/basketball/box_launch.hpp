//! The box-score basketball kernel's launcher internals (RunBasketball itself is declared in kernels/launch.hpp).
#pragma once

#include "kernels/basketball/basketball_params.hpp"
#include "kernels/basketball/box_params.hpp"
#include "kernels/core/status.hpp"

#include <cstddef>
#include <cstdint>

namespace simbook::kernels {

//! Runs paths [first_path, first_path + count) of the box-score kernel with scalar lanes only (one path at a time
//! on each of `threads` OpenMP threads, 0 = all): the reference the SIMD lanes are checked against, byte for byte.
[[nodiscard]] Status RunBasketballScalar(const basketball::BasketballParams& params,
                                         const basketball::BasketballState& state, std::uint64_t seed,
                                         std::uint64_t first_path, std::size_t count,
                                         basketball::BasketballOutcome* out, int threads);

namespace detail {
//! The CUDA backend of RunBasketball (CUDA builds only): one scalar-lane path per thread.
[[nodiscard]] Status RunBasketballBoxCuda(const basketball::BasketballBoxParams& params,
                                          const basketball::BasketballState& state, std::uint64_t seed,
                                          std::uint64_t first_path, std::size_t count,
                                          basketball::BasketballOutcome* out);
} // namespace detail

} // namespace simbook::kernels
