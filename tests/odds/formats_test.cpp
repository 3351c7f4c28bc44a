#include "odds/formats.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace simbook::odds {
namespace {

TEST(OddsFormatTest, NamesRoundTrip) {
    for (const OddsFormat format :
         {OddsFormat::kDecimal, OddsFormat::kAmerican, OddsFormat::kFractional, OddsFormat::kProbability}) {
        const auto parsed = ParseOddsFormat(ToString(format));
        ASSERT_TRUE(parsed.ok());
        EXPECT_EQ(*parsed, format);
    }
    EXPECT_EQ(ToString(OddsFormat::kAmerican), "american");
    EXPECT_EQ(ToString(OddsFormat::kFractional), "fractional");
}

TEST(OddsFormatTest, UnknownNameIsRefused) {
    const auto parsed = ParseOddsFormat("moneyline");
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.status().message().find("moneyline"), std::string::npos);
}

TEST(FormatsTest, DecimalToAmericanKnownValues) {
    EXPECT_DOUBLE_EQ(DecimalToAmerican(2.5).value(), 150.0);
    EXPECT_DOUBLE_EQ(DecimalToAmerican(1.5).value(), -200.0);
    EXPECT_DOUBLE_EQ(DecimalToAmerican(2.0).value(), 100.0);
    EXPECT_DOUBLE_EQ(DecimalToAmerican(1.25).value(), -400.0);
    EXPECT_DOUBLE_EQ(DecimalToAmerican(11.0).value(), 1000.0);
}

TEST(FormatsTest, AmericanToDecimalKnownValues) {
    EXPECT_DOUBLE_EQ(AmericanToDecimal(150.0).value(), 2.5);
    EXPECT_DOUBLE_EQ(AmericanToDecimal(-200.0).value(), 1.5);
    EXPECT_DOUBLE_EQ(AmericanToDecimal(100.0).value(), 2.0);
    EXPECT_DOUBLE_EQ(AmericanToDecimal(-100.0).value(), 2.0);
    EXPECT_DOUBLE_EQ(AmericanToDecimal(-110.0).value(), 1.0 + 100.0 / 110.0);
}

TEST(FormatsTest, ImpliedProbabilityKnownValues) {
    EXPECT_DOUBLE_EQ(DecimalToProbability(4.0).value(), 0.25);
    EXPECT_DOUBLE_EQ(ProbabilityToDecimal(0.8).value(), 1.25);
    EXPECT_DOUBLE_EQ(AmericanToProbability(-300.0).value(), 0.75);
    EXPECT_DOUBLE_EQ(AmericanToProbability(300.0).value(), 0.25);
    EXPECT_DOUBLE_EQ(ProbabilityToAmerican(0.2).value(), 400.0);
    EXPECT_DOUBLE_EQ(ProbabilityToAmerican(0.8).value(), -400.0);
}

TEST(FormatsTest, RoundTripsDecimalAmericanProbability) {
    const std::vector<double> prices = {1.001, 1.01, 1.3, 1.5, 1.909090909, 1.99, 2.0, 2.01, 3.75, 7.0, 51.0, 1001.0};
    for (const double d : prices) {
        const double american = DecimalToAmerican(d).value();
        EXPECT_NEAR(AmericanToDecimal(american).value(), d, 1e-9) << d;
        const double p = DecimalToProbability(d).value();
        EXPECT_NEAR(ProbabilityToDecimal(p).value(), d, 1e-9 * d) << d;
        EXPECT_NEAR(AmericanToProbability(american).value(), p, 1e-12) << d;
        EXPECT_NEAR(ProbabilityToAmerican(p).value(), american, 1e-9 * std::abs(american)) << d;
    }
}

