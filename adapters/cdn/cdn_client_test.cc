#include "adapters/cdn/cdn_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/testing/expect_error.h"
#include "src/http/fake_transport.h"

namespace renumber::cdn {
namespace {

using ::testing::HasSubstr;

constexpr char kToken[] = "tok-SECRET-123";

class CdnClientTest : public ::testing::Test {
 protected:
  CdnClient client_{&fake_, "C-10001/cdn", "http://127.0.0.1:9/",
                    Secret(kToken)};
  FakeTransport fake_;
};

void ExpectNoToken(const Status& s) {
  EXPECT_EQ(s.message().find(kToken), std::string::npos) << s.message();
}

TEST_F(CdnClientTest, GetSendsKeyAndParsesJson) {
  fake_.PushResponse(200, R"([{"id":"SU1"}])");
  auto j = client_.Get("/service?page=1&per_page=100");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  EXPECT_EQ((*j)[0]["id"], "SU1");
  auto reqs = fake_.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].url, "http://127.0.0.1:9/service?page=1&per_page=100");
  EXPECT_EQ(reqs[0].headers.GetOr("Fastly-Key", ""), kToken);
  EXPECT_EQ(client_.writes(), 0);
}

TEST_F(CdnClientTest, ErrorsNameAccountCallAndVendorMessage) {
  fake_.PushResponse(
      400, R"({"msg":"Bad request","detail":"Version '4' is locked"})");
  VendorReply r = client_.Write("PUT", "/service/SU1/version/4/activate");
  EXPECT_EQ(r.kind, VendorReply::Kind::kRefused);
  EXPECT_EQ(r.error.code(), Code::kConflict);
  EXPECT_EQ(r.error.message(),
            "C-10001/cdn: PUT /service/SU1/version/4/activate: 400 Bad "
            "request: Version '4' is locked");
  ExpectNoToken(r.error);
  fake_.PushResponse(401, R"({"msg":"Provided credentials are missing"})");
  auto g = client_.Get("/service/SU1/details");
  EXPECT_EQ(g.status().code(), Code::kUnauthorized);
  ExpectNoToken(g.status());
}

TEST_F(CdnClientTest, AVendorEchoingTheTokenNeverPutsItInAnError) {
  fake_.PushResponse(403, std::string("Fastly-Key: ") + kToken + " is bad");
  ExpectNoToken(client_.Get("/service/SU1/details").status());
  fake_.PushResponse(403, std::string(R"({"msg":"Forbidden","detail":"key )") +
                              kToken + R"("})");
  VendorReply w = client_.Write("PUT", "/service/SU1/version/4/activate");
  EXPECT_EQ(w.error.code(), Code::kForbidden);
  ExpectNoToken(w.error);
  EXPECT_THAT(w.error.message(), HasSubstr("redacted"));
  fake_.PushResponse(200, std::string("<html>") + kToken);
  ExpectNoToken(client_.Write("POST", "/service/SU1/version/4/clone").error);
}

// The token echoed where the 120-byte excerpt of a non-JSON body ends: the
// old client cut first, so its first bytes ("to") survived the cut and no
// longer matched the token.
TEST_F(CdnClientTest, AnEchoAtTheCutOfTheExcerptLeavesNoPart) {
  fake_.PushResponse(403, std::string(118, 'x') + kToken + " is bad");
  Status s = client_.Get("/service/SU1/details").status();
  EXPECT_THAT(s.message(), HasSubstr("xxxx"));
  EXPECT_EQ(s.message().find("xt"), std::string::npos)
      << "part of the token: " << s.message();
}

