//! Per-path values of American football paths for the path tally (odds/path_tally.cpp): points by period and the
//! quantities markets settle on.
#pragma once

#include "engine/football/tallies.hpp"
#include "kernels/core/result.hpp"
#include "kernels/football/football_params.hpp"
#include "odds/market.hpp"
#include "odds/market_engine.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace simbook::odds::detail {

//! Points of a team (0 home, 1 away) in a period of one football path, scored from the state on for the periods
//! (the second half includes overtime) and in all for the game.
inline int FootballPeriodPoints(const kernels::football::FootballOutcome& o, Period period, int team,
                                const std::array<int, 2>& at) {
    const std::uint8_t* q = o.quarter[team];
    switch (period) {
    case Period::kGame:
        return o.score[team];
    case Period::kFirstHalf:
        return q[0] + q[1];
    case Period::kSecondHalf:
        // Overtime points: the final score less the state's and the quarters'.
        return o.score[team] - at[static_cast<std::size_t>(team)] - q[0] - q[1];
    case Period::kQ1:
        return q[0];
    case Period::kQ2:
        return q[1];
    case Period::kQ3:
        return q[2];
    case Period::kQ4:
        return q[3];
    default:
        return o.score[team];
    }
}

//! The value of a path tally slot's variable (a quantity over a period) on one football path; `at` is the score at
//! the state.
template <typename Slot>
int FootballValue(const Slot& s, const kernels::football::FootballOutcome& o, const std::array<int, 2>& at) {
    switch (s.variable.quantity) {
    case Quantity::kFirstScorer:
        return o.first_scorer;
    case Quantity::kRaceWinner:
        return engine::FootballRaceWinner(o, (s.variable.target - kernels::football::kRaceFirst) /
                                                 kernels::football::kRaceStep);
    case Quantity::kScoreType:
        return o.first_score;
    case Quantity::kPlayer:
        SIMBOOK_REQUIRE(false, "a player market on football paths (no players)");
        return 0;
    default:
        break;
    }
    const int home = FootballPeriodPoints(o, s.variable.period, 0, at);
    const int away = FootballPeriodPoints(o, s.variable.period, 1, at);
    switch (s.variable.quantity) {
    case Quantity::kHome:
        return home;
    case Quantity::kAway:
        return away;
    case Quantity::kTotal:
        return home + away;
    default:
        return home - away;
    }
}

} // namespace simbook::odds::detail
