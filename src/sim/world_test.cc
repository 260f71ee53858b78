#include "src/sim/world.h"

#include <gtest/gtest.h>

#include <set>

#include "src/core/ip.h"
#include "src/sim/sim_vendor.h"
#include "src/sim/sim_vendors.h"

namespace renumber {
namespace {

constexpr const char* kEnd = "2026-12-10T06:00:00+09:00";

TEST(WorldTest, SeedIsDeterministic) {
  auto a = SeedCustomers(30, kEnd);
  auto b = SeedCustomers(30, kEnd);
  EXPECT_EQ(CustomersToJson(a), CustomersToJson(b));
  // A longer list starts with the shorter one.
  auto c = SeedCustomers(60, kEnd);
  for (size_t i = 0; i < a.size(); ++i)
    EXPECT_EQ(CustomersToJson({a[i]}), CustomersToJson({c[i]}));
}

TEST(WorldTest, IdsTicketsAndCredentials) {
  auto cs = SeedCustomers(3, kEnd);
  ASSERT_EQ(cs.size(), 3u);
  EXPECT_EQ(cs[0].id, "C-10001");
  EXPECT_EQ(cs[0].index, 0);
  EXPECT_EQ(cs[0].ticket, "ZL-2026-10001");
  EXPECT_EQ(cs[0].maintenance_end, kEnd);
  EXPECT_EQ(cs[0].Credential("ess", "username"), "admin@c10001.example.jp");
  EXPECT_EQ(cs[0].Credential("ess", "password").rfind("sim-ess-", 0), 0u);
  EXPECT_EQ(cs[0].Credential("ess", "password").size(), 8u + 16u);
  EXPECT_EQ(cs[0].Credential("cdn", "api_token").rfind("sim-cdn-", 0), 0u);
  EXPECT_NE(cs[0].Credential("ess", "password"),
            cs[1].Credential("ess", "password"));
}

TEST(WorldTest, MixOfServicesAndFamilies) {
  auto cs = SeedCustomers(120, kEnd);
  int ess_only = 0, cdn_only = 0, both = 0, v6 = 0;
  std::set<std::string> ips;
  auto old_block = Cidr::Parse("198.18.0.0/16");
  auto new_block = Cidr::Parse("198.19.0.0/16");
  auto old_block6 = Cidr::Parse("2001:db8:a::/48");
  auto new_block6 = Cidr::Parse("2001:db8:b::/48");
  for (const auto& c : cs) {
    ASSERT_TRUE(c.Has("ess") || c.Has("cdn")) << c.id;
    ess_only += c.Has("ess") && !c.Has("cdn");
    cdn_only += !c.Has("ess") && c.Has("cdn");
    both += c.Has("ess") && c.Has("cdn");
    EXPECT_EQ(c.Has("ess"), !c.Credential("ess", "password").empty());
    EXPECT_EQ(c.Has("cdn"), !c.Credential("cdn", "api_token").empty());
    auto old_ip = IpAddress::Parse(c.old_ip);
    auto new_ip = IpAddress::Parse(c.new_ip);
    ASSERT_TRUE(old_ip.ok() && new_ip.ok()) << c.id;
    EXPECT_TRUE(IsCanonicalIp(c.old_ip)) << c.old_ip;
    EXPECT_TRUE(IsCanonicalIp(c.new_ip)) << c.new_ip;
    if (old_ip->is_v6()) {
      ++v6;
      EXPECT_TRUE(old_block6->Contains(*old_ip)) << c.old_ip;
      EXPECT_TRUE(new_block6->Contains(*new_ip)) << c.new_ip;
    } else {
      EXPECT_TRUE(old_block->Contains(*old_ip)) << c.old_ip;
      EXPECT_TRUE(new_block->Contains(*new_ip)) << c.new_ip;
    }
    EXPECT_TRUE(ips.insert(c.old_ip).second) << "duplicate " << c.old_ip;
    EXPECT_TRUE(ips.insert(c.new_ip).second) << "duplicate " << c.new_ip;
  }
  EXPECT_GT(ess_only, 10);
  EXPECT_GT(cdn_only, 10);
  EXPECT_GT(both, 10);
  EXPECT_EQ(v6, 20);  // one in six
}

TEST(WorldTest, JsonRoundTrip) {
  auto cs = SeedCustomers(7, kEnd);
  auto back = CustomersFromJson(CustomersToJson(cs));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(CustomersToJson(*back), CustomersToJson(cs));
}

TEST(WorldTest, JsonErrorsNameTheEntry) {
  auto j = CustomersToJson(SeedCustomers(2, kEnd));
  j[1]["old_ip"] = "not-an-ip";
  auto r = CustomersFromJson(j);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("customers[1]"), std::string::npos);
  j = CustomersToJson(SeedCustomers(2, kEnd));
  j[1]["id"] = "C-10001";
  EXPECT_FALSE(CustomersFromJson(j).ok());
  j = CustomersToJson(SeedCustomers(2, kEnd));
  j[0].erase("services");
  EXPECT_FALSE(CustomersFromJson(j).ok());
  j = CustomersToJson(SeedCustomers(2, kEnd));
  j[0]["services"].push_back(j[0]["services"][0]);  // listed twice
  EXPECT_FALSE(CustomersFromJson(j).ok());
  j = CustomersToJson(SeedCustomers(2, kEnd));
  j[0]["services"][0]["credentials"]["username"] = 7;
  EXPECT_FALSE(CustomersFromJson(j).ok());
  EXPECT_FALSE(CustomersFromJson(nlohmann::json::object()).ok());
}

TEST(WorldTest, PlanCsvHasOneRowPerCustomerAndService) {
  auto cs = SeedCustomers(4, kEnd);
  std::string csv = PlanCsv(cs);
  // C-10001 both, C-10002 ESS, C-10003 CDN, C-10004 both.
  std::string expected =
      "customer,service,old_ip,new_ip,maintenance_end,ticket\n"
      "C-10001,ess," +
      cs[0].old_ip + "," + cs[0].new_ip + "," + kEnd +
      ",ZL-2026-10001\n"
      "C-10001,cdn," +
      cs[0].old_ip + "," + cs[0].new_ip + "," + kEnd +
      ",ZL-2026-10001\n"
      "C-10002,ess," +
      cs[1].old_ip + "," + cs[1].new_ip + "," + kEnd +
      ",ZL-2026-10002\n"
      "C-10003,cdn," +
      cs[2].old_ip + "," + cs[2].new_ip + "," + kEnd +
      ",ZL-2026-10003\n"
      "C-10004,ess," +
      cs[3].old_ip + "," + cs[3].new_ip + "," + kEnd +
      ",ZL-2026-10004\n"
      "C-10004,cdn," +
      cs[3].old_ip + "," + cs[3].new_ip + "," + kEnd + ",ZL-2026-10004\n";
  EXPECT_EQ(csv, expected);
}

TEST(WorldTest, CredentialsFollowTheTemplate) {
  auto cs = SeedCustomers(3, kEnd);
  auto j = CredentialsJson(
      cs, {{"ess", "http://127.0.0.1:1"}, {"cdn", "http://127.0.0.1:2"}});
  EXPECT_EQ(j["version"], 1);
  ASSERT_EQ(j["accounts"].size(), 4u);
  const auto& ess = j["accounts"][0];
  EXPECT_EQ(ess["customer"], "C-10001");
  EXPECT_EQ(ess["service"], "ess");
  EXPECT_EQ(ess["api_base"], "http://127.0.0.1:1");
  EXPECT_EQ(ess["username"], cs[0].Credential("ess", "username"));
  EXPECT_EQ(ess["password"], cs[0].Credential("ess", "password"));
  const auto& cdn = j["accounts"][1];
  EXPECT_EQ(cdn["service"], "cdn");
  EXPECT_EQ(cdn["api_base"], "http://127.0.0.1:2");
  EXPECT_EQ(cdn["api_token"], cs[0].Credential("cdn", "api_token"));
  EXPECT_FALSE(cdn.contains("password"));
  EXPECT_EQ(j["accounts"][3]["customer"], "C-10003");
}

}  // namespace
}  // namespace renumber

