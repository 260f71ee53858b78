// The seeded world: deterministic, and holding every case the contract and
// the migration steps care about.
#include "adapters/cdn/simulator/seed.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "adapters/cdn/simulator/cdn_sim_vendor.h"
#include "adapters/cdn/simulator/validate.h"
#include "src/core/ip.h"

namespace renumber::cdnsim {
namespace {

std::vector<SimCustomer> Customers(int n) {
  std::vector<SimCustomer> out;
  for (int i = 0; i < n; ++i) {
    SimCustomer c;
    c.id = "C-" + std::to_string(10001 + i);
    c.index = i;
    bool v6 = i % 6 == 5;
    c.old_ip = v6 ? "2001:db8:a::" + std::to_string(i + 1)
                  : "198.18.0." + std::to_string(i + 1);
    if (i % 4 != 3)
      c.services.push_back(
          {"cdn", {{"api_token", "tok-" + std::to_string(i)}}});
    out.push_back(c);
  }
  return out;
}

int CountAt(const Version& v, const std::string& ip) {
  int n = 0;
  for (const Backend& b : v.backends) n += b.address == ip;
  return n;
}

TEST(CdnSeedTest, SameCustomersGiveIdenticalState) {
  FakeClock clock;
  auto a = NewCdnSimApi(Customers(24), &clock);
  auto b = NewCdnSimApi(Customers(24), &clock);
  EXPECT_EQ(a->SaveState().dump(), b->SaveState().dump());
  auto c = NewCdnSimApi(Customers(25), &clock);
  EXPECT_NE(a->SaveState().dump(), c->SaveState().dump());
  // Appending customers does not change the earlier ones.
  CdnWorld small = SeedCdnWorld(Customers(12));
  CdnWorld big = SeedCdnWorld(Customers(24));
  for (size_t i = 0; i < small.services.size(); ++i)
    EXPECT_EQ(ServiceToState(small.services[i]),
              ServiceToState(big.services[i]));
}

TEST(CdnSeedTest, IdsLookLikeFastlysAndDiffer) {
  std::string id = Base62Id("x");
  EXPECT_EQ(id.size(), 22u);
  for (char c : id) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)));
  EXPECT_EQ(id, Base62Id("x"));
  CdnWorld w = SeedCdnWorld(Customers(60));
  std::set<std::string> ids;
  for (const Service& s : w.services) EXPECT_TRUE(ids.insert(s.id).second);
  EXPECT_NE(ReadOnlyTokenFor("a"), ReadOnlyTokenFor("b"));
}

TEST(CdnSeedTest, OnlyCdnCustomersWithBothTokens) {
  std::vector<SimCustomer> customers = Customers(12);
  CdnWorld w = SeedCdnWorld(customers);
  size_t with_cdn = 0;
  for (const SimCustomer& c : customers) with_cdn += c.Has("cdn");
  ASSERT_EQ(w.accounts.size(), with_cdn);
  for (const Account& a : w.accounts) {
    ASSERT_EQ(a.tokens.size(), 2u);
    EXPECT_EQ(a.tokens[0].scope, "global");
    EXPECT_EQ(a.tokens[1].scope, "global:read");
    EXPECT_EQ(a.tokens[1].token, ReadOnlyTokenFor(a.tokens[0].token));
    EXPECT_EQ(a.customer_id.size(), 22u);
  }
  for (const Service& s : w.services) EXPECT_NE(s.account, "C-10004");
}

TEST(CdnSeedTest, EveryServiceIsValidAndUsesTheOldIpOneToThreeTimes) {
  std::vector<SimCustomer> customers = Customers(24);
  CdnWorld w = SeedCdnWorld(customers);
  for (const Service& s : w.services) {
    const SimCustomer* c = nullptr;
    for (const SimCustomer& x : customers)
      if (x.id == s.account) c = &x;
    ASSERT_NE(c, nullptr);
    ASSERT_NE(s.Active(), nullptr) << s.name;
    for (const Version& v : s.versions)
      EXPECT_TRUE(ValidateVersion(v).empty()) << s.name << " " << v.number;
    const Version& active = *s.Active();
    EXPECT_FALSE(active.domains.empty()) << s.name;
    EXPECT_LE(static_cast<int>(active.backends.size()), s.backend_limit);
    int at_old = CountAt(active, c->old_ip);
    if (s.name == "edge-static") {
      EXPECT_EQ(at_old, 0);
      continue;
    }
    EXPECT_GE(at_old, 1) << s.name;
    EXPECT_LE(at_old, 3) << s.name;
    for (const Backend& b : active.backends) {
      auto ip = IpAddress::Parse(b.address);
      if (!ip.ok()) continue;  // a host name
      EXPECT_EQ(ip->is_v6(), c->old_ip.find(':') != std::string::npos);
      if (b.use_ssl) {
        EXPECT_EQ(b.port % 1000, 443);
        EXPECT_EQ(b.ssl_sni_hostname, b.override_host);
        EXPECT_EQ(b.ssl_cert_hostname, b.override_host);
      }
    }
  }
}

