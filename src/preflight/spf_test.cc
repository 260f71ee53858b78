// check_host() (RFC 7208 §4-§5) over the fake resolver: results, include
// and redirect, each mechanism, the lookup limits, temperror and
// permerror.
#include "src/preflight/spf.h"

#include <gtest/gtest.h>

#include "src/core/resolver_fault.h"

namespace renumber {
namespace {

IpAddress Ip(const char* t) { return *IpAddress::Parse(t); }

class SpfTest : public ::testing::Test {
 protected:
  SpfVerdict Check(const char* ip, const char* domain = "example.jp") {
    return CheckHost(&dns_, {Ip(ip), domain, "", ""});
  }
  SpfResult R(const char* ip, const char* domain = "example.jp") {
    return Check(ip, domain).result;
  }
  void Spf(const char* domain, const std::string& record) {
    dns_.SetTxt(domain, {record, "some-verification=abc"});
  }

  FakeResolver dns_;
};

TEST_F(SpfTest, Ip4AndIp6WithQualifiers) {
  Spf("example.jp",
      "v=spf1 ip4:198.18.0.10 ip4:198.19.0.1/16 ~ip4:192.0.2.0/24 "
      "ip6:2001:db8:b::/48 ?ip4:203.0.113.1 -all");
  SpfVerdict v = Check("198.18.0.10");
  EXPECT_EQ(v.result, SpfResult::kPass);
  EXPECT_EQ(v.decided_by, "ip4:198.18.0.10");
  EXPECT_EQ(v.record.substr(0, 6), "v=spf1");
  EXPECT_EQ(R("198.19.250.3"), SpfResult::kPass);  // host bits in the net
  EXPECT_EQ(R("192.0.2.77"), SpfResult::kSoftFail);
  EXPECT_EQ(R("2001:db8:b::6"), SpfResult::kPass);
  EXPECT_EQ(R("203.0.113.1"), SpfResult::kNeutral);
  v = Check("198.20.0.1");
  EXPECT_EQ(v.result, SpfResult::kFail);
  EXPECT_EQ(v.decided_by, "-all");
  EXPECT_EQ(R("::ffff:198.18.0.10"), SpfResult::kPass);  // IPv4-mapped
  EXPECT_EQ(R("2001:db8:c::1"), SpfResult::kFail);
}

TEST_F(SpfTest, NoMatchIsNeutralAndNoRecordIsNone) {
  Spf("example.jp", "v=spf1 ip4:198.18.0.10");
  EXPECT_EQ(R("198.19.0.10"), SpfResult::kNeutral);
  dns_.SetTxt("other.jp", {"google-site-verification=x", "v=spf10 -all"});
  SpfVerdict v = Check("198.19.0.10", "other.jp");
  EXPECT_EQ(v.result, SpfResult::kNone);
  EXPECT_EQ(v.record, "");
  EXPECT_EQ(R("198.19.0.10", "missing.jp"), SpfResult::kNone);
  EXPECT_EQ(R("198.19.0.10", "localhost"), SpfResult::kNone);
}

TEST_F(SpfTest, TwoRecordsOrBadSyntaxArePermerror) {
  dns_.SetTxt("example.jp", {"v=spf1 -all", "v=spf1 +all"});
  SpfVerdict v = Check("198.19.0.10");
  EXPECT_EQ(v.result, SpfResult::kPermError);
  EXPECT_NE(v.reason.find("2 SPF records"), std::string::npos) << v.reason;
  Spf("bad.jp", "v=spf1 ip4:198.19.0.10/40 -all");
  v = Check("198.19.0.10", "bad.jp");
  EXPECT_EQ(v.result, SpfResult::kPermError);
  EXPECT_NE(v.reason.find("syntax"), std::string::npos) << v.reason;
}

TEST_F(SpfTest, IncludeMatchesOnlyOnPass) {
  Spf("example.jp", "v=spf1 include:_spf.provider.jp ~all");
  Spf("_spf.provider.jp", "v=spf1 ip4:198.19.0.0/16 -ip4:192.0.2.1 ?all");
  SpfVerdict v = Check("198.19.0.10");
  EXPECT_EQ(v.result, SpfResult::kPass);
  EXPECT_EQ(v.decided_by, "include:_spf.provider.jp");
  // The included record's fail and neutral are "no match": ~all decides.
  EXPECT_EQ(R("192.0.2.1"), SpfResult::kSoftFail);
  EXPECT_EQ(R("203.0.113.9"), SpfResult::kSoftFail);
  Spf("noinc.jp", "v=spf1 include:nospf.provider.jp -all");
  v = Check("198.19.0.10", "noinc.jp");
  EXPECT_EQ(v.result, SpfResult::kPermError);
  EXPECT_NE(v.reason.find("nospf.provider.jp"), std::string::npos);
}

TEST_F(SpfTest, RedirectUnlessSomethingMatched) {
  Spf("example.jp", "v=spf1 ip4:198.18.0.10 redirect=_spf.provider.jp");
  Spf("_spf.provider.jp", "v=spf1 ip4:198.19.0.0/16 -all");
  EXPECT_EQ(R("198.18.0.10"), SpfResult::kPass);
  SpfVerdict v = Check("198.19.0.10");
  EXPECT_EQ(v.result, SpfResult::kPass);
  EXPECT_EQ(v.decided_by, "redirect=_spf.provider.jp");
  EXPECT_EQ(R("192.0.2.1"), SpfResult::kFail);  // the target's -all
  // "all" always matches first: redirect is never used.
  Spf("all.jp", "v=spf1 ?all redirect=_spf.provider.jp");
  EXPECT_EQ(R("192.0.2.1", "all.jp"), SpfResult::kNeutral);
  Spf("dangling.jp", "v=spf1 redirect=nowhere.provider.jp");
  EXPECT_EQ(R("192.0.2.1", "dangling.jp"), SpfResult::kPermError);
}

TEST_F(SpfTest, AAndMxUseTheIpFamilyAndCidr) {
  dns_.Set("example.jp", {Ip("198.18.0.10"), Ip("2001:db8:a::10")});
  dns_.Set("mail.example.jp", {Ip("198.19.0.20")});
  dns_.SetMx("example.jp", {{10, "mail.example.jp"}});
  Spf("example.jp", "v=spf1 a mx/24 -all");
  EXPECT_EQ(R("198.18.0.10"), SpfResult::kPass);
  EXPECT_EQ(R("2001:db8:a::10"), SpfResult::kPass);
  EXPECT_EQ(R("198.19.0.77"), SpfResult::kPass);  // mx/24
  EXPECT_EQ(R("198.18.0.11"), SpfResult::kFail);
  Spf("other.jp", "v=spf1 a:example.jp//64 -all");
  EXPECT_EQ(R("2001:db8:a::ffff", "other.jp"), SpfResult::kPass);
  EXPECT_EQ(R("198.18.0.10", "other.jp"), SpfResult::kPass);
}

TEST_F(SpfTest, MoreThanTenMxRecordsIsPermerror) {
  std::vector<MxRecord> mx;
  for (int i = 0; i < 11; ++i)
    mx.push_back({static_cast<uint16_t>(i), "mx" + std::to_string(i) + ".jp"});
  dns_.SetMx("example.jp", mx);
  Spf("example.jp", "v=spf1 mx -all");
  EXPECT_EQ(R("198.19.0.10"), SpfResult::kPermError);
}

TEST_F(SpfTest, PtrNeedsANameThatResolvesBack) {
  dns_.SetPtr(Ip("198.19.0.10"), {"mail.example.jp", "spoof.example.jp"});
  dns_.Set("mail.example.jp", {Ip("198.19.0.10")});
  dns_.Set("spoof.example.jp", {Ip("192.0.2.66")});
  Spf("example.jp", "v=spf1 ptr -all");
  EXPECT_EQ(R("198.19.0.10"), SpfResult::kPass);
  dns_.SetPtr(Ip("198.19.0.11"), {"spoof.example.jp"});
  EXPECT_EQ(R("198.19.0.11"), SpfResult::kFail);
  Spf("notexample.jp", "v=spf1 ptr -all");
  EXPECT_EQ(R("198.19.0.10", "notexample.jp"), SpfResult::kFail);
}

TEST_F(SpfTest, ExistsWithMacros) {
  Spf("example.jp", "v=spf1 exists:%{ir}.%{v}._spf.%{d} -all");
  dns_.Set("10.0.19.198.in-addr._spf.example.jp", {Ip("127.0.0.2")});
  EXPECT_EQ(R("198.19.0.10"), SpfResult::kPass);
  EXPECT_EQ(R("198.19.0.11"), SpfResult::kFail);
}

TEST_F(SpfTest, TenDnsTermsAreAllowedNotEleven) {
  // A chain of includes: example.jp -> i1 -> ... each costing one lookup.
  auto chain = [&](const std::string& top, int n) {
    std::string prev = top;
    for (int i = 1; i <= n; ++i) {
      std::string next = "i" + std::to_string(i) + "." + top;
      Spf(prev.c_str(), "v=spf1 include:" + next + " -all");
      prev = next;
    }
    Spf(prev.c_str(), "v=spf1 ip4:198.19.0.10 -all");
  };
  chain("ten.jp", 10);
  SpfVerdict ok = Check("198.19.0.10", "ten.jp");
  EXPECT_EQ(ok.result, SpfResult::kPass) << ok.reason;
  EXPECT_EQ(ok.dns_terms, 10);
  chain("eleven.jp", 11);
  SpfVerdict over = Check("198.19.0.10", "eleven.jp");
  EXPECT_EQ(over.result, SpfResult::kPermError);
  EXPECT_NE(over.reason.find("more than 10 DNS lookups"), std::string::npos);
  // ip4 and all cost nothing; a, mx, ptr, exists, redirect do.
  Spf("flat.jp",
      "v=spf1 a:a1.jp a:a2.jp mx:m1.jp ptr exists:e1.jp a:a3.jp a:a4.jp "
      "a:a5.jp a:a6.jp a:a7.jp a:a8.jp ip4:198.19.0.10 -all");
  for (const char* n : {"a1.jp", "a2.jp", "a3.jp", "a4.jp", "a5.jp", "a6.jp",
                        "a7.jp", "a8.jp", "e1.jp"})
    dns_.Set(n, {Ip("192.0.2.1")});
  dns_.SetMx("m1.jp", {{10, "a1.jp"}});
  dns_.SetPtr(Ip("198.19.0.10"), {"a1.jp"});
  // exists:e1.jp matches; the terms before it cost 5 lookups.
  EXPECT_EQ(R("198.19.0.10", "flat.jp"), SpfResult::kPass);
  Spf("flat2.jp",
      "v=spf1 a:a1.jp a:a2.jp a:a3.jp a:a4.jp a:a5.jp a:a6.jp a:a7.jp "
      "a:a8.jp mx:m1.jp ptr:x.jp a:a1.jp ip4:198.19.0.10 -all");
  EXPECT_EQ(R("198.19.0.10", "flat2.jp"), SpfResult::kPermError);
}

TEST_F(SpfTest, ThreeVoidLookupsArePermerror) {
  Spf("two.jp", "v=spf1 a:gone1.jp mx:gone2.jp ip4:198.19.0.10 -all");
  SpfVerdict v = Check("198.19.0.10", "two.jp");
  EXPECT_EQ(v.result, SpfResult::kPass);
  EXPECT_EQ(v.void_lookups, 2);
  Spf("three.jp",
      "v=spf1 a:gone1.jp mx:gone2.jp exists:gone3.jp ip4:198.19.0.10 -all");
  v = Check("198.19.0.10", "three.jp");
  EXPECT_EQ(v.result, SpfResult::kPermError);
  EXPECT_NE(v.reason.find("void"), std::string::npos) << v.reason;
}

TEST_F(SpfTest, DnsFailuresAreTemperrorExceptInPtr) {
  FaultInjectionResolver faulty(&dns_);
  Spf("example.jp", "v=spf1 include:_spf.provider.jp -all");
  Spf("_spf.provider.jp", "v=spf1 a:mail.provider.jp -all");
  faulty.Fail("example.jp", RecordType::kTxt, Status::Timeout("silent"));
  SpfVerdict v = CheckHost(&faulty, {Ip("198.19.0.10"), "example.jp", "", ""});
  EXPECT_EQ(v.result, SpfResult::kTempError);
  EXPECT_EQ(v.reason, "silent");

  FaultInjectionResolver nested(&dns_);
  nested.Fail("mail.provider.jp", RecordType::kA,
              Status::Unavailable("SERVFAIL"));
  v = CheckHost(&nested, {Ip("198.19.0.10"), "example.jp", "", ""});
  EXPECT_EQ(v.result, SpfResult::kTempError);
  EXPECT_EQ(v.decided_by, "include:_spf.provider.jp");

  Spf("ptr.jp", "v=spf1 ptr ip4:198.19.0.10 -all");
  FaultInjectionResolver ptr(&dns_);
  ptr.Fail("10.0.19.198.in-addr.arpa", RecordType::kPtr,
           Status::Timeout("silent"));
  v = CheckHost(&ptr, {Ip("198.19.0.10"), "ptr.jp", "", ""});
  EXPECT_EQ(v.result, SpfResult::kPass);  // ptr did not match; ip4 did
}

TEST_F(SpfTest, MacroSenderAndHelo) {
  Spf("example.jp", "v=spf1 exists:%{l}.%{o}.users.example.jp -all");
  dns_.Set("postmaster.example.jp.users.example.jp", {Ip("127.0.0.2")});
  EXPECT_EQ(R("198.19.0.10"), SpfResult::kPass);
  SpfVerdict v = CheckHost(
      &dns_, {Ip("198.19.0.10"), "example.jp", "info@example.jp", ""});
  EXPECT_EQ(v.result, SpfResult::kFail);
}

}  // namespace
}  // namespace renumber
