//! Markets on single paths. CompileLeg is the one per-path definition of every market kind's outcomes
//! (conditions on per-path variables); PathSettler settles a market on each path with it (momentum and what-if
//! markets) and MarketTally tallies what a simulation's histograms do not keep (quarter and half markets,
//! combined player stats, same-game parlays) from the same pass over the paths. Settling a bet on a real
//! result, with pushes and quarter lines, is odds/risk/settlement.
#pragma once

#include "engine/path_driver.hpp"
#include "engine/simulation.hpp"
#include "engine/simulation_result.hpp"
#include "kernels/baseball/baseball_params.hpp"
#include "kernels/basketball/basketball_params.hpp"
#include "kernels/basketball/light_params.hpp"
#include "kernels/football/football_params.hpp"
#include "kernels/launch.hpp"
#include "kernels/soccer/soccer_params.hpp"
#include "odds/market.hpp"
#include "odds/market_engine.hpp"
#include "odds/result.hpp"

#include <array>
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

//! Compiles a market outcome (a half-line market or a result market, see ParseMarket, and first to score and
//! race to N) into conditions on per-path variables; players are looked up in the roster (home players first).
Result<CompiledLeg> CompileLeg(const Leg& leg, std::span<const std::string> players);

//! The players of a game, home first, and each one's team (0 home, 1 away), and the score at the game's state (a
//! baseball race counts from it: its paths record runs from the state on).
struct Roster {
    std::vector<std::string> names;
    std::vector<int> teams;
    std::array<int, 2> score{};
};
//! The roster of a game (empty for soccer and baseball), named as a simulation of it names them.
Roster RosterOf(const engine::GameSpec& game);

//! Per-path variables, each evaluated once per path, and compiled outcomes testing them.
class PathVariables {
public:
    //! Plans the variable (once) and returns its slot.
    std::size_t Add(const Variable& variable);
    //! Resolves player variables to (team, roster slot); call after the last Add.
    void ResolvePlayers(const Roster& roster);
    std::size_t Size() const { return slots_.size(); }
    const Variable& At(std::size_t slot) const { return slots_[slot].variable; }
    //! Evaluates every variable on one path into values[0, Size()).
    void Evaluate(const kernels::soccer::SoccerOutcome& o, int* values) const;
    void Evaluate(const kernels::basketball::BasketballOutcome& o, int* values) const;
    //! Light paths have no box scores: a player variable is a programming error (checked).
    void Evaluate(const kernels::basketball::BasketballLightOutcome& o, int* values) const;
    void Evaluate(const kernels::baseball::BaseballOutcome& o, int* values) const;
    void Evaluate(const kernels::football::FootballOutcome& o, int* values) const;

    //! A compiled outcome on slots: all conditions lo <= value <= hi hold (negated: not all).
    struct Test {
        std::vector<std::pair<std::size_t, std::pair<int, int>>> conditions;
        bool negate = false;
        bool Holds(const int* values) const;
    };
    //! The leg on this table's slots.
    Test Compile(const CompiledLeg& leg);

private:
    struct Slot {
        Variable variable;
        int team = 0;        //!< kPlayer: 0 home, 1 away
        int roster_slot = 0; //!< kPlayer: index within the team
    };
    std::vector<Slot> slots_;
    std::array<int, 2> score_{}; //!< the roster's score at the state
};

//! A market settled on each path: the index of the outcome the path gives among `outcomes` (names as
//! ParseMarket's outcomes), by CompileLeg; -1 when none holds (a race nobody wins).
class PathSettler {
public:
    static Result<PathSettler> Make(const Market& market, std::span<const std::string> outcomes, const Roster& roster);
    int Settle(const kernels::soccer::SoccerOutcome& o) const { return Find(o); }
    int Settle(const kernels::basketball::BasketballOutcome& o) const { return Find(o); }
    int Settle(const kernels::basketball::BasketballLightOutcome& o) const { return Find(o); }
    int Settle(const kernels::baseball::BaseballOutcome& o) const { return Find(o); }
    int Settle(const kernels::football::FootballOutcome& o) const { return Find(o); }

private:
    template <typename Outcome> int Find(const Outcome& o) const;

    PathVariables variables_;
    std::vector<PathVariables::Test> tests_;
};

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
    bool Empty() const { return variables_.Size() == 0 && parlays_.empty(); }

    void Begin(int locals) override;
    void Sink(int local, const engine::PathChunk<Outcome>& chunk) override;
    void Combine() override;

    //! Adds to the engine (built from the same run's result) every tallied distribution it lacks and every
    //! parlay's leg-pattern counts.
    Status AddTo(MarketEngine& engine) const;

private:
    struct Counts {
        std::vector<std::vector<std::uint64_t>> histograms; //!< per distribution slot
        std::vector<std::vector<std::uint64_t>> patterns;   //!< per parlay
        std::uint64_t valid = 0;
    };
    Counts EmptyCounts() const;

    PathVariables variables_;
    std::vector<std::size_t> distribution_slots_;
    std::vector<std::string> parlay_keys_;
    std::vector<std::vector<PathVariables::Test>> parlays_;
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
