#include "src/dns/dns_resolver.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(DnsResolverTest, ServerAddresses) {
  EXPECT_EQ(*ParseDnsServer("127.0.0.1:5353"), "127.0.0.1:5353");
  EXPECT_EQ(*ParseDnsServer("192.0.2.53"), "192.0.2.53:53");
  EXPECT_EQ(*ParseDnsServer("[::1]:5300"), "[::1]:5300");
  EXPECT_EQ(*ParseDnsServer("[2001:DB8::53]"), "[2001:db8::53]:53");
  EXPECT_EQ(*ParseDnsServer("2001:db8::53"), "[2001:db8::53]:53");
  for (const char* bad : {"", "ns1.example.jp:53", "127.0.0.1:0",
                          "127.0.0.1:65536", "127.0.0.1:x", "[::1", "[::1]x"}) {
    auto r = ParseDnsServer(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    EXPECT_NE(r.status().message().find("--dns-server"), std::string::npos);
  }
}

TEST(DnsResolverTest, OptionsAreChecked) {
  DnsOptions o;
  o.servers = {"127.0.0.1:53"};
  o.tries = 0;
  EXPECT_EQ(NewDnsResolver(o).status().code(), Code::kInvalidArgument);
  o.tries = 2;
  o.max_in_flight = 0;
  EXPECT_EQ(NewDnsResolver(o).status().code(), Code::kInvalidArgument);
  o.max_in_flight = 4;
  o.timeout = std::chrono::milliseconds(1);
  EXPECT_EQ(NewDnsResolver(o).status().code(), Code::kInvalidArgument);
  o.timeout = std::chrono::milliseconds(100);
  o.servers = {"not-an-ip"};
  EXPECT_EQ(NewDnsResolver(o).status().code(), Code::kInvalidArgument);
}

TEST(DnsResolverTest, NamesThatCannotBeQueriedAreRefusedBeforeSending) {
  DnsOptions o;
  o.servers = {"127.0.0.1:9"};  // never asked
  auto r = NewDnsResolver(o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto bad = (*r)->LookupTxt(std::string(64, 'a') + ".example.jp");
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_EQ((*r)->Resolve("two..dots").status().code(), Code::kInvalidArgument);
}

TEST(DnsResolverTest, SystemResolvesLocalhostWithoutNetwork) {
  auto ips = SystemResolver()->Resolve("localhost");
  ASSERT_TRUE(ips.ok()) << ips.status().ToString();
  ASSERT_FALSE(ips->empty());
  for (const auto& ip : *ips) EXPECT_TRUE(ip.IsLoopback()) << ip.ToString();
}

}  // namespace
}  // namespace renumber