TEST_F(CdnClientTest, MalformedGetIsReReadThenNamed) {
  fake_.PushResponse(200, R"({"id": "SU1", "vers)");
  fake_.PushResponse(200, R"({"id":"SU1"})");
  auto ok = client_.Get("/service/SU1/details");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(fake_.request_count(), 2u);
  // The good answer is kept (read_cache.h) until the next change.
  ASSERT_TRUE(client_.Get("/service/SU1/details").ok());
  EXPECT_EQ(fake_.request_count(), 2u);
  client_.NewChange();
  for (int i = 0; i < 3; ++i) fake_.PushResponse(200, "[{\"trunc");
  renumber::testing::ExpectNamedError(
      client_.Get("/service/SU1/details").status(), Code::kInternal,
      "C-10001/cdn: GET /service/SU1/details: 200 with a body that is not "
      "JSON");
}

// Kept answers (read_cache.h): a locked version's objects serve for the
// run, but only those read once it was known locked.
TEST_F(CdnClientTest,
       OnlyAnswersReadWhileAVersionIsKnownLockedAreKeptForTheRun) {
  fake_.PushResponse(200, R"([{"name":"origin","address":"198.18.0.1"}])");
  ASSERT_TRUE(client_.Get("/service/SU1/version/4/backend").ok());
  fake_.PushResponse(200, R"({"id":"SU1","versions":[{"number":4,
      "locked":true,"active":true}]})");
  ASSERT_TRUE(client_.Get("/service/SU1/details").ok());
  client_.NewChange();
  // Read before version 4 was known locked: it may have changed since.
  fake_.PushResponse(200, R"([{"name":"origin","address":"198.18.0.2"}])");
  ASSERT_TRUE(client_.Get("/service/SU1/version/4/backend").ok());
  EXPECT_EQ(fake_.request_count(), 3u);
  client_.NewChange();
  // Read while locked: kept across changes.
  auto kept = client_.Get("/service/SU1/version/4/backend");
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ((*kept)[0]["address"], "198.18.0.2");
  EXPECT_EQ(fake_.request_count(), 3u);
  // The details can change: read again in the next change.
  fake_.PushResponse(200, R"({"id":"SU1","versions":[]})");
  ASSERT_TRUE(client_.Get("/service/SU1/details").ok());
  EXPECT_EQ(fake_.request_count(), 4u);
}

// The service list is kept for the run: renumber never adds or removes a
// service (cdn_client.h). Its other changeable answers are not.
TEST_F(CdnClientTest, TheServiceListIsKeptAcrossChangesAndWrites) {
  fake_.PushResponse(200, R"([{"id":"SU1"}])");
  fake_.PushResponse(200, R"({"id":"SU1","versions":[]})");
  ASSERT_TRUE(client_.GetPage("/service?page=1&per_page=100").ok());
  ASSERT_TRUE(client_.Get("/service/SU1/details").ok());
  fake_.PushResponse(200, R"({"number":5})");
  client_.Write("PUT", "/service/SU1/version/4/clone");
  client_.NewChange();
  auto page = client_.GetPage("/service?page=1&per_page=100");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->body[0]["id"], "SU1");
  EXPECT_EQ(fake_.request_count(), 3u);
  fake_.PushResponse(200, R"({"id":"SU1","versions":[]})");
  ASSERT_TRUE(client_.Get("/service/SU1/details").ok());
  EXPECT_EQ(fake_.request_count(), 4u);  // the details were read again
}

