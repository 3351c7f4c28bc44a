#include "kernels/core/math.cuh"
#include "kernels/core/rng.cuh"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>

namespace simbook::kernels {
namespace {

using Philox = r123::Philox4x32;

std::array<std::uint32_t, 4> Apply(Philox::ctr_type ctr, Philox::key_type key) {
    const Philox::ctr_type r = Philox()(ctr, key);
    return {r[0], r[1], r[2], r[3]};
}

// Known-answer vectors published with Random123 (kat_vectors, philox4x32 10 rounds).
TEST(PhiloxTest, MatchesRandom123KnownAnswers) {
    EXPECT_EQ(Apply({{0, 0, 0, 0}}, {{0, 0}}),
              (std::array<std::uint32_t, 4>{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}));
    EXPECT_EQ(Apply({{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}}, {{0xffffffff, 0xffffffff}}),
              (std::array<std::uint32_t, 4>{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}));
    EXPECT_EQ(Apply({{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}}, {{0xa4093822, 0x299f31d0}}),
              (std::array<std::uint32_t, 4>{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
}

TEST(PathRngTest, StreamIsPhiloxOfSeedAndPathId) {
    const std::uint64_t seed = 0x0123456789abcdefULL;
    const std::uint64_t path = 0xfedcba9876543210ULL;
    PathRng rng(seed, path);
    const Philox::key_type key = {{0x89abcdefu, 0x01234567u}};
    for (std::uint32_t block = 0; block < 3; ++block) {
        const auto expected = Apply({{0x76543210u, 0xfedcba98u, block, 0}}, key);
        for (std::uint32_t word : expected) {
            EXPECT_EQ(rng.NextU32(), word);
        }
    }
    EXPECT_EQ(rng.draws(), 12u);
}

TEST(PathRngTest, DifferentPathsAndSeedsGiveDifferentStreams) {
    PathRng a(7, 1), b(7, 2), c(8, 1);
    const std::uint32_t x = a.NextU32();
    EXPECT_NE(x, b.NextU32());
    EXPECT_NE(x, c.NextU32());
}

TEST(PathRngTest, OpenUniformStaysInsideTheInterval) {
    // The extreme words map to (0.5 / 2^32) and 1 - 0.5 / 2^32, never 0 or 1.
    PathRng rng(1, 1);
    for (int i = 0; i < 100000; ++i) {
        const double u = rng.NextOpenUniform();
        ASSERT_GT(u, 0.0);
        ASSERT_LT(u, 1.0);
    }
}

TEST(PortableLogTest, AgreesWithStdLogToTheLastBits) {
    double worst = 0.0;
    for (double x : {1e-300, 2.3e-10, 1.0 / 8589934592.0, 0.001, 0.3, 0.7071, 0.70711, 0.99999999, 1.0, 1.0000001,
                     1.41421356, 1.5, 2.0, 10.0, 12345.678, 1e300}) {
        const double exact = std::log(x);
        const double error = std::abs(PortableLog(x) - exact) / std::max(std::abs(exact), 1e-300);
        worst = std::max(worst, exact == 0.0 ? std::abs(PortableLog(x)) : error);
    }
    PathRng rng(3, 3);
    for (int i = 0; i < 1000000; ++i) {
        const double u = rng.NextOpenUniform();
        const double exact = std::log(u);
        worst = std::max(worst, std::abs(PortableLog(u) - exact) / std::abs(exact));
    }
    EXPECT_LT(worst, 1e-15);
}

} // namespace
} // namespace simbook::kernels
