// ESS conformance over real HTTP: outbound servers, the change log with
// since, console changes by "the customer" (412 after), and the 429 rate
// limit with Retry-After (docs/ess-contract.md "Calls", "Transport").
#include <chrono>

#include "adapters/ess/simulator/ess_test_fixture.h"

namespace renumber {
namespace {

constexpr const char* kOutbound = "/v1/outbound-servers";
constexpr const char* kDefault = "/v1/inbound-routes";

TEST_F(EssSimTest, OutboundServersShape) {
  EssReply r = Get(kOutbound);
  ExpectSuccess(r, 200);
  EXPECT_EQ(r.headers.GetOr("ETag", ""), r.body["etag"]);
  ASSERT_EQ(r.body["servers"].size(), 2u);
  const auto& s = r.body["servers"][0];
  EXPECT_EQ(s["address"], customers_[0].old_ip);
  EXPECT_EQ(s["note"], "web01");
  EXPECT_EQ(s["id"].get<std::string>().rfind("o-", 0), 0u);
  // C-10008 lists a CIDR block that holds its old IP instead.
  EXPECT_EQ(Get(kOutbound, 7).body["servers"][0]["address"], "198.18.0.0/24");
}

TEST_F(EssSimTest, AddOutboundIpv4Ipv6AndCidr) {
  for (const char* address :
       {"198.19.0.10", "2001:db8:b::6", "198.19.0.0/28", "2001:db8:b::/48"}) {
    SCOPED_TRACE(address);
    EssReply r =
        Write(kOutbound, {{"address", address}, {"note", "new"}}, kOutbound);
    ExpectSuccess(r, 201);
    EXPECT_EQ(r.body["server"]["address"], address);
    EXPECT_EQ(r.body["server"]["note"], "new");
    EXPECT_EQ(r.headers.GetOr("ETag", ""), r.body["etag"]);
  }
  EssReply no_note = Write(kOutbound, {{"address", "192.0.2.99"}}, kOutbound);
  ExpectSuccess(no_note, 201);
  EXPECT_EQ(no_note.body["server"]["note"], "");
  EXPECT_EQ(Get(kOutbound).body["servers"].size(), 7u);
}

TEST_F(EssSimTest, AddOutboundErrors) {
  std::string etag = Etag(kOutbound);
  for (const nlohmann::json& body : std::vector<nlohmann::json>{
           {},
           {{"address", "mail.example.jp"}},
           {{"address", "198.19.0.1/24"}},  // host bits set
           {{"address", "198.19.0.0/33"}},
           {{"address", "198.19.0.0/"}},
           {{"address", "198.19.0.1"}, {"note", 5}},
       }) {
    SCOPED_TRACE(body.dump());
    ExpectFailure(Post(kOutbound, body, 0, etag), 400, "INVALID_ARGUMENT");
  }
  ExpectFailure(Post(kOutbound, {{"address", "198.19.0.1"}}), 428,
                "PRECONDITION_REQUIRED");
  ExpectFailure(Post(kOutbound, {{"address", "198.19.0.1"}}, 0, "\"old\""), 412,
                "OPTIMISTIC_LOCK");
  ExpectFailure(Post(kOutbound, {{"address", customers_[0].old_ip}}, 0, etag),
                409, "DUPLICATE");
  EXPECT_EQ(Etag(kOutbound), etag);
}

TEST_F(EssSimTest, DeleteOutboundAndLastServer) {
  auto servers = Get(kOutbound).body["servers"];
  ASSERT_EQ(servers.size(), 2u);
  std::string first = servers[0]["id"], second = servers[1]["id"];
  std::string path = "/v1/outbound-servers/" + first + "/delete";
  ExpectFailure(Write(path, {{"note", "x"}}, kOutbound), 400,
                "REASON_REQUIRED");
  ExpectFailure(Write(path, {{"reason", "Nope"}, {"note", "x"}}, kOutbound),
                400, "INVALID_ARGUMENT");
  ExpectFailure(Post(path, {{"reason", "ServerMigration"}, {"note", "x"}}), 428,
                "PRECONDITION_REQUIRED");
  ExpectFailure(
      Write("/v1/outbound-servers/o-zzzz/delete",
            {{"reason", "ServerMigration"}, {"note", "x"}}, kOutbound),
      404, "NOT_FOUND");
  EssReply d = Write(path, {{"reason", "ServerMigration"}, {"note", "moved"}},
                     kOutbound);
  ExpectSuccess(d, 200);
  EXPECT_EQ(Etag(kOutbound), d.body["etag"]);
  ExpectFailure(
      Write("/v1/outbound-servers/" + second + "/delete",
            {{"reason", "ServerMigration"}, {"note", "x"}}, kOutbound),
      409, "LAST_SERVER");
  EXPECT_EQ(Get(kOutbound).body["servers"].size(), 1u);
}

TEST_F(EssSimTest, ChangeLogRecordsEveryChange) {
  ExpectSuccess(Get("/v1/change-log"), 200);
  EXPECT_TRUE(Get("/v1/change-log").body["entries"].empty());
  EssReply add = Write(
      kDefault, {{"address", "192.0.2.40"}, {"role", "failover"}}, kDefault);
  std::string id = add.body["route"]["id"];
  Timestamp t1 = clock_.Now();
  clock_.Advance(std::chrono::minutes(5));
  Timestamp t2 = clock_.Now();
  ASSERT_EQ(Write("/v1/inbound-routes/" + id + "/delete",
                  {{"reason", "ServerMigration"},
                   {"note", "moved"},
                   {"ticket", "ZL-9"}},
                  kDefault)
                .status,
            200);
  ASSERT_EQ(Write(kOutbound, {{"address", "198.19.0.10"}, {"note", "web02"}},
                  kOutbound)
                .status,
            201);
  auto all = Get("/v1/change-log").body["entries"];
  ASSERT_EQ(all.size(), 3u);
  const auto& e0 = all[0];
  EXPECT_EQ(e0["at"], t1.ToRfc3339());
  EXPECT_EQ(e0["actor"], customers_[0].Credential("ess", "username"));
  EXPECT_EQ(e0["action"], "add");
  EXPECT_EQ(e0["object"], "route:" + id);
  EXPECT_EQ(e0["address"], "192.0.2.40");
  EXPECT_TRUE(e0["reason"].is_null());
  const auto& e1 = all[1];
  EXPECT_EQ(e1["at"], t2.ToRfc3339());
  EXPECT_EQ(e1["action"], "delete");
  EXPECT_EQ(e1["reason"], "ServerMigration");
  EXPECT_EQ(e1["note"], "moved");
  EXPECT_EQ(e1["ticket"], "ZL-9");
  EXPECT_EQ(all[2]["object"].get<std::string>().rfind("outbound-server:o-", 0),
            0u);
  for (const auto& e : all) {
    for (const char* k : {"at", "actor", "action", "object", "address",
                          "reason", "note", "ticket"})
      EXPECT_TRUE(e.contains(k)) << k;
  }
  // since is inclusive; URL-encode the '+' of an offset.
  auto since = Get("/v1/change-log?since=" + UrlEncode(t2.ToRfc3339()));
  EXPECT_EQ(since.body["entries"].size(), 2u);
  auto jst = Get("/v1/change-log?since=" +
                 UrlEncode("2026-12-01T09:05:00+09:00"));  // == t2
  EXPECT_EQ(jst.body["entries"].size(), 2u);
  auto later = Get("/v1/change-log?since=2026-12-02T00:00:00Z");
  EXPECT_TRUE(later.body["entries"].empty());
  ExpectFailure(Get("/v1/change-log?since=yesterday"), 400, "INVALID_ARGUMENT");
  // Checks are not changes.
  ASSERT_EQ(Post("/v1/inbound-routes/" +
                     std::string(Routes(kDefault)[0]["id"]) + "/check",
                 {})
                .status,
            200);
  EXPECT_EQ(Get("/v1/change-log").body["entries"].size(), 3u);
}

TEST_F(EssSimTest, CustomerChangeMakesEveryEtagStale) {
  const int who = 3;  // has a custom domain
  std::string custom = "/v1/domains/" + CustomDomain(who) + "/inbound-routes";
  std::string d = Etag(kDefault, who), c = Etag(custom, who),
              o = Etag(kOutbound, who);
  auto routes_before = Routes(kDefault, who);
  ASSERT_TRUE(api_->CustomerChange(customers_[who].id).ok());
  EXPECT_NE(Etag(kDefault, who), d);
  EXPECT_NE(Etag(custom, who), c);
  EXPECT_NE(Etag(kOutbound, who), o);
  EXPECT_EQ(Routes(kDefault, who), routes_before);  // same content
  ExpectFailure(
      Post(kDefault, {{"address", "192.0.2.50"}, {"role", "failover"}}, who, d),
      412, "OPTIMISTIC_LOCK");
  ExpectFailure(Post(kOutbound, {{"address", "198.19.0.50"}}, who, o), 412,
                "OPTIMISTIC_LOCK");
  auto log = Get("/v1/change-log", who).body["entries"];
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log[0]["actor"], "customer");
  EXPECT_EQ(api_->CustomerChange("C-99999").code(), Code::kNotFound);
  EXPECT_EQ(api_->CustomerChange(customers_[2].id).code(),  // CDN only
            Code::kNotFound);
}

TEST_F(EssSimTest, RateLimitAnswers429WithRetryAfter) {
  // Off by default.
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(Post("/v1/inbound-routes/r-none/check", {}).status, 404);
  ASSERT_TRUE(
      api_->Configure({{"rate_limit", {{"size", 2}, {"window_s", 60}}}}).ok());
  EXPECT_EQ(api_->Settings()["rate_limit"]["size"], 2);
  std::string etag = Etag(kDefault);
  EXPECT_EQ(
      Post(kDefault, {{"address", "192.0.2.60"}, {"role", "failover"}}, 0, etag)
          .status,
      201);
  EXPECT_EQ(Post("/v1/inbound-routes/r-none/check", {}).status, 404);
  clock_.Advance(std::chrono::seconds(15));
  EssReply limited = Post("/v1/inbound-routes/r-none/check", {});
  ExpectFailure(limited, 429, "RATE_LIMITED");
  EXPECT_EQ(limited.headers.GetOr("Retry-After", ""), "45");
  // GETs are not limited; other accounts have their own window.
  EXPECT_EQ(Get(kDefault).status, 200);
  EXPECT_EQ(Post("/v1/inbound-routes/r-none/check", {}, 1).status, 404);
  clock_.Advance(std::chrono::seconds(45));
  EXPECT_EQ(Post("/v1/inbound-routes/r-none/check", {}).status, 404);
  EXPECT_EQ(host_->Counters()["rate_limited"], 1);
  EXPECT_FALSE(api_->Configure({{"rate_limit", {{"size", -1}}}}).ok());
  EXPECT_FALSE(
      api_->Configure({{"rate_limit", {{"size", 1}, {"window", 5}}}}).ok());
  ASSERT_TRUE(api_->Configure({{"rate_limit", {{"size", 0}}}}).ok());
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(Post("/v1/inbound-routes/r-none/check", {}).status, 404);
}

TEST_F(EssSimTest, CountersSeeEndpointTemplates) {
  ASSERT_EQ(Get(kDefault).status, 200);
  ASSERT_EQ(Post("/v1/inbound-routes/r-none/check", {}).status, 404);
  auto c = host_->Counters();
  EXPECT_EQ(c["by_endpoint"]["GET /v1/inbound-routes"], 1);
  EXPECT_EQ(c["by_endpoint"]["POST /v1/inbound-routes/{id}/check"], 1);
  EXPECT_EQ(c["by_account"][customers_[0].id], 2);
  EXPECT_EQ(c["committed_writes"], 0);
  ASSERT_EQ(Write(kDefault, {{"address", "192.0.2.61"}, {"role", "failover"}},
                  kDefault)
                .status,
            201);
  EXPECT_EQ(host_->Counters()["committed_writes"], 1);
}

}  // namespace
}  // namespace renumber
