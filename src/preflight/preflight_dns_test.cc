// Preflight over real DNS: nsd on loopback serving the customers' zones,
// the provider's zone, a reverse zone and a blocklist zone, so that every
// kind of finding comes from real answers (NXDOMAIN, NODATA, NS sets, TXT
// records, TCP for none); then a silent server (kTimeout) and one that
// answers SERVFAIL (kUnavailable), which must be told apart.
#include <gtest/gtest.h>

#include "src/dns/dns_resolver.h"
#include "src/dns/nsd_test_server.h"
#include "src/dns/test_udp_responder.h"
#include "src/preflight/preflight.h"
#include "src/preflight/preflight_report.h"
#include "src/preflight/preflight_test_world.h"

namespace renumber {
namespace {

std::vector<PlanRow> Rows() {
  auto rows = ParsePlanCsv(PreflightTestPlanCsv(), "plan.csv", {});
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return *rows;
}

const PreflightFinding* Find(const CustomerPreflight& c,
                             const std::string& kind) {
  for (const PreflightFinding& f : c.findings)
    if (f.kind == kind) return &f;
  return nullptr;
}

std::string Kinds(const CustomerPreflight& c) {
  std::string out;
  for (const PreflightFinding& f : c.findings)
    out += f.kind + "(" + f.subject + ") ";
  return out;
}

class PreflightDnsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto src = NewDomainsFileSource(PreflightTestDomains(), "domains");
    ASSERT_TRUE(src.ok());
    domains_ = std::move(*src);
    options_.dnsbl_zones = {kPreflightTestBlocklist};
  }