namespace renumber {
namespace {

// The world names no vendor: a vendor list of its own seeds its services
// and credentials, in its order.
TEST(WorldTest, SeedsWhatTheVendorListDeclares) {
  SimVendorSpec every;
  every.service = "toy";
  every.holds = [](int) { return true; };
  every.credentials = [](const SimCustomer& c) {
    return std::map<std::string, std::string>{{"login", "u-" + c.id}};
  };
  SimVendorSpec odd;
  odd.service = "odd";
  odd.holds = [](int index) { return index % 2 == 1; };
  odd.credentials = [](const SimCustomer&) {
    return std::map<std::string, std::string>{};
  };
  auto cs = SeedCustomers(3, kEnd, {every, odd});
  ASSERT_EQ(cs.size(), 3u);
  EXPECT_TRUE(cs[0].Has("toy"));
  EXPECT_FALSE(cs[0].Has("odd"));
  EXPECT_FALSE(cs[0].Has("ess"));
  EXPECT_EQ(cs[0].Credential("toy", "login"), "u-C-10001");
  EXPECT_EQ(cs[0].Credential("toy", "missing"), "");
  ASSERT_EQ(cs[1].services.size(), 2u);
  EXPECT_EQ(cs[1].services[0].name, "toy");
  EXPECT_EQ(cs[1].services[1].name, "odd");
  EXPECT_EQ(PlanCsv({cs[1]}),
            "customer,service,old_ip,new_ip,maintenance_end,ticket\n"
            "C-10002,toy," +
                cs[1].old_ip + "," + cs[1].new_ip + "," + kEnd +
                ",ZL-2026-10002\n"
                "C-10002,odd," +
                cs[1].old_ip + "," + cs[1].new_ip + "," + kEnd +
                ",ZL-2026-10002\n");
  auto creds = CredentialsJson(
      cs, std::map<std::string, std::string>{{"toy", "http://toy"}});
  ASSERT_EQ(creds["accounts"].size(), 3u);  // "odd" has no base: left out
  EXPECT_EQ(creds["accounts"][2], (nlohmann::json{{"customer", "C-10003"},
                                                  {"service", "toy"},
                                                  {"api_base", "http://toy"},
                                                  {"login", "u-C-10003"}}));
}

}  // namespace
}  // namespace renumber
