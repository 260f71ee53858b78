// Conformance (cdn.md "Custom VCL and snippets", pools): the places an
// origin address can hide, read-only, and their answer shapes.
#include "adapters/cdn/simulator/conformance_fixture.h"

namespace renumber::cdnsim::testing {
namespace {

using nlohmann::json;

class CdnConfigTest : public CdnConformanceTest {
 protected:
  void SetUp() override {
    CdnConformanceTest::SetUp();
    token_ = TokenOf("C-10008");
    sid_ = ServiceId("C-10008");
    v2_ = "/service/" + sid_ + "/version/2";
  }
  std::string token_, sid_, v2_;
};

TEST_F(CdnConfigTest, CustomVclHoldsABackendOfItsOwn) {
  json vcls = Json(Get(v2_ + "/vcl", token_));
  ASSERT_EQ(vcls.size(), 1u);
  EXPECT_EQ(vcls[0]["name"], "main");
  EXPECT_EQ(vcls[0]["main"], true);
  EXPECT_NE(
      vcls[0]["content"].get<std::string>().find(".host = \"2001:db8:a::8\""),
      std::string::npos);
  EXPECT_EQ(vcls[0]["service_id"], sid_);
  EXPECT_EQ(last_call().endpoint, "GET /service/{sid}/version/{v}/vcl");
}

TEST_F(CdnConfigTest, SnippetsAnswerLikeTheRealService) {
  json snippets = Json(Get(v2_ + "/snippet", token_));
  ASSERT_EQ(snippets.size(), 2u);
  EXPECT_EQ(snippets[0]["name"], "debug_origin");
  EXPECT_EQ(snippets[0]["type"], "recv");
  EXPECT_EQ(snippets[0]["dynamic"], "0");  // a string on the real service
  EXPECT_NE(snippets[0]["content"].get<std::string>().find("2001:db8:a::8"),
            std::string::npos);
  EXPECT_TRUE(snippets[0]["id"].is_string());
  EXPECT_EQ(last_call().endpoint, "GET /service/{sid}/version/{v}/snippet");
}

TEST_F(CdnConfigTest, PoolsAndTheirUnversionedServers) {
  json pools = Json(Get(v2_ + "/pool", token_));
  ASSERT_EQ(pools.size(), 1u);
  EXPECT_EQ(pools[0]["name"], "app_pool");
  EXPECT_EQ(pools[0]["quorum"], "50");  // strings, like the real answers
  EXPECT_EQ(pools[0]["use_tls"], "0");
  EXPECT_EQ(pools[0]["version"], "2");
  const std::string id = pools[0]["id"];
  EXPECT_EQ(id.size(), 22u);
  // Clones keep the pool's id; its servers are not versioned.
  json v1 = Json(Get("/service/" + sid_ + "/version/1/pool", token_));
  EXPECT_EQ(v1[0]["id"], id);
  HttpResponse r = Get("/service/" + sid_ + "/pool/" + id + "/servers", token_);
  ASSERT_EQ(r.status, 200) << r.body;
  json servers = Json(r);
  ASSERT_EQ(servers.size(), 1u);
  EXPECT_EQ(servers[0]["address"], "2001:db8:a::8");
  EXPECT_EQ(servers[0]["port"], 8080);
  EXPECT_EQ(servers[0]["pool_id"], id);
  EXPECT_EQ(last_call().endpoint, "GET /service/{sid}/pool/{pool_id}/servers");
  ExpectError(Get("/service/" + sid_ + "/pool/nope/servers", token_), 404,
              "Record not found");
}

TEST_F(CdnConfigTest, OrdinaryServicesHaveNone) {
  std::string v1 = VersionPath("C-10002", 1);
  for (const char* what : {"/vcl", "/snippet", "/pool"})
    EXPECT_EQ(Json(Get(v1 + what, TokenOf("C-10002"))), json::array()) << what;
}

}  // namespace
}  // namespace renumber::cdnsim::testing
