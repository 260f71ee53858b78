// Conformance (cdn.md "Objects", "Endpoints"): the service list, its
// paging by Link headers with the server's cap, service details, the
// version list, service types, and GET /tokens/self.
#include <set>

#include "adapters/cdn/simulator/conformance_fixture.h"
#include "adapters/cdn/simulator/seed.h"

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
  HttpResponse Page(const std::string& query) {
    HttpResponse r = Get("/service" + query, TokenOf("C-10002"));
    EXPECT_EQ(r.status, 200) << r.body;
    return r;
  }
  // The URL of the Link header's rel="next", "" when there is none.
  static std::string Next(const HttpResponse& r) {
    const std::string link = r.headers.GetOr("Link", "");
    size_t rel = link.find("rel=\"next\"");
    if (rel == std::string::npos) return "";
    size_t open = link.rfind('<', rel), close = link.rfind('>', rel);
    return link.substr(open + 1, close - open - 1);
  }
};

TEST_F(CdnServicesTest, ListEntriesAreShapedLikeTheRealService) {
  json list = Json(Get("/service", TokenOf("C-10005")));
  ASSERT_EQ(list.size(), 1u);
  const json& www = list[0];
  EXPECT_EQ(www["name"], "www.c10005.example.jp");
  EXPECT_EQ(www["version"], 3);  // the active one, not the newer draft
  EXPECT_EQ(www["type"], "vcl");
  std::string id = www["id"];
  EXPECT_EQ(id.size(), 22u);
  for (char c : id) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)));
  EXPECT_EQ(www["customer_id"].get<std::string>().size(), 22u);
  // Every field present, null for unset ones, and every version.
  for (const char* k : {"comment", "created_at", "updated_at", "deleted_at",
                        "paused", "versions"})
    EXPECT_TRUE(www.contains(k)) << k;
  EXPECT_TRUE(www["deleted_at"].is_null());
  ASSERT_EQ(www["versions"].size(), 4u);
  EXPECT_EQ(www["versions"][3]["locked"], false);
  EXPECT_EQ(www["versions"][2]["active"], true);
  for (const char* k :
       {"number", "active", "locked", "comment", "service_id", "created_at",
        "updated_at", "deleted_at", "deployed", "staging", "testing"})
    EXPECT_TRUE(www["versions"][0].contains(k)) << k;
  EXPECT_EQ(last_call().endpoint, "GET /service");
  // A GET carries no rate-limit headers.
  HttpResponse r = Get("/service");
  EXPECT_FALSE(r.headers.Get("Fastly-RateLimit-Remaining").has_value());
}

TEST_F(CdnServicesTest, ServiceNameIsALabelAndDomainsAreListedApart) {
  json list = Json(Get("/service", TokenOf("C-10006")));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["name"], "Production");
  const std::string sid = list[0]["id"];
  json domains =
      Json(Get("/service/" + sid + "/version/5/domain", TokenOf("C-10006")));
  ASSERT_EQ(domains.size(), 1u);
  EXPECT_EQ(domains[0]["name"], "shop.c10006.example.jp");
  EXPECT_EQ(domains[0]["comment"], "");
  EXPECT_EQ(domains[0]["service_id"], sid);
  EXPECT_EQ(domains[0]["version"], 5);
  EXPECT_EQ(last_call().endpoint, "GET /service/{sid}/version/{v}/domain");
}

TEST_F(CdnServicesTest, ComputeServicesHaveTypeWasm) {
  json list = Json(Get("/service", TokenOf("C-10009")));
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]["type"], "vcl");
  EXPECT_EQ(list[1]["type"], "wasm");
  EXPECT_EQ(list[1]["name"], "edge-app");
  EXPECT_EQ(list[2]["type"], "wasm");
  json details =
      Json(Get("/service/" + list[1]["id"].get<std::string>() + "/details",
               TokenOf("C-10009")));
  EXPECT_EQ(details["type"], "wasm");
  json backends = Json(
      Get("/service/" + list[1]["id"].get<std::string>() + "/version/3/backend",
          TokenOf("C-10009")));
  ASSERT_EQ(backends.size(), 1u);
  EXPECT_EQ(backends[0]["address"], "198.18.0.9");
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

TEST_F(CdnServicesTest, PagesFollowTheLinkHeaderToTheEnd) {
  GiveManyServices(130);
  HttpResponse first = Page("");
  ASSERT_EQ(Json(first).size(), 20u);  // per_page defaults to 20
  const std::string link = first.headers.GetOr("Link", "");
  EXPECT_NE(link.find("rel=\"last\""), std::string::npos) << link;
  EXPECT_NE(link.find("page=7&per_page=20>; rel=\"last\""), std::string::npos)
      << link;
  std::set<std::string> seen;
  std::string next = "/service?per_page=30";
  int pages = 0;
  while (!next.empty()) {
    size_t path = next.find("/service");
    HttpResponse r = Page(next.substr(path + 8));
    for (const json& s : Json(r)) EXPECT_TRUE(seen.insert(s["id"]).second);
    next = Next(r);
    if (!next.empty()) {
      EXPECT_EQ(next.rfind(server_->base_url(), 0), 0u) << next;
    }
    ASSERT_LT(++pages, 10);
  }
  EXPECT_EQ(pages, 5);  // 4 * 30 + 10
  EXPECT_EQ(seen.size(), 130u);
}

