// Preflight over the fake resolver: who must change what and when, for
// customers on other name servers and on the provider's; reverse DNS;
// blocklists; DNS failures; the report in both languages and as JSON.
#include "src/preflight/preflight.h"

#include <gtest/gtest.h>

#include "src/core/resolver_fault.h"
#include "src/preflight/preflight_report.h"

namespace renumber {
namespace {

using json = nlohmann::json;

IpAddress Ip(const char* t) { return *IpAddress::Parse(t); }

PlanRow Row(const char* customer, Service s, const char* old_ip,
            const char* new_ip) {
  PlanRow r;
  r.target.account = {customer, s};
  r.target.old_ip = Ip(old_ip);
  r.target.new_ip = Ip(new_ip);
  r.target.maintenance_end = *Timestamp::ParseRfc3339(
      "2026-12-10T06:00:00+09:00", &r.target.maintenance_end_offset);
  return r;
}

const PreflightFinding* Find(const CustomerPreflight& c,
                             const std::string& kind,
                             const std::string& subject = "") {
  for (const PreflightFinding& f : c.findings)
    if (f.kind == kind &&
        (subject.empty() || f.subject.find(subject) != std::string::npos))
      return &f;
  return nullptr;
}

std::string Kinds(const CustomerPreflight& c) {
  std::string out;
  for (const PreflightFinding& f : c.findings)
    out += f.kind + "(" + f.subject + ") ";
  return out;
}

class PreflightTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // C-10001: its own name servers; A and MX host at the old IP; SPF
    // authorises only the old IP; no PTR for the new IP.
    dns_.SetNs("c10001.example.jp", {"ns1.other-dns.example"});
    dns_.Set("c10001.example.jp", {Ip("198.18.0.10")});
    dns_.SetMx("c10001.example.jp", {{10, "mx1.c10001.example.jp"}});
    dns_.Set("mx1.c10001.example.jp", {Ip("198.18.0.10"), Ip("198.19.0.10")});
    dns_.SetTxt("c10001.example.jp", {"v=spf1 ip4:198.18.0.10 -all"});
    dns_.Set("www.c10001.example.jp", {Ip("198.18.0.10")});
    // C-10002: Zenlogic's name servers; SPF through an include that has
    // the new range; PTR that resolves back.
    dns_.SetNs("c10002.example.jp", {"ns1.zenlogic.jp", "ns2.zenlogic.jp"});
    dns_.Set("c10002.example.jp", {Ip("198.18.0.11")});
    dns_.SetTxt("c10002.example.jp", {"v=spf1 include:_spf.zenlogic.jp ~all"});
    dns_.SetTxt("_spf.zenlogic.jp", {"v=spf1 ip4:198.19.0.0/16 -all"});
    dns_.SetPtr(Ip("198.19.0.11"), {"mail11.zenlogic.jp"});
    dns_.Set("mail11.zenlogic.jp", {Ip("198.19.0.11")});
    auto src = NewDomainsFileSource(
        "C-10001/ess c10001.example.jp\nC-10001/cdn www.c10001.example.jp\n"
        "C-10002 c10002.example.jp\n",
        "domains");
    ASSERT_TRUE(src.ok());
    domains_ = std::move(*src);
  }

  PreflightReport Run(std::vector<PlanRow> rows, Resolver* dns = nullptr) {
    PreflightDeps deps{dns ? dns : &dns_, domains_.get(), &clock_};
    return RunPreflight(rows, options_, deps);
  }

  FakeResolver dns_;
  FakeClock clock_{*Timestamp::ParseRfc3339("2026-12-01T10:00:00+09:00")};
  PreflightOptions options_;
  std::unique_ptr<DomainSource> domains_;
};

