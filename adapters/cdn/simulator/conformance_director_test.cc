// Conformance (cdn.md "Healthcheck", "Director", validation): healthcheck
// list, create and delete, director members, every validation rule, and
// activation refusing an invalid version.
#include "adapters/cdn/simulator/conformance_fixture.h"

namespace renumber::cdnsim::testing {
namespace {

using nlohmann::json;

class CdnDirectorTest : public CdnConformanceTest {
 protected:
  void SetUp() override {
    CdnConformanceTest::SetUp();
    token_ = TokenOf("C-10003");
    sid_ = ServiceId("C-10003");
    draft_ = "/service/" + sid_ + "/version/" +
             std::to_string(CloneActive("C-10003"));
  }
  HttpResponse Do(const std::string& method, const std::string& suffix,
                  const std::string& body = "") {
    return Send(method, draft_ + suffix, token_, body);
  }
  json Validate() {
    HttpResponse r = Do("GET", "/validate");
    EXPECT_EQ(r.status, 200) << r.body;
    return Json(r);
  }
  // Expects exactly one validation error containing `words`; then that
  // activation is refused and changes nothing.
  void ExpectInvalid(const std::string& words) {
    json v = Validate();
    EXPECT_EQ(v["status"], "error");
    ASSERT_EQ(v["errors"].size(), 1u) << v.dump();
    EXPECT_NE(v["errors"][0].get<std::string>().find(words), std::string::npos)
        << v.dump();
    std::string detail =
        ExpectError(Do("PUT", "/activate"), 400, "Bad request");
    EXPECT_NE(detail.find(words), std::string::npos) << detail;
    EXPECT_FALSE(last_call().committed);
    json list = Json(Get("/service", token_));
    EXPECT_EQ(list[0]["version"], 2);
  }
  std::string token_, sid_, draft_;
};

TEST_F(CdnDirectorTest, HealthchecksListAndCreate) {
  json list = Json(Do("GET", "/healthcheck"));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["name"], "hc_root");
  EXPECT_EQ(list[0]["host"], "www.c10003.example.jp");
  EXPECT_EQ(list[0]["path"], "/");
  EXPECT_EQ(list[0]["method"], "HEAD");
  EXPECT_EQ(list[0]["expected_response"], 200);
  EXPECT_EQ(list[0]["check_interval"], 15000);
  EXPECT_EQ(list[0]["threshold"], 3);
  EXPECT_EQ(list[0]["window"], 5);
  HttpResponse r =
      Do("POST", "/healthcheck",
         "name=hc_new&host=www.c10003.example.jp&path=%2Fhealth&method=GET"
         "&expected_response=204&check_interval=10000&threshold=2&window=4"
         "&bogus=1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(last_call().committed);
  json hc = Json(r);
  EXPECT_EQ(hc["path"], "/health");
  EXPECT_EQ(hc["method"], "GET");
  EXPECT_EQ(hc["expected_response"], 204);
  EXPECT_EQ(hc["check_interval"], 10000);
  EXPECT_EQ(hc["threshold"], 2);
  EXPECT_EQ(hc["window"], 4);
  EXPECT_EQ(hc["service_id"], sid_);
  EXPECT_FALSE(hc.contains("bogus"));
  EXPECT_EQ(Json(Do("GET", "/healthcheck")).size(), 2u);
  // Defaults when only a name and host are sent.
  json d = Json(Do("POST", "/healthcheck", "name=hc_min&host=a.example.jp"));
  EXPECT_EQ(d["path"], "/");
  EXPECT_EQ(d["method"], "HEAD");
  EXPECT_EQ(d["expected_response"], 200);
}

TEST_F(CdnDirectorTest, HealthcheckDuplicateAndBadFields) {
  ExpectError(Do("POST", "/healthcheck", "name=hc_root&host=x.example.jp"), 409,
              "Duplicate record");
  ExpectError(Do("POST", "/healthcheck", "host=x.example.jp"), 400,
              "Bad request");
  ExpectError(Do("POST", "/healthcheck", "name=h&expected_response=abc"), 400,
              "Bad request");
  ExpectError(Do("POST", "/healthcheck", "name=h&path=health"), 400,
              "Bad request");
  EXPECT_EQ(Json(Do("GET", "/healthcheck")).size(), 1u);
}

TEST_F(CdnDirectorTest, HealthcheckDelete) {
  ASSERT_EQ(Do("POST", "/healthcheck", "name=hc_x&host=x.example.jp").status,
            200);
  HttpResponse r = Do("DELETE", "/healthcheck/hc_x");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r), json({{"status", "ok"}}));
  EXPECT_TRUE(last_call().committed);
  EXPECT_EQ(last_call().endpoint,
            "DELETE /service/{sid}/version/{v}/healthcheck/{name}");
  ExpectError(Do("DELETE", "/healthcheck/hc_x"), 404, "Record not found");
  // Deleting one that backends still use is allowed; validation says so.
  ASSERT_EQ(Do("DELETE", "/healthcheck/hc_root").status, 200);
  json v = Validate();
  EXPECT_EQ(v["status"], "error");
  EXPECT_EQ(v["errors"].size(), 3u);  // origin_1, origin_2, origin_3
}

