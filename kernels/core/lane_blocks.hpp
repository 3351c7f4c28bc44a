//! The CPU backend's loop over paths, shared by the lane-templated kernels' host launchers: whole blocks of SIMD
//! lanes on OpenMP threads, then the last paths one by one with scalar lanes. Host code only (OpenMP).
#pragma once

#include <omp.h>

#include <cstddef>
#include <cstdint>

namespace simbook::kernels {

//! Runs paths [first_path, first_path + count) into out[0..count): wide(path, out, width) on blocks of `width`
//! paths (threads > 0: that many OpenMP threads, else all), narrow(path, out, 1) on the rest.
template <typename Wide, typename Narrow, typename Outcome>
void RunLaneBlocks(const Wide& wide, const Narrow& narrow, int width, std::uint64_t first_path, std::size_t count,
                   Outcome* out, int threads) {
    const auto blocks = static_cast<std::int64_t>(count / static_cast<std::size_t>(width));
    const int n_threads = threads > 0 ? threads : omp_get_max_threads();
    // Dynamic, in runs of 8 blocks: a thread the scheduler preempts (a server's I/O threads share the cores) leaves
    // its blocks to the others instead of holding the launch up. Which thread runs a block changes no result.
#pragma omp parallel for schedule(dynamic, 8) num_threads(n_threads)
    for (std::int64_t b = 0; b < blocks; ++b) {
        const auto offset = static_cast<std::uint64_t>(b) * static_cast<std::uint64_t>(width);
        wide(first_path + offset, out + offset, width);
    }
    for (std::size_t i = static_cast<std::size_t>(blocks) * static_cast<std::size_t>(width); i < count; ++i) {
        narrow(first_path + i, out + i, 1);
    }
}

} // namespace simbook::kernels
