//! The box-score basketball kernel's draw tables: alias tables built on the host from BasketballParams.
#pragma once

#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/alias.hpp"

#include <cmath>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace simbook::kernels::basketball {

//! Player rows of a team in the box score: kMaxPlayers, then the spare row "nobody" (an unassisted make).
inline constexpr int kPlayerRows = kMaxPlayers + 1;
//! (shooter, helper) cells of a shot chance's player draw: cell = shooter * kPlayerRows + helper, where the helper
//! is the assister on a made field goal, the rebounder on a miss, and "nobody" otherwise.
inline constexpr int kPlayerCells = kPlayerRows * kPlayerRows;
//! Alias entries pack a cutoff in their high bits and the alias index in their low bits.
inline constexpr int kChanceAliasBits = 4; //!< outcome index 0..9
inline constexpr int kPlayerAliasBits = 9; //!< cell index 0..288
static_assert(kChanceOutcomes <= (1 << kChanceAliasBits) && kPlayerCells <= (1 << kPlayerAliasBits));

//! One team's offence as alias tables (kernels/core/alias.hpp): one multiply, one gathered word and one compare per
//! draw, however many cells.
struct BasketballBoxTeamParams {
    //! [LeadRow(offence lead)][column] over the kChanceOutcomes outcomes of a shot chance.
    std::uint32_t chance_alias[kLeadRows][kChanceOutcomes];
    //! [outcome][column] over the kPlayerCells (shooter, helper) cells given the chance's outcome: the shooter from
    //! the outcome's shot type, the helper from the shooter's assister table (made field goals), this team's
    //! rebounders (offensive rebounds) or the other team's (defensive rebounds), "nobody" otherwise.
    std::uint32_t player_alias[kChanceOutcomes][kPlayerCells];
};
static_assert(std::is_trivially_copyable_v<BasketballBoxTeamParams>);

//! Both teams, the pace distribution and the rosters' sizes.
struct BasketballBoxParams {
    BasketballBoxTeamParams team[2];               //!< home, away
    std::int32_t pace_min;                         //!< smallest possession count of the pace distribution
    std::uint32_t pace_threshold[kPaceValues - 1]; //!< cumulative P(N = pace_min + k) * 2^32
    std::int32_t players[2];                       //!< players in use per team (box-score rows reported)
};
static_assert(std::is_trivially_copyable_v<BasketballBoxParams>);

namespace detail {

//! P(index = j), j = 0..kMaxPlayers, of PickIndex-style cumulative thresholds scaled to 2^16 (index kMaxPlayers when
//! the draw passes every threshold).
inline std::vector<double> PlayerPmf(const std::uint32_t (&thresholds)[kMaxPlayers]) {
    std::vector<double> p(kPlayerRows);
    double previous = 0.0;
    for (int j = 0; j <= kMaxPlayers; ++j) {
        const double t = j < kMaxPlayers ? (thresholds[j] < 65536u ? thresholds[j] : 65536.0) : 65536.0;
        p[static_cast<std::size_t>(j)] = t > previous ? (t - previous) / 65536.0 : 0.0;
        previous = t > previous ? t : previous;
    }
    return p;
}

} // namespace detail

//! The box-score kernel's tables from the model's thresholds: the same distributions (chance outcomes at 2^-32,
//! player shares at 2^-16), drawn by alias. Host only.
inline BasketballBoxParams MakeBasketballBoxParams(const BasketballParams& params) {
    constexpr double kTwo32 = 4294967296.0;
    BasketballBoxParams box{};
    for (int team = 0; team < 2; ++team) {
        const BasketballTeamParams& off = params.team[team];
        for (int row = 0; row < kLeadRows; ++row) {
            std::vector<double> q(kChanceOutcomes);
            double previous = 0.0;
            for (int i = 0; i < kChanceOutcomes; ++i) {
                const double t = i < kChanceOutcomes - 1 ? off.chance_threshold[row][i] : kTwo32;
                q[static_cast<std::size_t>(i)] = t > previous ? (t - previous) / kTwo32 : 0.0;
                previous = t > previous ? t : previous;
            }
            BuildAlias(q, kChanceAliasBits, box.team[team].chance_alias[row]);
        }
        const std::vector<double> own_rebounder = detail::PlayerPmf(off.rebounder);
        const std::vector<double> other_rebounder = detail::PlayerPmf(params.team[1 - team].rebounder);
        for (int o = 0; o < kChanceOutcomes; ++o) {
            const std::vector<double> shooter = detail::PlayerPmf(off.shooter[(kShooterTablePacked >> (2 * o)) & 3u]);
            std::vector<double> cells(kPlayerCells, 0.0);
            for (int s = 0; s < kPlayerRows; ++s) {
                std::vector<double> helper(kPlayerRows, 0.0);
                if ((kMadeFieldGoalMask >> o) & 1u) {
                    helper = s < kMaxPlayers ? detail::PlayerPmf(off.assister[s]) : helper;
                    helper[kMaxPlayers] += s < kMaxPlayers ? 0.0 : 1.0;
                } else if ((kOffensiveReboundMask >> o) & 1u) {
                    helper = own_rebounder;
                } else if ((kDefensiveReboundMask >> o) & 1u) {
                    helper = other_rebounder;
                } else {
                    helper[kMaxPlayers] = 1.0;
                }
                for (int h = 0; h < kPlayerRows; ++h) {
                    cells[static_cast<std::size_t>(s * kPlayerRows + h)] =
                        shooter[static_cast<std::size_t>(s)] * helper[static_cast<std::size_t>(h)];
                }
            }
            BuildAlias(cells, kPlayerAliasBits, box.team[team].player_alias[o]);
        }
        box.players[team] = off.players;
    }
    box.pace_min = params.pace_min;
    for (int k = 0; k < kPaceValues - 1; ++k) {
        box.pace_threshold[k] = params.pace_threshold[k];
    }
    return box;
}

} // namespace simbook::kernels::basketball
