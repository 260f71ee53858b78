// The ESS simulator's seeding (deterministic, the shapes README.md lists)
// and its state round trip.
#include <set>

#include "adapters/ess/simulator/ess_test_fixture.h"
#include "src/core/ip.h"

namespace renumber {
namespace {

constexpr const char* kEnd = "2026-12-10T06:00:00+09:00";

TEST(EssSeedTest, SameCustomersAndTimeGiveTheSameState) {
  FakeClock clock;
  auto customers = SeedCustomers(40, kEnd);
  auto a = NewEssSimApi(customers, &clock);
  auto b = NewEssSimApi(customers, &clock);
  EXPECT_EQ(a->SaveState(), b->SaveState());
  EXPECT_EQ(a->vendor(), "ess");
}

TEST(EssSeedTest, OneAccountPerEssCustomer) {
  FakeClock clock;
  auto customers = SeedCustomers(40, kEnd);
  auto state = NewEssSimApi(customers, &clock)->SaveState();
  std::set<std::string> ids;
  for (const auto& a : state["accounts"]) ids.insert(a["customer"]);
  for (const auto& c : customers) EXPECT_EQ(ids.count(c.id) == 1, c.Has("ess"));
}

struct Shapes {
  int max_domains = 0, custom_domains = 0, default_domains = 0;
  int host_names = 0, v6_routes = 0, cidr_outbound = 0, exact_outbound = 0;
  int several_primaries = 0, other_failovers = 0, port_587 = 0, port_2525 = 0;
  int pass_recent = 0, pass_old = 0, never = 0, fail = 0, new_ip_refs = 0;
};

void CountRoutes(const nlohmann::json& routes, const SimCustomer& c,
                 Timestamp now, Shapes* s) {
  int primaries = 0;
  for (const auto& r : routes) {
    std::string address = r["address"];
    primaries += r["role"] == "primary";
    s->port_587 += r["port"] == 587;
    s->port_2525 += r["port"] == 2525;
    s->new_ip_refs += address == c.new_ip;
    auto ip = IpAddress::Parse(address);
    if (!ip.ok()) ++s->host_names;
    if (ip.ok() && ip->is_v6()) ++s->v6_routes;
    if (r["role"] == "failover" && address != c.old_ip) ++s->other_failovers;
    if (address != c.old_ip) continue;
    const auto& check = r["last_check"];
    if (check.is_null()) {
      ++s->never;
    } else if (check["result"] == "FAIL") {
      ++s->fail;
    } else {
      auto at = Timestamp::ParseRfc3339(check["at"].get<std::string>());
      ASSERT_TRUE(at.ok());
      (now - *at > std::chrono::hours(24) ? s->pass_old : s->pass_recent)++;
    }
  }
  if (primaries > 1) ++s->several_primaries;
  EXPECT_GE(primaries, 1);
}

TEST(EssSeedTest, RealisticMixOfShapes) {
  FakeClock clock;
  auto customers = SeedCustomers(40, kEnd);
  auto state = NewEssSimApi(customers, &clock)->SaveState();
  Shapes s;
  for (const auto& a : state["accounts"]) {
    const SimCustomer* c = nullptr;
    for (const auto& x : customers) {
      if (x.id == a["customer"]) c = &x;
    }
    ASSERT_NE(c, nullptr);
    CountRoutes(a["default_routes"]["routes"], *c, clock.Now(), &s);
    s.max_domains = std::max(s.max_domains, int(a["domains"].size()));
    for (const auto& d : a["domains"]) {
      if (d["route_mode"] == "custom") {
        ++s.custom_domains;
        CountRoutes(d["routes"]["routes"], *c, clock.Now(), &s);
      } else {
        ++s.default_domains;
        EXPECT_TRUE(d["routes"]["routes"].empty());
      }
    }
    for (const auto& o : a["outbound"]["servers"]) {
      std::string address = o["address"];
      s.new_ip_refs += address == c->new_ip;
      if (address.find('/') != std::string::npos) {
        ++s.cidr_outbound;
        auto cidr = Cidr::Parse(address);
        ASSERT_TRUE(cidr.ok());
        EXPECT_TRUE(cidr->Contains(*IpAddress::Parse(c->old_ip))) << address;
      }
      s.exact_outbound += address == c->old_ip;
    }
    EXPECT_EQ(a["users"].size(), 2u);
  }
  EXPECT_GT(s.max_domains, 100);
  EXPECT_GT(s.custom_domains, 5);
  EXPECT_GT(s.default_domains, 5);
  EXPECT_GT(s.host_names, 0);
  EXPECT_GT(s.v6_routes, 0);
  EXPECT_GT(s.cidr_outbound, 0);
  EXPECT_GT(s.exact_outbound, s.cidr_outbound);
  EXPECT_GT(s.several_primaries, 0);
  EXPECT_GT(s.other_failovers, 0);
  EXPECT_GT(s.port_587, 0);
  EXPECT_GT(s.port_2525, 0);
  EXPECT_GT(s.pass_recent, 0);
  EXPECT_GT(s.pass_old, 0);
  EXPECT_GT(s.never, 0);
  EXPECT_GT(s.fail, 0);
  EXPECT_EQ(s.new_ip_refs, 0);  // every account starts "not started"
}

TEST_F(EssSimTest, StateRoundTripKeepsEverything) {
  // Change things so ids, ETags, checks and the log are all non-trivial.
  auto add = Write("/v1/inbound-routes",
                   {{"address", customers_[0].new_ip}, {"role", "failover"}},
                   "/v1/inbound-routes");
  ASSERT_EQ(add.status, 201);
  std::string id = add.body["route"]["id"];
  ASSERT_EQ(Post("/v1/inbound-routes/" + id + "/check", {}).status, 200);
  ASSERT_TRUE(api_->CustomerChange(customers_[3].id).ok());
  nlohmann::json saved = api_->SaveState();

  auto other = NewEssSimApi(SeedCustomers(1, kEnd), &clock_);
  ASSERT_TRUE(other->LoadState(saved).ok());
  EXPECT_EQ(other->SaveState(), saved);
  EXPECT_EQ(nlohmann::json::parse(saved.dump()), saved);  // plain JSON

  auto host = StartSimHost(std::move(other), SimHostOptions{});
  ASSERT_TRUE(host.ok());
  TestClient reloaded((*host)->base_url());
  auto [u, p] = Admin(3);
  for (const char* path : {"/v1/inbound-routes", "/v1/outbound-servers",
                           "/v1/change-log", "/v1/domains?per_page=100"}) {
    auto a = client_->Send("GET", path, "", {BasicAuthHeader(u, p)});
    auto b = reloaded.Send("GET", path, "", {BasicAuthHeader(u, p)});
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->body, b->body) << path;
  }
  // New ids continue after the loaded ones instead of repeating them.
  auto [u0, p0] = Admin(0);
  auto etag = BodyJson(*reloaded.Send("GET", "/v1/inbound-routes", "",
                                      {BasicAuthHeader(u0, p0)}))["etag"];
  auto next = reloaded.Send(
      "POST", "/v1/inbound-routes",
      R"({"address": "192.0.2.99", "role": "failover"})",
      {BasicAuthHeader(u0, p0), {"If-Match", etag.get<std::string>()}});
  ASSERT_EQ(next->status, 201) << next->body;
  EXPECT_NE(BodyJson(*next)["route"]["id"], id);
  (*host)->Stop();
}

TEST(EssStateTest, BadStateIsRefusedAndChangesNothing) {
  FakeClock clock;
  auto api = NewEssSimApi(SeedCustomers(3, kEnd), &clock);
  nlohmann::json before = api->SaveState();
  for (const nlohmann::json& bad : std::vector<nlohmann::json>{
           nlohmann::json::array(),
           {{"version", 2}, {"accounts", nlohmann::json::array()}},
           {{"version", 1}, {"accounts", {{{"customer", "C-1"}}}}},
       }) {
    EXPECT_EQ(api->LoadState(bad).code(), Code::kInvalidArgument) << bad;
  }
  nlohmann::json broken = before;
  broken["accounts"][0]["default_routes"]["routes"][0]["role"] = "boss";
  EXPECT_FALSE(api->LoadState(broken).ok());
  broken = before;
  broken["accounts"][0]["change_log"] = {{{"at", "noon"}}};
  EXPECT_FALSE(api->LoadState(broken).ok());
  EXPECT_EQ(api->SaveState(), before);
}

}  // namespace
}  // namespace renumber
