#include "odds/risk/shading.hpp"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace simbook::odds::risk {
namespace {

TEST(ShadingTest, NoExposureKeepsBasePrices) {
    const std::vector<PriceMilli> base = {2000, 3500, 4000};
    const std::vector<Cents> zero = {0, -100, 0};
    EXPECT_EQ(*ShadePrices(base, zero, 1'000'000, {}), base);
}

TEST(ShadingTest, MonotoneInLiabilityWithOverroundInBounds) {
    std::mt19937_64 rng(11);
    std::uniform_int_distribution<PriceMilli> price(1100, 9000);
    std::uniform_int_distribution<Cents> liability(-500'000, 1'500'000);
    const Cents limit = 1'000'000;
    for (int trial = 0; trial < 300; ++trial) {
        const std::size_t n = 2 + trial % 4;
        std::vector<PriceMilli> base(n);
        std::vector<Cents> liabilities(n);
        for (std::size_t i = 0; i < n; ++i) {
            base[i] = price(rng);
            liabilities[i] = liability(rng);
        }
        const double target = Overround(base);
        if (target < 0.0) {
            continue; // an arbitrage book is not a quote
        }
        const auto shaded = *ShadePrices(base, liabilities, limit, {});
        const double overround = Overround(shaded);
        EXPECT_GE(overround, target - 1e-12);
        EXPECT_LE(overround, target + (1.0 + target) * (1.0 + target) / 999.0);
        // Raise one outcome's liability: its price never lengthens, the others never shorten.
        const std::size_t k = static_cast<std::size_t>(trial) % n;
        std::vector<Cents> more = liabilities;
        more[k] += 100'000;
        const auto after = *ShadePrices(base, more, limit, {});
        for (std::size_t i = 0; i < n; ++i) {
            if (i == k) {
                EXPECT_LE(after[i], shaded[i]);
            } else {
                EXPECT_GE(after[i], shaded[i]);
            }
        }
    }
}

TEST(ShadingTest, StrictlyShortensOnTheWayToTheLimit) {
    const std::vector<PriceMilli> base = {1900, 1900};
    PriceMilli previous = 1900;
    for (Cents l = 100'000; l <= 1'000'000; l += 100'000) {
        const auto shaded = *ShadePrices(base, std::vector<Cents>{l, -l}, 1'000'000, {});
        EXPECT_LT(shaded[0], previous);
        previous = shaded[0];
    }
    EXPECT_EQ(previous, 1'583); // q' = 1.0526 * 1.5 / 2.5 = 0.6316 -> 1.5833
}

TEST(ShadingTest, BadInputNamesTheField) {
    const std::vector<PriceMilli> base = {2000, 1000};
    EXPECT_EQ(ShadePrices(base, std::vector<Cents>{1, 1}, 10, {}).status().message().rfind("price:", 0), 0u);
    EXPECT_EQ(ShadePrices(base, std::vector<Cents>{1}, 10, {}).status().message().rfind("liabilities:", 0), 0u);
    EXPECT_EQ(ShadePrices(base, std::vector<Cents>{1, 1}, 0, {}).status().message().rfind("limit:", 0), 0u);
}

} // namespace
} // namespace simbook::odds::risk
