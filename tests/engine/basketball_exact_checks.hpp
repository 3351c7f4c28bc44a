//! Checks of basketball Monte Carlo period lines against ExactBasketballPeriod.
#pragma once

#include "engine/basketball/exact.hpp"
#include "engine/path_driver.hpp"
#include "engine/score_distribution.hpp"
#include "kernels/basketball/basketball_params.hpp"
#include "tests/engine/statistics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace simbook::engine {

//! Lines checked: the four quarters and the first half, in BasketballPeriod order.
inline constexpr std::array<BasketballPeriod, 5> kCheckedPeriods = {
    BasketballPeriod::kFirstQuarter, BasketballPeriod::kSecondQuarter, BasketballPeriod::kThirdQuarter,
    BasketballPeriod::kFourthQuarter, BasketballPeriod::kFirstHalf};

//! Joint counts of (home, away) points per path in each checked period, from the kernel's period_points.
class PeriodPointsTally final : public PathSink<kernels::basketball::BasketballOutcome> {
public:
    //! Points per team counted separately; more (never reached in practice) are clamped to the last row.
    static constexpr std::size_t kDim = 192;
    using Counts = std::vector<std::uint64_t>; //!< [home * kDim + away]

    void Begin(int locals) override {
        locals_.assign(static_cast<std::size_t>(locals),
                       std::vector<Counts>(kCheckedPeriods.size(), Counts(kDim * kDim)));
    }
    void Sink(int local, const PathChunk<kernels::basketball::BasketballOutcome>& chunk) override {
        std::vector<Counts>& counts = locals_[static_cast<std::size_t>(local)];
        for (const auto& o : chunk.base) {
            for (std::size_t p = 0; p < kCheckedPeriods.size(); ++p) {
                const auto points = [&o, p](int team) {
                    const int q =
                        p == 4 ? o.period_points[team][0] + o.period_points[team][1] : o.period_points[team][p];
                    return std::min(static_cast<std::size_t>(q), kDim - 1);
                };
                ++counts[p][points(0) * kDim + points(1)];
            }
        }
    }
    void Combine() override {
        total_.assign(kCheckedPeriods.size(), Counts(kDim * kDim));
        for (const auto& local : locals_) {
            for (std::size_t p = 0; p < local.size(); ++p) {
                for (std::size_t i = 0; i < local[p].size(); ++i) {
                    total_[p][i] += local[p][i];
                }
            }
        }
    }
    //! Counts of period kCheckedPeriods[p] after Combine.
    const Counts& Period(std::size_t p) const { return total_[p]; }
    std::uint64_t paths() const {
        std::uint64_t n = 0;
        for (const auto& c : total_[0]) {
            n += c;
        }
        return n;
    }

private:
    std::vector<std::vector<Counts>> locals_;
    std::vector<Counts> total_;
};

//! The checks that fail between Monte Carlo period counts and an exact period distribution: means of home,
//! away and total points and P(home ahead), P(level), P(away ahead) in the period within 4 standard errors,
//! and a chi-square test of the period total with p > 1e-4 (when
//! more than one total is likely). Empty when they agree.
inline std::vector<std::string> PeriodMismatches(const PeriodPointsTally::Counts& counts, std::uint64_t paths,
                                                 const ScoreDistribution& exact) {
    constexpr std::size_t kDim = PeriodPointsTally::kDim;
    const double n = static_cast<double>(paths);
    std::vector<std::string> failed;
    // Values per cell: home points, away points, total points, home ahead, level, away ahead.
    constexpr int kValues = 6;
    auto value = [](int v, double h, double a) {
        switch (v) {
        case 0:
            return h;
        case 1:
            return a;
        case 2:
            return h + a;
        case 3:
            return h > a ? 1.0 : 0.0;
        case 4:
            return h == a ? 1.0 : 0.0;
        default:
            return h < a ? 1.0 : 0.0;
        }
    };
    const char* names[kValues] = {"home points",   "away points", "total points",
                                  "P(home ahead)", "P(level)",    "P(away ahead)"};
    for (int v = 0; v < kValues; ++v) {
        double mean = 0.0;
        double second = 0.0;
        for (std::size_t h = 0; h < exact.dim(); ++h) {
            for (std::size_t a = 0; a < exact.dim(); ++a) {
                const double x = value(v, static_cast<double>(h), static_cast<double>(a));
                mean += exact.At(h, a) * x;
                second += exact.At(h, a) * x * x;
            }
        }
        double mc = 0.0;
        for (std::size_t h = 0; h < kDim; ++h) {
            for (std::size_t a = 0; a < kDim; ++a) {
                mc += static_cast<double>(counts[h * kDim + a]) *
                      value(v, static_cast<double>(h), static_cast<double>(a));
            }
        }
        mc /= n;
        const double se = std::sqrt(std::max(second - mean * mean, 1e-12) / n);
        if (std::abs(mc - mean) > 4 * se + 1e-12) {
            failed.push_back(std::string(names[v]) + ": mc " + std::to_string(mc) + " exact " + std::to_string(mean) +
                             " se " + std::to_string(se));
        }
    }
    std::vector<std::uint64_t> observed(2 * kDim, 0);
    std::vector<double> probability(2 * kDim, 0.0);
    for (std::size_t h = 0; h < kDim; ++h) {
        for (std::size_t a = 0; a < kDim; ++a) {
            observed[h + a] += counts[h * kDim + a];
            probability[h + a] += exact.At(h, a);
        }
    }
    const auto cells = std::count_if(probability.begin(), probability.end(), [n](double p) { return p * n >= 5.0; });
    const double p_value = cells > 1 ? testing::ChiSquarePValue(observed, probability, paths) : 1.0;
    if (!(p_value > 1e-4)) {
        failed.push_back("chi-square of the total: p " + std::to_string(p_value));
    }
    return failed;
}

} // namespace simbook::engine
