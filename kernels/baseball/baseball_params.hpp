//! Baseball kernel parameters: quantised plate-appearance and base-running thresholds, the live state, the outcome.
#pragma once

#include <cstdint>
#include <type_traits>

namespace simbook::kernels::baseball {

//! Plate-appearance outcomes, in models::PaOutcome order: strikeout, other out, walk, single, double, triple,
//! home run.
inline constexpr int kPaOutcomes = 7;
//! Base-out states: outs * 8 + bases (bit 0 runner on 1st, bit 1 on 2nd, bit 2 on 3rd).
inline constexpr int kBaseOutStates = 24;
//! The "three outs" value of a running result's next state.
inline constexpr int kInningOver = 24;
//! Day factors per team (models::DayFactors: three points; one model without them repeats the middle one).
inline constexpr int kDayFactors = 3;
//! Rate rows by inning: row 0 extra innings, rows 1..9 the innings (models::MatchupRates::For).
inline constexpr int kInningRows = 10;
//! Base-running branches of one outcome from one base-out state (a single or an other out has up to 4).
inline constexpr int kRunningBranches = 4;
//! Innings whose runs an outcome reports (later extra innings are not broken down).
inline constexpr int kReportedInnings = 12;
//! The latest inning a path may reach; a path still tied after it is invalid (probability below 1e-12).
inline constexpr int kMaxInnings = 60;

//! Plate-appearance rate tables: batting side (0 home, 1 away) x its day factor x inning row x pitcher (0 starter,
//! 1 bullpen).
inline constexpr int kPaTables = 2 * kDayFactors * kInningRows * 2;

//! The table of a batting side's plate appearances on a day, in an inning row, against a pitcher.
constexpr int PaTable(int side, int day, int row, int pitcher) {
    return ((side * kDayFactors + day) * kInningRows + row) * 2 + pitcher;
}

//! Bit layout of a running result: next base-out state (0..24) | runs << 5 | home run << 8.
inline constexpr int kRunsShift = 5;
inline constexpr int kHomeRunShift = 8;

//! A game's model as cumulative thresholds: P(outcome < k) * 2^32, so the outcome of a uniform 32-bit draw x is
//! the number of thresholds <= x (one draw per choice).
struct BaseballParams {
    //! [PaTable(side, day, row, pitcher)][k]: plate-appearance outcome thresholds over kPaOutcomes (log5, park,
    //! home, inning and day factors applied).
    std::uint32_t pa_threshold[kPaTables][kPaOutcomes - 1];
    //! [outcome * kBaseOutStates + base-out state][j]: base-running branch thresholds of that outcome there.
    std::uint32_t running_threshold[kPaOutcomes * kBaseOutStates][kRunningBranches - 1];
    //! [outcome * kBaseOutStates + base-out state][branch]: next state, runs, home run (kRunsShift, kHomeRunShift);
    //! branches past the last real one repeat it.
    std::uint16_t running_result[kPaOutcomes * kBaseOutStates][kRunningBranches];
    std::uint32_t day_threshold[kDayFactors - 1]; //!< a team's day factor index, shared by both teams
    //! Starters, [0] home (pitches the top halves), [1] away: floor of the expected full innings (at most 9) and,
    //! when it has a fraction, P(one more inning) * 2^32 (a draw below it adds the inning).
    std::int32_t starter_whole[2];
    std::int32_t starter_has_extra[2];
    std::uint32_t starter_extra_threshold[2];
    std::int32_t automatic_runner; //!< 1: extra innings start with a runner on 2nd
};
static_assert(std::is_trivially_copyable_v<BaseballParams>);

//! A live state (pre-game: the defaults), as engine::BaseballState.
struct BaseballState {
    std::int32_t inning = 1;             //!< 1-based; past 9 is extra innings
    std::int32_t bottom = 0;             //!< 1: the home team bats
    std::int32_t outs = 0;               //!< 0..2
    std::int32_t bases = 0;              //!< bit 0 runner on 1st, bit 1 on 2nd, bit 2 on 3rd
    std::int32_t score[2] = {0, 0};      //!< home, away runs so far
    std::int32_t starter_in[2] = {1, 1}; //!< home, away: 1 while the starter pitches (or pitched the latest half)
};
static_assert(std::is_trivially_copyable_v<BaseballState>);

//! Per-path result of one game from a state.
struct BaseballOutcome {
    std::uint16_t score[2]; //!< home, away final runs
    //! [team][inning - 1]: runs scored from the state onward in innings 1..kReportedInnings (saturated at 255).
    std::uint8_t inning_runs[2][kReportedInnings];
    //! Home, away runs after five full innings (runs before the state included); only meaningful when the state is
    //! at or before the 5th, else the score at the state.
    std::uint8_t first_five[2];
    std::uint8_t innings;     //!< the inning the game ended in (past 9: extra innings)
    std::uint8_t first_score; //!< first team to score after the state: 0 none, 1 home, 2 away
    std::uint8_t walkoff;     //!< 1: the home team won in its last at-bat
    std::uint8_t invalid;     //!< 1: still tied after kMaxInnings
};
static_assert(std::is_trivially_copyable_v<BaseballOutcome>);
static_assert(sizeof(BaseballOutcome) == 34, "no padding: every byte of an outcome is written");

} // namespace simbook::kernels::baseball
