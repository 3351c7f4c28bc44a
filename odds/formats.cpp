#include "odds/formats.hpp"

#include "odds/detail/checks.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <optional>

namespace simbook::odds {

namespace {

constexpr Fraction kStandardFractions[] = {
    {1, 100}, {1, 66}, {1, 50},  {1, 40},  {1, 33}, {1, 25}, {1, 20}, {1, 16}, {1, 14},  {1, 12}, {1, 11}, {1, 10},
    {1, 9},   {1, 8},  {2, 15},  {1, 7},   {2, 13}, {1, 6},  {2, 11}, {1, 5},  {2, 9},   {1, 4},  {2, 7},  {3, 10},
    {1, 3},   {4, 11}, {2, 5},   {4, 9},   {1, 2},  {8, 15}, {4, 7},  {8, 13}, {4, 6},   {8, 11}, {4, 5},  {5, 6},
    {10, 11}, {1, 1},  {21, 20}, {11, 10}, {6, 5},  {5, 4},  {11, 8}, {6, 4},  {13, 8},  {7, 4},  {15, 8}, {2, 1},
    {9, 4},   {5, 2},  {11, 4},  {3, 1},   {10, 3}, {7, 2},  {4, 1},  {9, 2},  {5, 1},   {11, 2}, {6, 1},  {13, 2},
    {7, 1},   {15, 2}, {8, 1},   {17, 2},  {9, 1},  {10, 1}, {11, 1}, {12, 1}, {14, 1},  {16, 1}, {18, 1}, {20, 1},
    {22, 1},  {25, 1}, {28, 1},  {33, 1},  {40, 1}, {50, 1}, {66, 1}, {80, 1}, {100, 1},
};

double FractionValue(Fraction f) {
    return static_cast<double>(f.numerator) / static_cast<double>(f.denominator);
}

// Parses a whole string as a double; rejects trailing text.
std::optional<double> ParseDouble(std::string_view text) {
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> ParseInt(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

std::string Fixed(double value, int places) {
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "%.*f", places, value);
    return buffer;
}

} // namespace

std::string_view ToString(OddsFormat format) {
    switch (format) {
    case OddsFormat::kDecimal:
        return "decimal";
    case OddsFormat::kAmerican:
        return "american";
    case OddsFormat::kFractional:
        return "fractional";
    case OddsFormat::kProbability:
        return "probability";
    }
    return "unknown";
}

Result<OddsFormat> ParseOddsFormat(std::string_view text) {
    for (const OddsFormat format :
         {OddsFormat::kDecimal, OddsFormat::kAmerican, OddsFormat::kFractional, OddsFormat::kProbability}) {
        if (text == ToString(format)) {
            return format;
        }
    }
    return Error{"unknown odds format '" + std::string(text) +
                 "' (expected decimal, american, fractional or probability)"};
}

Result<double> DecimalToAmerican(double decimal) {
    if (auto error = detail::CheckDecimalOdds(decimal)) {
        return *error;
    }
    return decimal >= 2.0 ? 100.0 * (decimal - 1.0) : -100.0 / (decimal - 1.0);
}

Result<double> AmericanToDecimal(double american) {
    if (!std::isfinite(american) || !(american >= 100.0 || american <= -100.0)) {
        return Error{"American odds must be >= +100 or <= -100, got " + detail::Num(american)};
    }
    return american > 0.0 ? 1.0 + american / 100.0 : 1.0 - 100.0 / american;
}

Result<double> DecimalToProbability(double decimal) {
    if (auto error = detail::CheckDecimalOdds(decimal)) {
        return *error;
    }
    return 1.0 / decimal;
}

Result<double> ProbabilityToDecimal(double probability) {
    if (auto error = detail::CheckOpenProbability(probability)) {
        return *error;
    }
    return 1.0 / probability;
}

Result<double> AmericanToProbability(double american) {
    // Direct formulas avoid the extra rounding of going through decimal odds.
    if (!std::isfinite(american) || !(american >= 100.0 || american <= -100.0)) {
        return Error{"American odds must be >= +100 or <= -100, got " + detail::Num(american)};
    }
    return american > 0.0 ? 100.0 / (american + 100.0) : -american / (100.0 - american);
}

Result<double> ProbabilityToAmerican(double probability) {
    if (auto error = detail::CheckOpenProbability(probability)) {
        return *error;
    }
    return probability <= 0.5 ? 100.0 * (1.0 - probability) / probability : -100.0 * probability / (1.0 - probability);
}

Result<double> FractionalToDecimal(Fraction fraction) {
    if (fraction.numerator <= 0 || fraction.denominator <= 0) {
        return Error{"fractional odds need a positive numerator and denominator, got " + FormatFraction(fraction)};
    }
    return 1.0 + FractionValue(fraction);
}

std::span<const Fraction> StandardFractions() {
    return kStandardFractions;
}

Result<Fraction> DecimalToFractional(double decimal) {
    if (auto error = detail::CheckDecimalOdds(decimal)) {
        return *error;
    }
    const double profit = decimal - 1.0;
    const auto fractions = StandardFractions();
    // First entry whose value is >= profit; the nearest is it or its predecessor.
    const auto it = std::lower_bound(fractions.begin(), fractions.end(), profit,
                                     [](const Fraction& f, double x) { return FractionValue(f) < x; });
    if (it == fractions.begin()) {
        return *it;
    }
    if (it == fractions.end()) {
        return fractions.back();
    }
    const Fraction above = *it;
    const Fraction below = *(it - 1);
    return (FractionValue(above) - profit < profit - FractionValue(below)) ? above : below;
}

Result<Fraction> DecimalToFractionalExact(double decimal, std::int64_t max_denominator) {
    if (auto error = detail::CheckDecimalOdds(decimal)) {
        return *error;
    }
    if (max_denominator < 1) {
        return Error{"max_denominator must be >= 1, got " + std::to_string(max_denominator)};
    }
    constexpr double kMaxPrice = 1e12;
    if (decimal > kMaxPrice) {
        return Error{"decimal odds too large for a fraction, got " + detail::Num(decimal)};
    }
    const double x = decimal - 1.0;
    // Convergents p1/q1 (and the previous one p0/q0) of the continued fraction of x.
    std::int64_t p0 = 0, q0 = 1, p1 = 1, q1 = 0;
    double remainder = x;
    for (int iteration = 0; iteration < 64; ++iteration) {
        const double a_real = std::floor(remainder);
        if (q1 > 0 && a_real > static_cast<double>(max_denominator - q0) / static_cast<double>(q1)) {
            break;
        }
        const auto a = static_cast<std::int64_t>(a_real);
        const std::int64_t p2 = p0 + a * p1;
        const std::int64_t q2 = q0 + a * q1;
        p0 = p1;
        q0 = q1;
        p1 = p2;
        q1 = q2;
        const double fractional_part = remainder - a_real;
        // Below this the double is the convergent itself, up to rounding in the expansion.
        if (fractional_part < 1e-9) {
            break;
        }
        remainder = 1.0 / fractional_part;
    }
    Fraction best{p1, q1};
    if (q1 > 0 && q0 >= 0) {
        // The best semiconvergent below the bound can beat the last convergent.
        const std::int64_t k = (max_denominator - q0) / q1;
        const Fraction semi{p0 + k * p1, q0 + k * q1};
        if (semi.denominator > 0 && semi.denominator <= max_denominator &&
            std::abs(FractionValue(semi) - x) < std::abs(FractionValue(best) - x)) {
            best = semi;
        }
    }
    if (best.numerator <= 0) {
        return Fraction{1, max_denominator};
    }
    const std::int64_t divisor = std::gcd(best.numerator, best.denominator);
    return Fraction{best.numerator / divisor, best.denominator / divisor};
}

std::string FormatFraction(Fraction fraction) {
    return std::to_string(fraction.numerator) + "/" + std::to_string(fraction.denominator);
}

Result<Fraction> ParseFraction(std::string_view text) {
    if (text == "evens" || text == "evs") {
        return Fraction{1, 1};
    }
    const auto slash = text.find('/');
    if (slash != std::string_view::npos) {
        const auto numerator = ParseInt(text.substr(0, slash));
        const auto denominator = ParseInt(text.substr(slash + 1));
        if (numerator && denominator && *numerator > 0 && *denominator > 0) {
            return Fraction{*numerator, *denominator};
        }
    }
    return Error{"fractional odds must look like 'n/d' with positive integers, got '" + std::string(text) + "'"};
}

Result<std::string> FormatOdds(double decimal, OddsFormat format) {
    if (auto error = detail::CheckDecimalOdds(decimal)) {
        return *error;
    }
    switch (format) {
    case OddsFormat::kDecimal:
        return Fixed(decimal, 2);
    case OddsFormat::kAmerican: {
        // %+ writes the sign bookmakers show on positive American odds too.
        char buffer[64];
        std::snprintf(buffer, sizeof(buffer), "%+.0f", std::round(DecimalToAmerican(decimal).value()));
        return std::string(buffer);
    }
    case OddsFormat::kFractional:
        return FormatFraction(DecimalToFractional(decimal).value());
    case OddsFormat::kProbability:
        return Fixed(1.0 / decimal, 4);
    }
    return Error{"unknown odds format"};
}

Result<double> ParseOdds(std::string_view text, OddsFormat format) {
    if (format == OddsFormat::kFractional) {
        const auto fraction = ParseFraction(text);
        if (!fraction.ok()) {
            return fraction.status();
        }
        return FractionalToDecimal(*fraction);
    }
    const auto value = ParseDouble(text);
    if (!value) {
        return Error{"not a number: '" + std::string(text) + "'"};
    }
    switch (format) {
    case OddsFormat::kDecimal:
        if (auto error = detail::CheckDecimalOdds(*value)) {
            return *error;
        }
        return *value;
    case OddsFormat::kAmerican:
        return AmericanToDecimal(*value);
    case OddsFormat::kProbability:
        return ProbabilityToDecimal(*value);
    case OddsFormat::kFractional:
        break;
    }
    return Error{"unknown odds format"};
}

} // namespace simbook::odds
