//! Basketball possession model: one uniform per shot chance, outcome from cumulative thresholds.
#pragma once

#include "kernels/basketball/basketball_clock.cuh"
#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/config.hpp"
#include "kernels/core/rng.cuh"

#include <cstdint>
#include <type_traits>

namespace simbook::kernels::basketball {

//! Number of thresholds <= x: the index of the outcome a draw x selects. Fixed trip count, no branches.
template <int N>
SIMBOOK_HD inline int PickIndex(const std::uint32_t (&thresholds)[N], std::uint32_t x) {
    int index = 0;
    for (int i = 0; i < N; ++i) {
        index += static_cast<int>(x >= thresholds[i]);
    }
    return index;
}

SIMBOOK_HD inline void SaturatingAdd(std::uint8_t& stat, int amount) {
    const int sum = stat + amount;
    stat = static_cast<std::uint8_t>(sum < 255 ? sum : 255);
}

//! The evolving state of one path.
struct BasketballPathState {
    int score[2];
    int offense;       //!< team with the ball: 0 home, 1 away
    int period_index;  //!< reported period of the current slot: 0-3 quarters, 4 overtime
    int last_leader;
    int run_team;
    int run_points;
    BasketballOutcome out;
};

//! Plays one possession of the team on offence: chances until a make, turnover, free-throw trip or
//! defensive rebound. Draws two 32-bit numbers per chance: the outcome, and the players involved
//! (high 16 bits: shooter; low 16 bits: assister on a make, rebounder on a miss).
struct PossessionStep {
    BasketballParams params;

    SIMBOOK_HD void operator()(BasketballPathState& s, PathRng& rng) const {
        const int team = s.offense;
        const BasketballTeamParams& off = params.team[team];
        constexpr int kMaxChances = 64; // offensive-rebound chains longer than this have p < 1e-30
        for (int chance = 0; chance < kMaxChances; ++chance) {
            const int outcome = PickIndex(off.chance_threshold, rng.NextU32());
            const std::uint32_t players = rng.NextU32();
            if (outcome == static_cast<int>(Chance::kTurnover)) {
                return;
            }
            const std::uint32_t high = players >> 16;
            const std::uint32_t low = players & 0xffffu;
            const std::uint32_t(&shooters)[kMaxPlayers] =
                outcome >= static_cast<int>(Chance::kFreeThrowsNone)
                    ? off.shooter_ft
                    : (outcome >= static_cast<int>(Chance::kThreeMade) ? off.shooter_three : off.shooter_two);
            const int shooter = PickIndex(shooters, high);
            const int points = kChancePoints[outcome];
            if (points > 0) {
                SaturatingAdd(s.out.player[team][shooter][0], points);
                Score(s, team, points);
            }
            const bool made_field_goal =
                outcome == static_cast<int>(Chance::kTwoMade) || outcome == static_cast<int>(Chance::kThreeMade);
            if (made_field_goal) {
                const int assister = PickIndex(off.assister[shooter], low);
                if (assister < off.players) {
                    SaturatingAdd(s.out.player[team][assister][2], 1);
                }
                if (outcome == static_cast<int>(Chance::kThreeMade)) {
                    SaturatingAdd(s.out.player[team][shooter][3], 1);
                }
                return;
            }
            const bool offensive_rebound = outcome == static_cast<int>(Chance::kTwoMissOffReb) ||
                                           outcome == static_cast<int>(Chance::kThreeMissOffReb);
            const bool defensive_rebound = outcome == static_cast<int>(Chance::kTwoMissDefReb) ||
                                           outcome == static_cast<int>(Chance::kThreeMissDefReb);
            if (offensive_rebound || defensive_rebound) {
                const int rebounding_team = offensive_rebound ? team : 1 - team;
                const int rebounder = PickIndex(params.team[rebounding_team].rebounder, low);
                SaturatingAdd(s.out.player[rebounding_team][rebounder][1], 1);
            }
            if (!offensive_rebound) {
                return; // defensive rebound or a free-throw trip ends the possession
            }
        }
    }

private:
    SIMBOOK_HD static void Score(BasketballPathState& s, int team, int points) {
        s.score[team] += points;
        SaturatingAdd(s.out.period_points[team][s.period_index], points);
        if (team == s.run_team) {
            s.run_points += points;
        } else {
            s.run_team = team;
            s.run_points = points;
        }
        if (s.run_points > s.out.largest_run) {
            s.out.largest_run = static_cast<std::uint8_t>(s.run_points < 255 ? s.run_points : 255);
            s.out.largest_run_team = static_cast<std::uint8_t>(team);
        }
        const int margin = s.score[0] - s.score[1];
        const int leader = margin > 0 ? 1 : (margin < 0 ? -1 : 0);
        if (leader != 0) {
            if (s.last_leader != 0 && leader != s.last_leader) {
                SaturatingAdd(s.out.lead_changes, 1);
            }
            s.last_leader = leader;
        }
    }
};
static_assert(std::is_trivially_copyable_v<PossessionStep>);

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

        const int slots = SlotsLeft(n, state);
        for (int k = 0; k < slots; ++k) {
            s.period_index = state.period <= 4 ? SlotQuarter(state, slots, k) : kReportedPeriods - 1;
            Play(s, rng);
        }
        int overtimes = state.period > 4 ? state.period - 4 : 0;
        const int overtime_slots = 2 * OvertimePossessions(n);
        s.period_index = kReportedPeriods - 1;
        while (s.score[0] == s.score[1]) {
            if (overtimes == kMaxOvertimes || overtime_slots == 0) {
                s.out.invalid = 1;
                break;
            }
            ++overtimes;
            for (int k = 0; k < overtime_slots; ++k) {
                Play(s, rng);
            }
        }
        s.out.overtimes = static_cast<std::uint8_t>(overtimes);
        s.out.score[0] = static_cast<std::uint16_t>(s.score[0]);
        s.out.score[1] = static_cast<std::uint16_t>(s.score[1]);
        return s.out;
    }

private:
    SIMBOOK_HD void Play(BasketballPathState& s, PathRng& rng) const {
        step(s, rng);
        s.offense = 1 - s.offense;
    }
};
static_assert(std::is_trivially_copyable_v<BasketballGame>);

} // namespace simbook::kernels::basketball