TEST(FormatsTest, DecimalOddsMustExceedOne) {
    for (const double bad : {1.0, 0.5, 0.0, -2.0}) {
        const auto result = DecimalToAmerican(bad);
        ASSERT_FALSE(result.ok()) << bad;
        EXPECT_NE(result.status().message().find("> 1"), std::string::npos);
    }
    EXPECT_FALSE(DecimalToProbability(1.0).ok());
    EXPECT_FALSE(DecimalToFractional(1.0).ok());
    EXPECT_FALSE(DecimalToFractionalExact(0.9).ok());
    const auto message = DecimalToProbability(0.75).status().message();
    EXPECT_NE(message.find("0.75"), std::string::npos) << message;
}

TEST(FormatsTest, AmericanBetweenMinusAndPlusHundredIsRefused) {
    EXPECT_FALSE(AmericanToDecimal(50.0).ok());
    EXPECT_FALSE(AmericanToDecimal(-99.0).ok());
    EXPECT_FALSE(AmericanToDecimal(0.0).ok());
    EXPECT_FALSE(AmericanToProbability(99.5).ok());
    EXPECT_NE(AmericanToDecimal(-99.0).status().message().find("-99"), std::string::npos);
}

TEST(FormatsTest, ProbabilityOutsideOpenIntervalIsRefused) {
    EXPECT_FALSE(ProbabilityToDecimal(0.0).ok());
    EXPECT_FALSE(ProbabilityToDecimal(1.0).ok());
    EXPECT_FALSE(ProbabilityToAmerican(1.2).ok());
}

TEST(FormatsTest, FractionalToDecimal) {
    EXPECT_DOUBLE_EQ(FractionalToDecimal({6, 4}).value(), 2.5);
    EXPECT_DOUBLE_EQ(FractionalToDecimal({4, 6}).value(), 1.0 + 4.0 / 6.0);
    EXPECT_DOUBLE_EQ(FractionalToDecimal({100, 1}).value(), 101.0);
    EXPECT_FALSE(FractionalToDecimal({0, 1}).ok());
    EXPECT_FALSE(FractionalToDecimal({1, 0}).ok());
}

TEST(FormatsTest, StandardFractionsIncreaseAndSpanTheRange) {
    const auto fractions = StandardFractions();
    ASSERT_GE(fractions.size(), 40u);
    EXPECT_EQ(fractions.front(), (Fraction{1, 100}));
    EXPECT_EQ(fractions.back(), (Fraction{100, 1}));
    for (std::size_t i = 1; i < fractions.size(); ++i) {
        EXPECT_LT(FractionalToDecimal(fractions[i - 1]).value(), FractionalToDecimal(fractions[i]).value()) << i;
    }
}

TEST(FormatsTest, NearestStandardFraction) {
    EXPECT_EQ(DecimalToFractional(2.5).value(), (Fraction{6, 4}));
    EXPECT_EQ(DecimalToFractional(1.0 + 4.0 / 6.0).value(), (Fraction{4, 6}));
    EXPECT_EQ(DecimalToFractional(2.0).value(), (Fraction{1, 1}));
    EXPECT_EQ(DecimalToFractional(1.909).value(), (Fraction{10, 11}));
    EXPECT_EQ(DecimalToFractional(3.3).value(), (Fraction{9, 4}));  // 2.3: nearer 9/4 than 5/2
    EXPECT_EQ(DecimalToFractional(4.4).value(), (Fraction{10, 3})); // 3.4: 10/3 = 3.33 beats 7/2
    EXPECT_EQ(DecimalToFractional(1.2).value(), (Fraction{1, 5}));
    EXPECT_EQ(DecimalToFractional(1.21).value(), (Fraction{1, 5}));  // 0.21: 1/5 beats 2/9 = 0.222
    EXPECT_EQ(DecimalToFractional(1.215).value(), (Fraction{2, 9})); // 0.215: 2/9 beats 1/5
    EXPECT_EQ(DecimalToFractional(500.0).value(), (Fraction{100, 1}));
    EXPECT_EQ(DecimalToFractional(1.001).value(), (Fraction{1, 100}));
}

TEST(FormatsTest, NearestStandardFractionTieGoesToShorterPrice) {
    // Profit 2.125 is exactly midway between 2/1 and 9/4.
    EXPECT_EQ(DecimalToFractional(3.125).value(), (Fraction{2, 1}));
}