TEST_F(PreflightTest,
       OtherNameServersAreTheCustomersChangeAfterTheMaintenance) {
  auto report =
      Run({Row("C-10001", Service("ess"), "198.18.0.10", "198.19.0.10"),
           Row("C-10001", Service("cdn"), "198.18.0.10", "198.19.0.10")});
  ASSERT_EQ(report.customers.size(), 1u);
  const CustomerPreflight& c = report.customers[0];
  EXPECT_EQ(c.accounts.size(), 2u);
  ASSERT_EQ(c.domains.size(), 2u);
  EXPECT_TRUE(c.domains[0].mail);
  EXPECT_FALSE(c.domains[0].web);
  EXPECT_EQ(c.domains[0].managed_by, "other");
  EXPECT_EQ(c.domains[1].zone, "c10001.example.jp");  // www is in the zone

  const PreflightFinding* a = Find(c, "dns-old-ip", "A c10001.example.jp");
  ASSERT_NE(a, nullptr) << Kinds(c);
  EXPECT_EQ(a->level, FindingLevel::kAction);
  EXPECT_EQ(a->who, Actor::kCustomer);
  EXPECT_EQ(a->when, Deadline::kAfterMaintenance);
  EXPECT_NE(a->text.en.find("ns1.other-dns.example"), std::string::npos);
  EXPECT_NE(a->action.en.find("2026-12-10T06:00:00+09:00"), std::string::npos);
  EXPECT_NE(a->action.ja.find("他社ネームサーバー"), std::string::npos);
  EXPECT_NE(Find(c, "dns-old-ip", "A www.c10001.example.jp"), nullptr);

  // The MX host has both IPs: remove the old one after the maintenance.
  const PreflightFinding* mx = Find(c, "mx-old-ip");
  ASSERT_NE(mx, nullptr) << Kinds(c);
  EXPECT_EQ(mx->subject, "MX c10001.example.jp -> 10 mx1.c10001.example.jp A");
  EXPECT_NE(mx->action.en.find("remove the old IP"), std::string::npos);

  // SPF only for the mail domain.
  const PreflightFinding* spf = Find(c, "spf-not-authorised");
  ASSERT_NE(spf, nullptr) << Kinds(c);
  EXPECT_EQ(spf->domain, "c10001.example.jp");
  EXPECT_EQ(spf->when, Deadline::kBeforeMaintenance);
  EXPECT_NE(spf->text.en.find("authorises the old IP 198.18.0.10"),
            std::string::npos);
  EXPECT_NE(spf->action.en.find("v=spf1 ip4:198.19.0.10 ip4:198.18.0.10 -all"),
            std::string::npos)
      << spf->action.en;
  EXPECT_EQ(Find(c, "spf-not-authorised", "www."), nullptr);

  const PreflightFinding* ptr = Find(c, "ptr-missing");
  ASSERT_NE(ptr, nullptr);
  EXPECT_EQ(ptr->who, Actor::kProvider);
  EXPECT_TRUE(c.NeedsAction());
  EXPECT_FALSE(c.HasErrors());
}

TEST_F(PreflightTest, ProviderNameServersNeedNothingFromTheCustomer) {
  auto report =
      Run({Row("C-10002", Service("ess"), "198.18.0.11", "198.19.0.11")});
  const CustomerPreflight& c = report.customers[0];
  EXPECT_EQ(c.domains[0].managed_by, "provider");
  const PreflightFinding* a = Find(c, "dns-old-ip");
  ASSERT_NE(a, nullptr) << Kinds(c);
  EXPECT_EQ(a->level, FindingLevel::kInfo);
  EXPECT_EQ(a->who, Actor::kProvider);
  EXPECT_NE(a->text.ja.find("Zenlogic提供のネームサーバー"), std::string::npos);
  const PreflightFinding* spf = Find(c, "spf-pass");
  ASSERT_NE(spf, nullptr) << Kinds(c);
  EXPECT_NE(spf->text.en.find("include:_spf.zenlogic.jp"), std::string::npos);
  EXPECT_NE(Find(c, "ptr-ok"), nullptr) << Kinds(c);
  EXPECT_FALSE(c.NeedsAction()) << Kinds(c);
  EXPECT_FALSE(c.HasErrors());
  // A configured provider domain covers any of its name servers.
  options_.provider_ns = {"zenlogic.jp"};
  report = Run({Row("C-10002", Service("ess"), "198.18.0.11", "198.19.0.11")});
  EXPECT_EQ(report.customers[0].domains[0].managed_by, "provider");
  options_.provider_ns = {"ns1.zenlogic.jp"};  // ns2 is then "other"
  report = Run({Row("C-10002", Service("ess"), "198.18.0.11", "198.19.0.11")});
  EXPECT_EQ(report.customers[0].domains[0].managed_by, "other");
}

TEST_F(PreflightTest, ReverseDnsThatDoesNotResolveBack) {
  dns_.SetPtr(Ip("198.19.0.10"), {"host.other.example"});
  dns_.Set("host.other.example", {Ip("192.0.2.1")});
  auto report =
      Run({Row("C-10001", Service("cdn"), "198.18.0.10", "198.19.0.10")});
  const PreflightFinding* f = Find(report.customers[0], "ptr-mismatch");
  ASSERT_NE(f, nullptr) << Kinds(report.customers[0]);
  EXPECT_EQ(f->level, FindingLevel::kAction);
  EXPECT_NE(f->text.en.find("host.other.example"), std::string::npos);
}

TEST_F(PreflightTest, Blocklists) {
  options_.dnsbl_zones = {"bl.example", "refusing.example", "clean.example"};
  dns_.Set("11.0.19.198.bl.example", {Ip("127.0.0.2")});
  dns_.SetTxt("11.0.19.198.bl.example", {"listed: see https://bl.example/x"});
  dns_.Set("11.0.19.198.refusing.example", {Ip("127.255.255.254")});
  auto report =
      Run({Row("C-10002", Service("ess"), "198.18.0.11", "198.19.0.11")});
  const CustomerPreflight& c = report.customers[0];
  const PreflightFinding* listed = Find(c, "dnsbl-listed");
  ASSERT_NE(listed, nullptr) << Kinds(c);
  EXPECT_EQ(listed->who, Actor::kBlocklist);
  EXPECT_NE(listed->text.en.find("https://bl.example/x"), std::string::npos);
  EXPECT_NE(listed->action.ja.find("登録解除"), std::string::npos);
  const PreflightFinding* refused = Find(c, "dnsbl-error");
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(refused->level, FindingLevel::kError);
  EXPECT_NE(refused->text.en.find("127.255.255.254"), std::string::npos);
  EXPECT_NE(Find(c, "dnsbl-clear", "clean.example"), nullptr);
}