  std::unique_ptr<Resolver> Dns(const std::string& server, int timeout_ms) {
    DnsOptions o;
    o.servers = {server};
    o.timeout = std::chrono::milliseconds(timeout_ms);
    o.tries = 1;
    auto r = NewDnsResolver(o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(*r) : nullptr;
  }

  PreflightReport Run(Resolver* dns, std::vector<PlanRow> rows) {
    return RunPreflight(rows, options_, {dns, domains_.get(), RealClock()});
  }

  PreflightOptions options_;
  std::unique_ptr<DomainSource> domains_;
};

TEST_F(PreflightDnsTest, EveryFindingFromRealAnswers) {
  auto nsd = NsdTestServer::Start(PreflightTestZones());
  ASSERT_TRUE(nsd.ok()) << nsd.status().ToString();
  auto dns = Dns((*nsd)->address(), 1000);
  PreflightReport report = Run(dns.get(), Rows());
  ASSERT_EQ(report.customers.size(), 4u);
  std::printf("preflight of 4 customers over nsd: %.3f s\n", report.seconds);
  const CustomerPreflight &c1 = report.customers[0], &c2 = report.customers[1],
                          &c3 = report.customers[2], &c4 = report.customers[3];

  // C-10001: other name servers, records at the old IP, SPF and PTR.
  EXPECT_EQ(c1.domains[0].managed_by, "other");
  EXPECT_EQ(c1.domains[0].name_servers,
            (std::vector<std::string>{"ns1.other-dns.example",
                                      "ns2.other-dns.example"}));
  const PreflightFinding* old_ip = Find(c1, "dns-old-ip");
  ASSERT_NE(old_ip, nullptr) << Kinds(c1);
  EXPECT_EQ(old_ip->who, Actor::kCustomer);
  EXPECT_EQ(old_ip->when, Deadline::kAfterMaintenance);
  ASSERT_NE(Find(c1, "mx-old-ip"), nullptr) << Kinds(c1);
  ASSERT_NE(Find(c1, "spf-not-authorised"), nullptr) << Kinds(c1);
  ASSERT_NE(Find(c1, "ptr-missing"), nullptr) << Kinds(c1);
  EXPECT_NE(Find(c1, "dnsbl-clear"), nullptr) << Kinds(c1);
  EXPECT_TRUE(c1.NeedsAction());
  EXPECT_FALSE(c1.HasErrors()) << Kinds(c1);

  // C-10002: the provider's name servers, SPF by include, PTR confirmed,
  // but the new IP is on a blocklist.
  EXPECT_EQ(c2.domains[0].managed_by, "provider");
  const PreflightFinding* provider = Find(c2, "dns-old-ip");
  ASSERT_NE(provider, nullptr) << Kinds(c2);
  EXPECT_EQ(provider->level, FindingLevel::kInfo);
  EXPECT_EQ(provider->who, Actor::kProvider);
  ASSERT_NE(Find(c2, "spf-pass"), nullptr) << Kinds(c2);
  ASSERT_NE(Find(c2, "ptr-ok"), nullptr) << Kinds(c2);
  const PreflightFinding* listed = Find(c2, "dnsbl-listed");
  ASSERT_NE(listed, nullptr) << Kinds(c2);
  EXPECT_EQ(listed->detail["reason"],
            "Listed: https://dnsbl.example/198.19.0.11");

  // C-10003: already on the new IP; SPF over the lookup limit; a PTR that
  // does not resolve back; a blocklist error code.
  ASSERT_NE(Find(c3, "dns-new-ip"), nullptr) << Kinds(c3);
  const PreflightFinding* perm = Find(c3, "spf-permerror");
  ASSERT_NE(perm, nullptr) << Kinds(c3);
  EXPECT_NE(perm->text.en.find("more than 10 DNS lookups"), std::string::npos);
  ASSERT_NE(Find(c3, "ptr-mismatch"), nullptr) << Kinds(c3);
  ASSERT_NE(Find(c3, "dnsbl-error"), nullptr) << Kinds(c3);

  // C-10004: no SPF record; a domain that does not exist.
  ASSERT_NE(Find(c4, "spf-none"), nullptr) << Kinds(c4);
  ASSERT_NE(Find(c4, "dns-no-zone"), nullptr) << Kinds(c4);
  EXPECT_EQ(Find(c4, "dns-error"), nullptr) << Kinds(c4);

  std::string text = RenderPreflight(report, Lang::kEn);
  EXPECT_NE(text.find("4 customers: 4 need action, 1 could not be fully "
                      "checked, 0 with nothing to do"),
            std::string::npos)
      << text;
}

TEST_F(PreflightDnsTest, SilentServerIsATimeoutAndServfailIsNot) {
  auto silent = TestUdpResponder::Start(TestUdpResponder::Mode::kSilent);
  auto servfail = TestUdpResponder::Start(TestUdpResponder::Mode::kServfail);
  ASSERT_TRUE(silent.ok() && servfail.ok());
  auto rows = std::vector<PlanRow>{Rows()[0]};
  auto slow = Dns((*silent)->address(), 100);
  PreflightReport quiet = Run(slow.get(), rows);
  auto bad = Dns((*servfail)->address(), 100);
  PreflightReport failing = Run(bad.get(), rows);
  for (const auto* r : {&quiet, &failing}) {
    const CustomerPreflight& c = r->customers[0];
    const std::string want = r == &quiet ? "timeout" : "unavailable";
    EXPECT_TRUE(c.HasErrors());
    EXPECT_FALSE(c.NeedsAction()) << Kinds(c);
    int errors = 0;
    for (const PreflightFinding& f : c.findings) {
      if (f.kind == "dns-error") {
        ++errors;
        EXPECT_EQ(f.detail["code"], want) << f.text.en;
      }
      EXPECT_NE(f.level, FindingLevel::kInfo) << f.kind << ": " << f.text.en;
    }
    EXPECT_GE(errors, 4) << Kinds(c);  // NS, A, AAAA, MX, PTR at least
    const PreflightFinding* spf = Find(c, "spf-temperror");
    ASSERT_NE(spf, nullptr) << Kinds(c);
    EXPECT_NE(spf->text.en.find(r == &quiet ? "no answer" : "SERVFAIL"),
              std::string::npos)
        << spf->text.en;
  }
  EXPECT_GT((*silent)->queries(), 0);
  EXPECT_GT((*servfail)->queries(), 0);
}

// An IPv6 customer over real DNS: the AAAA record and the MX host at the
// old IP (on other name servers: the customer's change), SPF ip6 with a
// prefix, the PTR in ip6.arpa (RFC 3596 nibbles) confirmed by its AAAA, and
// the blocklist queried by the new IP's 32 reversed nibbles (RFC 5782).
TEST_F(PreflightDnsTest, Ipv6CustomerFromRealAnswers) {
  const std::string nibbles_after_48 =
      "6.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0";
  auto nsd = NsdTestServer::Start({
      {"c10006.example.jp",
       "@ NS ns1.other-dns.example.\n@ AAAA 2001:db8::6\n@ MX 10 mx\n"
       "mx AAAA 2001:db8::6\nhost6 AAAA 2001:db8:1::6\n"
       "@ TXT \"v=spf1 ip6:2001:db8:1::/64 -all\"\n"},
      {"jp", "@ NS a.dns.jp.\n"},
      {"1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
       "@ NS ns1.zenlogic.jp.\n" + nibbles_after_48 +
           " PTR host6.c10006.example.jp.\n"},
      {kPreflightTestBlocklist, "@ NS ns.dnsbl.example.\n" + nibbles_after_48 +
                                    ".1.0.0.0.8.b.d.0.1.0.0.2 A 127.0.0.4\n"},
  });
  ASSERT_TRUE(nsd.ok()) << nsd.status().ToString();
  auto dns = Dns((*nsd)->address(), 1000);
  auto rows = ParsePlanCsv(
      "customer,service,old_ip,new_ip,maintenance_end,ticket\n"
      "C-10006,ess,2001:db8::6,2001:db8:1::6,2026-12-10T06:00:00+09:00,T\n",
      "plan.csv", {});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  auto src = NewDomainsFileSource("C-10006/ess c10006.example.jp\n", "d");
  ASSERT_TRUE(src.ok()) << src.status().ToString();
  PreflightReport report =
      RunPreflight(*rows, options_, {dns.get(), src->get(), RealClock()});
  ASSERT_EQ(report.customers.size(), 1u);
  const CustomerPreflight& c = report.customers[0];

  const PreflightFinding* old_ip = Find(c, "dns-old-ip");
  ASSERT_NE(old_ip, nullptr) << Kinds(c);
  EXPECT_EQ(old_ip->subject.rfind("AAAA ", 0), 0u) << old_ip->subject;
  EXPECT_EQ(old_ip->level, FindingLevel::kAction);
  EXPECT_EQ(old_ip->who, Actor::kCustomer);
  EXPECT_EQ(old_ip->when, Deadline::kAfterMaintenance);
  EXPECT_NE(Find(c, "mx-old-ip"), nullptr) << Kinds(c);
  const PreflightFinding* spf = Find(c, "spf-pass");
  ASSERT_NE(spf, nullptr) << Kinds(c);
  EXPECT_NE(spf->text.en.find("ip6:2001:db8:1::/64"), std::string::npos)
      << spf->text.en;
  EXPECT_NE(Find(c, "ptr-ok"), nullptr) << Kinds(c);
  const PreflightFinding* listed = Find(c, "dnsbl-listed");
  ASSERT_NE(listed, nullptr) << Kinds(c);
  EXPECT_EQ(
      listed->detail["query"],
      nibbles_after_48 + ".1.0.0.0.8.b.d.0.1.0.0.2." + kPreflightTestBlocklist);
  EXPECT_TRUE(c.NeedsAction());
  EXPECT_FALSE(c.HasErrors()) << Kinds(c);
}

}  // namespace
}  // namespace renumber