TEST(FormatsTest, ExactFractionWithBoundedDenominator) {
    EXPECT_EQ(DecimalToFractionalExact(2.5).value(), (Fraction{3, 2}));
    EXPECT_EQ(DecimalToFractionalExact(1.0 + 2.0 / 3.0).value(), (Fraction{2, 3}));
    EXPECT_EQ(DecimalToFractionalExact(1.0 + 8.0 / 13.0).value(), (Fraction{8, 13}));
    EXPECT_EQ(DecimalToFractionalExact(34.0).value(), (Fraction{33, 1}));
    // pi - 1: the classic approximations 22/7 and 355/113 shifted by 1.
    EXPECT_EQ(DecimalToFractionalExact(3.14159265358979, 10).value(), (Fraction{15, 7}));
    EXPECT_EQ(DecimalToFractionalExact(3.14159265358979, 200).value(), (Fraction{242, 113}));
    // 0.41: convergents 0/1, 1/2, 2/5, 7/17; with denominators <= 5 the answer is the convergent 2/5.
    EXPECT_EQ(DecimalToFractionalExact(1.41, 5).value(), (Fraction{2, 5}));
    // 0.7: convergents 0/1, 1/1, 2/3; with denominators <= 2 the semiconvergent 1/2 beats 1/1.
    EXPECT_EQ(DecimalToFractionalExact(1.7, 2).value(), (Fraction{1, 2}));
    EXPECT_EQ(DecimalToFractionalExact(1.001, 10).value(), (Fraction{1, 10})); // best is 0/1: clamped
    EXPECT_FALSE(DecimalToFractionalExact(2.5, 0).ok());
}

TEST(FormatsTest, ParseAndFormatFractions) {
    EXPECT_EQ(ParseFraction("6/4").value(), (Fraction{6, 4}));
    EXPECT_EQ(ParseFraction("evens").value(), (Fraction{1, 1}));
    EXPECT_FALSE(ParseFraction("6/0").ok());
    EXPECT_FALSE(ParseFraction("6-4").ok());
    EXPECT_FALSE(ParseFraction("a/4").ok());
    EXPECT_EQ(FormatFraction({13, 8}), "13/8");
}

TEST(FormatsTest, FormatOdds) {
    EXPECT_EQ(FormatOdds(2.5, OddsFormat::kDecimal).value(), "2.50");
    EXPECT_EQ(FormatOdds(2.5, OddsFormat::kAmerican).value(), "+150");
    EXPECT_EQ(FormatOdds(1.5, OddsFormat::kAmerican).value(), "-200");
    EXPECT_EQ(FormatOdds(2.5, OddsFormat::kFractional).value(), "6/4");
    EXPECT_EQ(FormatOdds(2.5, OddsFormat::kProbability).value(), "0.4000");
    EXPECT_FALSE(FormatOdds(1.0, OddsFormat::kDecimal).ok());
}

TEST(FormatsTest, ParseOddsReturnsDecimal) {
    EXPECT_DOUBLE_EQ(ParseOdds("2.5", OddsFormat::kDecimal).value(), 2.5);
    EXPECT_DOUBLE_EQ(ParseOdds("+150", OddsFormat::kAmerican).value(), 2.5);
    EXPECT_DOUBLE_EQ(ParseOdds("-200", OddsFormat::kAmerican).value(), 1.5);
    EXPECT_DOUBLE_EQ(ParseOdds("6/4", OddsFormat::kFractional).value(), 2.5);
    EXPECT_DOUBLE_EQ(ParseOdds("0.4", OddsFormat::kProbability).value(), 2.5);
    EXPECT_FALSE(ParseOdds("1.0", OddsFormat::kDecimal).ok());
    EXPECT_FALSE(ParseOdds("2.5x", OddsFormat::kDecimal).ok());
    EXPECT_FALSE(ParseOdds("", OddsFormat::kAmerican).ok());
    EXPECT_FALSE(ParseOdds("1.5", OddsFormat::kProbability).ok());
}

} // namespace
} // namespace simbook::odds
