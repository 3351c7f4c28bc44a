//! Per-path market tallies: what a simulation's histograms do not keep (quarter and half markets, combined
//! player stats, same-game parlays), counted from the same pass over the paths.
#pragma once

#include "engine/path_driver.hpp"
#include "engine/simulation.hpp"
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
//! conditions on per-path variables; players are looked up in the roster (home players first).
Result<CompiledLeg> CompileLeg(const Leg& leg, std::span<const std::string> players);

//! Points of a team (0 home, 1 away) in a period of one basketball path: the final score for kGame, the
//! period lines for halves and quarters (the second half includes overtime).
int PeriodPoints(const kernels::basketball::BasketballOutcome& o, Period period, int team);

//! What markets need tallied path by path beyond a simulation's histograms (quarter and half markets,
//! combined player stats, same-game parlays), as a consumer of the simulation's own paths: the paths are
//! run once for the result and these tallies together.
template <typename Outcome> class MarketTally final : public engine::PathSink<Outcome> {
public:
    //! Plans the tallies of `markets` on the game. InvalidArgument for a market that does not exist in the
    //! sport, an unknown player, a basketball period or player stat that began before the state (the kernel
    //! counts those from the state onward).
    static Result<MarketTally> Make(std::span<const Market> markets, const engine::GameSpec& game);

    //! True when no market needs a per-path tally (the histograms price them all).
    bool Empty() const { return slots_.empty() && parlays_.empty(); }

    void Begin(int locals) override;
    void Sink(int local, const engine::PathChunk<Outcome>& chunk) override;
    void Combine() override;

    //! Adds to the engine (built from the same run's result) every tallied distribution it lacks and every
    //! parlay's leg-pattern counts.
    Status AddTo(MarketEngine& engine) const;

private:
    struct Slot {
        Variable variable;
        int team = 0;        //!< kPlayer: 0 home, 1 away
        int roster_slot = 0; //!< kPlayer: index within the team
    };
    struct LegSlots {
        std::vector<std::pair<std::size_t, std::pair<int, int>>> conditions; //!< slot, [lo, hi]
        bool negate = false;
    };
    struct Counts {
        std::vector<std::vector<std::uint64_t>> histograms; //!< per distribution slot
        std::vector<std::vector<std::uint64_t>> patterns;   //!< per parlay
        std::uint64_t valid = 0;
    };
    Counts EmptyCounts() const;

    std::vector<Slot> slots_;
    std::vector<std::size_t> distribution_slots_;
    std::vector<std::string> parlay_keys_;
    std::vector<std::vector<LegSlots>> parlays_;
    std::vector<Counts> locals_;
    Counts total_;
};

//! A simulation's result and the engine that prices a set of markets from it.
struct PricedSimulation {
    engine::SimulationResult result;
    MarketEngine engine;
};

//! Runs the simulation once and prices `markets` from its paths: the histograms and, for what they do not
//! keep, a MarketTally of the same paths. Errors as MarketTally::Make, Simulation::Run and FromSimulation.
Result<PricedSimulation> SimulateMarkets(const engine::Simulation& simulation, std::span<const Market> markets);

} // namespace simbook::odds
