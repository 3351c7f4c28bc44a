#include "whatif/whatif.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace simbook::whatif {
namespace {

namespace ks = kernels::soccer;
namespace kb = kernels::basketball;

//! Tallies of one scenario: per market, per outcome, plus the settled pairs.
struct ScenarioTally {
    std::vector<std::vector<OutcomeTally>> outcomes;
    std::vector<std::uint64_t> settled;
    std::uint64_t invalid = 0;
};

Status Launch(const GameSpec& g, std::uint64_t seed, std::uint64_t first, std::size_t count,
              std::vector<ks::SoccerOutcome>& out, const kernels::LaunchConfig& launch) {
    return kernels::RunSoccer(g.soccer_params, g.soccer_state, seed, first, count, out.data(), launch);
}

Status Launch(const GameSpec& g, std::uint64_t seed, std::uint64_t first, std::size_t count,
              std::vector<kb::BasketballOutcome>& out, const kernels::LaunchConfig& launch) {
    return kernels::RunBasketball(g.basketball_params, g.basketball_state, seed, first, count, out.data(), launch);
}

//! Sink: adds one batch of paired outcomes to a scenario's tallies.
template <typename Outcome>
void Sink(std::span<const PathMarket> markets, const std::vector<Outcome>& base, const std::vector<Outcome>& scen,
          std::size_t count, ScenarioTally& tally) {
    for (std::size_t i = 0; i < count; ++i) {
        if (base[i].invalid != 0 || scen[i].invalid != 0) {
            ++tally.invalid;
            continue;
        }
        for (std::size_t m = 0; m < markets.size(); ++m) {
            const int b = markets[m].Settle(base[i]);
            const int s = markets[m].Settle(scen[i]);
            if (b < 0 || s < 0) {
                continue;
            }
            ++tally.settled[m];
            std::vector<OutcomeTally>& t = tally.outcomes[m];
            ++t[static_cast<std::size_t>(b)].base;
            ++t[static_cast<std::size_t>(s)].scenario;
            if (b != s) {
                ++t[static_cast<std::size_t>(b)].changed;
                ++t[static_cast<std::size_t>(s)].changed;
            }
        }
    }
}

template <typename Outcome>
Result<std::vector<ScenarioTally>> RunPaths(const GameSpec& base, std::span<const GameSpec> scenarios,
                                            std::span<const PathMarket> markets, const RunConfig& config) {
    std::vector<ScenarioTally> tallies(scenarios.empty() ? 1 : scenarios.size());
    for (ScenarioTally& t : tallies) {
        t.settled.assign(markets.size(), 0);
        for (const PathMarket& m : markets) {
            t.outcomes.emplace_back(m.Outcomes().size());
        }
    }
    const std::size_t batch = static_cast<std::size_t>(std::min<std::uint64_t>(config.batch, config.paths));
    std::vector<Outcome> base_out(batch);
    std::vector<Outcome> scen_out(batch);
    const std::uint64_t scenario_seed = config.scenario_seed.value_or(config.seed);
    for (std::uint64_t first = 0; first < config.paths; first += batch) {
        const std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(batch, config.paths - first));
        if (Status s = Launch(base, config.seed, first, count, base_out, config.launch); !s.ok()) {
            return s;
        }
        if (scenarios.empty()) {
            Sink(markets, base_out, base_out, count, tallies[0]);
            continue;
        }
        for (std::size_t k = 0; k < scenarios.size(); ++k) {
            if (Status s = Launch(scenarios[k], scenario_seed, first, count, scen_out, config.launch); !s.ok()) {
                return s;
            }
            Sink(markets, base_out, scen_out, count, tallies[k]);
        }
    }
    return tallies;
}

