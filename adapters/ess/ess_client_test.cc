#include "adapters/ess/ess_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>
#include <functional>

#include "adapters/testing/expect_error.h"

namespace renumber {
namespace ess {
namespace {

using ::testing::HasSubstr;

using nlohmann::json;

// Answers from a queue and records the requests.
class ScriptedTransport : public HttpTransport {
 public:
  Result<HttpResponse> Send(const HttpRequest& r) override {
    requests.push_back(r);
    if (answers.empty()) return Status::Internal("no scripted answer");
    auto a = answers.front();
    answers.pop_front();
    return a;
  }
  void Push(int status, std::string body, Headers headers = {}) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    answers.push_back(r);
  }
  std::deque<Result<HttpResponse>> answers;
  std::vector<HttpRequest> requests;
};

std::string SuccessBodyFor(const json& domains, int total) {
  return json{{"status", "SUCCESS"},
              {"page", 1},
              {"per_page", 100},
              {"total", total},
              {"domains", domains}}
      .dump();
}

class EssClientTest : public ::testing::Test {
 protected:
  ScriptedTransport t_;
  EssClient client_{&t_, "https://ess.example.net/", "C-10001/ess", "admin",
                    Secret("s3cret-pw")};
};

TEST_F(EssClientTest, SendsBasicAuthAndNamesTheCallInErrors) {
  t_.Push(401, R"({"status": "FAILURE", "code": "UNAUTHORIZED",
                   "message": "bad credentials"})");
  auto c = client_.GetRoutes("");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Code::kUnauthorized);
  EXPECT_EQ(c.status().message(),
            "C-10001/ess: GET /v1/inbound-routes: 401 UNAUTHORIZED: bad "
            "credentials");
  EXPECT_EQ(c.status().message().find("s3cret"), std::string::npos);
  ASSERT_EQ(t_.requests.size(), 1u);
  EXPECT_EQ(t_.requests[0].url, "https://ess.example.net/v1/inbound-routes");
  // base64("admin:s3cret-pw")
  EXPECT_EQ(t_.requests[0].headers.GetOr("Authorization", ""),
            "Basic YWRtaW46czNjcmV0LXB3");
}

TEST_F(EssClientTest, AVendorEchoingTheCredentialsNeverPutsThemInAnError) {
  t_.Push(401, R"({"status": "FAILURE", "code": "UNAUTHORIZED",
                   "message": "Authorization: Basic YWRtaW46czNjcmV0LXB3 (admin:s3cret-pw) refused"})");
  auto c = client_.GetRoutes("");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message().find("YWRtaW46czNjcmV0LXB3"),
            std::string::npos)
      << c.status().message();
  EXPECT_EQ(c.status().message().find("s3cret"), std::string::npos)
      << c.status().message();
  EXPECT_NE(c.status().message().find("redacted"), std::string::npos);
}

// A secret echoed right where the 300-byte excerpt of the message ends:
// the old client cut first and then scrubbed, so the first bytes of the
// password ("s3") survived the cut and no longer matched it.
TEST_F(EssClientTest, AnEchoAtTheCutOfTheMessageLeavesNoPart) {
  t_.Push(400, json{{"status", "FAILURE"},
                    {"code", "E_INPUT"},
                    {"message", std::string(298, 'y') + "s3cret-pw refused"}}
                   .dump());
  auto c = client_.GetRoutes("");
  ASSERT_FALSE(c.ok());
  const std::string& m = c.status().message();
  EXPECT_THAT(m, HasSubstr("yyyy"));
  EXPECT_EQ(m.find("ys"), std::string::npos) << "part of the password: " << m;
  EXPECT_NE(m.find("..."), std::string::npos) << "the cut is marked: " << m;
}

TEST_F(EssClientTest, MalformedJsonIsAClearErrorNamingTheCall) {
  t_.Push(200, R"({"status": "SUCCESS", "etag": "e1", "rou)");
  renumber::testing::ExpectNamedError(
      client_.GetRoutes("example.jp").status(), Code::kInternal,
      "C-10001/ess: GET /v1/domains/example.jp/inbound-routes: malformed "
      "JSON");
}

