// Conformance (cdn.md "Version"): clone, activate, rollback, locking, and
// the customer's concurrent change.
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

TEST_F(CdnVersionsTest, CloneMakesAnUnlockedInactiveDraftWithEverything) {
  std::string sid = ServiceId("C-10004");
  std::string t = TokenOf("C-10004");
  HttpResponse r = Put("/service/" + sid + "/version/2/clone", "", t);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r), json({{"number", 3},
                           {"active", false},
                           {"locked", false},
                           {"comment", "Update 2"},
                           {"service_id", sid}}));
  EXPECT_EQ(last_call().endpoint, "PUT /service/{sid}/version/{v}/clone");
  EXPECT_EQ(last_call().account, "C-10004");
  EXPECT_TRUE(last_call().committed);
  std::string v2 = "/service/" + sid + "/version/2",
              v3 = "/service/" + sid + "/version/3";
  for (const char* what :
       {"/backend", "/healthcheck", "/director", "/domain"}) {
    json a = Json(Get(v2 + what, t)), b = Json(Get(v3 + what, t));
    ASSERT_EQ(a.size(), b.size()) << what;
    ASSERT_FALSE(a.empty()) << what;
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(b[i]["version"], 3);
      b[i]["version"] = 2;
      EXPECT_EQ(a[i], b[i]) << what;
    }
  }
  // Cloning an old locked version is allowed too; numbers keep growing.
  HttpResponse again = Put("/service/" + sid + "/version/1/clone", "", t);
  EXPECT_EQ(Json(again)["number"], 4);
  EXPECT_EQ(
      Json(Get("/service/" + sid + "/details", t))["active_version"]["number"],
      2);
}

// cdn.md: GET /service/{sid}/version/{v}/domain, an array of
// {"name","comment"} (with the owner's service_id and version, as Fastly
// sends); the service's name is a label, the domains are the version's.
TEST_F(CdnVersionsTest, DomainsArePerVersion) {
  std::string sid = ServiceId("C-10004");
  std::string t = TokenOf("C-10004");
  HttpResponse r = Get("/service/" + sid + "/version/2/domain", t);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(last_call().endpoint, "GET /service/{sid}/version/{v}/domain");
  EXPECT_FALSE(last_call().committed);
  json list = Json(r);
  ASSERT_EQ(list.size(), 1u) << list.dump();
  EXPECT_EQ(list[0], json({{"name", "www.c10004.example.jp"},
                           {"comment", ""},
                           {"service_id", sid},
                           {"version", 2}}));
  ExpectError(Get("/service/" + sid + "/version/99/domain", t), 404,
              "Record not found");
  ExpectError(Get("/service/" + sid + "/version/2/domain", TokenOf("C-10003")),
              404, "Record not found");
}

TEST_F(CdnVersionsTest, ActivateLocksAndDeactivatesPrevious) {
  int v = CloneActive("C-10003");
  ASSERT_EQ(v, 4);
  HttpResponse r = Put(VersionPath("C-10003", v) + "/activate");
  ASSERT_EQ(r.status, 200) << r.body;
  json active = Json(r);
  EXPECT_EQ(active["number"], 4);
  EXPECT_EQ(active["active"], true);
  EXPECT_EQ(active["locked"], true);
  EXPECT_TRUE(last_call().committed);
  json versions = Versions("C-10003");
  EXPECT_EQ(versions[2]["active"], false);
  EXPECT_EQ(versions[2]["locked"], true);
  EXPECT_EQ(versions[3]["active"], true);
  EXPECT_EQ(Json(Get("/service"))[0]["version"], 4);
}

TEST_F(CdnVersionsTest, ActivatingAnOlderLockedVersionRollsBack) {
  int v = CloneActive("C-10003");
  ASSERT_EQ(Put(VersionPath("C-10003", v) + "/activate").status, 200);
  HttpResponse r = Put(VersionPath("C-10003", 3) + "/activate");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["number"], 3);
  json versions = Versions("C-10003");
  EXPECT_EQ(versions[2]["active"], true);
  EXPECT_EQ(versions[3]["active"], false);
  EXPECT_EQ(versions[3]["locked"], true);
  // Even the very first version.
  ASSERT_EQ(Put(VersionPath("C-10003", 1) + "/activate").status, 200);
  EXPECT_EQ(Json(Get("/service"))[0]["version"], 1);
}

TEST_F(CdnVersionsTest, ActivatingTheActiveVersionAgainChangesNothing) {
  HttpResponse r = Put(VersionPath("C-10003", 3) + "/activate");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["active"], true);
  EXPECT_FALSE(last_call().committed);
  EXPECT_EQ(Versions("C-10003").size(), 3u);
}

TEST_F(CdnVersionsTest, EveryWriteToALockedOrActiveVersionIs400) {
  std::string sid = ServiceId("C-10004");
  std::string t = TokenOf("C-10004");
  for (int v : {1, 2}) {  // 1 locked and inactive, 2 active
    std::string base = "/service/" + sid + "/version/" + std::to_string(v);
    const std::vector<std::pair<std::string, std::string>> writes = {
        {"POST", base + "/backend"},
        {"PUT", base + "/backend/origin_1"},
        {"DELETE", base + "/backend/origin_1"},
        {"POST", base + "/healthcheck"},
        {"POST", base + "/director/pool/backend/legacy"},
        {"DELETE", base + "/director/pool/backend/origin_1"},
    };
    for (const auto& [method, path] : writes) {
      std::string body =
          method == "DELETE" ? "" : "name=n&address=192.0.2.7&port=81";
      std::string detail =
          ExpectError(Send(method, path, t, body), 400, "Bad request");
      EXPECT_EQ(detail, "Version '" + std::to_string(v) + "' for service '" +
                            sid + "' is locked")
          << method << " " << path;
      EXPECT_FALSE(last_call().committed);
    }
  }
  json backends = Json(Get("/service/" + sid + "/version/2/backend", t));
  EXPECT_EQ(backends.size(), 3u);
  EXPECT_EQ(backends[0]["port"], 443);
}

TEST_F(CdnVersionsTest, DraftOfTheCustomerIsWritable) {
  std::string path = VersionPath("C-10005", 3) + "/backend/new_app";
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
           {"GET", "/validate"},
           {"GET", "/backend"},
           {"GET", "/backend/origin_1"},
           {"POST", "/backend"},
           {"GET", "/healthcheck"},
           {"GET", "/director"}}) {
    HttpResponse r = Send(method, "/service/" + sid + "/version/9" + suffix,
                          TokenOf("C-10003"),
                          method == "GET" ? "" : "name=a&address=192.0.2.1");
    std::string detail = ExpectError(r, 404, "Record not found");
    EXPECT_NE(detail.find("'9'"), std::string::npos) << detail;
  }
  EXPECT_EQ(Versions("C-10003").size(), 3u);
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
  std::string clone = VersionPath("C-10003", 3) + "/clone";
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
  EXPECT_EQ(*numbers.begin(), 4);
  EXPECT_EQ(*numbers.rbegin(), 83);
  ASSERT_EQ(remaining.size(), 80u);
  EXPECT_EQ(*remaining.begin(), 920);
  EXPECT_EQ(Versions("C-10003").size(), 83u);
}

}  // namespace
}  // namespace renumber::cdnsim::testing
