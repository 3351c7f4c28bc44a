//! What a basketball simulation counts beyond the final score (overtimes, runs, races, periods, players), and
//! how it is reported.
#pragma once

#include "engine/histogram.hpp"
#include "kernels/basketball/basketball_params.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace simbook::engine {

struct SimulationResult;
struct BasketballGame;

//! One player's stat distributions (points, rebounds, assists, threes).
struct PlayerTallies {
    int team = 0; //!< 0 home, 1 away
    std::string name;
    std::array<Histogram1D, kernels::basketball::kPlayerStats> stat{Histogram1D(256), Histogram1D(256),
                                                                    Histogram1D(256), Histogram1D(256)};
    template <typename V> void VisitCounts(V&& v) { v(stat); }
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
    //! Calls v on every count (engine/result_counts.hpp: the counts of disjoint path ranges add up).
    template <typename V> void VisitCounts(V&& v) {
        v(overtimes);
        v(lead_changes);
        v(largest_run);
        v(largest_run_team);
        v(race);
        v(period_points);
        v(players);
    }
};

//! A rostered player: name (the game's player_names, or "player N") and team (0 home, 1 away).
struct RosterPlayer {
    std::string name;
    int team = 0;
};
//! The game's players, home first, as its tallies name them (cheap: no histograms).
std::vector<RosterPlayer> RosterPlayers(const BasketballGame& game);
//! No paths yet: a line per rostered player.
BasketballTallies EmptyTallies(const BasketballGame& game);
//! The final score of a path.
inline std::array<int, 2> FinalScore(const kernels::basketball::BasketballOutcome& o) {
    return {o.score[0], o.score[1]};
}
//! The basketball part of a result's JSON report: overtime, period means, lead changes, largest run, races,
//! players with mean and percentiles.
void AddReport(nlohmann::json& j, const BasketballTallies& b, const SimulationResult& r);
//! The basketball lines of a readable summary: the win line (with overtime) and the extras.
std::string WinLine(const BasketballTallies& b, const SimulationResult& r);
std::string ExtraLines(const BasketballTallies& b, const SimulationResult& r);

} // namespace simbook::engine
