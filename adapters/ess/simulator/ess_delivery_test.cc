// The delivery model over real HTTP (GET /_sim/delivery/{account}, admin
// token): where mail goes for domains, default routes and named routes
// given which servers are down, and the history of every write.
#include "adapters/ess/simulator/ess_test_fixture.h"

namespace renumber {
namespace {

using nlohmann::json;
constexpr const char* kDefault = "/v1/inbound-routes";
constexpr int kBackup = 7;  // primary P, old (failover), archive (failover)

class EssDeliveryTest : public EssSimTest {
 protected:
  EssReply Delivery(const std::string& account, const std::string& down = "",
                    const std::string& method = "GET") {
    std::string path = "/_sim/delivery/" + account;
    if (!down.empty()) path += "?down=" + down;
    return Raw(method, path, "",
               {BasicAuthHeader("sim-admin", host_->admin_token())});
  }
  json Now(int who, const std::string& down = "") {
    EssReply r = Delivery(customers_[who].id, down);
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body["now"]["delivery"];
  }
  std::string Address(int who, int position) {
    return Routes(kDefault, who)[position - 1]["address"];
  }
};

TEST_F(EssDeliveryTest, PrimariesThenTheFirstFailoverThatIsUp) {
  const std::string p = Address(kBackup, 1);
  const std::string old_ip = customers_[kBackup].old_ip;
  const std::string archive = Address(kBackup, 3);
  json d = Now(kBackup);
  EXPECT_EQ(d["default"]["to"], json({p}));
  EXPECT_EQ(d["default"]["via"], "primary");
  d = Now(kBackup, p);
  EXPECT_EQ(d["default"]["to"], json({old_ip}));
  EXPECT_EQ(d["default"]["via"], "failover");
  d = Now(kBackup, p + "," + old_ip);
  EXPECT_EQ(d["default"]["to"], json({archive}));
  d = Now(kBackup, p + "," + old_ip + "," + archive);
  EXPECT_EQ(d["default"]["to"], json::array());
  EXPECT_TRUE(d["default"]["via"].is_null());
  // Every default-mode domain delivers like the default routes.
  for (const auto& [name, domain] : d["domains"].items()) {
    if (domain["routes"] == "default") {
      EXPECT_EQ(domain["to"], d["default"]["to"]) << name;
    }
  }
}

TEST_F(EssDeliveryTest, SeveralPrimariesShareTheMail) {
  // Customer 3: old + a second primary + a failover.
  const std::string old_ip = customers_[3].old_ip;
  const std::string other = Address(3, 2);
  json d = Now(3);
  EXPECT_EQ(d["default"]["to"], json({old_ip, other}));
  d = Now(3, old_ip);
  EXPECT_EQ(d["default"]["to"], json({other}));
  d = Now(3, old_ip + "," + other);
  EXPECT_EQ(d["default"]["to"], json({Address(3, 3)}));
}

TEST_F(EssDeliveryTest, NamedRoutesGoToTheirFirstRouteThatIsUp) {
  const std::string p = Address(kBackup, 1);
  const std::string old_ip = customers_[kBackup].old_ip;
  json d = Now(kBackup);
  EXPECT_EQ(d["named"]["dp-relay"]["to"], json({p}));
  EXPECT_EQ(d["named"]["dp-relay"]["position"], 1);
  d = Now(kBackup, p);
  EXPECT_EQ(d["named"]["dp-relay"]["to"], json({old_ip}));
  EXPECT_EQ(d["named"]["dp-relay"]["position"], 2);
  EssReply r = Delivery(customers_[kBackup].id);
  const json routes = r.body["now"]["routes"]["named"]["dp-relay"];
  ASSERT_EQ(routes.size(), 3u);
  EXPECT_EQ(routes[1]["address"], old_ip);
}

TEST_F(EssDeliveryTest, CustomDomainsUseTheirOwnRoutes) {
  const int who = 1;  // custom domains with and without a backup failover
  const std::string old_ip = customers_[who].old_ip;
  json d = Now(who, old_ip);
  int only_old = 0, with_backup = 0;
  for (const auto& [name, domain] : d["domains"].items()) {
    if (domain["routes"] != "custom") continue;
    if (domain["to"].empty()) {
      ++only_old;  // its only route is the old IP: nowhere to go
    } else {
      ++with_backup;
      EXPECT_EQ(domain["via"], "failover") << name;
      EXPECT_NE(domain["to"][0], old_ip) << name;
    }
  }
  EXPECT_GT(only_old, 0);
  EXPECT_GT(with_backup, 0);
}

TEST_F(EssDeliveryTest, EveryCommittedWriteIsAMomentOfTheHistory) {
  const std::string id = customers_[kBackup].id;
  const std::string p = Address(kBackup, 1);
  const std::string old_ip = customers_[kBackup].old_ip;
  const std::string new_ip = customers_[kBackup].new_ip;
  EssReply add = Write(kDefault, {{"address", new_ip}, {"role", "failover"}},
                       kDefault, kBackup);
  ASSERT_EQ(add.status, 201) << add.raw;
  const std::string added = add.body["route"]["id"];
  // A check changes no collection: no moment. A refused write: none.
  ASSERT_EQ(Post("/v1/inbound-routes/" + added + "/check", {}, kBackup).status,
            200);
  ASSERT_EQ(Post("/v1/inbound-routes/" + added + "/move", {{"position", 2}},
                 kBackup, "\"stale\"")
                .status,
            412);
  ASSERT_EQ(Write("/v1/inbound-routes/" + added + "/move", {{"position", 2}},
                  kDefault, kBackup)
                .status,
            200);
  EssReply r = Delivery(id, p + "," + old_ip);
  ASSERT_EQ(r.status, 200) << r.raw;
  const json& h = r.body["history"];
  ASSERT_EQ(h.size(), 3u) << r.raw;
  EXPECT_EQ(h[0]["seq"], 0);
  EXPECT_EQ(h[0]["write"], "seeded");
  EXPECT_TRUE(h[0]["actor"].is_null());
  EXPECT_EQ(h[1]["write"], "POST /v1/inbound-routes");
  EXPECT_EQ(h[1]["actor"], customers_[kBackup].Credential("ess", "username"));
  EXPECT_EQ(h[2]["write"], "POST /v1/inbound-routes/{id}/move");
  // Each moment is evaluated with the query's servers down: the new route
  // added last still lost to the archive; moved after the old one, it wins.
  EXPECT_EQ(h[0]["delivery"]["default"]["to"], json({Address(kBackup, 4)}));
  EXPECT_EQ(h[1]["delivery"]["default"]["to"], json({Address(kBackup, 4)}));
  EXPECT_EQ(h[2]["delivery"]["default"]["to"], json({new_ip}));
  EXPECT_EQ(r.body["now"],
            json({{"routes", h[2]["routes"]}, {"delivery", h[2]["delivery"]}}));
  EXPECT_EQ(r.body["down"], json({p, old_ip}));
  EXPECT_EQ(h[2]["routes"]["default"][2]["address"], new_ip);
}

TEST_F(EssDeliveryTest, AdminOnlyAndValidated) {
  const std::string id = customers_[0].id;
  EXPECT_EQ(Raw("GET", "/_sim/delivery/" + id, "", {}).status, 401);
  auto [u, p] = Admin(0);  // a vendor login is not an admin login
  EXPECT_EQ(
      Raw("GET", "/_sim/delivery/" + id, "", {BasicAuthHeader(u, p)}).status,
      401);
  EXPECT_EQ(Delivery(id, "not%20an%20address").status, 400);
  EXPECT_EQ(Delivery("C-99999").status, 404);
  EXPECT_EQ(Delivery(id, "", "POST").status, 405);
  // IPv6 addresses compare by value.
  const int v6 = 5;
  const std::string old_ip = customers_[v6].old_ip;
  json d = Now(v6, old_ip);
  EXPECT_EQ(d["default"]["to"], json::array());
}

TEST_F(EssDeliveryTest, ReloadingStateStartsANewHistory) {
  const std::string id = customers_[0].id;
  ASSERT_EQ(
      Write(kDefault, {{"address", customers_[0].new_ip}, {"role", "failover"}},
            kDefault)
          .status,
      201);
  ASSERT_TRUE(api_->LoadState(api_->SaveState()).ok());
  EssReply r = Delivery(id);
  ASSERT_EQ(r.body["history"].size(), 1u);
  EXPECT_EQ(r.body["history"][0]["write"], "loaded");
  EXPECT_EQ(r.body["history"][0]["routes"]["default"].size(), 2u);
}

}  // namespace
}  // namespace renumber
