// Exact period lines with a lead pull: per pace, the margin stepped to the period's first slot, then (margin, home
// points, away points) through the period's slots. See exact_internal.hpp.
#include "engine/basketball/exact_internal.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdlib>
#include <vector>

namespace simbook::engine::detail {

namespace kb = kernels::basketball;

//! Per pace, the margin stepped to the period's first slot, then (margin, home points, away points) through its
//! slots.
void LeadPeriod(const kb::BasketballParams& params, const kb::BasketballState& state,
                const std::vector<PeriodSlots>& paces, int start, double start_weight, ScoreDistribution& d) {
    const LeadPmfs pmfs = MakeLeadPmfs(params);
    const int lead = state.score[0] - state.score[1];
    int max_begin = 0;
    for (const PeriodSlots& p : paces) {
        max_begin = std::max(max_begin, p.begin);
    }
    const int radius = std::abs(lead) + 3 * max_begin + 3;
    // Margin at each slot up to the last begin (one pass shared by every pace).
    std::vector<MarginGrid> before;
    MarginGrid g(radius);
    g[lead] = 1.0;
    std::vector<double> scratch;
    for (int k = 0; k <= max_begin; ++k) {
        before.push_back(g);
        if (k < max_begin) {
            StepMargin(pmfs, start ^ (k & 1), g, scratch);
        }
    }
    const int side = static_cast<int>(d.dim());
    const int span = 2 * radius + 1;
    int max_points = 1;
    for (const PeriodSlots& p : paces) {
        max_points = std::max(max_points, 3 * ((p.count + 1) / 2) + 1);
    }
    // (margin at the period's start + radius, home points, away points), laid out for the longest period and
    // shared by every pace. Only the cells a step can reach are cleared and visited: the margins the period can
    // start from (the rest are below kNegligibleCell and would be skipped) and the points reached so far.
    const std::size_t points = static_cast<std::size_t>(max_points);
    auto at = [points](int l, int x, int y) {
        return (static_cast<std::size_t>(l) * points + static_cast<std::size_t>(x)) * points +
               static_cast<std::size_t>(y);
    };
    std::vector<double> cube(static_cast<std::size_t>(span) * points * points);
    std::vector<double> next(cube.size());
    auto clear = [&at](std::vector<double>& c, int l_lo, int l_hi, int hx, int ay) {
        for (int l = l_lo; l <= l_hi; ++l) {
            for (int x = 0; x <= hx; ++x) {
                std::fill_n(c.begin() + static_cast<std::ptrdiff_t>(at(l, x, 0)), ay + 1, 0.0);
            }
        }
    };
    for (const PeriodSlots& p : paces) {
        if (p.count <= 0) {
            d.At(0, 0) += start_weight * p.weight;
            continue;
        }
        const MarginGrid& m0 = before[static_cast<std::size_t>(p.begin)];
        int l_lo = span;
        int l_hi = -1;
        for (int l = 0; l < span; ++l) {
            if (m0.p[static_cast<std::size_t>(l)] >= kNegligibleCell) {
                l_lo = std::min(l_lo, l);
                l_hi = l;
            }
        }
        const int top = 3 * ((p.count + 1) / 2); // the most points a team can reach in the period
        for (int l = l_lo; l <= l_hi; ++l) {
            cube[at(l, 0, 0)] = m0.p[static_cast<std::size_t>(l)];
        }
        int hx = 0, ay = 0; // points reached so far
        for (int k = 0; k < p.count; ++k) {
            const int team = start ^ ((p.begin + k) & 1);
            const int nhx = team == 0 ? std::min(hx + 3, top) : hx;
            const int nay = team == 1 ? std::min(ay + 3, top) : ay;
            clear(next, l_lo, l_hi, nhx, nay);
            for (int l = l_lo; l <= l_hi; ++l) {
                for (int x = 0; x <= hx; ++x) {
                    for (int y = 0; y <= ay; ++y) {
                        const double v = cube[at(l, x, y)];
                        if (v < kNegligibleCell) {
                            continue;
                        }
                        const std::array<double, 4>& pmf = PmfAt(pmfs, team, l - radius + x - y);
                        for (int z = 0; z < 4; ++z) {
                            next[at(l, x + (team == 0 ? z : 0), y + (team == 1 ? z : 0))] +=
                                v * pmf[static_cast<std::size_t>(z)];
                        }
                    }
                }
            }
            cube.swap(next);
            hx = nhx;
            ay = nay;
        }
        for (int l = l_lo; l <= l_hi; ++l) {
            for (int x = 0; x <= hx && x < side; ++x) {
                for (int y = 0; y <= ay && y < side; ++y) {
                    d.At(static_cast<std::size_t>(x), static_cast<std::size_t>(y)) +=
                        start_weight * p.weight * cube[at(l, x, y)];
                }
            }
        }
    }
}

} // namespace simbook::engine::detail
