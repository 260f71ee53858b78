// Conformance (cdn.md "Version"): clone (with the comment), comment, lock,
// activate, rollback, 422 on locked versions, diff, and the customer's
// concurrent change.
#include <set>
#include <thread>

#include "adapters/cdn/simulator/conformance_fixture.h"

namespace renumber::cdnsim::testing {
namespace {

using nlohmann::json;

class CdnVersionsTest : public CdnConformanceTest {
 protected:
  json Versions(const std::string& customer) {
    return Json(
        Get("/service/" + ServiceId(customer) + "/version", TokenOf(customer)));
  }
};

TEST_F(CdnVersionsTest, CloneCarriesEverythingAndTheComment) {
  std::string sid = ServiceId("C-10003");
  HttpResponse r = Put("/service/" + sid + "/version/2/clone");
  ASSERT_EQ(r.status, 200) << r.body;
  json v = Json(r);
  EXPECT_EQ(v["number"], 3);
  EXPECT_EQ(v["active"], false);
  EXPECT_EQ(v["locked"], false);
  EXPECT_EQ(v["comment"], "Update 2");  // the clone's source comment
  EXPECT_EQ(v["service_id"], sid);
  EXPECT_EQ(last_call().endpoint, "PUT /service/{sid}/version/{v}/clone");
  EXPECT_TRUE(last_call().committed);
  std::string v2 = "/service/" + sid + "/version/2",
              v3 = "/service/" + sid + "/version/3";
  for (const char* what :
       {"/backend", "/healthcheck", "/director", "/domain", "/snippet"}) {
    json a = Json(Get(v2 + what)), b = Json(Get(v3 + what));
    ASSERT_EQ(a.size(), b.size()) << what;
    ASSERT_FALSE(a.empty()) << what;
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(b[i]["version"], 3);
      for (json* x : {&a[i], &b[i]})
        for (const char* k : {"version", "created_at", "updated_at"})
          x->erase(k);
      EXPECT_EQ(a[i], b[i]) << what;
    }
  }
  // Cloning an old locked version is allowed too; numbers keep growing.
  EXPECT_EQ(Json(Put("/service/" + sid + "/version/1/clone"))["number"], 4);
  EXPECT_EQ(
      Json(Get("/service/" + sid + "/details"))["active_version"]["number"], 2);
}

TEST_F(CdnVersionsTest, CommentOfADraftCanBeSetButNotOfALockedVersion) {
  int v = CloneActive("C-10003");
  HttpResponse r = Put(VersionPath("C-10003", v),
                       "comment=renumber+staged%3A+198.18.0.3+%E2%86%92");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["comment"], "renumber staged: 198.18.0.3 \xE2\x86\x92");
  EXPECT_TRUE(last_call().committed);
  EXPECT_EQ(last_call().endpoint, "PUT /service/{sid}/version/{v}");
  EXPECT_EQ(Versions("C-10003")[v - 1]["comment"],
            "renumber staged: 198.18.0.3 \xE2\x86\x92");
  // An empty value sets it empty.
  EXPECT_EQ(Json(Put(VersionPath("C-10003", v), "comment="))["comment"], "");
  std::string detail = ExpectError(Put(VersionPath("C-10003", 2), "comment=x"),
                                   422, "Version locked");
  EXPECT_NE(detail.find("'2'"), std::string::npos) << detail;
  EXPECT_EQ(Versions("C-10003")[1]["comment"], "Update 2");
}

TEST_F(CdnVersionsTest, LockLocksWithoutActivating) {
  int v = CloneActive("C-10003");
  HttpResponse r = Put(VersionPath("C-10003", v) + "/lock");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["locked"], true);
  EXPECT_EQ(Json(r)["active"], false);
  EXPECT_TRUE(last_call().committed);
  EXPECT_EQ(Json(Get("/service"))[0]["version"], 2);
  ExpectError(
      Post(VersionPath("C-10003", v) + "/backend", "name=n&address=192.0.2.7"),
      422, "Version locked");
  // Locking again changes nothing; a locked version can still be activated.
  EXPECT_EQ(Put(VersionPath("C-10003", v) + "/lock").status, 200);
  EXPECT_FALSE(last_call().committed);
  EXPECT_EQ(Put(VersionPath("C-10003", v) + "/activate").status, 200);
  EXPECT_EQ(Json(Get("/service"))[0]["version"], v);
}

