// Conformance (cdn.md "Objects", "Endpoints"): the service list and its
// pagination, service details, the version list.
#include "adapters/cdn/simulator/conformance_fixture.h"

namespace renumber::cdnsim::testing {
namespace {

using nlohmann::json;

class CdnServicesTest : public CdnConformanceTest {
 protected:
  // Gives C-10002 `n` services (copies of its seeded one) via the state.
  void GiveManyServices(int n) {
    json state = api_->SaveState();
    json seed;
    for (const json& s : state["services"])
      if (s["account"] == "C-10002") seed = s;
    ASSERT_TRUE(seed.is_object());
    for (int i = 1; i < n; ++i) {
      json copy = seed;
      std::string suffix = std::to_string(1000 + i);
      copy["id"] = "Pg" + std::string(16, 'x') + suffix;
      copy["name"] = "site" + suffix + ".example.jp";
      state["services"].push_back(copy);
    }
    ASSERT_TRUE(api_->LoadState(state).ok());
  }
  json Page(const std::string& query) {
    HttpResponse r = Get("/service" + query, TokenOf("C-10002"));
    EXPECT_EQ(r.status, 200) << r.body;
    return Json(r);
  }
};

TEST_F(CdnServicesTest, ListHasContractFields) {
  json list = Json(Get("/service", TokenOf("C-10005")));
  ASSERT_EQ(list.size(), 2u);
  const json& www = list[0];
  EXPECT_EQ(www["name"], "www.c10005.example.jp");
  EXPECT_EQ(www["version"], 2);  // the active one, not the newer draft
  EXPECT_EQ(www["type"], "vcl");
  ASSERT_TRUE(www["id"].is_string());
  std::string id = www["id"];
  EXPECT_EQ(id.size(), 22u);
  for (char c : id) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)));
  ASSERT_TRUE(www["customer_id"].is_string());
  EXPECT_EQ(www["customer_id"].get<std::string>().size(), 22u);
  EXPECT_EQ(list[1]["customer_id"], www["customer_id"]);
  EXPECT_EQ(list[1]["name"], "shop.c10005.example.jp");
  EXPECT_EQ(last_call().endpoint, "GET /service");
  // A GET carries no rate-limit headers.
  HttpResponse r = Get("/service");
  EXPECT_FALSE(r.headers.Get("Fastly-RateLimit-Remaining").has_value());
  EXPECT_FALSE(r.headers.Get("Fastly-RateLimit-Reset").has_value());
}

TEST_F(CdnServicesTest, ServiceWithoutActiveVersionListsZero) {
  json state = api_->SaveState();
  for (json& s : state["services"])
    if (s["account"] == "C-10002")
      for (json& v : s["versions"]) v["active"] = false;
  ASSERT_TRUE(api_->LoadState(state).ok());
  json list = Json(Get("/service", TokenOf("C-10002")));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["version"], 0);
  json details =
      Json(Get("/service/" + list[0]["id"].get<std::string>() + "/details",
               TokenOf("C-10002")));
  EXPECT_TRUE(details["active_version"].is_null());
}

TEST_F(CdnServicesTest, PaginationDefaultsTo20) {
  GiveManyServices(130);
  json first = Page("");
  ASSERT_EQ(first.size(), 20u);
  EXPECT_EQ(first[0]["name"], "www.c10002.example.jp");
  EXPECT_EQ(Page("?page=1"), first);
  json second = Page("?page=2");
  ASSERT_EQ(second.size(), 20u);
  EXPECT_NE(second[0]["id"], first[0]["id"]);
}

TEST_F(CdnServicesTest, PaginationWalksEveryServiceOnceUpToAShortLastPage) {
  GiveManyServices(130);
  std::set<std::string> seen;
  int page = 1;
  size_t size = 0;
  do {
    json p = Page("?page=" + std::to_string(page++) + "&per_page=30");
    size = p.size();
    for (const json& s : p) EXPECT_TRUE(seen.insert(s["id"]).second);
  } while (size == 30);
  EXPECT_EQ(size, 10u);  // 130 = 4 * 30 + 10: the short page is the last
  EXPECT_EQ(seen.size(), 130u);
  EXPECT_EQ(page - 1, 5);
}

TEST_F(CdnServicesTest, PerPageAtMost100AndPagePastTheEndIsEmpty) {
  GiveManyServices(130);
  EXPECT_EQ(Page("?per_page=100").size(), 100u);
  EXPECT_EQ(Page("?per_page=100&page=2").size(), 30u);
  EXPECT_EQ(Page("?per_page=100&page=3"), json::array());
  EXPECT_EQ(Page("?page=99"), json::array());
  EXPECT_EQ(Page("?per_page=1&page=130").size(), 1u);
  EXPECT_EQ(Page("?per_page=1&page=131").size(), 0u);
}

TEST_F(CdnServicesTest, InvalidPaginationIs400) {
  for (const char* q :
       {"?per_page=101", "?per_page=0", "?per_page=-5", "?per_page=ten",
        "?page=0", "?page=-1", "?page=x", "?page=", "?page=1.5"}) {
    HttpResponse r = Get(std::string("/service") + q);
    ExpectError(r, 400, "Bad request");
  }
}

TEST_F(CdnServicesTest, DetailsHoldActiveAndAllVersions) {
  std::string sid = ServiceId("C-10006");
  HttpResponse r = Get("/service/" + sid + "/details", TokenOf("C-10006"));
  ASSERT_EQ(r.status, 200);
  json d = Json(r);
  EXPECT_EQ(d["id"], sid);
  EXPECT_EQ(d["name"], "www.c10006.example.jp");
  // Version 5 was activated once and rolled back: locked, inactive.
  json expected_active = {{"number", 4},
                          {"active", true},
                          {"locked", true},
                          {"comment", "Update 4"},
                          {"service_id", sid}};
  EXPECT_EQ(d["active_version"], expected_active);
  ASSERT_EQ(d["versions"].size(), 5u);
  EXPECT_EQ(d["versions"][3], expected_active);
  EXPECT_EQ(d["versions"][4]["active"], false);
  EXPECT_EQ(d["versions"][4]["locked"], true);
  EXPECT_EQ(d["versions"][0]["comment"], "Initial configuration");
}

TEST_F(CdnServicesTest, VersionListShowsDraft) {
  std::string sid = ServiceId("C-10005");
  json versions = Json(Get("/service/" + sid + "/version", TokenOf("C-10005")));
  ASSERT_EQ(versions.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(versions[i]["number"], i + 1);
    EXPECT_EQ(versions[i]["service_id"], sid);
  }
  EXPECT_EQ(versions[1]["active"], true);
  EXPECT_EQ(versions[2]["active"], false);
  EXPECT_EQ(versions[2]["locked"], false);
  EXPECT_EQ(last_call().endpoint, "GET /service/{sid}/version");
}

}  // namespace
}  // namespace renumber::cdnsim::testing
