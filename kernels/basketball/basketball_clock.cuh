//! How the game clock maps to possession slots: shared by the kernel and the exact DP reference.
#pragma once

#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/config.hpp"

namespace simbook::kernels::basketball {

//! Possessions per team in one overtime period, for N per team in regulation (N * 5 / 48, rounded).
SIMBOOK_HD inline int OvertimePossessions(int n) { return (n * kOvertimeSeconds + kRegulationSeconds / 2) / kRegulationSeconds; }

//! Game-clock seconds of regulation played at a state in periods 1-4.
SIMBOOK_HD inline int RegulationElapsed(const BasketballState& state) {
    return (state.period - 1) * kQuarterSeconds + (kQuarterSeconds - state.clock_seconds);
}

//! Possession slots (both teams together) left in the current period block: the rest of regulation for
//! periods 1-4, the rest of the current overtime for periods 5+. Slots are spread evenly over the clock.
SIMBOOK_HD inline int SlotsLeft(int n, const BasketballState& state) {
    if (state.period <= 4) {
        const int remaining = kRegulationSeconds - RegulationElapsed(state);
        return (2 * n * remaining + kRegulationSeconds / 2) / kRegulationSeconds;
    }
    return (2 * OvertimePossessions(n) * state.clock_seconds + kOvertimeSeconds / 2) / kOvertimeSeconds;
}

//! Quarter index (0-3) of regulation slot k of `slots` spread evenly over the rest of regulation.
SIMBOOK_HD inline int SlotQuarter(const BasketballState& state, int slots, int k) {
    const int elapsed = RegulationElapsed(state);
    const int remaining = kRegulationSeconds - elapsed;
    // Slot k sits at elapsed + (k + 0.5) * remaining / slots; compare in integers (times 2 * slots).
    const long long when = 2LL * elapsed * slots + (2LL * k + 1) * remaining;
    const int quarter = static_cast<int>(when / (2LL * kQuarterSeconds * slots));
    return quarter < 3 ? quarter : 3;
}

} // namespace simbook::kernels::basketball
