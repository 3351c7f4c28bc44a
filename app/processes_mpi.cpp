// A build with MPI (OpenMPI from Debian): ranks when started by mpirun, one process otherwise.
#include "app/processes.hpp"

#include <mpi.h>

#include <cstdlib>
#include <string>

namespace simbook::app {
namespace {

//! Started by mpirun (OpenMPI sets these in every rank's environment; PMI for other launchers).
bool StartedByMpirun() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"}) {
        if (std::getenv(name) != nullptr) {
            return true;
        }
    }
    return false;
}

} // namespace

Processes& Processes::Get() {
    static Processes processes;
    return processes;
}

Processes::Processes() {
    if (!StartedByMpirun()) {
        return;
    }
    int already = 0;
    MPI_Initialized(&already);
    if (already == 0) {
        MPI_Init(nullptr, nullptr);
        initialised_ = true;
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Processes::~Processes() {
    if (initialised_) {
        MPI_Finalize();
    }
}

void Processes::Share(std::uint64_t paths, std::uint64_t* first, std::uint64_t* count) const {
    // floor(paths * r / size) without overflow: (paths / size) * r + floor((paths % size) * r / size).
    const auto at = [&](int r) {
        const auto size = static_cast<std::uint64_t>(size_);
        const auto rank = static_cast<std::uint64_t>(r);
        return paths / size * rank + paths % size * rank / size;
    };
    *first = at(rank_);
    *count = at(rank_ + 1) - *first;
}

bool Processes::AllOk(bool ok) {
    if (size_ == 1) {
        return ok;
    }
    int mine = ok ? 1 : 0;
    int all = 0;
    MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return all == 1;
}

Status Processes::SumOverRanks(std::vector<std::uint64_t>& words) {
    if (size_ == 1) {
        return Status::Ok();
    }
    unsigned long long sizes[2] = {words.size(), ~static_cast<unsigned long long>(words.size())};
    unsigned long long largest[2] = {0, 0};
    MPI_Allreduce(sizes, largest, 2, MPI_UNSIGNED_LONG_LONG, MPI_MAX, MPI_COMM_WORLD);
    if (largest[0] != words.size() || ~largest[1] != words.size()) { // max(n) == min(n): every rank holds n
        return {StatusCode::kFailedPrecondition, "the ranks' results differ in shape (not the same game)"};
    }
    MPI_Allreduce(MPI_IN_PLACE, words.data(), static_cast<int>(words.size()), MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
    return Status::Ok();
}

engine::RunShares Processes::Shares() {
    if (size_ == 1) {
        return {};
    }
    return {[this](std::uint64_t total, std::uint64_t* first, std::uint64_t* count) { Share(total, first, count); },
            [this](std::vector<std::uint64_t>& words) { return SumOverRanks(words); }};
}

} // namespace simbook::app