TEST_F(CdnDirectorTest, DirectorListAndMembers) {
  json list = Json(Do("GET", "/director"));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["name"], "pool");
  EXPECT_EQ(list[0]["type"], 1);
  EXPECT_EQ(list[0]["quorum"], 75);
  EXPECT_EQ(list[0]["retries"], 5);
  EXPECT_EQ(list[0]["backends"], json({"origin_1", "origin_2", "origin_3"}));
  EXPECT_TRUE(list[0]["shield"].is_null());
  ASSERT_EQ(Do("POST", "/backend", "name=twin&address=198.19.0.4").status, 200);
  HttpResponse add = Do("POST", "/director/pool/backend/twin");
  ASSERT_EQ(add.status, 200) << add.body;
  EXPECT_EQ(Json(add), json({{"director", "pool"},
                             {"backend_name", "twin"},
                             {"service_id", sid_},
                             {"version", 3}}));
  EXPECT_TRUE(last_call().committed);
  EXPECT_EQ(last_call().endpoint,
            "POST /service/{sid}/version/{v}/director/{dname}/backend/{bname}");
  EXPECT_EQ(Json(Do("GET", "/director"))[0]["backends"],
            json({"origin_1", "origin_2", "origin_3", "twin"}));
  ExpectError(Do("POST", "/director/pool/backend/twin"), 409,
              "Duplicate record");
  HttpResponse del = Do("DELETE", "/director/pool/backend/origin_1");
  ASSERT_EQ(del.status, 200) << del.body;
  EXPECT_EQ(Json(del), json({{"status", "ok"}}));
  EXPECT_EQ(Json(Do("GET", "/director"))[0]["backends"],
            json({"origin_2", "origin_3", "twin"}));
  EXPECT_EQ(Validate()["status"], "ok");
}

TEST_F(CdnDirectorTest, MemberRequestsNameExistingThings) {
  std::string d = ExpectError(Do("POST", "/director/nope/backend/origin_1"),
                              404, "Record not found");
  EXPECT_NE(d.find("nope"), std::string::npos);
  d = ExpectError(Do("POST", "/director/pool/backend/ghost"), 404,
                  "Record not found");
  EXPECT_NE(d.find("ghost"), std::string::npos);
  ExpectError(Do("DELETE", "/director/nope/backend/origin_1"), 404,
              "Record not found");
  ExpectError(Do("DELETE", "/director/pool/backend/legacy"), 404,
              "Record not found");  // a backend, but not a member
  EXPECT_EQ(Json(Do("GET", "/director"))[0]["backends"].size(), 3u);
}

TEST_F(CdnDirectorTest, ValidVersionValidatesAndActivates) {
  json v = Validate();
  EXPECT_EQ(v, json({{"status", "ok"},
                     {"errors", json::array()},
                     {"warnings", json::array()},
                     {"messages", json::array()}}));
  EXPECT_EQ(Do("PUT", "/activate").status, 200);
}

TEST_F(CdnDirectorTest, NoBackendIsInvalid) {
  for (const char* name : {"origin_1", "origin_2", "origin_3"})
    ASSERT_EQ(
        Do("DELETE", std::string("/director/pool/backend/") + name).status,
        200);
  for (const char* name : {"origin_1", "origin_2", "origin_3", "legacy"})
    ASSERT_EQ(Do("DELETE", std::string("/backend/") + name).status, 200);
  ExpectInvalid("no backends");
}

TEST_F(CdnDirectorTest, MissingHealthcheckIsInvalid) {
  ASSERT_EQ(Do("PUT", "/backend/legacy", "healthcheck=hc_gone").status, 200);
  ExpectInvalid("healthcheck 'hc_gone'");
}

TEST_F(CdnDirectorTest, DirectorNamingAMissingBackendIsInvalid) {
  // Directors refer to backends by name: deleting (or renaming) a member
  // leaves the name behind.
  ASSERT_EQ(Do("PUT", "/backend/origin_2", "name=origin_2b").status, 200);
  ExpectInvalid("backend 'origin_2'");
  ASSERT_EQ(Do("DELETE", "/director/pool/backend/origin_2").status, 200);
  EXPECT_EQ(Validate()["status"], "ok");
}

TEST_F(CdnDirectorTest, TwoBackendsWithOneNameAreInvalid) {
  // The API refuses duplicates (409), so only a state can hold them.
  json state = api_->SaveState();
  for (json& s : state["services"])
    if (s["id"] == sid_)
      s["versions"][2]["backends"].push_back(s["versions"][2]["backends"][3]);
  ASSERT_TRUE(api_->LoadState(state).ok());
  ExpectInvalid("'legacy' is used by more than one backend");
}

TEST_F(CdnDirectorTest, MissingRequestConditionIsInvalid) {
  ASSERT_EQ(Do("PUT", "/backend/legacy", "request_condition=no_such").status,
            200);
  ExpectInvalid("request condition 'no_such'");
}

}  // namespace
}  // namespace renumber::cdnsim::testing
