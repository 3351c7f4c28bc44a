//! What an American football simulation counts beyond the final score (overtime, points by quarter, touchdowns and
//! field goals, the next score's type and team, races to N points, winning margins), and how it is reported.
#pragma once

#include "engine/football/game.hpp"
#include "engine/histogram.hpp"
#include "kernels/football/football_params.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <string>

namespace simbook::engine {

struct SimulationResult;

//! Who reached kernels::football race target k first on a path: 0 nobody (or both had at the state), 1 home, 2 away.
inline int FootballRaceWinner(const kernels::football::FootballOutcome& o, int k) {
    const int code = (o.race >> (2 * k)) & 3;
    return code == 3 ? 0 : code;
}

//! Football-only tallies.
struct FootballTallies {
    std::array<int, 2> at_state{}; //!< the score at the state
    bool at_start = false;         //!< the state is the kick-off
    std::uint64_t overtimes = 0;
    std::array<std::uint64_t, 4> next_score{};  //!< the next score's type: none, touchdown, field goal, safety
    std::array<std::uint64_t, 3> next_scorer{}; //!< the next team to score: none, home, away
    //! [team][quarter]: points summed over paths, scored from the state on.
    std::array<std::array<std::uint64_t, 4>, 2> quarter_points{};
    std::array<std::uint64_t, 2> touchdowns{};  //!< summed over paths, from the state on
    std::array<std::uint64_t, 2> field_goals{}; //!< summed over paths, from the state on
    std::uint64_t turnovers = 0;                //!< summed over paths, from the state on
    Histogram1D drives{256};                    //!< drives played from the state
    //! [target][home first, away first, neither]: race to kRaceFirst + k kRaceStep points.
    std::array<std::array<std::uint64_t, 3>, kernels::football::kRaceTargets> race{};

    void Sink(const kernels::football::FootballOutcome& o);
    void Combine(const FootballTallies& other);
    //! Calls v on every count, not on the state fields (engine/result_counts.hpp).
    template <typename V> void VisitCounts(V&& v) {
        v(overtimes);
        v(next_score);
        v(next_scorer);
        v(quarter_points);
        v(touchdowns);
        v(field_goals);
        v(turnovers);
        v(drives);
        v(race);
    }
};

//! No paths yet, from the game's state.
FootballTallies EmptyTallies(const FootballGame& game);
//! The final score of a path.
inline std::array<int, 2> FinalScore(const kernels::football::FootballOutcome& o) {
    return {o.score[0], o.score[1]};
}
//! The football part of a result's JSON report: overtime, the next score, points by quarter, touchdowns and field
//! goals, races, winning margin bands.
void AddReport(nlohmann::json& j, const FootballTallies& f, const SimulationResult& r);
//! The football lines of a readable summary: the win line (with ties and overtime) and the extras.
std::string WinLine(const FootballTallies& f, const SimulationResult& r);
std::string ExtraLines(const FootballTallies& f, const SimulationResult& r);

} // namespace simbook::engine