Result<std::vector<ScenarioTally>> Run(const GameSpec& base, std::span<const GameSpec> scenarios,
                                       std::span<const PathMarket> markets, const RunConfig& config) {
    if (config.paths == 0 || config.paths > kMaxWhatIfPaths) {
        return InvalidArgument("paths", std::to_string(config.paths) + " is outside [1, " +
                                            std::to_string(kMaxWhatIfPaths) + "]");
    }
    if (config.batch == 0) {
        return InvalidArgument("batch", "must be positive");
    }
    for (const GameSpec& s : scenarios) {
        if (s.sport != base.sport) {
            return InvalidArgument("scenario", "a scenario cannot change the sport");
        }
    }
    return base.sport == engine::Sport::kSoccer ? RunPaths<ks::SoccerOutcome>(base, scenarios, markets, config)
                                                : RunPaths<kb::BasketballOutcome>(base, scenarios, markets, config);
}

double BinomialSe(double p, std::uint64_t n) {
    return n > 0 ? std::sqrt(std::max(0.0, p * (1.0 - p)) / static_cast<double>(n)) : 0.0;
}

} // namespace

OutcomeDelta MakeOutcomeDelta(const std::string& name, const OutcomeTally& t, std::uint64_t n) {
    OutcomeDelta d;
    d.name = name;
    if (n == 0) {
        return d;
    }
    const double nn = static_cast<double>(n);
    d.base = static_cast<double>(t.base) / nn;
    d.scenario = static_cast<double>(t.scenario) / nn;
    d.base_se = BinomialSe(d.base, n);
    d.scenario_se = BinomialSe(d.scenario, n);
    d.delta = d.scenario - d.base;
    // Paired differences x_i in {-1, 0, 1}: mean delta, E[x^2] = changed / n; sample variance / n.
    if (n > 1) {
        const double second = static_cast<double>(t.changed) / nn;
        const double variance = std::max(0.0, second - d.delta * d.delta) * nn / (nn - 1.0);
        d.delta_se = std::sqrt(variance / nn);
    }
    d.independent_se = std::sqrt(d.base_se * d.base_se + d.scenario_se * d.scenario_se);
    return d;
}

Result<std::vector<ScenarioResult>> RunWhatIf(const GameSpec& base, std::span<const GameSpec> scenarios,
                                              std::span<const PathMarket> markets, const RunConfig& config) {
    if (scenarios.empty()) {
        return InvalidArgument("scenario", "a what-if needs at least one scenario");
    }
    Result<std::vector<ScenarioTally>> tallies = Run(base, scenarios, markets, config);
    if (!tallies.ok()) {
        return tallies.status();
    }
    std::vector<ScenarioResult> results;
    for (const ScenarioTally& t : *tallies) {
        ScenarioResult r;
        r.invalid_paths = t.invalid;
        for (std::size_t m = 0; m < markets.size(); ++m) {
            MarketDelta md;
            md.key = markets[m].Key();
            md.settled = t.settled[m];
            for (std::size_t o = 0; o < markets[m].Outcomes().size(); ++o) {
                md.outcomes.push_back(MakeOutcomeDelta(markets[m].Outcomes()[o], t.outcomes[m][o], t.settled[m]));
            }
            r.markets.push_back(std::move(md));
        }
        results.push_back(std::move(r));
    }
    return results;
}

Result<std::vector<MarketPrices>> PriceMarkets(const GameSpec& game, std::span<const PathMarket> markets,
                                               const RunConfig& config) {
    Result<std::vector<ScenarioTally>> tallies = Run(game, {}, markets, config);
    if (!tallies.ok()) {
        return tallies.status();
    }
    const ScenarioTally& t = tallies->front();
    std::vector<MarketPrices> out;
    for (std::size_t m = 0; m < markets.size(); ++m) {
        MarketPrices p;
        p.key = markets[m].Key();
        p.outcomes = markets[m].Outcomes();
        p.settled = t.settled[m];
        for (const OutcomeTally& o : t.outcomes[m]) {
            const double prob = p.settled > 0 ? static_cast<double>(o.base) / static_cast<double>(p.settled) : 0.0;
            p.probability.push_back(prob);
            p.std_error.push_back(BinomialSe(prob, p.settled));
        }
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace simbook::whatif
