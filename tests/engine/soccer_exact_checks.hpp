//! Soccer checks of Monte Carlo tallies (half-time grid, red cards) against the exact chain, and the same
//! statistics as numbers so a test can show that a wrong model is rejected.
#pragma once

#include "engine/histogram.hpp"
#include "engine/score_distribution.hpp"
#include "engine/simulation_result.hpp"
#include "engine/soccer/exact.hpp"
#include "tests/engine/statistics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace simbook::engine {

//! How far a Monte Carlo grid is from an exact one: the largest |z| of P(home), P(draw), P(away) and the two
//! mean scores, and the chi-square p-value of the cells (pooled below 5 expected).
struct GridFit {
    double max_z = 0.0;
    double p_value = 1.0;
};

//! Fit of counts (n paths) on a grid to an exact distribution.
inline GridFit FitGrid(const Histogram2D& counts, std::uint64_t n, const ScoreDistribution& exact) {
    const double sims = static_cast<double>(n);
    std::array<double, 3> w_mc{};
    std::array<double, 3> w_ex{};
    std::array<double, 2> m_mc{};
    std::array<double, 2> m_ex{};
    std::array<double, 2> sq_ex{};
    std::vector<std::uint64_t> observed;
    std::vector<double> probability;
    for (std::size_t h = 0; h < exact.dim(); ++h) {
        for (std::size_t a = 0; a < exact.dim(); ++a) {
            const double f = static_cast<double>(counts.count(h, a)) / sims;
            const double p = exact.At(h, a);
            const std::size_t r = h > a ? 0 : (h == a ? 1 : 2);
            w_mc[r] += f;
            w_ex[r] += p;
            m_mc[0] += f * static_cast<double>(h);
            m_mc[1] += f * static_cast<double>(a);
            m_ex[0] += p * static_cast<double>(h);
            m_ex[1] += p * static_cast<double>(a);
            sq_ex[0] += p * static_cast<double>(h * h);
            sq_ex[1] += p * static_cast<double>(a * a);
            observed.push_back(counts.count(h, a));
            probability.push_back(p);
        }
    }
    GridFit fit;
    for (std::size_t r = 0; r < 3; ++r) {
        const double se = std::sqrt(std::max(w_ex[r] * (1 - w_ex[r]), 1e-12) / sims);
        fit.max_z = std::max(fit.max_z, std::abs(w_mc[r] - w_ex[r]) / se);
    }
    for (std::size_t t = 0; t < 2; ++t) {
        const double se = std::sqrt(std::max(sq_ex[t] - m_ex[t] * m_ex[t], 1e-12) / sims);
        fit.max_z = std::max(fit.max_z, std::abs(m_mc[t] - m_ex[t]) / se);
    }
    fit.p_value = testing::ChiSquarePValue(observed, probability, n);
    return fit;
}

//! Expects a fit within 4 standard errors and a chi-square p > 1e-4.
inline void ExpectGridFits(const Histogram2D& counts, std::uint64_t n, const ScoreDistribution& exact,
                           const std::string& label) {
    const GridFit fit = FitGrid(counts, n, exact);
    EXPECT_LT(fit.max_z, 4.0) << label;
    EXPECT_GT(fit.p_value, 1e-4) << label;
}

//! Expects each team's Monte Carlo red-card counts within 4 standard errors of the exact marginals.
inline void ExpectRedCardsMatch(const SimulationResult& mc, const SoccerLiveDistribution& exact,
                                const std::string& label) {
    const double n = static_cast<double>(mc.sims);
    for (int team = 0; team < 2; ++team) {
        for (int k = 0; k <= kernels::soccer::kMaxReds; ++k) {
            double p = 0.0;
            for (int other = 0; other <= kernels::soccer::kMaxReds; ++other) {
                p += team == 0 ? exact.red_cards[k][other] : exact.red_cards[other][k];
            }
            const double f = static_cast<double>(mc.soccer()->red_cards[team].count(static_cast<std::size_t>(k))) / n;
            EXPECT_NEAR(f, p, 4 * std::sqrt(std::max(p * (1 - p), 1e-12) / n) + 1e-12)
                << label << " team " << team << " reds " << k;
        }
    }
}

} // namespace simbook::engine
