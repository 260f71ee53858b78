// Conformance (cdn.md "Transport"): authentication, token scope, isolation
// between customers, request encoding errors, unknown endpoints.
#include "adapters/cdn/simulator/conformance_fixture.h"
#include "adapters/cdn/simulator/seed.h"

namespace renumber::cdnsim::testing {
namespace {

class CdnAuthTest : public CdnConformanceTest {};

TEST_F(CdnAuthTest, MissingKeyIs401OnReadsAndWrites) {
  std::string sid = ServiceId("C-10003");
  ExpectError(Get("/service", ""), 401,
              "Provided credentials are missing or invalid");
  HttpResponse w = Put("/service/" + sid + "/version/3/clone", "", "");
  ExpectError(w, 401, "Provided credentials are missing or invalid");
  EXPECT_FALSE(w.headers.Get("Fastly-RateLimit-Remaining").has_value());
  EXPECT_EQ(last_call().account, "");
  EXPECT_FALSE(last_call().committed);
  // Nothing was cloned.
  EXPECT_EQ(Json(Get("/service/" + sid + "/version")).size(), 2u);
}

TEST_F(CdnAuthTest, WrongKeyIs401) {
  ExpectError(Get("/service", "not-a-token"), 401,
              "Provided credentials are missing or invalid");
  // A near miss (another case) is not accepted either.
  ExpectError(Get("/service", "CDN-TOKEN-C-10003"), 401,
              "Provided credentials are missing or invalid");
  HttpResponse w =
      Post("/service/x/version/1/backend", "name=a&address=192.0.2.1", "bogus");
  ExpectError(w, 401, "Provided credentials are missing or invalid");
}

TEST_F(CdnAuthTest, ReadOnlyTokenReadsButGets403OnEveryWrite) {
  std::string ro = ReadOnlyTokenFor(TokenOf("C-10005"));
  std::string sid = ServiceId("C-10005");
  HttpResponse list = Get("/service", ro);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(Json(list).size(), 1u);
  EXPECT_EQ(last_call().account, "C-10005");
  std::string draft = "/service/" + sid + "/version/4";  // unlocked draft
  const std::vector<std::pair<std::string, std::string>> writes = {
      {"PUT", "/service/" + sid + "/version/3/clone"},
      {"PUT", "/service/" + sid + "/version/4/activate"},
      {"PUT", "/service/" + sid + "/version/4/lock"},
      {"PUT", draft},
      {"POST", draft + "/backend"},
      {"PUT", draft + "/backend/origin_1"},
      {"DELETE", draft + "/backend/origin_1"},
      {"POST", draft + "/healthcheck"},
      {"POST", draft + "/director/pool/backend/origin_1"},
      {"DELETE", draft + "/director/pool/backend/origin_1"},
  };
  for (const auto& [method, path] : writes) {
    std::string body = method == "DELETE" ? "" : "name=x&address=192.0.2.9";
    HttpResponse r = Send(method, path, ro, body);
    std::string detail = ExpectError(r, 403, "Forbidden");
    EXPECT_NE(detail.find("global:read"), std::string::npos) << detail;
    EXPECT_TRUE(r.headers.Get("Fastly-RateLimit-Remaining").has_value());
    EXPECT_FALSE(last_call().committed) << method << " " << path;
  }
  nlohmann::json versions = Json(Get("/service/" + sid + "/version", ro));
  EXPECT_EQ(versions.size(), 4u);  // nothing cloned
  EXPECT_EQ(Json(Get(draft + "/backend", ro)).size(), 4u);
}

TEST_F(CdnAuthTest, AnotherCustomersServiceIsNotFound) {
  std::string other = ServiceId("C-10004");
  for (const std::string& path :
       {"/service/" + other + "/details", "/service/" + other + "/version",
        "/service/" + other + "/version/2/backend"}) {
    std::string detail = ExpectError(Get(path), 404, "Record not found");
    EXPECT_NE(detail.find(other), std::string::npos);
  }
  ExpectError(Put("/service/" + other + "/version/2/clone"), 404,
              "Record not found");
  EXPECT_FALSE(last_call().committed);
  EXPECT_EQ(
      Json(Get("/service/" + other + "/version", TokenOf("C-10004"))).size(),
      4u);
  // Exactly like a service that does not exist at all.
  ExpectError(Get("/service/0000000000000000000000/details"), 404,
              "Record not found");
}

TEST_F(CdnAuthTest, UnknownEndpointIs404WithoutEndpointName) {
  ExpectError(Get("/services"), 404, "Record not found");
  EXPECT_EQ(last_call().endpoint, "");
  EXPECT_EQ(last_call().account, "C-10003");
  std::string sid = ServiceId("C-10003");
  ExpectError(
      Send("DELETE", "/service/" + sid + "/details", TokenOf("C-10003")), 404,
      "Record not found");
  HttpResponse r = Get("/service/" + sid + "/details");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(last_call().endpoint, "GET /service/{sid}/details");
}

TEST_F(CdnAuthTest, WriteBodyMustBeFormEncoded) {
  int v = CloneActive("C-10003");
  std::string path = VersionPath("C-10003", v) + "/backend";
  HttpResponse json_body =
      Send("POST", path, TokenOf("C-10003"),
           R"({"name":"x","address":"192.0.2.1"})", "application/json");
  std::string detail = ExpectError(json_body, 400, "Bad request");
  EXPECT_NE(detail.find("x-www-form-urlencoded"), std::string::npos);
  ExpectError(Post(path, "name=x&address=192.0.2.1%G0"), 400, "Bad request");
  ExpectError(Post(path, "name=x%FF&address=192.0.2.1"), 400, "Bad request");
  EXPECT_EQ(Json(Get(path)).size(), 4u);  // nothing created
  // A charset parameter is fine.
  HttpResponse ok =
      Send("POST", path, TokenOf("C-10003"), "name=x&address=192.0.2.1",
           "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST_F(CdnAuthTest, VersionMustBeANumber) {
  std::string sid = ServiceId("C-10003");
  ExpectError(Get("/service/" + sid + "/version/abc/backend"), 400,
              "Bad request");
  ExpectError(Get("/service/" + sid + "/version/0/backend"), 400,
              "Bad request");
}

}  // namespace
}  // namespace renumber::cdnsim::testing