// A pool's servers are kept for the run: renumber never writes them and no
// change decides on them (cdn_client.h). Only that exact path: a pool's
// own answer is part of a version.
TEST_F(CdnClientTest, APoolsServersAreKeptAcrossChangesAndWrites) {
  fake_.PushResponse(200, R"([{"address":"198.18.0.9"}])");
  fake_.PushResponse(200, R"([{"id":"P1","name":"app_pool"}])");
  ASSERT_TRUE(client_.Get("/service/SU1/pool/P1/servers").ok());
  ASSERT_TRUE(client_.Get("/service/SU1/version/4/pool").ok());
  fake_.PushResponse(200, R"({"number":5})");
  client_.Write("PUT", "/service/SU1/version/4/activate");
  client_.NewChange();
  auto servers = client_.Get("/service/SU1/pool/P1/servers");
  ASSERT_TRUE(servers.ok());
  EXPECT_EQ((*servers)[0]["address"], "198.18.0.9");
  EXPECT_EQ(fake_.request_count(), 3u);
  // The version's pool list, and paths that only look alike, are read again.
  for (const char* path :
       {"/service/SU1/version/4/pool", "/service/SU1/pool/P1/servers/x",
        "/service/SU1/pool/P1/servers?x", "/service/SU1/pool/P1/servers/",
        "/service/SU1/pool//servers", "/service//pool/P1/servers",
        "/service/SU1/version/4/pool/P1/servers"}) {
    const size_t before = fake_.request_count();
    fake_.PushResponse(200, R"([])");
    fake_.PushResponse(200, R"([])");
    ASSERT_TRUE(client_.Get(path).ok()) << path;
    client_.NewChange();
    ASSERT_TRUE(client_.Get(path).ok()) << path;
    EXPECT_EQ(fake_.request_count(), before + 2) << path;
  }
}

// They feed the report only, so the run keeps them for kReportOnlyFor: a
// `cutover --wait-ready` of hours reads a pool fixed by hand again.
TEST(CdnClientFreshnessTest, APoolsServersAreReadAgainAfterKReportOnlyFor) {
  FakeTransport fake;
  FakeClock clock;
  CdnClient client(&fake, "C-10001/cdn", "http://127.0.0.1:9/", Secret(kToken),
                   &clock);
  const std::string path = "/service/SU1/pool/P1/servers";
  fake.PushResponse(200, R"([{"address":"198.18.0.9"}])");
  ASSERT_TRUE(client.Get(path).ok());
  clock.Advance(CdnClient::kReportOnlyFor);
  client.NewChange();
  ASSERT_TRUE(client.Get(path).ok());
  EXPECT_EQ(fake.request_count(), 1u);  // kept: read kReportOnlyFor ago
  clock.Advance(std::chrono::milliseconds(1));
  fake.PushResponse(200, R"([{"address":"198.19.0.9"}])");
  auto again = client.Get(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)[0]["address"], "198.19.0.9");
  EXPECT_EQ(fake.request_count(), 2u);
  // Kept again from that read.
  clock.Advance(std::chrono::minutes(9));
  ASSERT_TRUE(client.Get(path).ok());
  EXPECT_EQ(fake.request_count(), 2u);
}

// A change that starts moments after the reads of the one before (no write
// since) decides on them; later than kFreshFor, it reads again.
TEST(CdnClientFreshnessTest, ReadsWithinFreshForServeTheNextChange) {
  FakeTransport fake;
  FakeClock clock;
  CdnClient client(&fake, "C-10001/cdn", "http://127.0.0.1:9/", Secret(kToken),
                   &clock);
  fake.PushResponse(200, R"({"id":"SU1","versions":[]})");
  ASSERT_TRUE(client.Get("/service/SU1/details").ok());
  clock.Advance(CdnClient::kFreshFor);
  client.NewChange();
  ASSERT_TRUE(client.Get("/service/SU1/details").ok());
  EXPECT_EQ(fake.request_count(), 1u);  // kept: read kFreshFor ago
  clock.Advance(std::chrono::milliseconds(1));
  client.NewChange();
  fake.PushResponse(200, R"({"id":"SU1","versions":[]})");
  ASSERT_TRUE(client.Get("/service/SU1/details").ok());
  EXPECT_EQ(fake.request_count(), 2u);  // older than kFreshFor: read again
  // A write forgets at once, however fresh.
  fake.PushResponse(200, R"({"number":5})");
  client.Write("PUT", "/service/SU1/version/4/clone");
  fake.PushResponse(200, R"({"id":"SU1","versions":[]})");
  ASSERT_TRUE(client.Get("/service/SU1/details").ok());
  EXPECT_EQ(fake.request_count(), 4u);
}

