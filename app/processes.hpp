//! The processes of one run. Started by `mpirun -np N` (OpenMPI; a build with MPI), a command runs as N ranks that
//! split its path ids and sum their counts on rank 0; otherwise, or in a build without MPI, it is one process.
#pragma once

#include "engine/result_counts.hpp"
#include "kernels/core/result.hpp"

#include <cstdint>
#include <vector>

namespace simbook::app {

class Processes {
public:
    //! The processes of this run (MPI is initialised on first use when the process was started by mpirun, and
    //! finalised at exit).
    static Processes& Get();

    int rank() const { return rank_; }
    int size() const { return size_; }
    //! Path ids [first, first + count) of this rank's share of [0, paths): contiguous, in rank order.
    void Share(std::uint64_t paths, std::uint64_t* first, std::uint64_t* count) const;
    //! True on every rank when every rank passes ok = true (so that one rank's failure stops them all).
    bool AllOk(bool ok);
    //! Replaces every rank's words by their sum over the ranks, element by element. FailedPrecondition on every
    //! rank when the ranks hold different numbers of words.
    Status SumOverRanks(std::vector<std::uint64_t>& words);
    //! This run's shares for the engines (engine::RunShares): the rank's share, summed over the ranks.
    engine::RunShares Shares();

private:
    Processes();
    ~Processes();
    int rank_ = 0;
    int size_ = 1;
    bool initialised_ = false;
};

} // namespace simbook::app