TEST_F(CdnServicesTest, TheServerCapsPerPage) {
  GiveManyServices(130);
  EXPECT_EQ(api_->Settings()["max_per_page"], 50);
  HttpResponse r = Page("?per_page=100");
  EXPECT_EQ(Json(r).size(), 50u);  // not 100, not an error
  EXPECT_NE(Next(r).find("page=2&per_page=50"), std::string::npos);
  ASSERT_TRUE(api_->Configure({{"max_per_page", 7}}).ok());
  EXPECT_EQ(Json(Page("?per_page=100")).size(), 7u);
  EXPECT_EQ(Json(Page("?page=99")), json::array());
  EXPECT_EQ(Next(Page("?page=19&per_page=7")), "");  // 19 * 7 = 133
  EXPECT_EQ(Json(Page("?per_page=1&page=130")).size(), 1u);
}

TEST_F(CdnServicesTest, InvalidPaginationIs400) {
  for (const char* q :
       {"?per_page=0", "?per_page=-5", "?per_page=ten", "?page=0", "?page=-1",
        "?page=x", "?page=", "?page=1.5"}) {
    HttpResponse r = Get(std::string("/service") + q);
    ExpectError(r, 400, "Bad request");
  }
}

TEST_F(CdnServicesTest, DetailsHoldActiveAndAllVersions) {
  std::string sid = ServiceId("C-10004");
  HttpResponse r = Get("/service/" + sid + "/details", TokenOf("C-10004"));
  ASSERT_EQ(r.status, 200);
  json d = Json(r);
  EXPECT_EQ(d["id"], sid);
  EXPECT_EQ(d["name"], "www.c10004.example.jp");
  EXPECT_EQ(d["type"], "vcl");
  EXPECT_EQ(d["active_version"]["number"], 3);
  EXPECT_EQ(d["active_version"]["comment"], "Update 3");
  EXPECT_EQ(d["active_version"]["locked"], true);
  ASSERT_EQ(d["versions"].size(), 4u);
  // Version 4 was locked for review and never activated: locked does not
  // mean "was active".
  EXPECT_EQ(d["versions"][3]["active"], false);
  EXPECT_EQ(d["versions"][3]["locked"], true);
  EXPECT_EQ(d["versions"][0]["comment"], "Initial configuration");
  // The version shown with its configuration is the active one.
  EXPECT_EQ(d["version"]["number"], 3);
  EXPECT_EQ(d["version"]["backends"].size(), 2u);
  EXPECT_EQ(d["version"]["domains"][0]["name"], "www.c10004.example.jp");
}

TEST_F(CdnServicesTest, VersionListShowsTheCustomersDraft) {
  std::string sid = ServiceId("C-10005");
  json versions = Json(Get("/service/" + sid + "/version", TokenOf("C-10005")));
  ASSERT_EQ(versions.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(versions[i]["number"], i + 1);
    EXPECT_EQ(versions[i]["service_id"], sid);
  }
  EXPECT_EQ(versions[2]["active"], true);
  EXPECT_EQ(versions[3]["active"], false);
  EXPECT_EQ(versions[3]["locked"], false);
  EXPECT_EQ(versions[3]["comment"], "Work in progress: new application server");
  EXPECT_EQ(last_call().endpoint, "GET /service/{sid}/version");
}

TEST_F(CdnServicesTest, TokensSelfNamesTheUserBothTokensShare) {
  HttpResponse rw = Get("/tokens/self", TokenOf("C-10003"));
  ASSERT_EQ(rw.status, 200) << rw.body;
  json a = Json(rw);
  EXPECT_EQ(a["scope"], "global");
  EXPECT_EQ(a["user_id"].get<std::string>().size(), 22u);
  EXPECT_EQ(a["services"].size(), 1u);
  EXPECT_TRUE(a["expires_at"].is_null());
  json b = Json(Get("/tokens/self", ReadOnlyTokenFor(TokenOf("C-10003"))));
  EXPECT_EQ(b["scope"], "global:read");
  EXPECT_EQ(b["user_id"], a["user_id"]);
  EXPECT_NE(b["id"], a["id"]);
  json other = Json(Get("/tokens/self", TokenOf("C-10004")));
  EXPECT_NE(other["user_id"], a["user_id"]);
  EXPECT_EQ(last_call().endpoint, "GET /tokens/self");
  // Its errors use the {"errors":[…]} shape.
  HttpResponse bad = Get("/tokens/self", "nope");
  EXPECT_EQ(bad.status, 401);
  json e = Json(bad);
  ASSERT_TRUE(e.contains("errors")) << bad.body;
  EXPECT_EQ(e["errors"][0]["title"], "Unauthorized");
}

}  // namespace
}  // namespace renumber::cdnsim::testing
