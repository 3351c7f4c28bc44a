//! Basketball possession model parameters, live state and per-path outcome: plain host/device structs.
#pragma once

#include "kernels/core/config.hpp"

#include <cstdint>
#include <type_traits>

namespace simbook::kernels::basketball {

//! Players per team (an NBA roster holds at most 15 plus two-way players). 16 also makes every player
//! table one 512-bit vector, so host compilers pick a player with a few SIMD instructions.
inline constexpr int kMaxPlayers = 16;
//! Outcomes of one shot chance, in threshold order.
enum class Chance : int {
    kTurnover = 0,
    kTwoMade,
    kTwoMissOffReb,
    kTwoMissDefReb,
    kThreeMade,
    kThreeMissOffReb,
    kThreeMissDefReb,
    kFreeThrowsNone,
    kFreeThrowsOne,
    kFreeThrowsTwo,
};
inline constexpr int kChanceOutcomes = 10;
//! Per-outcome properties packed in integer constants (usable in device code): bit o of a mask is set when
//! outcome o has the property; the packed fields hold 2 bits per outcome.
inline constexpr std::uint32_t kMadeFieldGoalMask = (1u << 1) | (1u << 4);
inline constexpr std::uint32_t kThreeMadeMask = 1u << 4;
inline constexpr std::uint32_t kMissMask = (1u << 2) | (1u << 3) | (1u << 5) | (1u << 6);
inline constexpr std::uint32_t kOffensiveReboundMask = (1u << 2) | (1u << 5);
inline constexpr std::uint32_t kDefensiveReboundMask = (1u << 3) | (1u << 6);
//! Points of outcome o: (kChancePointsPacked >> 2o) & 3.
inline constexpr std::uint32_t kChancePointsPacked = (2u << 2) | (3u << 8) | (1u << 16) | (2u << 18);
//! Shooter table of outcome o (0 two, 1 three, 2 free throws): (kShooterTablePacked >> 2o) & 3.
inline constexpr std::uint32_t kShooterTablePacked =
    (1u << 8) | (1u << 10) | (1u << 12) | (2u << 14) | (2u << 16) | (2u << 18);
//! Shooter tables.
inline constexpr int kShotTypes = 3;
//! Leads (offence points minus defence points, before the possession) with their own chance thresholds: a lead
//! beyond +-kLeadCap uses the thresholds at the cap.
inline constexpr int kLeadCap = 20;
inline constexpr int kLeadRows = 2 * kLeadCap + 1;
//! Row of the chance thresholds for an offence leading by `lead` points (negative when trailing).
SIMBOOK_HD constexpr int LeadRow(int lead) {
    return lead < -kLeadCap ? 0 : (lead > kLeadCap ? kLeadRows - 1 : lead + kLeadCap);
}
//! Possessions-per-team values the pace distribution spans, centred on its mean.
inline constexpr int kPaceValues = 41;
//! Overtimes after which a still-tied path is counted invalid (probability ~ 0.06^20).
inline constexpr int kMaxOvertimes = 20;
//! Seconds of game clock in a quarter, in regulation and in an overtime period.
inline constexpr int kQuarterSeconds = 720;
inline constexpr int kRegulationSeconds = 4 * kQuarterSeconds;
inline constexpr int kOvertimeSeconds = 300;
//! Periods reported per path: four quarters and all overtime together.
inline constexpr int kReportedPeriods = 5;
//! Box-score stats per player: points, rebounds, assists, threes made.
inline constexpr int kPlayerStats = 4;
//! BasketballOutcome::first_lead_change_second of a path without a lead change.
inline constexpr std::uint16_t kNoLeadChange = 0xffff;
//! Race-to-N targets tracked per path: N = RaceTarget(i) = 10, 15, ..., 85 points.
inline constexpr int kRaceTargets = 16;
SIMBOOK_HD constexpr int RaceTarget(int i) {
    return 10 + 5 * i;
}

//! One team's offence. Thresholds are cumulative probabilities scaled to 2^32 (chance outcomes) or
//! 2^16 (player picks); outcome = number of thresholds <= the uniform draw. Unused player slots hold 65536.
struct BasketballTeamParams {
    //! [LeadRow(offence lead)] cumulative P(outcome) * 2^32: rates depend on the score (the lead pull).
    std::uint32_t chance_threshold[kLeadRows][kChanceOutcomes - 1];
    std::uint32_t shooter[kShotTypes][kMaxPlayers];   //!< cumulative share of 2PA, 3PA, FT trips * 2^16
    std::uint32_t rebounder[kMaxPlayers];             //!< cumulative share of the team's rebounds * 2^16
    std::uint32_t assister[kMaxPlayers][kMaxPlayers]; //!< [shooter] cumulative P(assisted by j) * 2^16
    std::int32_t players;                             //!< players in use (0..kMaxPlayers)
};
static_assert(std::is_trivially_copyable_v<BasketballTeamParams>);

//! Both teams and the pace distribution. Each team gets N possessions in regulation, N drawn once per game.
struct BasketballParams {
    BasketballTeamParams team[2];                  //!< home, away
    std::int32_t pace_min;                         //!< smallest possession count of the pace distribution
    std::uint32_t pace_threshold[kPaceValues - 1]; //!< cumulative P(N = pace_min + k) * 2^32
};
static_assert(std::is_trivially_copyable_v<BasketballParams>);

//! A live state. period 1-4 are quarters, 5+ overtimes; clock_seconds is game clock left in the period.
struct BasketballState {
    std::int32_t period;
    std::int32_t clock_seconds;
    std::int32_t score[2];    //!< home, away
    std::int32_t possession;  //!< 0 home, 1 away, -1 unknown / jump ball (a fair coin decides)
    std::int32_t last_leader; //!< +1 home, -1 away, 0 never led
};
static_assert(std::is_trivially_copyable_v<BasketballState>);

//! Per-path result of one game; period and player lines count points scored from the state onward.
struct BasketballOutcome {
    std::uint16_t score[2];
    std::uint8_t period_points[2][kReportedPeriods];
    std::uint8_t overtimes;
    std::uint8_t lead_changes;
    std::uint8_t largest_run;      //!< most consecutive points by one team without the other scoring
    std::uint8_t largest_run_team; //!< 0 home, 1 away
    std::uint8_t invalid;
    std::uint16_t race_won[2]; //!< bit i: this team reached RaceTarget(i) points first (neither bit: nobody
                               //!< did, or both had before the state)
    std::uint8_t player[2][kMaxPlayers][kPlayerStats]; //!< points, rebounds, assists, threes (capped 255)
    //! First score after the state: 0 none, else 1 + 3 * team + kind (kind 0 two, 1 three, 2 free throws).
    std::uint8_t first_score;
    std::uint8_t pad; //!< explicit, zeroed: no indeterminate bytes in an outcome
    //! Game-clock seconds from tip-off (at its possession slot) of the first lead change after the state;
    //! kNoLeadChange when there is none.
    std::uint16_t first_lead_change_second;
};
static_assert(std::is_trivially_copyable_v<BasketballOutcome>);

} // namespace simbook::kernels::basketball
