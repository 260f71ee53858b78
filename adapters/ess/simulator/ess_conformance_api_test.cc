// ESS conformance over real HTTP: transport rules (auth, bodies, content
// type), unknown paths, and domain pagination (docs/ess-contract.md
// "Transport"; "Calls", GET /v1/domains).
#include <algorithm>
#include <set>

#include "adapters/ess/simulator/ess_test_fixture.h"

namespace renumber {
namespace {

using Hdrs = std::vector<std::pair<std::string, std::string>>;

const std::vector<std::pair<std::string, std::string>> kEveryEndpoint = {
    {"GET", "/v1/domains"},
    {"GET", "/v1/inbound-routes"},
    {"POST", "/v1/inbound-routes"},
    {"GET", "/v1/domains/c10001.example.jp/inbound-routes"},
    {"POST", "/v1/domains/c10001.example.jp/inbound-routes"},
    {"POST", "/v1/inbound-routes/r-0000/check"},
    {"POST", "/v1/inbound-routes/r-0000/promote"},
    {"POST", "/v1/inbound-routes/r-0000/demote"},
    {"POST", "/v1/inbound-routes/r-0000/delete"},
    {"GET", "/v1/outbound-servers"},
    {"POST", "/v1/outbound-servers"},
    {"POST", "/v1/outbound-servers/o-0000/delete"},
    {"GET", "/v1/change-log"},
};

TEST_F(EssSimTest, EveryEndpointNeedsCredentials) {
  auto [user, pass] = Admin(0);
  for (const auto& [method, path] : kEveryEndpoint) {
    SCOPED_TRACE(method + " " + path);
    for (const Hdrs& h : {Hdrs{}, Hdrs{BasicAuthHeader(user, "wrong")},
                          Hdrs{BasicAuthHeader("nobody@example.jp", pass)},
                          Hdrs{{"Authorization", "Basic !!!"}},
                          Hdrs{{"Authorization", "Bearer " + pass}}}) {
      EssReply r = Raw(method, path, method == "POST" ? "{}" : "", h);
      ExpectFailure(r, 401, "UNAUTHORIZED");
      EXPECT_EQ(r.raw.find(pass), std::string::npos);
    }
  }
}

TEST_F(EssSimTest, NonAdministratorGets403) {
  auto [user, pass] = Viewer(0);
  ASSERT_FALSE(user.empty());
  for (const auto& [method, path] : kEveryEndpoint) {
    SCOPED_TRACE(method + " " + path);
    EssReply r = Raw(method, path, method == "POST" ? "{}" : "",
                     {BasicAuthHeader(user, pass)});
    ExpectFailure(r, 403, "FORBIDDEN");
  }
  // The viewer's password is no good for the administrator's name.
  ExpectFailure(
      Raw("GET", "/v1/domains", "", {BasicAuthHeader(Admin(0).first, pass)}),
      401, "UNAUTHORIZED");
}

TEST_F(EssSimTest, AnswersJsonWithStatus) {
  EssReply r = Get("/v1/inbound-routes");
  ExpectSuccess(r, 200);
  EXPECT_EQ(r.headers.GetOr("Content-Type", ""),
            "application/json; charset=utf-8");
  EssReply e = Get("/v1/nothing");
  ExpectFailure(e, 404, "NOT_FOUND");
  EXPECT_EQ(e.headers.GetOr("Content-Type", ""),
            "application/json; charset=utf-8");
}

TEST_F(EssSimTest, UnknownPathsAndMethods) {
  ExpectFailure(Get("/v1/inbound-routes/r-1/check"), 405, "INVALID_ARGUMENT");
  ExpectFailure(Get("/v2/domains"), 404, "NOT_FOUND");
  ExpectFailure(Post("/v1/inbound-routes/r-1/explode", {}), 404, "NOT_FOUND");
  auto [u, p] = Admin(0);
  EssReply del =
      Raw("DELETE", "/v1/inbound-routes", "", {BasicAuthHeader(u, p)});
  ExpectFailure(del, 405, "INVALID_ARGUMENT");
  EXPECT_EQ(del.headers.GetOr("Allow", ""), "GET, POST");
}

TEST_F(EssSimTest, BodyMustBeAJsonObject) {
  std::string etag = Etag("/v1/inbound-routes");
  auto [u, p] = Admin(0);
  for (const char* body : {"{not json", "[]", "\"x\"", "42"}) {
    EssReply r = Raw("POST", "/v1/inbound-routes", body,
                     {BasicAuthHeader(u, p), {"If-Match", etag}});
    ExpectFailure(r, 400, "INVALID_ARGUMENT");
  }
}

TEST_F(EssSimTest, DomainsDefaultPage) {
  EssReply r = Get("/v1/domains", 1);
  ExpectSuccess(r, 200);
  EXPECT_EQ(r.body["page"], 1);
  EXPECT_EQ(r.body["per_page"], 20);
  EXPECT_EQ(r.body["total"], 105);
  ASSERT_EQ(r.body["domains"].size(), 20u);
  const auto& d = r.body["domains"][0];
  EXPECT_TRUE(d["name"].is_string());
  EXPECT_TRUE(d["route_mode"] == "default" || d["route_mode"] == "custom");
}

TEST_F(EssSimTest, DomainsTwoPagesAtPerPage100) {
  EssReply p1 = Get("/v1/domains?page=1&per_page=100", 1);
  EssReply p2 = Get("/v1/domains?page=2&per_page=100", 1);
  EssReply p3 = Get("/v1/domains?page=3&per_page=100", 1);
  EXPECT_EQ(p1.body["domains"].size(), 100u);
  EXPECT_EQ(p2.body["domains"].size(), 5u);
  ExpectSuccess(p3, 200);  // past the end: an empty page, not an error
  EXPECT_EQ(p3.body["domains"].size(), 0u);
  EXPECT_EQ(p3.body["total"], 105);
  EXPECT_EQ(p3.body["page"], 3);
}

TEST_F(EssSimTest, DomainsExactMultipleAndFullWalk) {
  // 105 = 5 x 21: page 5 is full, page 6 empty.
  EXPECT_EQ(Get("/v1/domains?page=5&per_page=21", 1).body["domains"].size(),
            21u);
  EXPECT_EQ(Get("/v1/domains?page=6&per_page=21", 1).body["domains"].size(),
            0u);
  std::vector<std::string> names;
  for (int page = 1;; ++page) {
    auto r = Get("/v1/domains?per_page=7&page=" + std::to_string(page), 1);
    ASSERT_EQ(r.status, 200);
    if (r.body["domains"].empty()) break;
    for (const auto& d : r.body["domains"]) names.push_back(d["name"]);
  }
  EXPECT_EQ(names.size(), 105u);
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), 105u);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
}

TEST_F(EssSimTest, DomainsPagingValidation) {
  for (const char* q :
       {"per_page=0", "per_page=101", "page=0", "page=-1", "page=abc",
        "per_page=", "per_page=1.5", "page=99999999999999"}) {
    SCOPED_TRACE(q);
    ExpectFailure(Get(std::string("/v1/domains?") + q, 1), 400,
                  "INVALID_ARGUMENT");
  }
  EXPECT_EQ(Get("/v1/domains?per_page=1", 1).body["domains"].size(), 1u);
  EXPECT_EQ(Get("/v1/domains?per_page=100", 1).body["domains"].size(), 100u);
}

TEST_F(EssSimTest, DomainsAreTheAccountsOwn) {
  auto r = Get("/v1/domains?per_page=100", 0);
  ASSERT_EQ(r.status, 200);
  for (const auto& d : r.body["domains"]) {
    EXPECT_NE(d["name"].get<std::string>().find("c10001.example.jp"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace renumber
