//! Simulated games shared by the odds tests: soccer without state effects (independent Poisson goals, exact
//! oracle available) and the example basketball matchup.
#pragma once

#include "engine/game_state.hpp"
#include "engine/simulation.hpp"
#include "models/basketball_model.hpp"
#include "models/soccer_model.hpp"
#include "odds/path_tally.hpp"

#include <boost/math/distributions/poisson.hpp>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace simbook::odds::testing {

//! A simulation and its result.
struct SimulatedGame {
    engine::Simulation simulation;
    engine::SimulationResult result;
    kernels::soccer::SoccerParams soccer_params{};
    kernels::basketball::BasketballParams basketball_params{};

    //! The same run again, with a market tally of `markets` on its paths (SimulateMarkets).
    Result<PricedSimulation> Priced(const std::string& markets) const {
        auto parsed = ParseMarkets(markets);
        if (!parsed.ok()) {
            return parsed.status();
        }
        return SimulateMarkets(simulation, parsed.value());
    }
    //! The engine of Priced(markets), which must succeed.
    MarketEngine Engine(const std::string& markets) const {
        auto priced = Priced(markets);
        EXPECT_TRUE(priced.ok()) << markets << ": " << (priced.ok() ? "" : priced.status().message());
        return priced.ok() ? std::move(priced.value().engine) : MarketEngine::FromSimulation(result).value();
    }
};

//! Soccer from kick-off, no state effects: each team's goals in each half are independent Poissons.
inline SimulatedGame SimulateIndependentSoccer(double home_xg, double away_xg, std::uint64_t sims, std::uint64_t seed) {
    models::SoccerModel model;
    model.home_xg = home_xg;
    model.away_xg = away_xg;
    const auto params = models::MakeSoccerParams(model.WithoutStateEffects()).value();
    const auto state = engine::SoccerKickOff();
    auto simulation = engine::Simulation(engine::SoccerGame{params, state}).WithPaths(sims).WithSeed(seed);
    auto result = simulation.Run().value();
    return {std::move(simulation), std::move(result), params, {}};
}

//! The example basketball matchup from a given state (tip-off by default).
inline SimulatedGame SimulateBasketball(std::uint64_t sims, std::uint64_t seed,
                                        kernels::basketball::BasketballState state = engine::BasketballTipOff()) {
    const models::BasketballModel model = models::ExampleBasketballModel();
    const auto params = models::MakeBasketballParams(model).value();
    std::vector<std::string> names;
    for (const auto* team : {&model.home, &model.away}) {
        for (const auto& p : team->players) {
            names.push_back(p.name);
        }
    }
    auto simulation = engine::Simulation(engine::BasketballGame{params, state, names}).WithPaths(sims).WithSeed(seed);
    auto result = simulation.Run().value();
    return {std::move(simulation), std::move(result), {}, params};
}

//! Expected goals of a team (0 home, 1 away) in the first half and in the second half, no state effects.
inline std::pair<double, double> HalfMeans(const kernels::soccer::SoccerParams& params, int team) {
    const double first = params.goal_rate[team] * params.shape_end[kernels::soccer::kFirstHalfLastSegment];
    const double full = params.goal_rate[team] * params.shape_end[kernels::soccer::kSegments - 1];
    return {first, full - first};
}

//! Poisson P(X = k).
inline double Poisson(double mean, int k) {
    return boost::math::pdf(boost::math::poisson_distribution<double>(mean), static_cast<double>(k));
}
//! Poisson P(X > k).
inline double PoissonAbove(double mean, int k) {
    return k < 0 ? 1.0 : boost::math::cdf(boost::math::complement(boost::math::poisson_distribution<double>(mean), k));
}

} // namespace simbook::odds::testing