// cdn.md: GET /service/{sid}/version/{v}/domain, an array of
// {"name","comment"} (with the owner's service_id and version and the
// timestamps, as Fastly sends); the service's name is a label, the domains
// are the version's.
TEST_F(CdnVersionsTest, DomainsArePerVersion) {
  std::string sid = ServiceId("C-10004");
  std::string t = TokenOf("C-10004");
  HttpResponse r = Get("/service/" + sid + "/version/2/domain", t);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(last_call().endpoint, "GET /service/{sid}/version/{v}/domain");
  EXPECT_FALSE(last_call().committed);
  json list = Json(r);
  ASSERT_EQ(list.size(), 1u) << list.dump();
  EXPECT_EQ(list[0]["name"], "www.c10004.example.jp");
  EXPECT_EQ(list[0]["comment"], "");
  EXPECT_EQ(list[0]["service_id"], sid);
  EXPECT_EQ(list[0]["version"], 2);
  EXPECT_TRUE(list[0]["deleted_at"].is_null()) << list.dump();
  ExpectError(Get("/service/" + sid + "/version/99/domain", t), 404,
              "Record not found");
  ExpectError(Get("/service/" + sid + "/version/2/domain", TokenOf("C-10003")),
              404, "Record not found");
}

TEST_F(CdnVersionsTest, ActivateLocksAndDeactivatesPrevious) {
  int v = CloneActive("C-10003");
  ASSERT_EQ(v, 3);
  HttpResponse r = Put(VersionPath("C-10003", v) + "/activate");
  ASSERT_EQ(r.status, 200) << r.body;
  json active = Json(r);
  EXPECT_EQ(active["number"], 3);
  EXPECT_EQ(active["active"], true);
  EXPECT_EQ(active["locked"], true);
  EXPECT_TRUE(last_call().committed);
  json versions = Versions("C-10003");
  EXPECT_EQ(versions[1]["active"], false);
  EXPECT_EQ(versions[1]["locked"], true);
  EXPECT_EQ(versions[2]["active"], true);
  EXPECT_EQ(Json(Get("/service"))[0]["version"], 3);
}

TEST_F(CdnVersionsTest, ActivatingAnOlderLockedVersionRollsBack) {
  int v = CloneActive("C-10003");
  ASSERT_EQ(Put(VersionPath("C-10003", v) + "/activate").status, 200);
  HttpResponse r = Put(VersionPath("C-10003", 2) + "/activate");
  ASSERT_EQ(r.status, 200) << r.body;
  json versions = Versions("C-10003");
  EXPECT_EQ(versions[1]["active"], true);
  EXPECT_EQ(versions[2]["active"], false);
  EXPECT_EQ(versions[2]["locked"], true);
  ASSERT_EQ(Put(VersionPath("C-10003", 1) + "/activate").status, 200);
  EXPECT_EQ(Json(Get("/service"))[0]["version"], 1);
}

TEST_F(CdnVersionsTest, ActivatingTheActiveVersionAgainChangesNothing) {
  HttpResponse r = Put(VersionPath("C-10003", 2) + "/activate");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["active"], true);
  EXPECT_FALSE(last_call().committed);
  EXPECT_EQ(Versions("C-10003").size(), 2u);
}

TEST_F(CdnVersionsTest, EveryWriteToALockedOrActiveVersionIs422) {
  std::string sid = ServiceId("C-10003");
  for (int v : {1, 2}) {  // 1 locked and inactive, 2 active
    std::string base = "/service/" + sid + "/version/" + std::to_string(v);
    const std::vector<std::pair<std::string, std::string>> writes = {
        {"PUT", base},
        {"POST", base + "/backend"},
        {"PUT", base + "/backend/origin_1"},
        {"DELETE", base + "/backend/legacy"},
        {"POST", base + "/healthcheck"},
        {"DELETE", base + "/healthcheck/hc_root"},
        {"POST", base + "/director/pool/backend/legacy"},
        {"DELETE", base + "/director/pool/backend/origin_1"},
    };
    for (const auto& [method, path] : writes) {
      std::string body =
          method == "DELETE" ? "" : "name=n&address=192.0.2.7&port=81";
      std::string detail = ExpectError(
          Send(method, path, TokenOf("C-10003"), body), 422, "Version locked");
      EXPECT_NE(detail.find("'" + std::to_string(v) + "'"), std::string::npos)
          << method << " " << path << ": " << detail;
      EXPECT_FALSE(last_call().committed);
    }
  }
  json backends = Json(Get("/service/" + sid + "/version/2/backend"));
  EXPECT_EQ(backends.size(), 4u);
  EXPECT_EQ(backends[0]["port"], 443);
}

