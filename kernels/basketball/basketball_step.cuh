//! Basketball possession model: one uniform per shot chance, outcome from cumulative thresholds.
#pragma once

#include "kernels/basketball/basketball_clock.cuh"
#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/config.hpp"
#include "kernels/core/rng.cuh"

#include <cstdint>
#include <type_traits>

#if SIMBOOK_HOST_AVX512
#include <immintrin.h>
#endif

namespace simbook::kernels::basketball {

//! Number of thresholds <= x: the index of the outcome a draw x selects. Fixed trip count, no branches.
template <int N> SIMBOOK_HD inline int PickIndexPortable(const std::uint32_t (&thresholds)[N], std::uint32_t x) {
    int index = 0;
    for (int i = 0; i < N; ++i) {
        index += static_cast<int>(x >= thresholds[i]);
    }
    return index;
}

//! PickIndexPortable; for the 16-entry player tables on AVX-512 hosts, one compare and a popcount.
template <int N> SIMBOOK_HD inline int PickIndex(const std::uint32_t (&thresholds)[N], std::uint32_t x) {
#if SIMBOOK_HOST_AVX512
    if constexpr (N == 16) {
        const __m512i t = _mm512_loadu_si512(thresholds);
        return __builtin_popcount(_mm512_cmple_epu32_mask(t, _mm512_set1_epi32(static_cast<int>(x))));
    }
#endif
    return PickIndexPortable(thresholds, x);
}

//! The evolving state of one path. Player rows have one spare row: "nobody" (an unassisted make).
struct BasketballPathState {
    int score[2];
    int offense;      //!< team with the ball: 0 home, 1 away
    int period_index; //!< reported period of the current slot: 0-3 quarters, 4 overtime
    int last_leader;
    int run_team;
    int run_points;
    int largest_run;
    int largest_run_team;
    int lead_changes;
    int next_race[2];          //!< index of the next race target each team has not reached yet
    std::uint32_t race_won[2]; //!< bit i: the team reached RaceTarget(i) first
    int first_score;           //!< BasketballOutcome::first_score
    int first_lead_change;     //!< game seconds of the first lead change, -1 none yet
    int period_points[2][kReportedPeriods];
    std::uint16_t player[2][kMaxPlayers + 1][kPlayerStats];
};

//! Plays one possession of the team on offence: chances until a make, turnover, free-throw trip or
//! defensive rebound. Draws two 32-bit numbers per chance: the outcome, and the players involved
//! (high 16 bits: shooter; low 16 bits: assister on a make, rebounder on a miss). Branch-free apart from
//! the loop: every chance updates every tally with 0/1 weights looked up from the outcome.
struct PossessionStep {
    BasketballParams params;

    SIMBOOK_HD void operator()(BasketballPathState& s, PathRng& rng) const {
        const int team = s.offense;
        const BasketballTeamParams& off = params.team[team];
        constexpr int kMaxChances = 64; // offensive-rebound chains longer than this have p < 1e-30
        // The lead is fixed for the whole possession: only its last chance can score.
        const std::uint32_t(&thresholds)[kChanceOutcomes - 1] =
            off.chance_threshold[LeadRow(s.score[team] - s.score[1 - team])];
        for (int chance = 0; chance < kMaxChances; ++chance) {
            const int o = PickIndex(thresholds, rng.NextU32());
            const std::uint32_t players = rng.NextU32();
            const std::uint32_t high = players >> 16;
            const std::uint32_t low = players & 0xffffu;
            const int points = static_cast<int>((kChancePointsPacked >> (2 * o)) & 3u);
            const int shooter = PickIndex(off.shooter[(kShooterTablePacked >> (2 * o)) & 3u], high);
            const int assister = PickIndex(off.assister[shooter], low);
            const int rebounding_team = team ^ static_cast<int>((kDefensiveReboundMask >> o) & 1u);
            const int rebounder = PickIndex(params.team[rebounding_team].rebounder, low);
            s.player[team][shooter][0] = static_cast<std::uint16_t>(s.player[team][shooter][0] + points);
            s.player[team][shooter][3] =
                static_cast<std::uint16_t>(s.player[team][shooter][3] + ((kThreeMadeMask >> o) & 1u));
            s.player[team][assister][2] =
                static_cast<std::uint16_t>(s.player[team][assister][2] + ((kMadeFieldGoalMask >> o) & 1u));
            s.player[rebounding_team][rebounder][1] =
                static_cast<std::uint16_t>(s.player[rebounding_team][rebounder][1] + ((kMissMask >> o) & 1u));
            Score(s, team, points);
            const int kind = static_cast<int>((kShooterTablePacked >> (2 * o)) & 3u);
            s.first_score = s.first_score == 0 && points > 0 ? 1 + 3 * team + kind : s.first_score;
            if (((kOffensiveReboundMask >> o) & 1u) == 0) {
                return;
            }
        }
    }

private:
    SIMBOOK_HD static void Score(BasketballPathState& s, int team, int points) {
        const bool scored = points > 0;
        s.score[team] += points;
        s.period_points[team][s.period_index] += points;
        const int run = team == s.run_team ? s.run_points + points : points;
        s.run_points = scored ? run : s.run_points;
        s.run_team = scored ? team : s.run_team;
        const bool longer = s.run_points > s.largest_run;
        s.largest_run = longer ? s.run_points : s.largest_run;
        s.largest_run_team = longer ? team : s.largest_run_team;
        const int margin = s.score[0] - s.score[1];
        const int leader = (margin > 0) - (margin < 0);
        s.lead_changes += static_cast<int>(leader != 0 && s.last_leader != 0 && leader != s.last_leader);
        s.last_leader = leader != 0 ? leader : s.last_leader;
        // Race to N: the team wins race i if it reaches the target while the other team has not.
        while (s.next_race[team] < kRaceTargets && s.score[team] >= RaceTarget(s.next_race[team])) {
            const int i = s.next_race[team]++;
            s.race_won[team] |= s.next_race[1 - team] <= i ? (1u << i) : 0u;
        }
    }
};
static_assert(std::is_trivially_copyable_v<PossessionStep>);

SIMBOOK_HD inline std::uint8_t Saturate8(int x) {
    return static_cast<std::uint8_t>(x < 255 ? x : 255);
}

//! Simulates one game from a state to the end (overtimes until untied): path_id -> outcome.
struct BasketballGame {
    PossessionStep step;
    BasketballState state;
    std::uint64_t seed;

