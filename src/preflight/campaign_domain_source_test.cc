// The domains discovery read, as preflight's DomainSource: what each
// account listed, an error for an account whose discovery failed (never a
// silent "no domains"), kNotFound for an account not in the run; and a
// customer with one failed account still has its other account checked.
#include "src/preflight/campaign_domain_source.h"

#include <gtest/gtest.h>

#include "src/preflight/preflight.h"

namespace renumber {
namespace {

AccountReport Report(const char* customer, Service s,
                     std::vector<std::string> domains, Status error = {}) {
  AccountReport r;
  r.row.target.account = {customer, s};
  r.row.target.old_ip = *IpAddress::Parse("198.18.0.10");
  r.row.target.new_ip = *IpAddress::Parse("198.19.0.10");
  r.domains = std::move(domains);
  if (!error.ok()) {
    r.result = AccountResult::kFailed;
    r.error = error;
  }
  return r;
}

TEST(CampaignDomainSourceTest, WhatDiscoveryReadPerAccount) {
  CampaignResult result;
  result.accounts.push_back(
      Report("C-10001", Service("ess"), {"c10001.example.jp"}));
  result.accounts.push_back(
      Report("C-10001", Service("cdn"), {},
             Status::NotFound("C-10001/cdn: plan line 3: no credentials for "
                              "C-10001/cdn")));
  auto source = NewCampaignDomainSource(result);
  auto ess = source->Domains({"C-10001", Service("ess")});
  ASSERT_TRUE(ess.ok());
  EXPECT_EQ(*ess, std::vector<std::string>{"c10001.example.jp"});
  auto cdn = source->Domains({"C-10001", Service("cdn")});
  ASSERT_EQ(cdn.status().code(), Code::kUnavailable) << cdn.status().ToString();
  EXPECT_EQ(cdn.status().message(),
            "domains not read: C-10001/cdn: plan line 3: no credentials for "
            "C-10001/cdn");
  EXPECT_EQ(source->Domains({"C-10009", Service("ess")}).status().code(),
            Code::kNotFound);
}

TEST(CampaignDomainSourceTest, AFailedAccountDoesNotHideTheOthers) {
  CampaignResult result;
  result.accounts.push_back(
      Report("C-10001", Service("ess"), {}, Status::Timeout("GET: timed out")));
  result.accounts.push_back(
      Report("C-10001", Service("cdn"), {"www.c10001.example.jp"}));
  auto source = NewCampaignDomainSource(result);
  FakeResolver dns;
  dns.SetNs("c10001.example.jp", {"ns1.other-dns.example"});
  dns.Set("www.c10001.example.jp", {*IpAddress::Parse("198.18.0.10")});
  FakeClock clock;
  std::vector<PlanRow> rows;
  for (const AccountReport& r : result.accounts) rows.push_back(r.row);
  PreflightReport report =
      RunPreflight(rows, PreflightOptions{}, {&dns, source.get(), &clock});
  ASSERT_EQ(report.customers.size(), 1u);
  const CustomerPreflight& c = report.customers[0];
  EXPECT_EQ(c.domains_status.code(), Code::kUnavailable);
  EXPECT_NE(c.domains_status.message().find("C-10001/ess"), std::string::npos);
  ASSERT_EQ(c.domains.size(), 1u);
  EXPECT_EQ(c.domains[0].name, "www.c10001.example.jp");
  EXPECT_TRUE(c.domains[0].web);
  bool old_ip = false;
  for (const PreflightFinding& f : c.findings)
    old_ip = old_ip || f.kind == "dns-old-ip";
  EXPECT_TRUE(old_ip) << "the CDN domain was still checked";
  EXPECT_TRUE(c.HasErrors());
}

}  // namespace
}  // namespace renumber
