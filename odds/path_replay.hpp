//! PathReplay: re-runs the paths of a finished simulation to tally what its histograms do not keep
//! (quarter and half markets, combined player stats, same-game parlays). Paths are deterministic in
//! (seed, path id), so the replayed outcomes are exactly the simulated ones: nothing is stored per path.
#pragma once

#include "engine/simulation_result.hpp"
#include "kernels/basketball/basketball_params.hpp"
#include "kernels/launch.hpp"
#include "kernels/soccer/soccer_params.hpp"
#include "odds/market.hpp"
#include "odds/market_engine.hpp"
#include "odds/result.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace simbook::odds {

//! A same-game parlay leg as a test on one path: all conditions lo <= value <= hi hold (negated: not all).
struct LegCondition {
    Variable variable;
    int lo = 0; //!< inclusive
    int hi = 0; //!< inclusive
};
//! A compiled parlay leg.
struct CompiledLeg {
    std::vector<LegCondition> conditions;
    bool negate = false;
};

//! Compiles a parlay leg (its market must be a half-line market or a result market, see ParseMarket) into
//! conditions on per-path variables; players are looked up in the engine's roster.
Result<CompiledLeg> CompileLeg(const Leg& leg, const MarketEngine& engine);

//! Points of a team (0 home, 1 away) in a period of one basketball path: the final score for kGame, the
//! period lines for halves and quarters (the second half includes overtime).
int PeriodPoints(const kernels::basketball::BasketballOutcome& o, Period period, int team);

//! The inputs of a finished simulation, enough to re-run its paths [0, paths).
class PathReplay {
public:
    //! paths: the ids the simulation ran, its sims + invalid_paths.
    static PathReplay Soccer(const kernels::soccer::SoccerParams& params, const kernels::soccer::SoccerState& state,
                             std::uint64_t seed, std::uint64_t paths, kernels::LaunchConfig launch = {});
    //! paths: the ids the simulation ran, its sims + invalid_paths.
    static PathReplay Basketball(const kernels::basketball::BasketballParams& params,
                                 const kernels::basketball::BasketballState& state, std::uint64_t seed,
                                 std::uint64_t paths, kernels::LaunchConfig launch = {});

    //! Paths [0, n) with the simulation's seed: result.sims + result.invalid_paths.
    static std::uint64_t PathsOf(const engine::SimulationResult& result) { return result.sims + result.invalid_paths; }

    //! Replays the paths once (only when needed) and adds to the engine the distribution of every variable
    //! and the leg-pattern counts of every parlay that `markets` need and the engine lacks. Returns the
    //! number of paths replayed (0 when nothing was needed). Fails on a sport mismatch, on a basketball
    //! period or player stat that began before the state (the kernel counts those from the state onward),
    //! when the kernels fail, or when the replay's valid path count differs from the engine's.
    Result<std::uint64_t> Complete(MarketEngine& engine, std::span<const Market> markets) const;

private:
    PathReplay() = default;
    //! Seconds of game clock played at the state (basketball), 0 for soccer.
    int ElapsedSeconds() const;

    engine::Sport sport_ = engine::Sport::kSoccer;
    kernels::soccer::SoccerParams soccer_params_{};
    kernels::soccer::SoccerState soccer_state_{};
    kernels::basketball::BasketballParams basketball_params_{};
    kernels::basketball::BasketballState basketball_state_{};
    std::uint64_t seed_ = 0;
    std::uint64_t paths_ = 0;
    kernels::LaunchConfig launch_{};
};

} // namespace simbook::odds
