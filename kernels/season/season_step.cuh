//! Season simulation: every remaining fixture through the soccer kernel, then the final table ranked by points,
//! goal difference, goals scored and a lottery.
#pragma once

#include "kernels/core/config.hpp"
#include "kernels/core/rng.cuh"
#include "kernels/season/season_params.hpp"
#include "kernels/soccer/soccer_step.cuh"

#include <cstdint>
#include <type_traits>

namespace simbook::kernels::season {

//! Simulates one season: season id -> final position (1 = top) and points of every team, written at
//! (season - first_season) * n_teams. Positions of a season with an invalid match are all 0. When `scores`
//! is not null, the home and away goals of every fixture are written there too (2 bytes per fixture).
struct SeasonGame {
    SeasonParams params;
    const SeasonFixture* fixtures;
    std::uint64_t seed;
    std::uint64_t first_season;
    std::uint8_t* positions;
    std::uint16_t* points;
    std::uint8_t* scores;

    SIMBOOK_HD void operator()(std::uint64_t season) const {
        const int n = params.n_teams;
        std::int32_t pts[kMaxTeams];
        std::int32_t gd[kMaxTeams];
        std::int32_t gf[kMaxTeams];
        for (int i = 0; i < n; ++i) {
            pts[i] = params.start[i].points;
            gf[i] = params.start[i].goals_for;
            gd[i] = params.start[i].goals_for - params.start[i].goals_against;
        }
        const soccer::SoccerState kickoff{};
        const std::uint64_t local = season - first_season;
        bool invalid = false;
        // One match functor for the season; only the goal rates change from fixture to fixture.
        soccer::SoccerGame game{params.match, kickoff, seed};
        for (std::int32_t f = 0; f < params.n_fixtures; ++f) {
            const SeasonFixture& fx = fixtures[f];
            game.params.goal_rate[0] = fx.goal_rate[0];
            game.params.goal_rate[1] = fx.goal_rate[1];
            const soccer::SoccerOutcome out = game(SeasonPathId(season, params.n_fixtures, f));
            invalid = invalid || out.invalid != 0;
            const int h = out.home;
            const int a = out.away;
            pts[fx.home] += h > a ? 3 : (h == a ? 1 : 0);
            pts[fx.away] += a > h ? 3 : (h == a ? 1 : 0);
            gf[fx.home] += h;
            gf[fx.away] += a;
            gd[fx.home] += h - a;
            gd[fx.away] += a - h;
            if (scores != nullptr) {
                scores[(local * static_cast<std::uint64_t>(params.n_fixtures) + f) * 2] = out.home;
                scores[(local * static_cast<std::uint64_t>(params.n_fixtures) + f) * 2 + 1] = out.away;
            }
        }
        // Teams level on points, goal difference and goals scored are ordered by a lottery: one random 32-bit
        // ticket each (higher ranks first), then the table order on the (1 in 2^32) equal ticket.
        std::uint32_t ticket[kMaxTeams];
        PathRng lottery(seed, SeasonPathId(season, params.n_fixtures, params.n_fixtures));
        for (int i = 0; i < n; ++i) {
            ticket[i] = lottery.NextU32();
        }
        std::uint8_t* pos = positions + local * static_cast<std::uint64_t>(n);
        std::uint16_t* out_points = points + local * static_cast<std::uint64_t>(n);
        for (int i = 0; i < n; ++i) {
            int above = 0;
            for (int j = 0; j < n; ++j) {
                const bool better =
                    pts[j] > pts[i] ||
                    (pts[j] == pts[i] &&
                     (gd[j] > gd[i] ||
                      (gd[j] == gd[i] && (gf[j] > gf[i] || (gf[j] == gf[i] && (ticket[j] > ticket[i] ||
                                                                               (ticket[j] == ticket[i] && j < i)))))));
                above += static_cast<int>(better);
            }
            pos[i] = invalid ? std::uint8_t{0} : static_cast<std::uint8_t>(above + 1);
            out_points[i] = static_cast<std::uint16_t>(pts[i] < 65535 ? pts[i] : 65535);
        }
    }
};
static_assert(std::is_trivially_copyable_v<SeasonGame>);

} // namespace simbook::kernels::season
