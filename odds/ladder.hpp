//! Price ladders: the allowed decimal odds (tick sizes by band, as on Betfair) and rounding onto them.
#pragma once

#include "odds/result.hpp"

#include <span>
#include <utility>
#include <vector>

namespace simbook::odds {

//! Which way a price goes onto the ladder. kDown (the default) never pays more than the unrounded price.
enum class LadderRounding { kDown, kNearest, kUp };

//! Ticks lower, lower + step, ..., upper (decimal odds); (upper - lower) must be a whole number of steps.
struct LadderBand {
    double lower = 0.0; //!< first tick, decimal odds > 1
    double upper = 0.0; //!< last tick, decimal odds > lower
    double step = 0.0;  //!< tick size, decimal odds > 0
};

//! An increasing list of allowed decimal odds built from contiguous bands. Ticks are snapped to a 1e-9
//! grid so that they compare equal to their written values (1.23 is the double nearest 1.23).
class PriceLadder {
public:
    //! Validates the bands: at least one, each step > 0 dividing its band, first lower > 1, contiguous
    //! (each band's lower equals the previous band's upper).
    static Result<PriceLadder> Create(std::vector<LadderBand> bands);

    //! The Betfair ladder: 1.01-2 by 0.01, 2-3 by 0.02, 3-4 by 0.05, 4-6 by 0.1, 6-10 by 0.2, 10-20 by 0.5,
    //! 20-30 by 1, 30-50 by 2, 50-100 by 5, 100-1000 by 10.
    static PriceLadder Betfair();

    //! Puts decimal odds (> 1) on the ladder. A price within 1e-9 of a tick is that tick. kDown clamps
    //! prices above the top to the top tick and refuses prices below the bottom; kUp the mirror image;
    //! kNearest clamps at both ends and breaks ties towards the lower tick.
    Result<double> Round(double decimal, LadderRounding rounding = LadderRounding::kDown) const;

    //! True when decimal is a tick (within 1e-9).
    bool IsTick(double decimal) const;

    //! All ticks, increasing.
    const std::vector<double>& Ticks() const { return ticks_; }
    //! The bands the ladder was built from.
    std::span<const LadderBand> Bands() const { return bands_; }

private:
    PriceLadder(std::vector<LadderBand> bands, std::vector<double> ticks)
        : bands_(std::move(bands)), ticks_(std::move(ticks)) {}

    std::vector<LadderBand> bands_;
    std::vector<double> ticks_;
};

//! Rounds the prices (decimal odds, after margin) of alternate lines ordered from easiest to hardest
//! (e.g. over 2.5, over 3.5, over 4.5) onto the ladder, then makes them non-decreasing so that a harder
//! line never pays less than an easier one. A violation is repaired by lowering the easier line to the
//! harder line's price, never by raising a price, so no line pays more than its rounded price.
Result<std::vector<double>> RoundAlternateLines(std::span<const double> decimal_odds, const PriceLadder& ladder,
                                                LadderRounding rounding = LadderRounding::kDown);

} // namespace simbook::odds
