//! How the game clock maps to possession slots: shared by the kernel and the exact DP reference.
#pragma once

#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/config.hpp"

namespace simbook::kernels::basketball {

//! Possessions per team in one overtime period, for N per team in regulation (N * 5 / 48, rounded).
SIMBOOK_HD inline int OvertimePossessions(int n) {
    return (n * kOvertimeSeconds + kRegulationSeconds / 2) / kRegulationSeconds;
}

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

//! Game-clock seconds from tip-off of a path's possession slot `slot`, counted from a state: the regulation slots
//! left (`slots`, spread over the rest of regulation, or over the rest of the current overtime for an overtime
//! state), then overtimes of `overtime_slots` each. A slot sits at the middle of its share of its block.
SIMBOOK_HD inline int SlotSecond(const BasketballState& state, int slots, int overtime_slots, int slot) {
    long long start = state.period <= 4 ? RegulationElapsed(state)
                                        : kRegulationSeconds + (state.period - 5) * kOvertimeSeconds +
                                              (kOvertimeSeconds - state.clock_seconds);
    long long length = state.period <= 4 ? kRegulationSeconds - RegulationElapsed(state) : state.clock_seconds;
    long long k = slot;
    long long in_block = slots;
    if (slot >= slots && overtime_slots > 0) { // in overtime number initial + j + 1
        const int initial_overtimes = state.period > 4 ? state.period - 4 : 0;
        const int j = (slot - slots) / overtime_slots;
        start = kRegulationSeconds + static_cast<long long>(initial_overtimes + j) * kOvertimeSeconds;
        length = kOvertimeSeconds;
        k = (slot - slots) % overtime_slots;
        in_block = overtime_slots;
    }
    return static_cast<int>(start + ((2 * k + 1) * length) / (2 * in_block));
}

//! Races to N already decided at a state: next_race[team] is the index of the first target the team has not reached,
//! and bit i of race_won[team] is set when only that team has passed RaceTarget(i) (both past it: nobody's).
SIMBOOK_HD inline void RacesAtState(const BasketballState& state, int (&next_race)[2], int (&race_won)[2]) {
    for (int team = 0; team < 2; ++team) {
        next_race[team] = 0;
        while (next_race[team] < kRaceTargets && state.score[team] >= RaceTarget(next_race[team])) {
            ++next_race[team];
        }
    }
    for (int team = 0; team < 2; ++team) {
        race_won[team] = 0;
        for (int i = 0; i < kRaceTargets; ++i) {
            race_won[team] |= next_race[team] > i && next_race[1 - team] <= i ? (1 << i) : 0;
        }
    }
}

//! Walks the quarters of the regulation slots left at a state: slot k of `slots` sits at game time
//! elapsed + (k + 0.5) * remaining / slots. Integer arithmetic scaled by 2 * slots, no division per slot.
class QuarterClock {
public:
    SIMBOOK_HD QuarterClock(const BasketballState& state, int slots)
        : when_(2LL * RegulationElapsed(state) * slots + (kRegulationSeconds - RegulationElapsed(state))),
          step_(2LL * (kRegulationSeconds - RegulationElapsed(state))), quarter_length_(2LL * kQuarterSeconds * slots),
          next_(quarter_length_) {}

    //! Quarter index (0-3) of the current slot; call Advance() after each slot.
    SIMBOOK_HD int Quarter() {
        while (quarter_ < 3 && when_ >= next_) {
            ++quarter_;
            next_ += quarter_length_;
        }
        return quarter_;
    }
    SIMBOOK_HD void Advance() { when_ += step_; }

private:
    long long when_;
    long long step_;
    long long quarter_length_;
    long long next_;
    int quarter_ = 0;
};

} // namespace simbook::kernels::basketball