TEST_F(CdnClientTest, NotFoundIsEmptyOptional) {
  fake_.PushResponse(404, R"({"msg":"Record not found"})");
  auto j = client_.GetIfExists("/service/SU1/version/2/backend/x");
  ASSERT_TRUE(j.ok());
  EXPECT_FALSE(j->has_value());
}

TEST_F(CdnClientTest, WritesAreFormEncodedAndClassified) {
  fake_.PushResponse(200, R"({"name":"a b"})");
  VendorReply ok = client_.Write("POST", "/service/SU1/version/2/backend",
                                 {{"name", "a b"}, {"comment", "x&y=z"}});
  EXPECT_EQ(ok.kind, VendorReply::Kind::kOk);
  auto req = fake_.requests().back();
  EXPECT_EQ(req.body, "name=a%20b&comment=x%26y%3Dz");
  EXPECT_EQ(req.headers.GetOr("Content-Type", ""),
            "application/x-www-form-urlencoded");

  fake_.PushResponse(503, R"({"msg":"Service unavailable"})");
  EXPECT_EQ(client_.Write("POST", "/p").kind, VendorReply::Kind::kUnknown);
  fake_.Push(Status::Timeout("no answer in 30 s"));
  VendorReply timeout = client_.Write("POST", "/p");
  EXPECT_EQ(timeout.kind, VendorReply::Kind::kUnknown);
  EXPECT_EQ(timeout.error.code(), Code::kTimeout);
  EXPECT_EQ(timeout.error.message(), "C-10001/cdn: POST /p: no answer in 30 s");
  fake_.PushResponse(200, "{\"name\":");
  EXPECT_EQ(client_.Write("POST", "/p").kind, VendorReply::Kind::kUnknown);
  fake_.PushResponse(409, R"({"msg":"Duplicate record"})");
  VendorReply dup = client_.Write("POST", "/p");
  EXPECT_EQ(dup.kind, VendorReply::Kind::kRefused);
  EXPECT_EQ(dup.http_status, 409);
  EXPECT_EQ(client_.writes(), 5);
}

TEST_F(CdnClientTest, ReadsAllThreeErrorShapes) {
  fake_.PushResponse(
      422, R"({"msg":"Version locked","detail":"Version '4' is locked"})");
  EXPECT_EQ(client_.Write("PUT", "/service/SU1/version/4").error.message(),
            "C-10001/cdn: PUT /service/SU1/version/4: 422 Version locked: "
            "Version '4' is locked");
  fake_.PushResponse(401, R"({"errors":[{"title":"Unauthorized",
      "detail":"Provided credentials are missing or invalid"}]})");
  auto e = client_.Get("/tokens/self");
  EXPECT_EQ(e.status().code(), Code::kUnauthorized);
  EXPECT_THAT(e.status().message(),
              HasSubstr("401 Unauthorized: Provided credentials are missing"));
  fake_.PushResponse(400, R"({"title":"Bad request","detail":"format",
      "status":400})");
  auto p = client_.Get("/service/SU1/diff/from/1/to/2");
  EXPECT_THAT(p.status().message(), HasSubstr("400 Bad request: format"));
}

TEST_F(CdnClientTest, RedirectsAreNeverFollowed) {
  HttpResponse r;
  r.status = 302;
  r.headers.Set("Location", "https://evil.example/");
  fake_.Push(r);
  auto g = client_.Get("/service/SU1/details");
  EXPECT_EQ(g.status().code(), Code::kForbidden);
  EXPECT_NE(g.status().message().find("not followed"), std::string::npos);
  fake_.Push(r);
  VendorReply w = client_.Write("PUT", "/service/SU1/version/2/activate");
  EXPECT_EQ(w.kind, VendorReply::Kind::kRefused);
  EXPECT_EQ(fake_.request_count(), 2u);  // no request to the Location
}

