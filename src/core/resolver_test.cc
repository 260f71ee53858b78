#include "src/core/resolver.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(ResolverTest, FakeAnswersFromTable) {
  FakeResolver r;
  r.Set("mx.example.jp", {*IpAddress::Parse("203.0.113.10")});
  auto ips = r.Resolve("mx.example.jp");
  ASSERT_TRUE(ips.ok());
  ASSERT_EQ(ips->size(), 1u);
  EXPECT_EQ((*ips)[0].ToString(), "203.0.113.10");
  EXPECT_EQ(r.Resolve("other.example.jp").status().code(), Code::kNotFound);
}

TEST(ResolverTest, SystemResolvesLocalhostWithoutNetwork) {
  auto ips = SystemResolver()->Resolve("localhost");
  ASSERT_TRUE(ips.ok()) << ips.status().ToString();
  ASSERT_FALSE(ips->empty());
  for (const auto& ip : *ips) EXPECT_TRUE(ip.IsLoopback()) << ip.ToString();
}

}  // namespace
}  // namespace renumber
