// The token buckets: refusal past the burst, and memory bounded by the clients that are active now.
#include "api/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace simbook::api {
namespace {

TEST(RateLimiterTest, ForgetsOnlyClientsWhoseBucketHasRefilled) {
    RateLimiter slow(1.0, 1.0);
    EXPECT_EQ(slow.Take("throttled"), 0);
    EXPECT_GE(slow.Take("throttled"), 1);
    // Thousands of other clients (each address guessing keys has one) trigger sweeps; the throttled client is
    // still empty afterwards, and nobody who is throttled is forgotten.
    for (int i = 0; i < 3000; ++i) {
        EXPECT_EQ(slow.Take("address:" + std::to_string(i)), 0);
    }
    EXPECT_GE(slow.Take("throttled"), 1);
    EXPECT_EQ(slow.Clients(), 3001u);
}

TEST(RateLimiterTest, MemoryStaysBoundedByActiveClients) {
    // At a million requests a second a bucket refills within microseconds: 100,000 one-off clients never hold
    // more than the sweep threshold's worth of buckets.
    RateLimiter fast(1e6, 2.0);
    for (int i = 0; i < 100'000; ++i) {
        ASSERT_EQ(fast.Take("address:" + std::to_string(i)), 0);
    }
    EXPECT_LE(fast.Clients(), 4096u);
}

TEST(RateLimiterTest, AWaitLongerThanAnIntHoldsIsCapped) {
    // --rate-limit 1e-300 is a valid setting: the second request would wait 1e300 s, which no int holds (UBSan
    // stops the sanitizer build on the out-of-range conversion this once was).
    RateLimiter glacial(1e-300, 0.0);
    EXPECT_EQ(glacial.Take("one"), 0);
    EXPECT_EQ(glacial.Take("one"), std::numeric_limits<int>::max());
    RateLimiter slow(0.5, 1.0);
    EXPECT_EQ(slow.Take("one"), 0);
    EXPECT_EQ(slow.Take("one"), 2);
}

TEST(RateLimiterTest, ZeroRateNeverLimits) {
    RateLimiter off(0.0, 0.0);
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(off.Take("one"), 0);
    }
    EXPECT_EQ(off.Clients(), 0u);
}

} // namespace
} // namespace simbook::api
