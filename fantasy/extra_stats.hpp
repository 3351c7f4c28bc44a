//! Steals, blocks and turnovers, which the possession kernel does not simulate: per-player rates and per-path
//! Poisson draws keyed by (seed, path id), so a path's extra stats are as reproducible as its box line.
#pragma once

#include "kernels/core/result.hpp"
#include "models/basketball_model.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <string>

namespace simbook::fantasy {

//! One player's rates in Basketball-Reference terms (percentages, 0-100).
struct ExtraRates {
    double stl_pct = 1.52;  //!< steals per 100 opponent possessions while on court
    double blk_pct = 1.91;  //!< blocks per 100 opponent two-point attempts while on court
    double tov_pct = 11.58; //!< turnovers per 100 plays (FGA + 0.44 FTA + TOV)
};

//! Rates by exact player name; players not listed get the league's.
struct ExtraRateTable {
    ExtraRates league;
    std::map<std::string, ExtraRates> players;
    std::string source; //!< where the rates came from ("league averages" when no file)

    const ExtraRates& Of(const std::string& name) const;
};

//! Reads data/fantasy/nba-2023-24-extra-rates.json (made by data/fantasy/make_demo_data.py); errors name the path.
Result<ExtraRateTable> LoadExtraRates(const std::string& path);

//! Expected steals, blocks, turnovers of a player in one game: each rate times the on-court opportunities his
//! minutes give (opponent possessions, opponent two-point attempts, his own plays = usage x team chances),
//! with possessions from the model's pace and chances and attempts from its per-chance rates.
std::array<double, 3> ExpectedExtras(const models::PlayerModel& player, const models::TeamModel& own,
                                     const models::TeamModel& opponent, const ExtraRates& rates);

//! Key of the extra-stat stream of a game: distinct from the kernel's key for the same game.
std::uint64_t ExtraStatsSeed(std::uint64_t game_seed);

//! Poisson(mean) draw from one uniform in (0, 1) by inversion (mean <= ~30).
int PoissonInverse(double mean, double uniform);

} // namespace simbook::fantasy
