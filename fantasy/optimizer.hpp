//! Salary-cap lineup optimizer: exact MILP (GLPK) on mean projections, and a simulation-aware objective that
//! picks, among MILP optima of scenario-tilted projections, the lineup most likely to beat a target on the
//! slate's joint paths.
#pragma once

#include "fantasy/salaries.hpp"
#include "kernels/core/result.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace simbook::fantasy {

//! A player that may be picked: salary-file row joined with his projection.
struct PoolPlayer {
    std::string id;
    std::string name;
    std::string team;          //!< fitted league code
    std::string game;          //!< game label "AWAY@HOME"
    std::uint32_t positions{}; //!< position bits
    int salary = 0;            //!< dollars
    double mean = 0.0;         //!< mean fantasy points
    int path_row = -1;         //!< row of his per-path points in PathPoints (-1: none)
};

//! At least `size` players from one team (or one game); `among` limits the candidate teams / game labels.
struct StackRule {
    bool by_game = false;
    int size = 2;
    std::vector<std::string> among;
};

//! Players from one team: at least min, at most max.
struct TeamLimit {
    std::string team;
    int min = 0;
    int max = std::numeric_limits<int>::max();
};

//! The contest-independent rules of a request.
struct LineupRules {
    std::vector<std::string> locks;    //!< player ids or exact names, in every lineup (exposure does not apply)
    std::vector<std::string> excludes; //!< player ids or exact names, in no lineup
    int max_per_team = 0;              //!< 0: only the site's own limit
    std::vector<TeamLimit> team_limits;
    std::vector<StackRule> stacks; //!< each rule must hold (they may be met by the same team or game)
    int lineups = 1;               //!< N, in [1, 500]
    double max_exposure = 1.0;     //!< each unlocked player in at most max(1, floor(max_exposure * N)) lineups
    int min_different = 1;         //!< any two lineups differ in at least this many players
};

enum class Objective { kMean, kPTarget };

//! Solver settings.
struct OptimizeOptions {
    Objective objective = Objective::kMean;
    double target = 0.0;          //!< kPTarget: fantasy points to beat (total >= target)
    int candidates = 3;           //!< kPTarget: MILPs per lineup (the mean optimum, then upside and game tilts)
    double tilt = 1.0;            //!< kPTarget: even candidates: mean + tilt * (mean in the game's top fifth - mean)
    double upside_tilt = 0.25;    //!< kPTarget: odd candidates c: mean + upside_tilt * (c+1)/2 * sd
    double candidate_gap = 0.005; //!< kPTarget: relative MIP gap of the scenario MILPs (the mean MILP is exact)
    int swap_passes = 8;          //!< kPTarget: best-improvement 1-swap passes on the paths after the MILPs
    double time_limit_s = 20.0;   //!< per MILP
};

//! Per-path fantasy points: row r of PoolPlayer::path_row is data[r * paths .. + paths).
struct PathPoints {
    const float* data = nullptr;
    std::uint64_t paths = 0;
};

//! One lineup.
struct Lineup {
    std::vector<int> players; //!< pool index per roster slot, in the site's slot order
    int salary = 0;
    double mean = 0.0;        //!< sum of the players' mean projections
    double p_target = -1.0;   //!< P(total >= target) on the paths (-1 when no paths or target)
    double p_target_se = 0.0; //!< its binomial standard error
};

//! The lineups, best first as found, and what happened.
struct OptimizeResult {
    std::vector<Lineup> lineups;
    std::string note; //!< non-empty when fewer than N lineups satisfy the rules
    int milps = 0;    //!< MILPs solved
    int swaps = 0;    //!< kPTarget: player swaps the path search made
};

//! N lineups, each an exact optimum of its MILP given the earlier lineups (uniqueness and exposure). kMean
//! maximises the mean projection; kPTarget solves `candidates` MILPs per lineup (the means first; then, by turns,
//! mean + k sd upside tilts and game scenarios, one game's players tilted towards their means on the paths where
//! that game's fantasy total is high), keeps the one with the highest P(total >= target) on all paths, then swaps
//! single players while a swap that keeps every rule raises that probability.
//! InvalidArgument names the field or the conflict (unknown or contradictory locks, locks over the cap or not
//! fitting the slots, no lineup satisfying the rules).
Result<OptimizeResult> OptimizeLineups(const SiteRules& site, const std::vector<PoolPlayer>& pool,
                                       const LineupRules& rules, const OptimizeOptions& options,
                                       const PathPoints* paths = nullptr);

//! Fills the site's slots with the chosen pool players (bipartite matching); false when they do not fit.
bool AssignSlots(const SiteRules& site, const std::vector<PoolPlayer>& pool, const std::vector<int>& chosen,
                 std::vector<int>* slot_players);

//! The first rule a lineup set breaks ("" when all hold): slot eligibility, no repeats, salary cap, site team
//! and game rules, locks, excludes, team limits, stacks, exposure, uniqueness.
std::string CheckLineups(const SiteRules& site, const std::vector<PoolPlayer>& pool, const LineupRules& rules,
                         const std::vector<Lineup>& lineups);

//! P(sum of the lineup's points >= target) and its standard error on the paths.
std::pair<double, double> TargetProbability(const std::vector<PoolPlayer>& pool, const std::vector<int>& players,
                                            const PathPoints& paths, double target);

} // namespace simbook::fantasy
