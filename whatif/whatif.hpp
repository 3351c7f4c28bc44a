//! What-if runs on common random numbers: a base game and scenarios simulated on the same (seed, path id)
//! streams, every market outcome priced on both and the difference measured path by path, so its standard
//! error is that of the paired differences (a fraction of two independent runs' noise).
#pragma once

#include "engine/path_driver.hpp"
#include "engine/run_shares.hpp"
#include "kernels/core/result.hpp"
#include "kernels/launch.hpp"
#include "whatif/path_markets.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace simbook::whatif {

//! Most paths one what-if run accepts (per scenario).
inline constexpr std::uint64_t kMaxWhatIfPaths = 50'000'000;

//! How to run the paths.
struct RunConfig {
    std::uint64_t paths = 100'000; //!< path ids [0, paths), the same for the base and every scenario
    std::uint64_t seed = 7;        //!< the base's seed
    //! The scenarios' seed; empty = the base's (common random numbers). A different seed gives independent
    //! runs, which is how tests and benchmarks measure what common random numbers save.
    std::optional<std::uint64_t> scenario_seed;
    kernels::LaunchConfig launch;
    std::uint64_t batch = 1 << 16; //!< paths per kernel launch; results do not depend on it
    //! Split across processes (MPI ranks): this process's path ids, every count summed over the processes.
    engine::RunShares shares;
};

//! Counts of one market outcome over paired paths: enough for both prices, the delta and its errors.
struct OutcomeTally {
    std::uint64_t base = 0;     //!< paths where the base gives this outcome
    std::uint64_t scenario = 0; //!< paths where the scenario gives it
    std::uint64_t changed = 0;  //!< paths where exactly one of the two gives it
};

//! One outcome of a what-if: both fair probabilities and their difference.
struct OutcomeDelta {
    std::string name;
    double base = 0.0;     //!< fair probability in [0, 1] in the base
    double scenario = 0.0; //!< fair probability in the scenario
    double base_se = 0.0;  //!< standard errors of the two probabilities
    double scenario_se = 0.0;
    double delta = 0.0;          //!< scenario - base
    double delta_se = 0.0;       //!< standard error of delta from the paired differences (the run's own)
    double independent_se = 0.0; //!< sqrt(base_se^2 + scenario_se^2): delta's error with independent seeds
};

//! One market of a what-if.
struct MarketDelta {
    std::string key;
    std::vector<OutcomeDelta> outcomes;
    std::uint64_t settled = 0; //!< paired paths both runs settle (the n behind the estimates)
};

//! The outcome of one scenario against the base.
struct ScenarioResult {
    std::vector<MarketDelta> markets;
    std::uint64_t invalid_paths = 0; //!< path ids dropped because the base or the scenario path was invalid
};

//! Finalizes tallies over n settled pairs into prices, delta and errors.
OutcomeDelta MakeOutcomeDelta(const std::string& name, const OutcomeTally& tally, std::uint64_t n);

//! Runs the base and every scenario on path ids [0, config.paths) (base with config.seed, scenarios with
//! the scenario seed) and prices every market on each pair. All games must be of one sport; markets are
//! parsed against the base. Unavailable when the backend fails; InvalidArgument for bad settings.
Result<std::vector<ScenarioResult>> RunWhatIf(const GameSpec& base, std::span<const GameSpec> scenarios,
                                              std::span<const PathMarket> markets, const RunConfig& config);

//! The single-run prices of markets on one game (momentum and next-event markets, or any PathMarket): the
//! base side of RunWhatIf without a scenario. Each market's outcomes sum to 1 over its settled paths.
struct MarketPrices {
    std::string key;
    std::vector<std::string> outcomes;
    std::vector<double> probability; //!< fair probabilities
    std::vector<double> std_error;
    std::uint64_t settled = 0;
};
Result<std::vector<MarketPrices>> PriceMarkets(const GameSpec& game, std::span<const PathMarket> markets,
                                               const RunConfig& config);

//! Path markets settled on a game's paths, as a consumer of them: alone (PriceMarkets), paired with scenarios on
//! the same path ids (RunWhatIf), or next to a Simulation, so that a live reprice runs each path once.
template <typename Outcome> class PathMarketTally final : public engine::PathSink<Outcome> {
public:
    //! scenarios: the paired games the driver runs (0 for one game alone).
    PathMarketTally(std::span<const PathMarket> markets, std::size_t scenarios);

    void Begin(int locals) override;
    void Sink(int local, const engine::PathChunk<Outcome>& chunk) override;
    void Combine() override;

    //! Each scenario against the base (after Combine).
    std::vector<ScenarioResult> Deltas() const;
    //! The base's prices (after Combine).
    std::vector<MarketPrices> Prices() const;
    //! Replaces the counts (after Combine) by their sum over the processes of a split run.
    Status SumOverProcesses(const engine::RunShares& shares);

private:
    //! Tallies of one scenario: per market, per outcome, plus the settled pairs.
    struct ScenarioTally {
        std::vector<std::vector<OutcomeTally>> outcomes;
        std::vector<std::uint64_t> settled;
        std::uint64_t invalid = 0;
    };
    std::vector<ScenarioTally> Empty() const;

    std::span<const PathMarket> markets_;
    std::size_t scenarios_ = 0;
    std::vector<std::vector<ScenarioTally>> locals_;
    std::vector<ScenarioTally> total_;
};

} // namespace simbook::whatif
