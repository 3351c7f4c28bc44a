//! A run split across processes (MPI ranks: app/processes.hpp). Every engine that counts paths runs its share of
//! the path ids and sums its exact integer counts over the processes, so the result does not depend on the split.
#pragma once

#include "kernels/core/result.hpp"

#include <cstdint>
#include <functional>
#include <vector>

namespace simbook::engine {

//! How a run is split across processes (MPI ranks, app/processes.hpp): this process's share of the run's path ids
//! and how the shares' counts are summed over the processes. Empty: the whole run in this process.
struct RunShares {
    //! share(total, &first, &count): this process runs ids [first, first + count) of [0, total).
    std::function<void(std::uint64_t, std::uint64_t*, std::uint64_t*)> share;
    //! Replaces the words by their sum over the processes (every process gets the sum).
    std::function<Status(std::vector<std::uint64_t>&)> sum;
    explicit operator bool() const { return static_cast<bool>(share); }
};

} // namespace simbook::engine
