//! Season simulation parameters: a league's current table and its remaining fixtures as plain structs shared by
//! host and device.
#pragma once

#include "kernels/core/config.hpp"
#include "kernels/soccer/soccer_params.hpp"

#include <cstdint>
#include <type_traits>

namespace simbook::kernels::season {

//! Most teams a simulated league may have (finishing positions are kept in fixed arrays of this size).
inline constexpr int kMaxTeams = 32;

//! A team's record before the remaining fixtures: league points, goals for and against.
struct SeasonTeamStart {
    std::int32_t points;
    std::int32_t goals_for;
    std::int32_t goals_against;
};
static_assert(std::is_trivially_copyable_v<SeasonTeamStart>);

//! One remaining fixture: team indexes into the table and the match's goal rates (SoccerParams::goal_rate,
//! goals per shape-minute at level score, 11 v 11); every other match parameter is the league's.
struct SeasonFixture {
    std::int32_t home;
    std::int32_t away;
    double goal_rate[2];
};
static_assert(std::is_trivially_copyable_v<SeasonFixture>);

//! What every simulated season shares. Season s plays fixture f as the soccer kernel's path
//! s * (n_fixtures + 1) + f from kick-off; path s * (n_fixtures + 1) + n_fixtures draws the tie-break lottery.
struct SeasonParams {
    soccer::SoccerParams match; //!< timing shape and state effects of every match (goal_rate is per fixture)
    std::int32_t n_teams;       //!< teams in the table, 2..kMaxTeams
    std::int32_t n_fixtures;    //!< remaining fixtures, >= 0
    SeasonTeamStart start[kMaxTeams];
};
static_assert(std::is_trivially_copyable_v<SeasonParams>);

//! Kernel path id of fixture `fixture` of season `season` (fixture == n_fixtures: the tie-break lottery).
SIMBOOK_HD inline std::uint64_t SeasonPathId(std::uint64_t season, std::int32_t n_fixtures, std::int32_t fixture) {
    return season * static_cast<std::uint64_t>(n_fixtures + 1) + static_cast<std::uint64_t>(fixture);
}

} // namespace simbook::kernels::season
