//! Soccer model parameters, live state and per-path outcome: plain structs shared by host and device.
#pragma once

#include <cstdint>
#include <type_traits>

namespace simbook::kernels::soccer {

//! Intensity segments: 0-15, 15-30, 30-45, first-half stoppage, 45-60, 60-75, 75-90, second-half stoppage.
inline constexpr int kSegments = 8;
//! Index of the last first-half segment; the half-time score is taken at its end.
inline constexpr int kFirstHalfLastSegment = 3;
//! A team with this many red cards has 7 players left; the model stops issuing it more.
inline constexpr int kMaxReds = 4;
//! Goal minutes kept per path (later goals still count in the score).
inline constexpr int kMaxGoalsRecorded = 16;
//! Scores above this are impossible for sane inputs; a path reaching it is counted invalid.
inline constexpr int kMaxGoals = 200;

//! Parameters of the goal and red-card processes. Time is "played minutes": the first half runs from 0 to
//! segment_end[3] = 45 + first-half stoppage, the second from there to segment_end[7]. Every intensity is a
//! constant times the match's timing shape (relative intensity per segment), so the process runs on the
//! shape's clock: "shape-minutes" Lambda(t) = integral of shape from 0 to t.
struct SoccerParams {
    double segment_end[kSegments];                 //!< played minute at which each segment ends (increasing)
    double shape[kSegments];                       //!< relative intensity in each segment (> 0)
    double shape_end[kSegments];                   //!< Lambda(segment_end[k]), shape-minutes
    double goal_rate[2];                           //!< home, away goals per shape-minute at level score, 11 v 11
    double red_rate[2];                            //!< home, away red cards per shape-minute
    double leading_mult;                           //!< intensity multiplier of the team that leads
    double trailing_mult;                          //!< intensity multiplier of the team that trails
    double red_factor[kMaxReds + 1][kMaxReds + 1]; //!< [own reds][opponent reds] intensity multiplier
    double first_half_stoppage;                    //!< minutes of first-half stoppage (for reporting goal minutes)
    //! What-if: played minute of a red card scheduled for the home, away team; 0 (or not after the state's
    //! minute) for none. It adds no random draws, so a scenario with it stays on the base's random numbers.
    double red_card_at[2];
};
static_assert(std::is_trivially_copyable_v<SoccerParams>);

//! Who scored first.
enum class FirstGoal : std::uint8_t { kNone = 0, kHome = 1, kAway = 2, kBeforeState = 3 };

//! A live match state in played minutes. ht_* hold the half-time score once the first half is over.
struct SoccerState {
    double minute;            //!< played minutes elapsed, in [0, segment_end[7]]
    std::int32_t home;        //!< home goals so far
    std::int32_t away;        //!< away goals so far
    std::int32_t ht_home;     //!< half-time home goals (used when minute >= end of the first half)
    std::int32_t ht_away;     //!< half-time away goals
    std::int32_t red[2];      //!< red cards so far, home and away
    std::int32_t last_leader; //!< sign of the last non-zero margin (home - away): +1, -1 or 0 if never led
};
static_assert(std::is_trivially_copyable_v<SoccerState>);

//! Per-path result of one match.
struct SoccerOutcome {
    std::uint8_t home;
    std::uint8_t away;
    std::uint8_t ht_home;
    std::uint8_t ht_away;
    FirstGoal first_goal;
    std::uint8_t first_goal_minute; //!< football minute 1..90 (stoppage goals count as 45 or 90); 0 if none
    std::uint8_t lead_changes;      //!< times the lead passed from one team to the other
    std::uint8_t red_home;
    std::uint8_t red_away;
    std::uint8_t goals_recorded; //!< goals simulated in this path with a minute below (<= kMaxGoalsRecorded)
    std::uint8_t invalid;        //!< 1 if the path hit an impossible state (counted by the host)
    std::uint8_t pad;
    std::uint16_t goal_team_bits; //!< bit i set: recorded goal i was scored by the away team
    std::uint8_t goal_minute[kMaxGoalsRecorded];
};
static_assert(std::is_trivially_copyable_v<SoccerOutcome>);

} // namespace simbook::kernels::soccer
