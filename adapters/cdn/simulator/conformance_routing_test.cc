// The routing model (cdn.md "How the real service routes a request") at
// GET /_sim/route/{sid}, and the activation history at GET
// /_sim/activations: what each seeded shape can send where, with health.
#include "adapters/cdn/simulator/conformance_fixture.h"

namespace renumber::cdnsim::testing {
namespace {

using nlohmann::json;

class CdnRoutingTest : public CdnConformanceTest {
 protected:
  json Route(const std::string& customer, const std::string& health = "",
             int n = 0) {
    HttpResponse r = Admin("/_sim/route/" + ServiceId(customer, n) +
                           (health.empty() ? "" : "?health=" + health));
    EXPECT_EQ(r.status, 200) << r.body;
    return Json(r);
  }
  static json Class(const json& route, const std::string& name) {
    for (const json& c : route["classes"])
      if (c["class"] == name) return c;
    ADD_FAILURE() << "no class " << name << " in " << route.dump();
    return json::object();
  }
};

TEST_F(CdnRoutingTest, OneOriginTakesEveryRequest) {
  json r = Route("C-10002");
  EXPECT_EQ(r["version"], 1);
  ASSERT_EQ(r["classes"].size(), 1u);
  EXPECT_EQ(Class(r, "default")["backends"], json({"origin_1"}));
  EXPECT_EQ(Class(r, "default")["via"], "only");
  EXPECT_EQ(r["addresses"], json({"198.18.0.2"}));
}

TEST_F(CdnRoutingTest, ASecondUnconditionedBackendGetsLiveTraffic) {
  // The unsafe thing revision 1 did: a backend beside the old one.
  int v = CloneActive("C-10002");
  std::string t = TokenOf("C-10002");
  ASSERT_EQ(Post(VersionPath("C-10002", v) + "/backend",
                 "name=twin&address=198.19.0.2&auto_loadbalance=1", t)
                .status,
            200);
  ASSERT_EQ(Put(VersionPath("C-10002", v) + "/activate", "", t).status, 200);
  json r = Route("C-10002");
  EXPECT_EQ(Class(r, "default")["via"], "arbitrary");
  EXPECT_EQ(r["addresses"], json({"198.18.0.2", "198.19.0.2"}));
}

TEST_F(CdnRoutingTest, DirectorFallsBelowItsQuorumWithOneMemberDown) {
  json all = Route("C-10003");
  json pool = Class(all, "director:pool");
  EXPECT_EQ(pool["backends"], json({"origin_1", "origin_2", "origin_3"}));
  EXPECT_EQ(pool["quorum"], 75);
  EXPECT_EQ(pool["healthy_percent"], 100);
  EXPECT_EQ(pool["down"], false);
  EXPECT_EQ(Class(all, "condition:is_legacy")["addresses"],
            json({"origin.c10003.example.jp"}));
  json one_down = Route("C-10003", "origin_1:down");
  json p = Class(one_down, "director:pool");
  EXPECT_EQ(p["healthy_percent"], 66);
  EXPECT_EQ(p["down"], true);  // 2 of 3 healthy is below 75%
  EXPECT_EQ(p["backends"], json::array());
  // An explicit up wins, and a name that is not a backend changes nothing.
  EXPECT_EQ(
      Class(Route("C-10003", "origin_1:up,nope:down"), "director:pool")["down"],
      false);
  HttpResponse bad = Admin("/_sim/route/" + ServiceId("C-10003") +
                           "?health=origin_1:sideways");
  EXPECT_EQ(bad.status, 400);
}

TEST_F(CdnRoutingTest, AutoLoadBalanceIsOneServiceWidePool) {
  json r = Route("C-10004");
  json d = Class(r, "default");
  EXPECT_EQ(d["via"], "auto_loadbalance");
  EXPECT_EQ(d["backends"], json({"origin_site", "origin_images"}));
  // Health-checked: a down member leaves the pool.
  json site_down = Route("C-10004", "origin_site:down");
  EXPECT_EQ(Class(site_down, "default")["backends"], json({"origin_images"}));
  json both = Route("C-10004", "origin_site:down,origin_images:down");
  EXPECT_EQ(Class(both, "default")["down"], true);
  EXPECT_EQ(both["addresses"], json::array());
}

TEST_F(CdnRoutingTest, ShareKeySharesHealth) {
  int v = CloneActive("C-10004");
  std::string t = TokenOf("C-10004");
  ASSERT_EQ(Post(VersionPath("C-10004", v) + "/backend",
                 "name=copy&address=198.19.0.4&share_key=site"
                 "&auto_loadbalance=1&healthcheck=hc_site",
                 t)
                .status,
            200);
  ASSERT_EQ(Put(VersionPath("C-10004", v) + "/activate", "", t).status, 200);
  json r = Route("C-10004", "origin_site:down");
  // The copy shares origin_site's health state: both are out.
  EXPECT_EQ(Class(r, "default")["backends"], json({"origin_images"}));
}

TEST_F(CdnRoutingTest, ConditionsAreClassesOfTheirOwn) {
  json r = Route("C-10005");
  EXPECT_EQ(Class(r, "default")["backends"], json({"origin_1"}));
  EXPECT_EQ(Class(r, "condition:is_api")["backends"], json({"origin_api"}));
  EXPECT_EQ(Class(r, "condition:is_static")["backends"], json({"static_1"}));
  // A backend without a healthcheck keeps getting requests when down.
  EXPECT_EQ(Class(Route("C-10005", "origin_api:down"),
                  "condition:is_api")["backends"],
            json({"origin_api"}));
}

TEST_F(CdnRoutingTest, HiddenOriginsAreRoutedToo) {
  json r = Route("C-10008");
  EXPECT_EQ(Class(r, "vcl:F_legacy_app")["addresses"], json({"2001:db8:a::8"}));
  EXPECT_EQ(Class(r, "pool:app_pool")["addresses"], json({"2001:db8:a::8"}));
  EXPECT_EQ(Class(r, "default")["backends"], json({"origin_1"}));
}

TEST_F(CdnRoutingTest, ComputeCodeMayUseAnyBackend) {
  json r = Route("C-10009", "", 1);
  EXPECT_EQ(r["type"], "wasm");
  EXPECT_EQ(Class(r, "compute")["backends"], json({"app_origin"}));
}

TEST_F(CdnRoutingTest, EveryActivationIsRecordedWithItsRoutes) {
  HttpResponse r = Admin("/_sim/activations");
  ASSERT_EQ(r.status, 200);
  json seed = Json(r);
  // The seed's active versions start the history.
  ASSERT_EQ(seed.size(), 10u);  // 8 customers, C-10009 has 3 services
  EXPECT_EQ(seed[0]["by"], "seed");
  int v = CloneActive("C-10002");
  std::string t = TokenOf("C-10002");
  ASSERT_EQ(Put(VersionPath("C-10002", v) + "/backend/origin_1",
                "address=198.19.0.2", t)
                .status,
            200);
  ASSERT_EQ(Put(VersionPath("C-10002", v) + "/activate", "", t).status, 200);
  ASSERT_TRUE(api_->CustomerChange("C-10003").ok());
  json history = Json(Admin("/_sim/activations"));
  ASSERT_EQ(history.size(), 12u);
  const json& ours = history[10];
  EXPECT_EQ(ours["service_id"], ServiceId("C-10002"));
  EXPECT_EQ(ours["version"], v);
  EXPECT_EQ(ours["previous"], 1);
  EXPECT_EQ(ours["by"], Json(Get("/tokens/self", t))["user_id"]);
  EXPECT_EQ(ours["routes"]["addresses"], json({"198.19.0.2"}));
  EXPECT_EQ(ours["config"]["backends"][0]["address"], "198.19.0.2");
  EXPECT_EQ(history[11]["by"], "console");
  // With the account's old IP down, the director of C-10003 is down.
  json old_down = history[11]["routes_old_down"];
  for (const json& c : old_down["classes"]) {
    if (c["class"] == "director:pool") {
      EXPECT_EQ(c["down"], true);
    }
  }
}

}  // namespace
}  // namespace renumber::cdnsim::testing
