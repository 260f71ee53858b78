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

TEST(ResolverTest, HostsFileFirstThenFallback) {
  FakeResolver fallback;
  fallback.Set("www.example.jp", {*IpAddress::Parse("192.0.2.1")});
  auto r = NewHostsFileResolver(
      "# staff notes\n203.0.113.10  mail.example.jp MX2.example.jp # old\n"
      "\n2001:db8::10 v6.example.jp\n",
      "hosts.txt", &fallback);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*(*r)->Resolve("mx2.EXAMPLE.jp"))[0].ToString(), "203.0.113.10");
  EXPECT_EQ((*(*r)->Resolve("v6.example.jp"))[0].ToString(), "2001:db8::10");
  EXPECT_EQ((*(*r)->Resolve("www.example.jp"))[0].ToString(), "192.0.2.1");
  EXPECT_EQ((*r)->Resolve("nope.example.jp").status().code(), Code::kNotFound);
  auto bad = NewHostsFileResolver("1.2.3.4\n", "hosts.txt", nullptr);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("hosts.txt:1"), std::string::npos);
}

TEST(ResolverTest, SystemResolvesLocalhostWithoutNetwork) {
  auto ips = SystemResolver()->Resolve("localhost");
  ASSERT_TRUE(ips.ok()) << ips.status().ToString();
  ASSERT_FALSE(ips->empty());
  for (const auto& ip : *ips) EXPECT_TRUE(ip.IsLoopback()) << ip.ToString();
}

}  // namespace
}  // namespace renumber