TEST_F(EssClientTest, PrefersTheEtagHeader) {
  t_.Push(200, R"({"status": "SUCCESS", "etag": "body", "routes": []})",
          {{"ETag", "\"hdr\""}});
  t_.Push(200, R"({"status": "SUCCESS", "etag": "body", "servers": []})");
  EXPECT_EQ(client_.GetRoutes("").value().etag, "\"hdr\"");
  EXPECT_EQ(client_.GetOutbound().value().etag, "body");
}

TEST_F(EssClientTest, PagesThroughAllDomains) {
  auto page = [](int first, int n, int total) {
    json domains = json::array();
    for (int i = first; i < first + n; ++i)
      domains.push_back({{"name", "d" + std::to_string(i) + ".jp"},
                         {"route_mode", i % 2 ? "custom" : "default"}});
    return SuccessBodyFor(domains, total);
  };
  t_.Push(200, page(0, 100, 250));
  t_.Push(200, page(100, 100, 250));
  t_.Push(200, page(200, 50, 250));
  auto all = client_.ListDomains();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->size(), 250u);
  ASSERT_EQ(t_.requests.size(), 3u);
  EXPECT_EQ(t_.requests[2].url,
            "https://ess.example.net/v1/domains?page=3&per_page=100");
}

TEST_F(EssClientTest, StopsPagingWhenAPageComesBackEmpty) {
  t_.Push(200,
          SuccessBodyFor(
              json::array({{{"name", "a.jp"}, {"route_mode", "custom"}}}), 5));
  t_.Push(200, SuccessBodyFor(json::array(), 5));
  auto all = client_.ListDomains();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
}

TEST_F(EssClientTest, SortsWriteAnswers) {
  t_.Push(201, R"({"status": "SUCCESS", "route": {}, "etag": "e2"})");
  t_.Push(412, R"({"status": "FAILURE", "code": "OPTIMISTIC_LOCK",
                   "message": "stale"})");
  t_.Push(503, "");
  t_.answers.push_back(Status::Timeout("no answer in 30 s"));
  t_.Push(201, R"({"status": "SUCC)");
  t_.Push(409, R"({"status": "FAILURE", "code": "DUPLICATE",
                   "message": "exists"})");
  t_.Push(428, R"({"status": "FAILURE", "code": "PRECONDITION_REQUIRED",
                   "message": "If-Match"})");
  t_.answers.push_back(Status::RateLimited("Retry-After 600 s too long"));
  using K = PostReply::Kind;
  auto post = [&] {
    return client_.Post("/v1/inbound-routes", {{"address", "1.2.3.4"}}, "e1");
  };
  EXPECT_EQ(post().kind, K::kOk);
  EXPECT_EQ(t_.requests.back().headers.GetOr("If-Match", ""), "e1");
  EXPECT_EQ(t_.requests.back().body, R"({"address":"1.2.3.4"})");
  EXPECT_EQ(post().kind, K::kStale);
  EXPECT_EQ(post().kind, K::kUnknown);
  PostReply timeout = post();
  EXPECT_EQ(timeout.kind, K::kUnknown);
  EXPECT_EQ(timeout.error.code(), Code::kTimeout);
  EXPECT_EQ(timeout.error.message(),
            "C-10001/ess: POST /v1/inbound-routes: no answer in 30 s");
  EXPECT_EQ(post().kind, K::kUnknown);
  PostReply dup = post();
  EXPECT_EQ(dup.kind, K::kRefused);
  EXPECT_EQ(dup.code, "DUPLICATE");
  EXPECT_EQ(dup.error.code(), Code::kConflict);
  PostReply missing = post();
  EXPECT_EQ(missing.kind, K::kRefused);
  EXPECT_EQ(missing.error.code(), Code::kInternal);
  EXPECT_EQ(post().kind, K::kRefused);
}

TEST_F(EssClientTest, CheckSendsNoIfMatch) {
  t_.Push(200, R"({"status": "SUCCESS", "route": {}})");
  client_.Post("/v1/inbound-routes/r-1/check", json::object(), "");
  EXPECT_FALSE(t_.requests.back().headers.Get("If-Match").has_value());
  EXPECT_EQ(t_.requests.back().body, "{}");
}

}  // namespace
}  // namespace ess
}  // namespace renumber
