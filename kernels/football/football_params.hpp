//! American football kernel parameters: drive-outcome thresholds by offence and field position, the try after a
//! touchdown, pace, the clock and overtime rules; the live state; the per-path outcome.
#pragma once

#include <cstdint>
#include <type_traits>

namespace simbook::kernels::football {

//! How a drive ends: touchdown, field goal, safety (2 points to the defence), turnover (the next drive starts on a
//! short field), punt (and every other end without points: downs, a missed field goal, the end of a half).
enum class DriveEnd : int { kTouchdown = 0, kFieldGoal = 1, kSafety = 2, kTurnover = 3, kPunt = 4 };
inline constexpr int kDriveEnds = 5;
//! Where a drive starts: 0 normal (after a kickoff or a punt), 1 short field (after a turnover).
inline constexpr int kFieldStarts = 2;
//! Choices of the regulation drive count (pace): min_drives + k for k < kDriveCounts.
inline constexpr int kDriveCounts = 24;
//! Margins of the two-point chart: bit (margin + kChartOffset) of two_point_chart, margin as the scoring team's
//! lead after the six points.
inline constexpr int kChartOffset = 24;
//! Race-to-N targets a path records: N = kRaceFirst + k kRaceStep for k < kRaceTargets (10, 15, ..., 30 points).
inline constexpr int kRaceTargets = 5;
inline constexpr int kRaceFirst = 10;
inline constexpr int kRaceStep = 5;
//! Overtime drives after which a playoff path still tied counts as invalid (probability below 1e-12).
inline constexpr int kMaxOvertimeDrives = 64;

//! A game's drive model as cumulative thresholds P(choice < k) * 2^32 (a uniform 32-bit draw x picks the number of
//! thresholds <= x).
struct FootballParams {
    //! [offence: 0 home, 1 away][field start][k]: drive-end thresholds over kDriveEnds.
    std::uint32_t drive_threshold[2][kFieldStarts][kDriveEnds - 1];
    std::uint32_t kick_threshold;      //!< P(extra-point kick good) * 2^32
    std::uint32_t two_point_threshold; //!< P(two-point try good) * 2^32
    std::uint64_t two_point_chart;     //!< late in the game, go for two at these margins (kChartOffset)
    //! No clock: the chart applies from this drive index (0-based, counted over both teams) of regulation on.
    std::int32_t late_drive;
    //! Regulation drives (both teams): min_drives + k with thresholds drive_count_threshold over kDriveCounts.
    std::int32_t min_drives;
    std::uint32_t drive_count_threshold[kDriveCounts - 1];
    //! 1: the clock plays (drive durations, ends of halves, urgency); 0: the drive count plays (the exact model).
    std::int32_t clock;
    //! Clock: mean seconds of game clock a drive uses, by how it ends; drawn uniform on [0.5, 1.5] x the mean.
    std::int32_t drive_seconds[kDriveEnds];
    //! The endgame (from drive endgame_drive of regulation without the clock; the last urgency_seconds with it), by
    //! the offence's lead L before the drive: -3 <= L <= 0, it plays for a field goal (a punt becomes a field goal
    //! with P(endgame_fg_threshold / 2^32)); -8 <= L <= -4, a field goal will not do (it becomes a touchdown with
    //! P(urgent_td_threshold / 2^32), else the drive ends without points); L >= 1, it runs the clock (a touchdown
    //! or field goal becomes a drive without points with P(protect_threshold / 2^32)). One word decides.
    std::int32_t endgame_drive;
    std::uint32_t endgame_fg_threshold;
    std::uint32_t urgent_td_threshold;
    std::uint32_t protect_threshold;
    //! The last drive of regulation (no clock: drive N; clock: one starting in the last final_seconds) makes the same
    //! choices with its own thresholds (more field goals when tied or down 1-3; a leader kneels).
    std::uint32_t last_fg_threshold;
    std::uint32_t last_protect_threshold;
    std::int32_t final_seconds;
    //! Clock: the endgame's length, seconds; hurry-up drives (a trailing team's, 1 <= -L <= 16, in the endgame) take
    //! hurry_percent of their time, a leading team's 4th-quarter drives protect_percent.
    std::int32_t urgency_seconds;
    std::int32_t hurry_percent;
    std::int32_t protect_percent;
    //! Overtime: seconds of an overtime period (clock; 900 before 2017, 600 from 2017); drives of a period (no clock).
    std::int32_t overtime_seconds;
    std::int32_t overtime_drives;
    std::int32_t overtime_modified; //!< 1: a field goal on the first possession does not end the game (from 2012)
    std::int32_t overtime_playoff;  //!< 1: periods repeat until a team scores (no ties)
};
static_assert(std::is_trivially_copyable_v<FootballParams>);

//! A live state (pre-game: the defaults).
struct FootballState {
    std::int32_t seconds_left = 3600;   //!< clock: regulation seconds left (3600 at kickoff)
    std::int32_t drives_done = 0;       //!< no clock: regulation drives already played
    std::int32_t score[2] = {0, 0};     //!< home, away points
    std::int32_t possession = -1;       //!< 0 home, 1 away has the ball; -1 pre-game (a coin toss)
    std::int32_t field = 0;             //!< field start of the drive in progress or next (0 normal, 1 short)
    std::int32_t opening_receiver = -1; //!< clock: who received the opening kickoff (-1: the coin toss decides)
    //! 1: the drive in progress (by `possession`, the first one played) ends by now_threshold instead of the
    //! offence's field-start thresholds (its field position, engine/football/game.hpp); 0: by the field start.
    std::int32_t now_set = 0;
    std::uint32_t now_threshold[kDriveEnds - 1] = {0, 0, 0, 0};
};
static_assert(std::is_trivially_copyable_v<FootballState>);

//! Per-path result of one game from a state.
struct FootballOutcome {
    std::uint16_t score[2];      //!< home, away final points
    std::uint16_t half[2];       //!< home, away points at half-time (clock; the state's score if past it)
    std::uint8_t touchdowns[2];  //!< from the state on
    std::uint8_t field_goals[2]; //!< from the state on
    std::uint8_t overtime;       //!< 1: the game went to overtime
    std::uint8_t first_score;    //!< first score type after the state: 0 none, 1 TD, 2 FG, 3 safety
    std::uint8_t drives;         //!< drives played from the state
    std::uint8_t invalid;        //!< 1: a playoff game still tied after kMaxOvertimeDrives
    //! [team][quarter]: points scored in regulation quarters 1-4 from the state on (a drive's points count in the
    //! quarter where it ends; clock: by the seconds left after it, no clock: drive i of N in quarter 4 i / N).
    std::uint8_t quarter[2][4];
    //! Race to kRaceFirst + k kRaceStep points, 2 bits per target k: 0 nobody, 1 home first, 2 away first, 3 both
    //! had the target at the state.
    std::uint16_t race;
    std::uint8_t first_scorer; //!< first team to score after the state: 0 none, 1 home, 2 away
    std::uint8_t turnovers;    //!< turnover drives from the state on, both teams
};
static_assert(std::is_trivially_copyable_v<FootballOutcome>);
static_assert(sizeof(FootballOutcome) == 28, "no padding: every byte of an outcome is written");

} // namespace simbook::kernels::football
