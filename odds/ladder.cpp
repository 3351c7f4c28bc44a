#include "odds/ladder.hpp"

#include "odds/detail/checks.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace simbook::odds {

namespace {

constexpr double kTickTolerance = 1e-9;
//! Ticks one band may hold (Betfair's whole ladder has 350): a larger count is a mistake, and an infinite one
//! (a step of 1e-300) would have no whole number of ticks to convert.
constexpr double kMaxBandTicks = 1e6;

double Snap(double x) {
    return std::round(x * 1e9) / 1e9;
}

} // namespace

Result<PriceLadder> PriceLadder::Create(std::vector<LadderBand> bands) {
    if (bands.empty()) {
        return Error{"a price ladder needs at least one band"};
    }
    std::vector<double> ticks;
    for (std::size_t b = 0; b < bands.size(); ++b) {
        const LadderBand& band = bands[b];
        const std::string where = "ladder band " + std::to_string(b);
        if (!(band.step > 0.0) || !std::isfinite(band.step)) {
            return Error{where + ": step must be > 0, got " + detail::Num(band.step)};
        }
        if (!(band.upper > band.lower) || !std::isfinite(band.upper)) {
            return Error{where + ": upper must exceed lower, got [" + detail::Num(band.lower) + ", " +
                         detail::Num(band.upper) + "]"};
        }
        if (b == 0) {
            if (auto error = detail::CheckDecimalOdds(band.lower)) {
                return Error{where + ": " + error->message};
            }
        } else if (std::abs(band.lower - bands[b - 1].upper) > kTickTolerance) {
            return Error{where + ": lower " + detail::Num(band.lower) +
                         " does not continue the previous band's upper " + detail::Num(bands[b - 1].upper)};
        }
        const double steps = (band.upper - band.lower) / band.step;
        const double whole = std::round(steps);
        if (!(steps <= kMaxBandTicks)) {
            return Error{where + ": step " + detail::Num(band.step) + " cuts [" + detail::Num(band.lower) + ", " +
                         detail::Num(band.upper) + "] into more than a million ticks"};
        }
        if (std::abs(steps - whole) > 1e-6) {
            return Error{where + ": step " + detail::Num(band.step) + " does not divide [" + detail::Num(band.lower) +
                         ", " + detail::Num(band.upper) + "]"};
        }
        const auto count = static_cast<long long>(whole);
        // A band's first tick is the previous band's last one.
        for (long long i = (b == 0 ? 0 : 1); i <= count; ++i) {
            ticks.push_back(Snap(band.lower + static_cast<double>(i) * band.step));
        }
    }
    return PriceLadder(std::move(bands), std::move(ticks));
}

PriceLadder PriceLadder::Betfair() {
    return Create({{1.01, 2.0, 0.01},
                   {2.0, 3.0, 0.02},
                   {3.0, 4.0, 0.05},
                   {4.0, 6.0, 0.1},
                   {6.0, 10.0, 0.2},
                   {10.0, 20.0, 0.5},
                   {20.0, 30.0, 1.0},
                   {30.0, 50.0, 2.0},
                   {50.0, 100.0, 5.0},
                   {100.0, 1000.0, 10.0}})
        .value();
}

bool PriceLadder::IsTick(double decimal) const {
    const auto it = std::lower_bound(ticks_.begin(), ticks_.end(), decimal - kTickTolerance);
    return it != ticks_.end() && std::abs(*it - decimal) <= kTickTolerance;
}

Result<double> PriceLadder::Round(double decimal, LadderRounding rounding) const {
    if (auto error = detail::CheckDecimalOdds(decimal)) {
        return *error;
    }
    // First tick at or above the price (allowing for rounding in the price itself).
    const auto above = std::lower_bound(ticks_.begin(), ticks_.end(), decimal - kTickTolerance);
    if (above != ticks_.end() && std::abs(*above - decimal) <= kTickTolerance) {
        return *above;
    }
    switch (rounding) {
    case LadderRounding::kDown:
        if (above == ticks_.begin()) {
            return Error{"price " + detail::Num(decimal) + " is below the ladder's lowest tick " +
                         detail::Num(ticks_.front())};
        }
        return *(above - 1);
    case LadderRounding::kUp:
        if (above == ticks_.end()) {
            return Error{"price " + detail::Num(decimal) + " is above the ladder's highest tick " +
                         detail::Num(ticks_.back())};
        }
        return *above;
    case LadderRounding::kNearest:
        if (above == ticks_.begin()) {
            return *above;
        }
        if (above == ticks_.end()) {
            return ticks_.back();
        }
        return (*above - decimal < decimal - *(above - 1)) ? *above : *(above - 1);
    }
    return Error{"unknown ladder rounding"};
}

Result<std::vector<double>> RoundAlternateLines(std::span<const double> decimal_odds, const PriceLadder& ladder,
                                                LadderRounding rounding) {
    std::vector<double> rounded;
    rounded.reserve(decimal_odds.size());
    for (std::size_t i = 0; i < decimal_odds.size(); ++i) {
        auto price = ladder.Round(decimal_odds[i], rounding);
        if (!price.ok()) {
            return Error{"alternate line " + std::to_string(i) + ": " + price.status().message()};
        }
        rounded.push_back(*price);
    }
    // Walk from the hardest line down: an easier line may pay at most what every harder line pays.
    for (std::size_t i = rounded.size(); i-- > 1;) {
        rounded[i - 1] = std::min(rounded[i - 1], rounded[i]);
    }
    return rounded;
}

} // namespace simbook::odds
