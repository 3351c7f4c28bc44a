//! What a soccer simulation counts beyond the final score, and how it is reported.
#pragma once

#include "engine/histogram.hpp"
#include "kernels/soccer/soccer_params.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <string>

namespace simbook::engine {

struct SimulationResult;
struct SoccerGame;

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
    //! Calls v on every count (engine/result_counts.hpp: the counts of disjoint path ranges add up).
    template <typename V> void VisitCounts(V&& v) {
        v(half_time);
        v(first_goal);
        v(first_goal_minute);
        v(goal_minute);
        v(lead_changes);
        v(ht_ft);
        v(red_cards);
    }
};

//! No paths yet.
SoccerTallies EmptyTallies(const SoccerGame& game);
//! The final score of a path.
inline std::array<int, 2> FinalScore(const kernels::soccer::SoccerOutcome& o) {
    return {o.home, o.away};
}
//! The soccer part of a result's JSON report: half-time, first goal, goal minutes, lead changes, red cards.
void AddReport(nlohmann::json& j, const SoccerTallies& s, const SimulationResult& r);
//! The soccer lines of a readable summary: the win line (with the draw) and the extras.
std::string WinLine(const SoccerTallies& s, const SimulationResult& r);
std::string ExtraLines(const SoccerTallies& s, const SimulationResult& r);

} // namespace simbook::engine
