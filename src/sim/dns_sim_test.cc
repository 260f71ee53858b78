// The DNS simulator over UDP against the c-ares client (two independent
// readings of RFC 1035), and preflight over the seeded world, with the
// domains the vendor simulators hold: the mix the demo shows.
#include "src/sim/dns_sim.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "src/dns/dns_resolver.h"
#include "src/preflight/preflight.h"
#include "src/sim/cluster.h"
#include "src/sim/dns_world.h"

namespace renumber {
namespace {

std::unique_ptr<Resolver> Client(const SimDns& dns) {
  DnsOptions o;
  o.servers = {dns.address()};
  o.timeout = std::chrono::milliseconds(1000);
  auto r = NewDnsResolver(o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(*r);
}

TEST(SimDnsTest, TheClientReadsWhatTheSimulatorWrites) {
  auto sim = SimDns::Start(
      {{"c10001.example.jp",
        {{"c10001.example.jp", dns_type::kNs, "ns1.other-dns.example"},
         {"c10001.example.jp", dns_type::kA, "198.18.0.10"},
         {"c10001.example.jp", dns_type::kAaaa, "2001:db8:a::1"},
         {"c10001.example.jp", dns_type::kMx, "10 mx1.ess-cloud.example"},
         {"c10001.example.jp", dns_type::kTxt, std::string(300, 's')},
         {"www.c10001.example.jp", dns_type::kA, "198.18.0.10"}}},
       {"19.198.in-addr.arpa",
        {{"10.0.19.198.in-addr.arpa", dns_type::kPtr, "mail.zenlogic.jp"}}}},
      {});
  ASSERT_TRUE(sim.ok()) << sim.status().ToString();
  auto dns = Client(**sim);
  const std::string d = "c10001.example.jp";
  EXPECT_EQ((*dns->LookupNs(d))[0], "ns1.other-dns.example");
  EXPECT_EQ((*dns->LookupAddresses(d, RecordType::kA))[0].ToString(),
            "198.18.0.10");
  EXPECT_EQ((*dns->LookupAddresses(d, RecordType::kAaaa))[0].ToString(),
            "2001:db8:a::1");
  EXPECT_EQ(*dns->LookupMx(d),
            (std::vector<MxRecord>{{10, "mx1.ess-cloud.example"}}));
  EXPECT_EQ(*dns->LookupTxt(d),
            std::vector<std::string>{std::string(300, 's')});
  EXPECT_EQ(*dns->LookupPtr(*IpAddress::Parse("198.19.0.10")),
            std::vector<std::string>{"mail.zenlogic.jp"});
  EXPECT_EQ(dns->LookupMx("www." + d).status().code(), Code::kNotFound);
  auto nx = dns->LookupTxt("nope." + d);
  EXPECT_EQ(nx.status().code(), Code::kNotFound);
  EXPECT_NE(nx.status().message().find("NXDOMAIN"), std::string::npos);
  auto refused = dns->LookupTxt("example.com");
  EXPECT_EQ(refused.status().code(), Code::kUnavailable);
  EXPECT_NE(refused.status().message().find("REFUSED"), std::string::npos);
  EXPECT_GE((*sim)->queries(), 9);  // one per lookup above
}

std::unique_ptr<SimCluster> Cluster(int customers) {
  SimClusterOptions o;
  o.seed = customers;
  auto cluster = SimCluster::Start(o);
  EXPECT_TRUE(cluster.ok()) << cluster.status().ToString();
  return cluster.ok() ? std::move(*cluster) : nullptr;
}

TEST(SimDnsTest, EveryZoneOfTheWorldLoads) {
  auto cluster = Cluster(200);
  ASSERT_TRUE(cluster);
  auto sim = SimDns::Start(
      SimDnsZones(cluster->customers(), cluster->AccountDomains()), {});
  ASSERT_TRUE(sim.ok()) << sim.status().ToString();
  cluster->Stop();
}

TEST(SimDnsTest, PreflightOverTheWorldShowsTheDocumentedMix) {
  auto cluster = Cluster(12);
  ASSERT_TRUE(cluster);
  const std::vector<SimCustomer>& customers = cluster->customers();
  const SimAccountDomains domains = cluster->AccountDomains();
  cluster->Stop();
  // The second customer has 105 ESS domains (two pages of GET /v1/domains).
  EXPECT_EQ(domains.at("C-10002/ess").size(), 105u);
  auto sim = SimDns::Start(SimDnsZones(customers, domains), {});
  ASSERT_TRUE(sim.ok()) << sim.status().ToString();
  auto dns = Client(**sim);
  auto source =
      NewDomainsFileSource(SimDomainsFile(customers, domains), "domains");
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  std::vector<PlanRow> rows;
  for (const SimCustomer& c : customers)
    for (bool ess : {true, false}) {
      if (ess ? !c.Has("ess") : !c.Has("cdn")) continue;
      PlanRow r;
      r.target.account = {c.id, ess ? Service("ess") : Service("cdn")};
      r.target.old_ip = *IpAddress::Parse(c.old_ip);
      r.target.new_ip = *IpAddress::Parse(c.new_ip);
      r.target.maintenance_end = *Timestamp::ParseRfc3339(c.maintenance_end);
      rows.push_back(r);
    }
  PreflightOptions options;
  options.provider_ns = SimProviderNameServers();
  options.dnsbl_zones = {kSimDnsblZone};
  FakeClock clock;
  PreflightReport report =
      RunPreflight(rows, options, {dns.get(), source->get(), &clock});
  ASSERT_EQ(report.customers.size(), 12u);
  std::map<std::string, int> kinds;
  int provider = 0, other = 0;
  for (const CustomerPreflight& c : report.customers) {
    EXPECT_FALSE(c.HasErrors()) << c.customer;
    for (const PreflightFinding& f : c.findings) {
      ++kinds[f.kind];
      EXPECT_NE(f.kind, "dns-error") << c.customer << ": " << f.text.en;
    }
    for (const DomainView& d : c.domains)
      (d.managed_by == "provider" ? provider : other)++;
  }
  EXPECT_GT(provider, 0);
  EXPECT_GT(other, 0);
  EXPECT_GT(kinds["dns-old-ip"], 0);
  // IPv6 customers (every sixth) have their AAAA record at the old IP.
  std::set<std::string> aaaa;
  for (const CustomerPreflight& c : report.customers)
    for (const PreflightFinding& f : c.findings)
      if (f.kind == "dns-old-ip" && f.subject.rfind("AAAA ", 0) == 0)
        aaaa.insert(c.customer);
  EXPECT_EQ(aaaa, (std::set<std::string>{"C-10006", "C-10012"}));
  EXPECT_GT(kinds["spf-not-authorised"], 0);
  EXPECT_GT(kinds["spf-pass"], 0);
  EXPECT_GT(kinds["spf-none"], 0);
  EXPECT_EQ(kinds["ptr-missing"], 1);  // the second customer only
  EXPECT_EQ(kinds["ptr-ok"], 11);
  EXPECT_EQ(kinds["dnsbl-listed"], 1);  // the third customer's new IP
  EXPECT_EQ(kinds["dnsbl-clear"], 11);
  EXPECT_EQ(report.customers[1].customer, "C-10002");
  bool c2_ptr = false;
  for (const PreflightFinding& f : report.customers[1].findings)
    c2_ptr = c2_ptr || f.kind == "ptr-missing";
  EXPECT_TRUE(c2_ptr);
}

}  // namespace
}  // namespace renumber
