#include "src/preflight/spf_record.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(SpfRecordTest, WhichTxtRecordsAreSpf) {
  EXPECT_TRUE(IsSpfRecord("v=spf1 -all"));
  EXPECT_TRUE(IsSpfRecord("V=SPF1 -all"));
  EXPECT_TRUE(IsSpfRecord("v=spf1"));
  EXPECT_FALSE(IsSpfRecord("v=spf10 -all"));
  EXPECT_FALSE(IsSpfRecord("spf2.0/pra -all"));
  EXPECT_FALSE(IsSpfRecord("google-site-verification=x"));
}

TEST(SpfRecordTest, EveryMechanismAndModifier) {
  auto r = ParseSpfRecord(
      "v=spf1  ip4:198.18.0.10 +ip4:198.19.0.0/16 -ip6:2001:db8::/32 "
      "a ~a:mail.example.jp/24//64 mx/28 ?mx:example.jp ptr ptr:example.jp "
      "include:_spf.example.jp exists:%{ir}.%{v}._spf.%{d} "
      "redirect=_spf.example.net exp=explain.%{d} future-thing=x  -all");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->directives.size(), 12u);
  const auto& d = r->directives;
  EXPECT_EQ(d[0].mechanism, SpfMechanism::kIp4);
  EXPECT_EQ(d[0].prefix, 32);
  EXPECT_EQ(d[1].network.ToString(), "198.19.0.0");
  EXPECT_EQ(d[1].prefix, 16);
  EXPECT_EQ(d[2].qualifier, SpfQualifier::kFail);
  EXPECT_EQ(d[2].prefix, 32);
  EXPECT_EQ(d[3].mechanism, SpfMechanism::kA);
  EXPECT_EQ(d[3].domain_spec, "");
  EXPECT_EQ(d[4].qualifier, SpfQualifier::kSoftFail);
  EXPECT_EQ(d[4].domain_spec, "mail.example.jp");
  EXPECT_EQ(d[4].cidr4, 24);
  EXPECT_EQ(d[4].cidr6, 64);
  EXPECT_EQ(d[5].mechanism, SpfMechanism::kMx);
  EXPECT_EQ(d[5].cidr4, 28);
  EXPECT_EQ(d[5].cidr6, 128);
  EXPECT_EQ(d[6].qualifier, SpfQualifier::kNeutral);
  EXPECT_EQ(d[7].mechanism, SpfMechanism::kPtr);
  EXPECT_EQ(d[8].domain_spec, "example.jp");
  EXPECT_EQ(d[9].mechanism, SpfMechanism::kInclude);
  EXPECT_EQ(d[10].mechanism, SpfMechanism::kExists);
  EXPECT_EQ(d[11].mechanism, SpfMechanism::kAll);
  EXPECT_EQ(d[11].text, "-all");
  EXPECT_EQ(*r->redirect, "_spf.example.net");
  EXPECT_EQ(*r->exp, "explain.%{d}");
  EXPECT_TRUE(d[9].CountsAsLookup());
  EXPECT_FALSE(d[0].CountsAsLookup());
}

TEST(SpfRecordTest, SyntaxErrorsArePermanent) {
  for (const char* bad :
       {"v=spf1 ip4:198.18.0.10/33", "v=spf1 ip4:198.18.0.010",
        "v=spf1 ip4:2001:db8::1", "v=spf1 ip6:198.18.0.1", "v=spf1 ip4",
        "v=spf1 all:example.jp", "v=spf1 include",
        "v=spf1 include:", "v=spf1 foo:bar", "v=spf1 a/33", "v=spf1 a//129",
        "v=spf1 mx:%{x}", "v=spf1 redirect=a.example redirect=b.example",
        "v=spf1 exp=a.example exp=b.example", "v=spf1 -redirect=x.example",
        "v=spf1 ip4:198.18.0.0/016"}) {
    auto r = ParseSpfRecord(bad);
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << bad;
  }
}

TEST(SpfRecordTest, UntrustedBytesAreShownPrintable) {
  auto r = ParseSpfRecord(std::string("v=spf1 ip4:198.18.0.10 \xff\x01x -all"));
  ASSERT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("'\\xff\\x01x'"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace renumber
