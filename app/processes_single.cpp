// A build without MPI: one process, whatever launched it.
#include "app/processes.hpp"

namespace simbook::app {

Processes& Processes::Get() {
    static Processes processes;
    return processes;
}

Processes::Processes() = default;
Processes::~Processes() = default;

void Processes::Share(std::uint64_t paths, std::uint64_t* first, std::uint64_t* count) const {
    *first = 0;
    *count = paths;
}

bool Processes::AllOk(bool ok) {
    return ok;
}

Status Processes::SumOverRanks(std::vector<std::uint64_t>&) {
    return Status::Ok();
}

engine::RunShares Processes::Shares() {
    return {};
}

} // namespace simbook::app
