#include "src/core/resolver.h"

#include <gtest/gtest.h>

#include "src/core/resolver_fault.h"

namespace renumber {
namespace {

IpAddress Ip(const char* text) { return *IpAddress::Parse(text); }

TEST(ResolverTest, FakeAnswersFromTable) {
  FakeResolver r;
  r.Set("mx.example.jp", {Ip("203.0.113.10")});
  auto ips = r.Resolve("mx.example.jp");
  ASSERT_TRUE(ips.ok());
  ASSERT_EQ(ips->size(), 1u);
  EXPECT_EQ((*ips)[0].ToString(), "203.0.113.10");
  EXPECT_EQ(r.Resolve("other.example.jp").status().code(), Code::kNotFound);
}

TEST(ResolverTest, FakeAnswersEveryRecordType) {
  FakeResolver r;
  r.Set("www.example.jp", {Ip("203.0.113.10"), Ip("2001:db8::10")});
  r.SetMx("Example.JP.", {{10, "MX1.example.jp."}, {20, "mx2.example.jp"}});
  r.SetNs("example.jp", {"ns1.zenlogic.jp", "ns2.zenlogic.jp"});
  r.SetTxt("example.jp", {"v=spf1 ip4:203.0.113.10 -all"});
  r.SetPtr(Ip("203.0.113.10"), {"web01.example.jp"});

  auto a = r.LookupAddresses("www.example.jp", RecordType::kA);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->size(), 1u);
  EXPECT_EQ((*a)[0].ToString(), "203.0.113.10");
  auto aaaa = r.LookupAddresses("WWW.example.jp", RecordType::kAaaa);
  ASSERT_TRUE(aaaa.ok());
  EXPECT_EQ((*aaaa)[0].ToString(), "2001:db8::10");
  auto mx = r.LookupMx("example.jp");
  ASSERT_TRUE(mx.ok());
  EXPECT_EQ(*mx, (std::vector<MxRecord>{{10, "mx1.example.jp"},
                                        {20, "mx2.example.jp"}}));
  EXPECT_EQ(*r.LookupNs("example.jp"),
            (std::vector<std::string>{"ns1.zenlogic.jp", "ns2.zenlogic.jp"}));
  EXPECT_EQ((*r.LookupTxt("example.jp"))[0], "v=spf1 ip4:203.0.113.10 -all");
  EXPECT_EQ(*r.LookupPtr(Ip("203.0.113.10")),
            std::vector<std::string>{"web01.example.jp"});
  EXPECT_EQ(r.Queries().front(), "A www.example.jp");
}

TEST(ResolverTest, FakeTellsNoSuchNameFromNoSuchRecord) {
  FakeResolver r;
  r.SetMx("example.jp", {{10, "mx.example.jp"}});
  auto nodata = r.LookupTxt("example.jp");
  ASSERT_EQ(nodata.status().code(), Code::kNotFound);
  EXPECT_NE(nodata.status().message().find("no TXT"), std::string::npos);
  auto nxdomain = r.LookupTxt("nope.example.jp");
  ASSERT_EQ(nxdomain.status().code(), Code::kNotFound);
  EXPECT_NE(nxdomain.status().message().find("NXDOMAIN"), std::string::npos);
  // Set() with only IPv4 addresses: AAAA is NODATA, not an empty answer.
  r.Set("v4.example.jp", {Ip("192.0.2.1")});
  EXPECT_EQ(
      r.LookupAddresses("v4.example.jp", RecordType::kAaaa).status().code(),
      Code::kNotFound);
}

TEST(ResolverTest, FaultInjectionFailsChosenLookupsOnly) {
  FakeResolver fake;
  fake.SetTxt("example.jp", {"v=spf1 -all"});
  fake.Set("mx.example.jp", {Ip("192.0.2.25")});
  FaultInjectionResolver r(&fake);
  r.Fail("EXAMPLE.jp", RecordType::kTxt, Status::Timeout("no answer"));
  r.Fail("mx.example.jp", RecordType::kAaaa, Status::Unavailable("SERVFAIL"));
  EXPECT_EQ(r.LookupTxt("example.jp").status().code(), Code::kTimeout);
  EXPECT_EQ(r.Resolve("mx.example.jp").status().code(), Code::kUnavailable);
  EXPECT_TRUE(r.LookupAddresses("mx.example.jp", RecordType::kA).ok());
  EXPECT_EQ(r.Calls(), 3);
}

TEST(ResolverTest, HostsFileFirstThenFallback) {
  FakeResolver fallback;
  fallback.Set("www.example.jp", {Ip("192.0.2.1")});
  fallback.SetMx("example.jp", {{10, "mail.example.jp"}});
  auto r = NewHostsFileResolver(
      "# staff notes\n203.0.113.10  mail.example.jp MX2.example.jp # old\n"
      "\n2001:db8::10 v6.example.jp\n",
      "hosts.txt", &fallback);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*(*r)->Resolve("mx2.EXAMPLE.jp"))[0].ToString(), "203.0.113.10");
  EXPECT_EQ((*(*r)->Resolve("v6.example.jp"))[0].ToString(), "2001:db8::10");
  EXPECT_EQ((*(*r)->Resolve("www.example.jp"))[0].ToString(), "192.0.2.1");
  EXPECT_EQ((*r)->Resolve("nope.example.jp").status().code(), Code::kNotFound);
  // Record lookups: addresses from the file, the rest from the fallback.
  EXPECT_EQ(
      (*(*r)->LookupAddresses("mail.example.jp", RecordType::kA))[0].ToString(),
      "203.0.113.10");
  EXPECT_EQ((*r)->LookupAddresses("mail.example.jp", RecordType::kAaaa)
                .status()
                .code(),
            Code::kNotFound);
  EXPECT_EQ((*(*r)->LookupMx("example.jp"))[0].host, "mail.example.jp");
  auto bad = NewHostsFileResolver("1.2.3.4\n", "hosts.txt", nullptr);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("hosts.txt:1"), std::string::npos);
}

}  // namespace
}  // namespace renumber