TEST(CdnSeedTest, EightCdnCustomersCoverEveryShapeTheIssueNames) {
  std::vector<SimCustomer> customers;
  for (const SimCustomer& c : Customers(12))
    if (c.Has("cdn") && customers.size() < 8) customers.push_back(c);
  ASSERT_EQ(customers.size(), 8u);
  CdnWorld w = SeedCdnWorld(customers);
  int quorum75 = 0, auto_lb_pairs = 0, conditions = 0, shields = 0,
      at_limit = 0, production = 0, vcl = 0, snippets = 0, pools = 0,
      compute = 0, drafts = 0, locked_never_active = 0, share_keys = 0,
      host_names = 0;
  for (const Service& s : w.services) {
    const Version& v = *s.Active();
    for (const Director& d : v.directors) quorum75 += d.quorum == 75;
    int auto_lb = 0;
    for (const Backend& b : v.backends) {
      auto_lb += b.auto_loadbalance;
      conditions += !b.request_condition.empty();
      shields += b.shield.has_value();
      share_keys += b.share_key.has_value();
      host_names += !IpAddress::Parse(b.address).ok();
    }
    auto_lb_pairs += auto_lb >= 2;
    at_limit += static_cast<int>(v.backends.size()) == s.backend_limit;
    production +=
        s.name == "Production" && v.domains[0].name.rfind("shop.", 0) == 0;
    vcl += !v.vcls.empty();
    snippets += !v.snippets.empty();
    pools += !s.pool_servers.empty();
    compute += s.type == "wasm";
    drafts += !s.versions.back().locked;
    locked_never_active +=
        s.versions.back().locked && !s.versions.back().active;
  }
  EXPECT_EQ(quorum75, 1);
  EXPECT_EQ(auto_lb_pairs, 1);
  EXPECT_GE(conditions, 3);
  EXPECT_GE(shields, 1);
  EXPECT_EQ(at_limit, 1);
  EXPECT_EQ(production, 1);
  EXPECT_EQ(vcl, 1);
  EXPECT_GE(snippets, 2);
  EXPECT_EQ(pools, 1);
  EXPECT_EQ(compute, 2);
  EXPECT_EQ(drafts, 1);
  EXPECT_EQ(locked_never_active, 1);
  EXPECT_EQ(share_keys, 1);
  EXPECT_GE(host_names, 1);
}

// The demo expects exit 3 after cut over exactly when the seeded world
// holds an account renumber leaves partial: custom VCL or snippets (shape
// "hidden") or a Compute service (shape "compute").
bool WorldHoldsWorkForPeople(const std::vector<SimCustomer>& customers) {
  std::map<std::string, std::string> old_ip;
  for (const SimCustomer& c : customers) old_ip[c.id] = c.old_ip;
  for (const Service& s : SeedCdnWorld(customers).services) {
    if (s.type == "wasm") return true;
    const std::string& ip = old_ip[s.account];
    for (const Version& v : s.versions) {
      if (!v.active) continue;
      for (const Vcl& vcl : v.vcls)
        if (vcl.content.find(ip) != std::string::npos) return true;
      for (const Snippet& snippet : v.snippets)
        if (snippet.content.find(ip) != std::string::npos) return true;
    }
  }
  return false;
}

TEST(CdnSeedTest, StaysPartialExactlyWhenTheWorldHoldsHiddenOrCompute) {
  const auto stays_partial = CdnSimVendor().stays_partial;
  ASSERT_NE(stays_partial, nullptr);
  for (int n = 1; n <= 12; ++n) {
    const std::vector<SimCustomer> customers = Customers(n);
    EXPECT_EQ(stays_partial(customers), WorldHoldsWorkForPeople(customers))
        << n << " customers";
  }
  // 9 customers hold 7 CDN accounts: the 7th has the shape "hidden".
  EXPECT_FALSE(stays_partial(Customers(8)));
  EXPECT_TRUE(stays_partial(Customers(9)));
}

}  // namespace
}  // namespace renumber::cdnsim
