#include "whatif/whatif.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace simbook::whatif {
namespace {

namespace ks = kernels::soccer;
namespace kb = kernels::basketball;

//! Adds one chunk of paired outcomes to a scenario's tallies.
template <typename Outcome, typename Tally>
void Sink(std::span<const PathMarket> markets, std::span<const Outcome> base, std::span<const Outcome> scen,
          Tally& tally) {
    if (base.data() == scen.data()) {
        // Prices of one game alone pass its paths as both sides: each path is settled once, nothing changes and the
        // base and scenario counts agree. Market by market, so each market's settling runs over the whole chunk.
        for (const Outcome& o : base) {
            tally.invalid += o.invalid != 0 ? 1 : 0;
        }
        for (std::size_t m = 0; m < markets.size(); ++m) {
            std::vector<OutcomeTally>& t = tally.outcomes[m];
            std::uint64_t settled = 0;
            for (const Outcome& o : base) {
                if (o.invalid != 0) {
                    continue;
                }
                const int b = markets[m].Settle(o);
                if (b >= 0) {
                    ++settled;
                    ++t[static_cast<std::size_t>(b)].base;
                }
            }
            tally.settled[m] += settled;
            for (OutcomeTally& outcome : t) {
                outcome.scenario = outcome.base;
            }
        }
        return;
    }
    for (std::size_t i = 0; i < base.size(); ++i) {
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

Status CheckConfig(const RunConfig& config) {
    if (config.paths == 0 || config.paths > kMaxWhatIfPaths) {
        return InvalidArgument("paths", std::to_string(config.paths) + " is outside [1, " +
                                            std::to_string(kMaxWhatIfPaths) + "]");
    }
    if (config.batch == 0) {
        return InvalidArgument("batch", "must be positive");
    }
    return Status::Ok();
}

engine::PathRun MakeRun(const RunConfig& config) {
    engine::PathRun run;
    run.seed = config.seed;
    run.paired_seed = config.scenario_seed;
    run.paths = config.paths;
    run.batch = config.batch;
    run.launch = config.launch;
    return run;
}

//! Runs the base and the scenarios (all of the base's sport) through the driver into one tally.
Result<std::vector<ScenarioResult>> RunTally(const GameSpec& base, std::span<const GameSpec> scenarios,
                                             std::span<const PathMarket> markets, const RunConfig& config, bool deltas,
                                             std::vector<MarketPrices>* prices) {
    if (Status s = CheckConfig(config); !s.ok()) {
        return s;
    }
    return std::visit(
        [&](const auto& game) -> Result<std::vector<ScenarioResult>> {
            using Game = std::decay_t<decltype(game)>;
            std::vector<Game> paired;
            for (const GameSpec& s : scenarios) {
                const Game* same = std::get_if<Game>(&s.spec);
                if (same == nullptr) {
                    return InvalidArgument("scenario", "a scenario cannot change the sport");
                }
                paired.push_back(*same);
            }
            PathMarketTally<typename Game::Outcome> tally(markets, paired.size());
            engine::PathSink<typename Game::Outcome>* sinks[] = {&tally};
            engine::PathRun run = MakeRun(config);
            if (config.shares) {
                config.shares.share(config.paths, &run.first, &run.paths);
            }
            if (run.paths > 0) {
                if (auto info = engine::RunPaths(game, std::span<const Game>(paired), run, sinks); !info.ok()) {
                    return info.status();
                }
            } else { // a process without paths (fewer paths than processes) still adds its zero counts
                tally.Begin(1);
                tally.Combine();
            }
            if (config.shares) {
                if (Status s = tally.SumOverProcesses(config.shares); !s.ok()) {
                    return s;
                }
            }
            if (prices != nullptr) {
                *prices = tally.Prices();
            }
            return deltas ? tally.Deltas() : std::vector<ScenarioResult>{};
        },
        base.spec);
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
    return RunTally(base, scenarios, markets, config, true, nullptr);
}

Result<std::vector<MarketPrices>> PriceMarkets(const GameSpec& game, std::span<const PathMarket> markets,
                                               const RunConfig& config) {
    std::vector<MarketPrices> prices;
    if (auto run = RunTally(game, {}, markets, config, false, &prices); !run.ok()) {
        return run.status();
    }
    return prices;
}

template <typename Outcome>
PathMarketTally<Outcome>::PathMarketTally(std::span<const PathMarket> markets, std::size_t scenarios)
    : markets_(markets), scenarios_(scenarios), total_(Empty()) {}

template <typename Outcome>
std::vector<typename PathMarketTally<Outcome>::ScenarioTally> PathMarketTally<Outcome>::Empty() const {
    std::vector<ScenarioTally> tallies(scenarios_ == 0 ? 1 : scenarios_);
    for (ScenarioTally& t : tallies) {
        t.settled.assign(markets_.size(), 0);
        for (const PathMarket& m : markets_) {
            t.outcomes.emplace_back(m.Outcomes().size());
        }
    }
    return tallies;
}

template <typename Outcome> void PathMarketTally<Outcome>::Begin(int locals) {
    locals_.assign(static_cast<std::size_t>(locals), Empty());
}

template <typename Outcome> void PathMarketTally<Outcome>::Sink(int local, const engine::PathChunk<Outcome>& chunk) {
    std::vector<ScenarioTally>& tallies = locals_[static_cast<std::size_t>(local)];
    if (chunk.paired.empty()) {
        whatif::Sink(markets_, chunk.base, chunk.base, tallies[0]);
        return;
    }
    for (std::size_t k = 0; k < chunk.paired.size(); ++k) {
        whatif::Sink(markets_, chunk.base, chunk.paired[k], tallies[k]);
    }
}

template <typename Outcome> void PathMarketTally<Outcome>::Combine() {
    total_ = Empty();
    for (const std::vector<ScenarioTally>& local : locals_) {
        for (std::size_t k = 0; k < local.size(); ++k) {
            ScenarioTally& t = total_[k];
            t.invalid += local[k].invalid;
            for (std::size_t m = 0; m < markets_.size(); ++m) {
                t.settled[m] += local[k].settled[m];
                for (std::size_t o = 0; o < t.outcomes[m].size(); ++o) {
                    t.outcomes[m][o].base += local[k].outcomes[m][o].base;
                    t.outcomes[m][o].scenario += local[k].outcomes[m][o].scenario;
                    t.outcomes[m][o].changed += local[k].outcomes[m][o].changed;
                }
            }
        }
    }
    locals_.clear();
}

template <typename Outcome> Status PathMarketTally<Outcome>::SumOverProcesses(const engine::RunShares& shares) {
    const auto visit = [this](auto&& f) {
        for (ScenarioTally& t : total_) {
            f(t.invalid);
            for (std::size_t m = 0; m < markets_.size(); ++m) {
                f(t.settled[m]);
                for (OutcomeTally& o : t.outcomes[m]) {
                    f(o.base);
                    f(o.scenario);
                    f(o.changed);
                }
            }
        }
    };
    std::vector<std::uint64_t> words;
    visit([&words](std::uint64_t& count) { words.push_back(count); });
    if (Status s = shares.sum(words); !s.ok()) {
        return s;
    }
    std::size_t next = 0;
    visit([&](std::uint64_t& count) { count = words[next++]; });
    return Status::Ok();
}

template <typename Outcome> std::vector<ScenarioResult> PathMarketTally<Outcome>::Deltas() const {
    std::vector<ScenarioResult> results;
    for (const ScenarioTally& t : total_) {
        ScenarioResult r;
        r.invalid_paths = t.invalid;
        for (std::size_t m = 0; m < markets_.size(); ++m) {
            MarketDelta md;
            md.key = markets_[m].Key();
            md.settled = t.settled[m];
            for (std::size_t o = 0; o < markets_[m].Outcomes().size(); ++o) {
                md.outcomes.push_back(MakeOutcomeDelta(markets_[m].Outcomes()[o], t.outcomes[m][o], t.settled[m]));
            }
            r.markets.push_back(std::move(md));
        }
        results.push_back(std::move(r));
    }
    return results;
}

template <typename Outcome> std::vector<MarketPrices> PathMarketTally<Outcome>::Prices() const {
    const ScenarioTally& t = total_.front();
    std::vector<MarketPrices> out;
    for (std::size_t m = 0; m < markets_.size(); ++m) {
        MarketPrices p;
        p.key = markets_[m].Key();
        p.outcomes = markets_[m].Outcomes();
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

template class PathMarketTally<kernels::soccer::SoccerOutcome>;
template class PathMarketTally<kernels::basketball::BasketballOutcome>;
template class PathMarketTally<kernels::basketball::BasketballLightOutcome>;
template class PathMarketTally<kernels::baseball::BaseballOutcome>;
template class PathMarketTally<kernels::football::FootballOutcome>;

} // namespace simbook::whatif
