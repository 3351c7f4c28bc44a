//! Statistical checks for Monte Carlo tests: pooled chi-square goodness of fit against exact probabilities.
#pragma once

#include <boost/math/distributions/chi_squared.hpp>

#include <cstdint>
#include <vector>

namespace simbook::testing {

//! Chi-square test of observed counts (n in total) against exact cell probabilities. Cells with fewer than
//! 5 expected are pooled into one. Returns the p-value.
inline double ChiSquarePValue(const std::vector<std::uint64_t>& observed, const std::vector<double>& probability,
                              std::uint64_t n) {
    double statistic = 0.0;
    int cells = 0;
    double pooled_expected = 0.0;
    double pooled_observed = 0.0;
    for (std::size_t i = 0; i < observed.size(); ++i) {
        const double expected = probability[i] * static_cast<double>(n);
        if (expected < 5.0) {
            pooled_expected += expected;
            pooled_observed += static_cast<double>(observed[i]);
            continue;
        }
        const double d = static_cast<double>(observed[i]) - expected;
        statistic += d * d / expected;
        ++cells;
    }
    if (pooled_expected >= 5.0) {
        const double d = pooled_observed - pooled_expected;
        statistic += d * d / pooled_expected;
        ++cells;
    }
    const boost::math::chi_squared_distribution<double> chi(cells - 1);
    return boost::math::cdf(boost::math::complement(chi, statistic));
}

} // namespace simbook::testing
