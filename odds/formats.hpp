//! Odds formats: conversions between decimal, American and fractional odds and implied probability.
#pragma once

#include "odds/result.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace simbook::odds {

//! How a price is written. Decimal odds are the return per unit stake (stake included, > 1); American odds
//! are +profit per 100 staked (>= +100) or -stake needed to win 100 (<= -100); fractional odds are
//! profit/stake; probability is the implied probability 1/decimal in (0, 1).
enum class OddsFormat { kDecimal, kAmerican, kFractional, kProbability };

//! "decimal", "american", "fractional" or "probability".
std::string_view ToString(OddsFormat format);

//! Parses the names ToString produces (case-sensitive).
Result<OddsFormat> ParseOddsFormat(std::string_view text);

//! Fractional odds numerator/denominator: profit per stake. Kept unreduced, as bookmakers write 4/6 and 6/4.
struct Fraction {
    std::int64_t numerator = 1;
    std::int64_t denominator = 1;

    friend bool operator==(const Fraction&, const Fraction&) = default;
};

//! Decimal odds (> 1) -> American odds: +100 (d - 1) when d >= 2, else -100 / (d - 1).
Result<double> DecimalToAmerican(double decimal);
//! American odds (>= +100 or <= -100) -> decimal odds.
Result<double> AmericanToDecimal(double american);
//! Decimal odds (> 1) -> implied probability 1/d in (0, 1).
Result<double> DecimalToProbability(double decimal);
//! Implied probability in (0, 1) -> decimal odds 1/p.
Result<double> ProbabilityToDecimal(double probability);
//! American odds -> implied probability in (0, 1).
Result<double> AmericanToProbability(double american);
//! Implied probability in (0, 1) -> American odds.
Result<double> ProbabilityToAmerican(double probability);
//! Fractional odds (numerator, denominator > 0) -> decimal odds 1 + n/d.
Result<double> FractionalToDecimal(Fraction fraction);

//! The standard bookmaker fractions, 1/100 to 100/1, in increasing order of price.
std::span<const Fraction> StandardFractions();

//! Decimal odds (> 1) -> the standard fraction whose decimal price is nearest; ties go to the shorter
//! (lower) price. Prices beyond the list's ends map to its first or last entry.
Result<Fraction> DecimalToFractional(double decimal);

//! Decimal odds (> 1) -> the best rational approximation n/d of (decimal - 1) with d <= max_denominator
//! (continued fractions, as Python's Fraction.limit_denominator), reduced. A price shorter than
//! 1 + 1/max_denominator gives 1/max_denominator.
Result<Fraction> DecimalToFractionalExact(double decimal, std::int64_t max_denominator = 100);

//! "n/d".
std::string FormatFraction(Fraction fraction);
//! Parses "n/d" (positive integers) or "evens"/"evs" (1/1).
Result<Fraction> ParseFraction(std::string_view text);

//! Writes decimal odds (> 1) for display: decimal "2.50" (2 places), American "+150"/"-200" (whole
//! number, signed), fractional as the nearest standard fraction "6/4", probability "0.4000" (4 places).
Result<std::string> FormatOdds(double decimal, OddsFormat format);
//! Reads a price written in the given format ("2.5", "+150", "6/4", "0.4") and returns decimal odds.
Result<double> ParseOdds(std::string_view text, OddsFormat format);

} // namespace simbook::odds
