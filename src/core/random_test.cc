#include "src/core/random.h"

#include <gtest/gtest.h>

#include <set>

namespace renumber {
namespace {

TEST(RandomTest, FakeIsDeterministic) {
  FakeRandom a(42), b(42), c(43);
  EXPECT_EQ(a.Hex(16), b.Hex(16));
  EXPECT_NE(FakeRandom(42).Hex(16), c.Hex(16));
}

TEST(RandomTest, UniformStaysInRange) {
  FakeRandom r(7);
  std::set<uint64_t> seen;
  for (int i = 0; i < 1000; ++i) {
    uint64_t v = r.Uniform(6);
    ASSERT_LT(v, 6u);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 6u);
  for (int i = 0; i < 100; ++i) {
    double d = r.UnitDouble();
    ASSERT_GE(d, 0.0);
    ASSERT_LT(d, 1.0);
  }
}

TEST(RandomTest, SystemRandomDiffers) {
  std::string a = SystemRandom()->Hex(16), b = SystemRandom()->Hex(16);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace renumber
