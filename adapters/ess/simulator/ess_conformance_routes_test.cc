// ESS conformance over real HTTP: route collections, adding routes, order,
// ETags and If-Match, duplicates and validation (docs/ess-contract.md
// "Objects"; "Calls", the table and the If-Match rules under it).
#include "adapters/ess/simulator/ess_test_fixture.h"

namespace renumber {
namespace {

constexpr const char* kDefault = "/v1/inbound-routes";

std::vector<std::string> RolesInOrder(const nlohmann::json& routes) {
  std::vector<std::string> out;
  for (size_t i = 0; i < routes.size(); ++i) {
    EXPECT_EQ(routes[i]["order"], static_cast<int>(i) + 1);
    out.push_back(routes[i]["role"]);
  }
  return out;
}

TEST_F(EssSimTest, DefaultRoutesShapeAndEtag) {
  EssReply r = Get(kDefault);
  ExpectSuccess(r, 200);
  ASSERT_TRUE(r.body["etag"].is_string());
  EXPECT_EQ(r.headers.GetOr("ETag", ""), r.body["etag"]);
  ASSERT_EQ(r.body["routes"].size(), 1u);
  const auto& route = r.body["routes"][0];
  EXPECT_EQ(route["address"], customers_[0].old_ip);
  EXPECT_EQ(route["port"], 25);
  EXPECT_EQ(route["role"], "primary");
  EXPECT_EQ(route["order"], 1);
  EXPECT_EQ(route["id"].get<std::string>().rfind("r-", 0), 0u);
  EXPECT_EQ(route["last_check"]["result"], "PASS");
  EXPECT_TRUE(route["last_check"]["at"].is_string());
  EXPECT_TRUE(route["last_check"]["detail"].is_string());
  EXPECT_EQ(route["can_promote"], true);
  // Reading does not change the ETag.
  EXPECT_EQ(Get(kDefault).body["etag"], r.body["etag"]);
}

TEST_F(EssSimTest, CustomRoutesAndTheirErrors) {
  std::string custom = CustomDomain(3);
  std::string path = "/v1/domains/" + custom + "/inbound-routes";
  EssReply r = Get(path, 3);
  ExpectSuccess(r, 200);
  EXPECT_EQ(r.headers.GetOr("ETag", ""), r.body["etag"]);
  EXPECT_NE(r.body["etag"], Get(kDefault, 3).body["etag"]);
  EXPECT_FALSE(r.body["routes"].empty());
  ExpectFailure(Get("/v1/domains/unknown.example.jp/inbound-routes", 3), 404,
                "NOT_FOUND");
  ExpectFailure(Get("/v1/domains/c10004.example.jp/inbound-routes", 3), 409,
                "NOT_CUSTOM");
  ExpectFailure(Post("/v1/domains/c10004.example.jp/inbound-routes",
                     {{"address", "192.0.2.99"}, {"role", "failover"}}, 3,
                     Etag(kDefault, 3)),
                409, "NOT_CUSTOM");
  ExpectFailure(
      Post("/v1/domains/unknown.example.jp/inbound-routes",
           {{"address", "192.0.2.99"}, {"role", "failover"}}, 3, "\"x\""),
      404, "NOT_FOUND");
  // Another account's domain is unknown here.
  ExpectFailure(Get(path, 0), 404, "NOT_FOUND");
}

TEST_F(EssSimTest, AddFailoverGoesLastAndPrimaryLastAmongPrimaries) {
  // C-10004: primary, primary, failover.
  EXPECT_EQ(RolesInOrder(Routes(kDefault, 3)),
            (std::vector<std::string>{"primary", "primary", "failover"}));
  EssReply f = Write(
      kDefault,
      {{"address", customers_[3].new_ip}, {"port", 2525}, {"role", "failover"}},
      kDefault, 3);
  ExpectSuccess(f, 201);
  EXPECT_EQ(f.body["route"]["order"], 4);
  EXPECT_EQ(f.body["route"]["role"], "failover");
  EXPECT_EQ(f.body["route"]["port"], 2525);
  EXPECT_TRUE(f.body["route"]["last_check"].is_null());
  EXPECT_EQ(f.body["route"]["can_promote"], false);
  EXPECT_EQ(f.headers.GetOr("ETag", ""), f.body["etag"]);
  EssReply p = Write(
      kDefault, {{"address", "192.0.2.200"}, {"role", "primary"}}, kDefault, 3);
  ExpectSuccess(p, 201);
  EXPECT_EQ(p.body["route"]["order"], 3);
  EXPECT_EQ(p.body["route"]["port"], 25);  // the default port
  auto routes = Routes(kDefault, 3);
  EXPECT_EQ(RolesInOrder(routes),
            (std::vector<std::string>{"primary", "primary", "primary",
                                      "failover", "failover"}));
  EXPECT_EQ(routes[2]["address"], "192.0.2.200");
  EXPECT_EQ(routes[4]["address"], customers_[3].new_ip);
  EXPECT_EQ(Get(kDefault, 3).body["etag"], p.body["etag"]);
}

TEST_F(EssSimTest, IfMatchIsRequiredAndMustBeCurrent) {
  nlohmann::json body = {{"address", "192.0.2.77"}, {"role", "failover"}};
  std::string etag = Etag(kDefault);
  ExpectFailure(Post(kDefault, body), 428, "PRECONDITION_REQUIRED");
  ExpectFailure(Post(kDefault, body, 0, "\"stale\""), 412, "OPTIMISTIC_LOCK");
  ExpectFailure(Post(kDefault, body, 0, "*"), 412, "OPTIMISTIC_LOCK");
  EXPECT_EQ(Routes(kDefault).size(), 1u);  // nothing changed
  EXPECT_EQ(Etag(kDefault), etag);
  EssReply ok = Post(kDefault, body, 0, etag);
  ExpectSuccess(ok, 201);
  EXPECT_NE(ok.body["etag"], etag);
  // The ETag used once is stale now.
  ExpectFailure(
      Post(kDefault, {{"address", "192.0.2.78"}, {"role", "failover"}}, 0,
           etag),
      412, "OPTIMISTIC_LOCK");
  // Each collection has its own ETag: a default-route write leaves the
  // outbound ETag as it was.
  std::string outbound = Etag("/v1/outbound-servers");
  ASSERT_EQ(Write(kDefault, {{"address", "192.0.2.79"}, {"role", "failover"}},
                  kDefault)
                .status,
            201);
  EXPECT_EQ(Etag("/v1/outbound-servers"), outbound);
}

TEST_F(EssSimTest, DuplicateAddressIs409) {
  const std::string old_ip = customers_[0].old_ip;
  ExpectFailure(
      Write(kDefault, {{"address", old_ip}, {"role", "failover"}}, kDefault),
      409, "DUPLICATE");
  ExpectFailure(
      Write(kDefault, {{"address", old_ip}, {"port", 587}, {"role", "primary"}},
            kDefault),
      409, "DUPLICATE");
  // IPv6 in another spelling is the same address.
  std::string v6 = customers_[5].old_ip;  // 2001:db8:a::6
  ExpectFailure(
      Write(kDefault,
            {{"address", "2001:0db8:000a:0:0:0:0:6"}, {"role", "failover"}},
            kDefault, 5),
      409, "DUPLICATE");
  EXPECT_EQ(v6, "2001:db8:a::6");
  // The same address in another collection is fine.
  std::string custom = CustomDomain(0 + 3);
  EXPECT_EQ(Write("/v1/domains/" + custom + "/inbound-routes",
                  {{"address", customers_[3].new_ip}, {"role", "failover"}},
                  "/v1/domains/" + custom + "/inbound-routes", 3)
                .status,
            201);
  EXPECT_EQ(
      Write(kDefault, {{"address", customers_[3].new_ip}, {"role", "failover"}},
            kDefault, 3)
          .status,
      201);
}

TEST_F(EssSimTest, InvalidAddressPortOrRoleIs400) {
  std::vector<nlohmann::json> bad = {
      {{"role", "failover"}},
      {{"address", ""}, {"role", "failover"}},
      {{"address", "300.1.1.1"}, {"role", "failover"}},
      {{"address", "198.19.0.1 "}, {"role", "failover"}},
      {{"address", "1.2.3"}, {"role", "failover"}},
      {{"address", "2001:db8::g"}, {"role", "failover"}},
      {{"address", "not an address"}, {"role", "failover"}},
      {{"address", "-bad-.example.jp"}, {"role", "failover"}},
      {{"address", 19819001}, {"role", "failover"}},
      {{"address", "198.19.0.1"}, {"port", 0}, {"role", "failover"}},
      {{"address", "198.19.0.1"}, {"port", 65536}, {"role", "failover"}},
      {{"address", "198.19.0.1"}, {"port", "25"}, {"role", "failover"}},
      {{"address", "198.19.0.1"}, {"port", 2.5}, {"role", "failover"}},
      {{"address", "198.19.0.1"}, {"role", "backup"}},
      {{"address", "198.19.0.1"}},
  };
  std::string etag = Etag(kDefault);
  for (const auto& body : bad) {
    SCOPED_TRACE(body.dump());
    ExpectFailure(Post(kDefault, body, 0, etag), 400, "INVALID_ARGUMENT");
  }
  EXPECT_EQ(Etag(kDefault), etag);
}

TEST_F(EssSimTest, HostNamesAndIpv6AreAccepted) {
  EssReply h = Write(kDefault,
                     {{"address", "Mail.C10001.Example.JP"},
                      {"port", 587},
                      {"role", "failover"}},
                     kDefault);
  ExpectSuccess(h, 201);
  EXPECT_EQ(h.body["route"]["address"], "mail.c10001.example.jp");
  EssReply v6 = Write(
      kDefault, {{"address", "2001:DB8:B::1"}, {"role", "failover"}}, kDefault);
  ExpectSuccess(v6, 201);
  EXPECT_EQ(v6.body["route"]["address"], "2001:db8:b::1");
  EXPECT_EQ(v6.body["route"]["port"], 25);
}

TEST_F(EssSimTest, RouteIdsAreGlobalToTheAccount) {
  std::string custom = CustomDomain(3);
  std::string path = "/v1/domains/" + custom + "/inbound-routes";
  EssReply add =
      Write(path, {{"address", "192.0.2.55"}, {"role", "failover"}}, path, 3);
  ASSERT_EQ(add.status, 201);
  std::string id = add.body["route"]["id"];
  // Ids do not repeat across collections.
  for (const auto& r : Routes(kDefault, 3)) EXPECT_NE(r["id"], id);
  // Actions on a custom route go through /v1/inbound-routes/{id} and are
  // guarded by the custom collection's ETag.
  ExpectFailure(Post("/v1/inbound-routes/" + id + "/delete",
                     {{"reason", "CustomerRequest"}, {"note", "n"}}, 3,
                     Etag(kDefault, 3)),
                412, "OPTIMISTIC_LOCK");
  // Another account cannot see it.
  ExpectFailure(Post("/v1/inbound-routes/" + id + "/check", {}, 0), 404,
                "NOT_FOUND");
  ExpectSuccess(
      Post("/v1/inbound-routes/" + id + "/delete",
           {{"reason", "CustomerRequest"}, {"note", "n"}}, 3, Etag(path, 3)),
      200);
  for (const auto& r : Routes(path, 3)) EXPECT_NE(r["id"], id);
  ExpectFailure(Post("/v1/inbound-routes/r-zzzz/check", {}, 3), 404,
                "NOT_FOUND");
}

}  // namespace
}  // namespace renumber
