//! Checks of Monte Carlo results against exact score distributions.
#pragma once

#include "engine/score_distribution.hpp"
#include "engine/simulation_result.hpp"
#include "tests/engine/statistics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace simbook::engine {

//! Expects MC win probabilities and mean scores within 4 s.e. of the exact ones and a chi-square p > 1e-4.
inline void ExpectMatchesExact(const SimulationResult& mc, const ScoreDistribution& exact, const std::string& label) {
    const double n = static_cast<double>(mc.sims);
    const auto w_mc = mc.WinProbabilities();
    const auto w_ex = exact.WinProbabilities();
    for (int i = 0; i < 3; ++i) {
        const double se = std::sqrt(std::max(w_ex[i] * (1 - w_ex[i]), 1e-12) / n);
        EXPECT_NEAR(w_mc[i], w_ex[i], 4 * se + 1e-12) << label << " outcome " << i;
    }
    const auto m_mc = mc.MeanScore();
    const auto m_ex = exact.MeanScore();
    for (int t = 0; t < 2; ++t) {
        double variance = 0.0;
        for (std::size_t h = 0; h < exact.dim(); ++h) {
            for (std::size_t a = 0; a < exact.dim(); ++a) {
                const double x = static_cast<double>(t == 0 ? h : a) - m_ex[t];
                variance += exact.At(h, a) * x * x;
            }
        }
        EXPECT_NEAR(m_mc[t], m_ex[t], 4 * std::sqrt(variance / n) + 1e-12) << label << " team " << t;
    }
    std::vector<std::uint64_t> observed;
    std::vector<double> probability;
    for (std::size_t h = 0; h < exact.dim(); ++h) {
        for (std::size_t a = 0; a < exact.dim(); ++a) {
            observed.push_back(mc.score.count(h, a));
            probability.push_back(exact.At(h, a));
        }
    }
    EXPECT_GT(testing::ChiSquarePValue(observed, probability, mc.sims), 1e-4) << label;
}

} // namespace simbook::engine