TEST_F(PreflightTest, DnsFailuresAreErrorsAndTheOtherChecksGoOn) {
  FaultInjectionResolver faulty(&dns_);
  faulty.Fail("c10001.example.jp", RecordType::kMx,
              Status::Timeout("DNS MX c10001.example.jp: no answer"));
  faulty.Fail("c10001.example.jp", RecordType::kTxt,
              Status::Unavailable("DNS TXT c10001.example.jp: SERVFAIL"));
  auto report = Run(
      {Row("C-10001", Service("ess"), "198.18.0.10", "198.19.0.10")}, &faulty);
  const CustomerPreflight& c = report.customers[0];
  const PreflightFinding* mx = Find(c, "dns-error", "MX c10001.example.jp");
  ASSERT_NE(mx, nullptr) << Kinds(c);
  EXPECT_EQ(mx->detail["code"], "timeout");
  const PreflightFinding* spf = Find(c, "spf-temperror");
  ASSERT_NE(spf, nullptr) << Kinds(c);
  EXPECT_NE(spf->text.en.find("SERVFAIL"), std::string::npos);
  EXPECT_NE(Find(c, "dns-old-ip"), nullptr) << "A was still checked";
  EXPECT_NE(Find(c, "ptr-missing"), nullptr) << "PTR was still checked";
  EXPECT_TRUE(c.HasErrors());
}

TEST_F(PreflightTest, UnknownDomainsAreAnErrorNotASilentPass) {
  auto report =
      Run({Row("C-10009", Service("ess"), "198.18.0.19", "198.19.0.19")});
  const CustomerPreflight& c = report.customers[0];
  const PreflightFinding* f = Find(c, "domains-unknown");
  ASSERT_NE(f, nullptr) << Kinds(c);
  EXPECT_NE(f->text.en.find("C-10009/ess"), std::string::npos);
  EXPECT_TRUE(c.HasErrors());
  EXPECT_NE(Find(c, "ptr-missing"), nullptr);
}

TEST_F(PreflightTest, ReportInBothLanguagesAndJson) {
  options_.jobs = 2;
  auto report =
      Run({Row("C-10001", Service("ess"), "198.18.0.10", "198.19.0.10"),
           Row("C-10002", Service("ess"), "198.18.0.11", "198.19.0.11")});
  std::string en = RenderPreflight(report, Lang::kEn);
  EXPECT_NE(en.find("C-10001 (ess): 198.18.0.10 -> 198.19.0.10"),
            std::string::npos)
      << en;
  EXPECT_NE(en.find("To do - the customer, after the maintenance ends "
                    "(2026-12-10T06:00:00+09:00):"),
            std::string::npos)
      << en;
  EXPECT_NE(en.find("To ask Zenlogic, before the maintenance:"),
            std::string::npos);
  EXPECT_NE(en.find("2 customers: 1 need action, 0 could not be fully "
                    "checked, 1 with nothing to do"),
            std::string::npos)
      << en;
  std::string ja = RenderPreflight(report, Lang::kJa);
  EXPECT_NE(ja.find("お客様の作業（基盤変更メンテナンス完了後"),
            std::string::npos)
      << ja;
  EXPECT_NE(ja.find("他社ネームサーバー (ns1.other-dns.example)"),
            std::string::npos);
  EXPECT_NE(ja.find("対応が必要な項目はありません。"), std::string::npos);

  json doc = PreflightJson(report);
  EXPECT_EQ(doc["summary"]["customers"], 2);
  EXPECT_EQ(doc["summary"]["needs_action"], 1);
  const json& c1 = doc["customers"][0];
  EXPECT_EQ(c1["customer"], "C-10001");
  EXPECT_EQ(c1["domains"][0]["managed_by"], "other");
  bool saw = false;
  for (const json& f : c1["findings"])
    if (f["kind"] == "dns-old-ip") {
      saw = true;
      EXPECT_EQ(f["who"], "customer");
      EXPECT_EQ(f["when"], "after-maintenance");
      EXPECT_EQ(f["level"], "action");
      EXPECT_FALSE(f["action_ja"].get<std::string>().empty());
    }
  EXPECT_TRUE(saw) << c1.dump(2);

  json campaign = {{"accounts",
                    {{{"account", "C-10001/ess"}, {"customer", "C-10001"}},
                     {{"account", "C-10003/ess"}, {"customer", "C-10003"}}}}};
  AttachPreflightToCampaignJson(report, &campaign);
  EXPECT_TRUE(campaign["accounts"][0]["preflight"]["needs_action"]);
  EXPECT_FALSE(campaign["accounts"][1].contains("preflight"));
}

}  // namespace
}  // namespace renumber
