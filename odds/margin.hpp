//! Bookmaker margin: add an overround to fair probabilities, or remove it from quoted decimal odds.
#pragma once

#include "odds/result.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace simbook::odds {

//! How the overround is spread over the outcomes. With fair probabilities p_i and quoted implied
//! probabilities q_i = 1/decimal_i (sum q_i = S = 1 + margin), each method has one parameter:
//! - kMultiplicative: q_i = f p_i, parameter f = S.
//! - kAdditive: q_i = p_i + s, parameter s = (S - 1) / n.
//! - kPower: p_i = q_i^k, parameter k (>= 1 when S >= 1).
//! - kShin: p_i = (sqrt(z^2 + 4 (1 - z) q_i^2 / S) - z) / (2 (1 - z)), parameter z in [0, 1), the
//!   insider-trading share (Shin 1993; as in the R package `implied`).
//! - kOddsRatio: q_i / (1 - q_i) = c p_i / (1 - p_i), parameter c (>= 1 when S >= 1).
enum class MarginMethod { kMultiplicative, kAdditive, kPower, kShin, kOddsRatio };

//! "multiplicative", "additive", "power", "shin" or "odds-ratio".
std::string_view ToString(MarginMethod method);
//! Parses the names ToString produces.
Result<MarginMethod> ParseMarginMethod(std::string_view text);

//! A book with a margin applied.
struct QuotedBook {
    std::vector<double> probabilities; //!< implied probabilities 1/decimal in (0, 1), summing to 1 + margin
    std::vector<double> decimal_odds;  //!< decimal odds (> 1), unrounded
    double parameter = 0.0;            //!< the method's parameter (see MarginMethod)
};

//! Fair probabilities recovered from quoted odds.
struct FairBook {
    std::vector<double> probabilities; //!< fair probabilities in (0, 1), summing to 1
    double overround = 0.0;            //!< sum of the quoted implied probabilities minus 1
    double parameter = 0.0;            //!< the method's parameter (see MarginMethod)
};

//! Applies `margin` (target overround in [0, 0.5): implied probabilities sum to 1 + margin) to fair
//! probabilities (at least two, each in (0, 1), summing to 1 within 1e-9). Fails when the method would
//! quote an implied probability outside (0, 1) or cannot reach the margin on this book.
Result<QuotedBook> AddMargin(std::span<const double> fair_probabilities, double margin, MarginMethod method);

//! Removes the margin from quoted decimal odds (at least two, each > 1): the inverse of AddMargin.
//! Fails when the method gives a probability outside (0, 1) (additive on a long shot) or, for Shin, when
//! the book is under-round (sum of implied probabilities < 1).
Result<FairBook> RemoveMargin(std::span<const double> decimal_odds, MarginMethod method);

} // namespace simbook::odds
