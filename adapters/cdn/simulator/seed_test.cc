// The seeded world: deterministic, and holding every case the contract and
// the migration steps care about.
#include "adapters/cdn/simulator/seed.h"

#include <gtest/gtest.h>

#include <set>

#include "adapters/cdn/simulator/validate.h"
#include "src/core/ip.h"
#include "src/sim/vendors.h"

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
    c.has_cdn = i % 4 != 3;
    c.cdn_token = "tok-" + std::to_string(i);
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
  for (const SimCustomer& c : customers) with_cdn += c.has_cdn;
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

TEST(CdnSeedTest, EveryServiceIsValidAndUsesTheOldIpOneToFourTimes) {
  std::vector<SimCustomer> customers = Customers(24);
  CdnWorld w = SeedCdnWorld(customers);
  for (const Service& s : w.services) {
    const SimCustomer* c = nullptr;
    for (const SimCustomer& x : customers)
      if (x.id == s.account) c = &x;
    ASSERT_NE(c, nullptr);
    ASSERT_NE(s.Active(), nullptr) << s.name;
    EXPECT_TRUE(ValidateVersion(*s.Active()).empty()) << s.name;
    for (const Version& v : s.versions)
      EXPECT_TRUE(ValidateVersion(v).empty()) << s.name << " " << v.number;
    int at_old = CountAt(*s.Active(), c->old_ip);
    EXPECT_GE(at_old, 1) << s.name;
    EXPECT_LE(at_old, 4) << s.name;
    for (const Backend& b : s.Active()->backends) {
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

TEST(CdnSeedTest, SixCdnCustomersCoverEveryCase) {
  CdnWorld w = SeedCdnWorld(Customers(8));  // 6 CDN customers, 1 on IPv6
  int directors = 0, host_names = 0, shields = 0, conditions = 0, drafts = 0,
      healthchecked = 0, plain = 0, rolled_back = 0;
  std::set<std::string> others, accounts_with_two, seen;
  for (const Service& s : w.services) {
    if (!seen.insert(s.account).second) accounts_with_two.insert(s.account);
    const Version& v = *s.Active();
    directors += !v.directors.empty();
    if (!s.versions.back().locked) ++drafts;
    if (s.versions.back().locked && !s.versions.back().active) ++rolled_back;
    for (const Backend& b : v.backends) {
      host_names += !IpAddress::Parse(b.address).ok();
      shields += b.shield.has_value();
      conditions += !b.request_condition.empty();
      healthchecked += b.healthcheck.has_value();
      plain += !b.use_ssl;
      if (b.address.rfind("203.0.113.", 0) == 0 ||
          b.address.rfind("2001:db8:ff::", 0) == 0)
        others.insert(b.address);
    }
  }
  EXPECT_GE(directors, 2);
  EXPECT_GE(host_names, 2);
  EXPECT_GE(shields, 2);
  EXPECT_GE(conditions, 3);
  EXPECT_EQ(drafts, 1);
  EXPECT_EQ(rolled_back, 1);
  EXPECT_GE(healthchecked, 3);
  EXPECT_GE(plain, 2);
  EXPECT_GE(others.size(), 2u);
  EXPECT_EQ(accounts_with_two.size(), 2u);
  EXPECT_EQ(w.services.size(), 8u);
}

}  // namespace
}  // namespace renumber::cdnsim
