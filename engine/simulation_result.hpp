//! What a simulation run produces: exact integer tallies of the per-path outcomes, finalised on the host.
#pragma once

#include "engine/game_spec.hpp"
#include "engine/histogram.hpp"
#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/config.hpp"
#include "kernels/soccer/soccer_params.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace simbook::engine {

//! Soccer-only tallies.
struct SoccerTallies {
    Histogram2D half_time{32};
    std::array<std::uint64_t, 4> first_goal{}; //!< indexed by kernels::soccer::FirstGoal
    std::array<Histogram1D, 2> first_goal_minute{Histogram1D(91), Histogram1D(91)}; //!< home, away; minute 1..90
    std::array<Histogram1D, 2> goal_minute{Histogram1D(91), Histogram1D(91)};       //!< every recorded goal
    Histogram1D lead_changes{16};
    //! [half-time result][full-time result] counts, results indexed 0 home, 1 draw, 2 away.
    std::array<std::array<std::uint64_t, 3>, 3> ht_ft{};
    std::array<Histogram1D, 2> red_cards{Histogram1D(kernels::soccer::kMaxReds + 1),
                                         Histogram1D(kernels::soccer::kMaxReds + 1)};

    void Sink(const kernels::soccer::SoccerOutcome& o);
    void Combine(const SoccerTallies& other);
};

//! One player's stat distributions (points, rebounds, assists, threes).
struct PlayerTallies {
    int team = 0; //!< 0 home, 1 away
    std::string name;
    std::array<Histogram1D, kernels::basketball::kPlayerStats> stat{Histogram1D(256), Histogram1D(256),
                                                                    Histogram1D(256), Histogram1D(256)};
};

//! Basketball-only tallies.
struct BasketballTallies {
    Histogram1D overtimes{kernels::basketball::kMaxOvertimes + 1};
    Histogram1D lead_changes{64};
    Histogram1D largest_run{128};
    std::array<std::uint64_t, 2> largest_run_team{};
    //! [target][home first, away first, neither] counts of race to kernels::basketball::RaceTarget(target).
    std::array<std::array<std::uint64_t, 3>, kernels::basketball::kRaceTargets> race{};
    std::array<std::array<std::uint64_t, kernels::basketball::kReportedPeriods>, 2> period_points{}; //!< sums
    std::vector<PlayerTallies> players; //!< home players first, then away

    void Sink(const kernels::basketball::BasketballOutcome& o);
    void Combine(const BasketballTallies& other);
};

//! The merged result of a run. Counts are exact integers: the same paths give the same result on any
//! thread count, batch size or backend.
struct SimulationResult {
    Sport sport = Sport::kSoccer;
    std::uint64_t seed = 0;
    std::uint64_t sims = 0;          //!< valid paths tallied
    std::uint64_t invalid_paths = 0; //!< paths that reached an impossible state (not tallied)
    kernels::Backend backend = kernels::Backend::kCpu;
    Histogram2D score;            //!< joint final score
    SoccerTallies soccer;         //!< filled when sport == kSoccer
    BasketballTallies basketball; //!< filled when sport == kBasketball

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
