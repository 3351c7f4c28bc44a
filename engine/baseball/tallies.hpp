//! What a baseball simulation counts beyond the final score (innings played, walk-offs, first to score, runs by
//! inning, first five innings, the first inning, races to N runs), and how it is reported.
#pragma once

#include "engine/baseball/game.hpp"
#include "engine/histogram.hpp"
#include "kernels/baseball/baseball_params.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <string>

namespace simbook::engine {

struct SimulationResult;

//! Who reaches `target` runs first on one path from a state with score `at_state` (home, away): 0 neither (or both
//! had before the state), 1 home, 2 away. Runs come in inning order, the visitors' half first; past the innings the
//! outcome breaks down every extra inning was tied until the last, whose top half comes first, so the visitors got
//! there first when their final score reaches the target.
int BaseballRaceWinner(const kernels::baseball::BaseballOutcome& o, const std::array<int, 2>& at_state, int target);

//! Baseball-only tallies.
struct BaseballTallies {
    std::array<int, 2> at_state{}; //!< the score at the state (races count from it)
    bool at_start = false;         //!< the state is the first pitch (the first inning is played in full)
    bool first_five_open = false;  //!< the state is at or before the 5th (first-five runs are known per path)
    Histogram1D innings{kernels::baseball::kMaxInnings + 2}; //!< the inning the game ended in
    std::uint64_t walkoffs = 0;
    std::array<std::uint64_t, 3> first_score{}; //!< first to score after the state: none, home, away
    //! [team][inning - 1]: runs summed over paths, scored from the state on.
    std::array<std::array<std::uint64_t, kernels::baseball::kReportedInnings>, 2> inning_runs{};
    std::uint64_t scoreless_first = 0; //!< paths with no run in the 1st inning (meaningful at the first pitch)
    Histogram2D first_five{32};        //!< joint runs after five innings (when first_five_open)
    //! [N - 1][home first, away first, neither]: race to N runs, N = 1..kBaseballRaceLast (engine/baseball/game.hpp).
    std::array<std::array<std::uint64_t, 3>, kBaseballRaceLast> race{};

    void Sink(const kernels::baseball::BaseballOutcome& o);
    void Combine(const BaseballTallies& other);
    //! Calls v on every count, not on the state fields (engine/result_counts.hpp: the counts of disjoint path
    //! ranges add up).
    template <typename V> void VisitCounts(V&& v) {
        v(innings);
        v(walkoffs);
        v(first_score);
        v(inning_runs);
        v(scoreless_first);
        v(first_five);
        v(race);
    }
};

//! No paths yet, from the game's state.
BaseballTallies EmptyTallies(const BaseballGame& game);
//! The final score of a path.
inline std::array<int, 2> FinalScore(const kernels::baseball::BaseballOutcome& o) {
    return {o.score[0], o.score[1]};
}
//! The baseball part of a result's JSON report: extra innings, walk-offs, first to score, mean runs by inning, first
//! five innings, the first inning (NRFI), races.
void AddReport(nlohmann::json& j, const BaseballTallies& b, const SimulationResult& r);
//! The baseball lines of a readable summary: the win line (with extra innings) and the extras.
std::string WinLine(const BaseballTallies& b, const SimulationResult& r);
std::string ExtraLines(const BaseballTallies& b, const SimulationResult& r);

} // namespace simbook::engine
