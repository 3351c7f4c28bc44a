//! Price shading: an outcome's price shortens as the book's liability on it grows toward its limit.
#pragma once

#include "odds/result.hpp"
#include "odds/risk/money.hpp"

#include <span>
#include <vector>

namespace simbook::odds::risk {

//! The shading rule's strength.
struct ShadingParams {
    //! At full liability an outcome's weight is multiplied by 1 + strength (>= 0; 0 turns shading off).
    double strength = 0.5;
};

//! Shades a market's base prices (thousandths, each > 1000). The rule: q_i = 1000 / base_i are the base
//! implied probabilities, summing to 1 + O (O the base overround); u_i = clamp(liability_i / limit, 0, 1);
//! weights w_i = q_i (1 + strength u_i); shaded probabilities q'_i = (1 + O) w_i / sum_j w_j, so the overround
//! before rounding stays exactly O; prices are 1000 / q'_i rounded down to the thousandth (the book's favour,
//! so the published overround lies in [O, O + (1 + O)^2 / 999]), and at least 1001 (which can only raise it). Monotone:
//! raising liability_i never lengthens price i and never shortens any other. Markets with one outcome, or with no
//! positive liability, keep their base prices. Fails for prices <= 1000, a limit <= 0, mismatched sizes or a negative
//! or non-finite strength.
Result<std::vector<PriceMilli>> ShadePrices(std::span<const PriceMilli> base, std::span<const Cents> liabilities,
                                            Cents limit, const ShadingParams& params);

//! Sum of 1000 / price over the prices, minus 1.
double Overround(std::span<const PriceMilli> prices);

} // namespace simbook::odds::risk
