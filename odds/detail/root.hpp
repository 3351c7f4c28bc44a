//! One-dimensional bracketed root finding for the margin methods, on Boost.Math's TOMS 748.
#pragma once

#include "odds/detail/checks.hpp"
#include "odds/result.hpp"

#include <boost/math/tools/toms748_solve.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

namespace simbook::odds::detail {

//! Root of f in [lo, hi]; f(lo) and f(hi) must differ in sign, else an Error naming `what`. f is O(1) here
//! (sums of probabilities minus a target), so an end where |f| <= 1e-14 is taken as the root: it absorbs
//! the rounding in, say, a zero margin whose root sits exactly on the bracket's end.
template <typename F> Result<double> FindRoot(F f, double lo, double hi, std::string_view what) {
    const double f_lo = f(lo);
    const double f_hi = f(hi);
    if (!std::isfinite(f_lo) || !std::isfinite(f_hi)) {
        return Error{std::string(what) + ": non-finite function value at the bracket [" + Num(lo) + ", " + Num(hi) +
                     "]"};
    }
    constexpr double kZero = 1e-14;
    if (std::abs(f_lo) <= kZero) {
        return lo;
    }
    if (std::abs(f_hi) <= kZero) {
        return hi;
    }
    if ((f_lo > 0.0) == (f_hi > 0.0)) {
        return Error{std::string(what) + ": no root in [" + Num(lo) + ", " + Num(hi) + "]"};
    }
    // Absolute tolerance near zero (Shin's z is often tiny), relative elsewhere.
    const auto tolerance = [](double a, double b) {
        return std::abs(a - b) <= 4.0 * 2.220446049250313e-16 * std::max(1.0, std::min(std::abs(a), std::abs(b)));
    };
    std::uintmax_t max_iterations = 200;
    try {
        const auto [a, b] = boost::math::tools::toms748_solve(f, lo, hi, f_lo, f_hi, tolerance, max_iterations);
        // Stalling on rounding noise in f still leaves a bracket; only a wide one is a failure.
        if (std::abs(b - a) > 1e-12 * std::max(1.0, std::abs(a))) {
            return Error{std::string(what) + ": root finding did not converge, bracket [" + Num(a) + ", " + Num(b) +
                         "]"};
        }
        return a + (b - a) / 2.0;
    } catch (const std::exception& e) {
        return Error{std::string(what) + ": root finding failed: " + e.what()};
    }
}

} // namespace simbook::odds::detail
