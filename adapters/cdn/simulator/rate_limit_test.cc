#include "adapters/cdn/simulator/rate_limit.h"

#include <gtest/gtest.h>

namespace renumber::cdnsim {
namespace {

TEST(CdnRateLimiterTest, CountsDownAndRefusesWithoutUsingSlots) {
  RateLimiter limiter({3, 60});
  for (int left = 2; left >= 0; --left) {
    RateDecision d = limiter.Take("t", 125);
    EXPECT_TRUE(d.allowed);
    EXPECT_EQ(d.remaining, left);
    EXPECT_EQ(d.reset_unix, 180);
  }
  RateDecision d = limiter.Take("t", 179);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.remaining, 0);
  EXPECT_EQ(d.reset_unix, 180);
  d = limiter.Take("t", 180);  // the next window
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.remaining, 2);
  EXPECT_EQ(d.reset_unix, 240);
}

TEST(CdnRateLimiterTest, TokensAreIndependentAndReconfigureStartsAfresh) {
  RateLimiter limiter({1, 3600});
  EXPECT_TRUE(limiter.Take("a", 0).allowed);
  EXPECT_FALSE(limiter.Take("a", 1).allowed);
  EXPECT_TRUE(limiter.Take("b", 1).allowed);
  limiter.Reconfigure({2, 10});
  EXPECT_EQ(limiter.config().size, 2);
  RateDecision d = limiter.Take("a", 1);
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.remaining, 1);
  EXPECT_EQ(d.reset_unix, 10);
}

TEST(CdnRateLimiterTest, NegativeTimesFloor) {
  RateLimiter limiter({5, 60});
  EXPECT_EQ(limiter.Take("a", -1).reset_unix, 0);
}

}  // namespace
}  // namespace renumber::cdnsim