TEST_F(CdnVersionsTest, DraftOfTheCustomerIsWritable) {
  std::string path = VersionPath("C-10005", 4) + "/backend/new_app";
  HttpResponse r = Put(path, "port=8081", TokenOf("C-10005"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["port"], 8081);
}

TEST_F(CdnVersionsTest, UnknownVersionIs404) {
  std::string sid = ServiceId("C-10003");
  for (const auto& [method, suffix] :
       std::vector<std::pair<std::string, std::string>>{
           {"PUT", "/clone"},
           {"PUT", "/activate"},
           {"PUT", "/lock"},
           {"PUT", ""},
           {"GET", "/validate"},
           {"GET", "/backend"},
           {"GET", "/backend/origin_1"},
           {"POST", "/backend"},
           {"GET", "/healthcheck"},
           {"GET", "/director"},
           {"GET", "/domain"},
           {"GET", "/vcl"},
           {"GET", "/snippet"},
           {"GET", "/pool"}}) {
    HttpResponse r = Send(method, "/service/" + sid + "/version/9" + suffix,
                          TokenOf("C-10003"),
                          method == "GET" ? "" : "name=a&address=192.0.2.1");
    std::string detail = ExpectError(r, 404, "Record not found");
    EXPECT_NE(detail.find("'9'"), std::string::npos) << detail;
  }
  EXPECT_EQ(Versions("C-10003").size(), 2u);
}

TEST_F(CdnVersionsTest, DiffShowsTheChangedLinesOfTheGeneratedConfig) {
  int v = CloneActive("C-10002");
  std::string t = TokenOf("C-10002");
  ASSERT_EQ(Put(VersionPath("C-10002", v) + "/backend/origin_1",
                "address=198.19.0.2", t)
                .status,
            200);
  ASSERT_EQ(Put(VersionPath("C-10002", v), "comment=staged", t).status, 200);
  std::string sid = ServiceId("C-10002");
  HttpResponse r = Get("/service/" + sid + "/diff/from/1/to/" +
                           std::to_string(v) + "?format=text",
                       t);
  ASSERT_EQ(r.status, 200) << r.body;
  json d = Json(r);
  EXPECT_EQ(d["from"], "1");  // strings, like the real service
  EXPECT_EQ(d["to"], std::to_string(v));
  EXPECT_EQ(d["format"], "text");
  const std::string diff = d["diff"];
  EXPECT_NE(diff.find("\n-  address: 198.18.0.2\n+  address: 198.19.0.2\n"),
            std::string::npos)
      << diff;
  EXPECT_NE(diff.find("-comment: Initial configuration\n+comment: staged\n"),
            std::string::npos)
      << diff;
  EXPECT_NE(diff.find("\n   port: 80\n"), std::string::npos) << diff;
  EXPECT_EQ(last_call().endpoint,
            "GET /service/{sid}/diff/from/{from}/to/{to}");
  // Same version: no line changes.
  json same = Json(Get("/service/" + sid + "/diff/from/1/to/1", t));
  EXPECT_EQ(same["diff"].get<std::string>().find("\n+"), std::string::npos);
  // Errors here come as application/problem+json.
  HttpResponse missing = Get("/service/" + sid + "/diff/from/1/to/77", t);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.headers.GetOr("Content-Type", ""),
            "application/problem+json");
  json problem = Json(missing);
  EXPECT_EQ(problem["status"], 404);
  EXPECT_NE(problem["detail"].get<std::string>().find("77"), std::string::npos);
}

TEST_F(CdnVersionsTest, CustomerChangeClonesAndActivates) {
  std::string sid = ServiceId("C-10003");
  int before = Json(Get("/service"))[0]["version"];
  ASSERT_TRUE(api_->CustomerChange("C-10003").ok());
  json details = Json(Get("/service/" + sid + "/details"));
  EXPECT_EQ(details["active_version"]["number"], before + 1);
  EXPECT_EQ(details["active_version"]["comment"],
            "Changed by the customer in the console");
  EXPECT_EQ(details["versions"][before - 1]["active"], false);
  json origin = Json(Get("/service/" + sid + "/version/" +
                         std::to_string(before + 1) + "/backend/origin_1"));
  EXPECT_EQ(origin["comment"], "edited in the console");
  EXPECT_EQ(api_->CustomerChange("C-99999").code(), Code::kNotFound);
  EXPECT_EQ(api_->CustomerChange("C-10001").code(), Code::kNotFound);  // ESS
}

TEST_F(CdnVersionsTest, ConcurrentClonesGetDistinctNumbersAndSlots) {
  std::string clone = VersionPath("C-10003", 2) + "/clone";
  std::mutex mu;
  std::set<int> numbers, remaining;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        HttpResponse r = Put(clone);
        std::lock_guard<std::mutex> lock(mu);
        EXPECT_EQ(r.status, 200) << r.body;
        numbers.insert(Json(r).value("number", 0));
        remaining.insert(
            std::stoi(r.headers.GetOr("Fastly-RateLimit-Remaining", "-1")));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_EQ(numbers.size(), 80u);
  EXPECT_EQ(*numbers.begin(), 3);
  EXPECT_EQ(*numbers.rbegin(), 82);
  ASSERT_EQ(remaining.size(), 80u);
  EXPECT_EQ(*remaining.begin(), 920);
  EXPECT_EQ(Versions("C-10003").size(), 82u);
}

}  // namespace
}  // namespace renumber::cdnsim::testing