    SIMBOOK_HD BasketballOutcome operator()(std::uint64_t path_id) const {
        PathRng rng(seed, path_id);
        const int n = step.params.pace_min + PickIndex(step.params.pace_threshold, rng.NextU32());
        const std::uint32_t coin = rng.NextU32();
        BasketballPathState s{};
        s.score[0] = state.score[0];
        s.score[1] = state.score[1];
        s.offense = state.possession >= 0 ? state.possession : static_cast<int>(coin >> 31);
        s.last_leader = state.last_leader;
        s.run_team = -1;
        s.largest_run_team = 0;
        s.first_lead_change = -1;
        for (int team = 0; team < 2; ++team) { // races decided before the state go to the only team past N
            while (s.next_race[team] < kRaceTargets && s.score[team] >= RaceTarget(s.next_race[team])) {
                ++s.next_race[team];
            }
        }
        for (int i = 0; i < kRaceTargets; ++i) {
            const bool home = s.next_race[0] > i;
            const bool away = s.next_race[1] > i;
            s.race_won[0] |= home && !away ? (1u << i) : 0u;
            s.race_won[1] |= away && !home ? (1u << i) : 0u;
        }

        const int slots = SlotsLeft(n, state);
        QuarterClock clock(state, slots);
        // Game seconds of the state and left in its period block, to time the first lead change by slot.
        const int block_start = state.period <= 4 ? RegulationElapsed(state)
                                                  : kRegulationSeconds + (state.period - 5) * kOvertimeSeconds +
                                                        (kOvertimeSeconds - state.clock_seconds);
        const int block_left = state.period <= 4 ? kRegulationSeconds - RegulationElapsed(state) : state.clock_seconds;
        for (int k = 0; k < slots; ++k) {
            s.period_index = state.period <= 4 ? clock.Quarter() : kReportedPeriods - 1;
            clock.Advance();
            Play(s, rng);
            MarkLeadChange(s, block_start, block_left, k, slots);
        }
        bool invalid = false;
        int overtimes = state.period > 4 ? state.period - 4 : 0;
        const int overtime_slots = 2 * OvertimePossessions(n);
        s.period_index = kReportedPeriods - 1;
        while (s.score[0] == s.score[1]) {
            if (overtimes == kMaxOvertimes || overtime_slots == 0) {
                invalid = true;
                break;
            }
            ++overtimes;
            for (int k = 0; k < overtime_slots; ++k) {
                Play(s, rng);
                MarkLeadChange(s, kRegulationSeconds + (overtimes - 1) * kOvertimeSeconds, kOvertimeSeconds, k,
                               overtime_slots);
            }
        }
        BasketballOutcome out{};
        out.invalid = static_cast<std::uint8_t>(invalid);
        out.overtimes = static_cast<std::uint8_t>(overtimes);
        out.lead_changes = Saturate8(s.lead_changes);
        out.largest_run = Saturate8(s.largest_run);
        out.largest_run_team = static_cast<std::uint8_t>(s.largest_run_team);
        out.race_won[0] = static_cast<std::uint16_t>(s.race_won[0]);
        out.race_won[1] = static_cast<std::uint16_t>(s.race_won[1]);
        out.first_score = static_cast<std::uint8_t>(s.first_score);
        out.first_lead_change_second =
            s.first_lead_change < 0 ? kNoLeadChange : static_cast<std::uint16_t>(s.first_lead_change);
        for (int team = 0; team < 2; ++team) {
            out.score[team] = static_cast<std::uint16_t>(s.score[team]);
            for (int p = 0; p < kReportedPeriods; ++p) {
                out.period_points[team][p] = Saturate8(s.period_points[team][p]);
            }
            for (int i = 0; i < step.params.team[team].players; ++i) { // rows past the roster are scratch
                for (int k = 0; k < kPlayerStats; ++k) {
                    out.player[team][i][k] = Saturate8(s.player[team][i][k]);
                }
            }
        }
        return out;
    }

private:
    //! Records the time of slot k of `slots` spread over [start, start + length) seconds when the path has
    //! its first lead change.
    SIMBOOK_HD static void MarkLeadChange(BasketballPathState& s, int start, int length, int k, int slots) {
        if (s.first_lead_change < 0 && s.lead_changes > 0) {
            s.first_lead_change = start + static_cast<int>(((2LL * k + 1) * length) / (2LL * slots));
        }
    }

    SIMBOOK_HD void Play(BasketballPathState& s, PathRng& rng) const {
        step(s, rng);
        s.offense = 1 - s.offense;
    }
};
static_assert(std::is_trivially_copyable_v<BasketballGame>);

} // namespace simbook::kernels::basketball
