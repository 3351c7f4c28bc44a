//! What a simulation run produces: exact integer tallies of the per-path outcomes, finalised on the host.
#pragma once

#include "engine/baseball/tallies.hpp"
#include "engine/basketball/tallies.hpp"
#include "engine/football/tallies.hpp"
#include "engine/game_spec.hpp"
#include "engine/histogram.hpp"
#include "engine/soccer/tallies.hpp"
#include "kernels/core/config.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace simbook::engine {

//! The tallies of a game of any sport (engine/sports.hpp).
using SportTallies = Sports::Tallies;

//! The merged result of a run. Counts are exact integers: the same paths give the same result on any
//! thread count, batch size or backend.
struct SimulationResult {
    std::uint64_t seed = 0;
    std::uint64_t sims = 0;          //!< valid paths tallied
    std::uint64_t invalid_paths = 0; //!< paths that reached an impossible state (not tallied)
    kernels::Backend backend = kernels::Backend::kCpu;
    Histogram2D score;    //!< joint final score
    SportTallies tallies; //!< the sport's own counts (engine/<sport>/tallies.hpp)

    Sport sport() const { return static_cast<Sport>(tallies.index()); }
    //! The sport's tallies, or null for another sport.
    const SoccerTallies* soccer() const { return std::get_if<SoccerTallies>(&tallies); }
    const BasketballTallies* basketball() const { return std::get_if<BasketballTallies>(&tallies); }
    SoccerTallies* soccer() { return std::get_if<SoccerTallies>(&tallies); }
    BasketballTallies* basketball() { return std::get_if<BasketballTallies>(&tallies); }
    const BaseballTallies* baseball() const { return std::get_if<BaseballTallies>(&tallies); }
    BaseballTallies* baseball() { return std::get_if<BaseballTallies>(&tallies); }
    const FootballTallies* football() const { return std::get_if<FootballTallies>(&tallies); }
    FootballTallies* football() { return std::get_if<FootballTallies>(&tallies); }

    void Combine(const SimulationResult& other);

    //! P(home wins), P(draw), P(away wins) at the final whistle (basketball includes overtime).
    std::array<double, 3> WinProbabilities() const;
    //! Monte Carlo standard error of P(home wins): sqrt(p (1 - p) / sims).
    double HomeWinStandardError() const;
    //! Mean final score, home and away.
    std::array<double, 2> MeanScore() const;
    //! P(home - away = m) for m = offset..offset + size - 1, with offset returned through the argument.
    std::vector<double> MarginDistribution(int* offset) const;
    //! P(home + away = t) for t = 0, 1, ...
    std::vector<double> TotalDistribution() const;
};

} // namespace simbook::engine