TEST_F(CdnClientTest, PagesFollowLinkOnlyWithinTheApiBase) {
  HttpResponse r;
  r.status = 200;
  r.body = "[]";
  r.headers.Set("Link",
                "<http://127.0.0.1:9/service?page=2&per_page=50>; "
                "rel=\"next\", <http://127.0.0.1:9/service?page=9>; "
                "rel=\"last\"");
  fake_.Push(r);
  auto page = client_.GetPage("/service?page=1&per_page=100");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->next, "/service?page=2&per_page=50");
  r.headers.Set("Link",
                "<https://elsewhere.example/service?page=2>; "
                "rel=\"next\"");
  fake_.Push(r);
  auto away = client_.GetPage("/service?page=1&per_page=50");
  EXPECT_EQ(away.status().code(), Code::kForbidden);
  r.headers.Set("Link", "<http://127.0.0.1:9/service?page=1>; rel=\"first\"");
  fake_.Push(r);
  EXPECT_EQ(client_.GetPage("/service")->next, "");
}

TEST(CdnFormTest, EncodesReservedAndUtf8) {
  EXPECT_EQ(EncodeForm({{"k", "日本"}, {"e", ""}}), "k=%E6%97%A5%E6%9C%AC&e=");
  EXPECT_EQ(PathPart("a/b c"), "a%2Fb%20c");
}

TEST_F(CdnClientTest, TheBudgetLeftIsTheLatestWriteAnswersCount) {
  EXPECT_FALSE(client_.budget_left().has_value());
  fake_.PushResponse(200, R"({"number":2})",
                     {{"Fastly-RateLimit-Remaining", "998"},
                      {"Fastly-RateLimit-Reset", "1900000000"}});
  ASSERT_EQ(client_.Write("PUT", "/service/S/version/1/clone").kind,
            VendorReply::Kind::kOk);
  EXPECT_EQ(client_.budget_left(), 998);
  fake_.PushResponse(200, R"({"number":2})");  // no headers: still 998
  client_.Write("PUT", "/service/S/version/2", {{"comment", "x"}});
  EXPECT_EQ(client_.budget_left(), 998);
  fake_.PushResponse(429, R"({"msg":"Too many requests"})");
  client_.Write("PUT", "/service/S/version/2", {{"comment", "x"}});
  EXPECT_EQ(client_.budget_left(), 0);  // a 429 without a count: none left
  fake_.PushResponse(200, "[]", {{"Fastly-RateLimit-Remaining", "50"}});
  ASSERT_TRUE(client_.Get("/service/S/details").ok());  // GETs say nothing
  EXPECT_EQ(client_.budget_left(), 0);
}

TEST_F(CdnClientTest, ABeforeWriteErrorRefusesTheWriteUnsent) {
  int asked = 0;
  client_.SetBeforeWrite([&] {
    ++asked;
    return Status::Unavailable("no budget known");
  });
  VendorReply r = client_.Write("PUT", "/service/S/version/1/activate");
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(r.kind, VendorReply::Kind::kRefused);
  EXPECT_FALSE(r.sent);
  EXPECT_THAT(r.error.message(), HasSubstr("no budget known"));
  EXPECT_EQ(fake_.request_count(), 0u);
  EXPECT_EQ(client_.writes(), 0);
  // The hook may read before the write goes.
  client_.SetBeforeWrite([&] { return client_.Get("/tokens/self").status(); });
  fake_.PushResponse(200, R"({"user_id":"u1"})");
  fake_.PushResponse(200, R"({"number":1})");
  EXPECT_EQ(client_.Write("PUT", "/service/S/version/1/activate").kind,
            VendorReply::Kind::kOk);
  auto reqs = fake_.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].method, "GET");
  EXPECT_EQ(reqs[1].method, "PUT");
}

}  // namespace
}  // namespace renumber::cdn
