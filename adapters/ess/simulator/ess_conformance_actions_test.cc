// ESS conformance over real HTTP: check (real SMTP on loopback), the
// 24-hour can_promote rule, promote, demote and delete (docs/ess-contract.md
// "Objects", "Calls").
#include <chrono>

#include "adapters/ess/simulator/ess_test_fixture.h"
#include "adapters/ess/simulator/test_smtp_greeter.h"

namespace renumber {
namespace {

using std::chrono::hours;
using std::chrono::seconds;
constexpr const char* kDefault = "/v1/inbound-routes";

class EssActionsTest : public EssSimTest {
 protected:
  // Adds a failover route for customer 0 and returns its id.
  std::string AddFailover(const std::string& address, int port = 25) {
    EssReply r = Write(
        kDefault, {{"address", address}, {"port", port}, {"role", "failover"}},
        kDefault);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body["route"].value("id", "");
  }
  EssReply Action(const std::string& id, const std::string& action,
                  const nlohmann::json& body = nlohmann::json::object()) {
    return Write("/v1/inbound-routes/" + id + "/" + action, body, kDefault);
  }
};

TEST_F(EssActionsTest, CheckAgainstARealGreeterPasses) {
  TestSmtpGreeter greeter;
  ASSERT_NE(greeter.port(), 0);
  std::string id = AddFailover("127.0.0.1", greeter.port());
  std::string etag = Etag(kDefault);
  // No If-Match needed.
  EssReply r = Post("/v1/inbound-routes/" + id + "/check", {});
  ExpectSuccess(r, 200);
  EXPECT_EQ(greeter.connections(), 1);
  const auto& route = r.body["route"];
  EXPECT_EQ(route["id"], id);
  EXPECT_EQ(route["last_check"]["result"], "PASS");
  EXPECT_EQ(route["last_check"]["detail"], "220 test ESMTP");
  EXPECT_EQ(route["last_check"]["at"], clock_.Now().ToRfc3339());
  EXPECT_EQ(route["can_promote"], true);
  EXPECT_EQ(route["order"], 2);
  // A check changes no collection.
  EXPECT_EQ(Etag(kDefault), etag);
  EXPECT_EQ(r.headers.Get("ETag"), std::nullopt);
}

TEST_F(EssActionsTest, CheckAgainstAClosedPortFails) {
  int closed;
  {
    TestSmtpGreeter g;  // take a port, then free it
    closed = g.port();
  }
  std::string id = AddFailover("127.0.0.1", closed);
  EssReply r = Post("/v1/inbound-routes/" + id + "/check", {});
  ExpectSuccess(r, 200);
  EXPECT_EQ(r.body["route"]["last_check"]["result"], "FAIL");
  EXPECT_NE(r.body["route"]["last_check"]["detail"].get<std::string>().find(
                "connect"),
            std::string::npos);
  EXPECT_EQ(r.body["route"]["can_promote"], false);
}

TEST_F(EssActionsTest, CheckWithoutA220GreetingFails) {
  TestSmtpGreeter greeter("554 go away\r\n");
  std::string id = AddFailover("127.0.0.1", greeter.port());
  EssReply r = Post("/v1/inbound-routes/" + id + "/check", {});
  EXPECT_EQ(r.body["route"]["last_check"]["result"], "FAIL");
  EXPECT_NE(r.body["route"]["last_check"]["detail"].get<std::string>().find(
                "554 go away"),
            std::string::npos);
}

TEST_F(EssActionsTest, CheckOfOtherAddressesUsesTheConfiguredOutcome) {
  std::string id = AddFailover(customers_[0].new_ip);
  EssReply pass = Post("/v1/inbound-routes/" + id + "/check", {});
  EXPECT_EQ(pass.body["route"]["last_check"]["result"], "PASS");
  ASSERT_TRUE(api_->Configure({{"check_outcome", "FAIL"}}).ok());
  EssReply fail = Post("/v1/inbound-routes/" + id + "/check", {});
  EXPECT_EQ(fail.body["route"]["last_check"]["result"], "FAIL");
  EXPECT_EQ(fail.body["route"]["can_promote"], false);
  EXPECT_FALSE(api_->Configure({{"check_outcome", "MAYBE"}}).ok());
  EXPECT_FALSE(api_->Configure({{"colour", "blue"}}).ok());
  EXPECT_EQ(api_->Settings()["check_outcome"], "FAIL");
}

TEST_F(EssActionsTest, CanPromoteHoldsForExactly24Hours) {
  std::string id = AddFailover(customers_[0].new_ip);
  ASSERT_EQ(Post("/v1/inbound-routes/" + id + "/check", {}).status, 200);
  auto route = [&] { return RouteByAddress(kDefault, customers_[0].new_ip); };
  clock_.Advance(hours(24));
  EXPECT_EQ(route()["can_promote"], true);
  clock_.Advance(seconds(1));
  EXPECT_EQ(route()["can_promote"], false);
  ExpectFailure(Action(id, "promote"), 409, "CHECK_REQUIRED");
  // A fresh check makes it promotable again.
  ASSERT_EQ(Post("/v1/inbound-routes/" + id + "/check", {}).status, 200);
  EssReply p = Action(id, "promote");
  ExpectSuccess(p, 200);
  EXPECT_EQ(p.body["route"]["role"], "primary");
  EXPECT_EQ(p.body["route"]["order"], 1);
  EXPECT_EQ(p.headers.GetOr("ETag", ""), p.body["etag"]);
  auto routes = Routes(kDefault);
  EXPECT_EQ(routes[0]["id"], id);
  EXPECT_EQ(routes[1]["role"], "primary");
  EXPECT_EQ(routes[1]["order"], 2);
}

TEST_F(EssActionsTest, PromoteNeedsAPassingCheck) {
  std::string never = AddFailover("192.0.2.10");
  ExpectFailure(Action(never, "promote"), 409, "CHECK_REQUIRED");
  ASSERT_TRUE(api_->Configure({{"check_outcome", "FAIL"}}).ok());
  ASSERT_EQ(Post("/v1/inbound-routes/" + never + "/check", {}).status, 200);
  ExpectFailure(Action(never, "promote"), 409, "CHECK_REQUIRED");
  // C-10002's old route passed 30 days ago: not promotable.
  auto old = Routes(kDefault, 1)[0];
  EXPECT_EQ(old["last_check"]["result"], "PASS");
  EXPECT_EQ(old["can_promote"], false);
}

TEST_F(EssActionsTest, PromoteAndDemoteNeedIfMatch) {
  std::string id = AddFailover(customers_[0].new_ip);
  ASSERT_EQ(Post("/v1/inbound-routes/" + id + "/check", {}).status, 200);
  ExpectFailure(Post("/v1/inbound-routes/" + id + "/promote", {}), 428,
                "PRECONDITION_REQUIRED");
  ExpectFailure(Post("/v1/inbound-routes/" + id + "/promote", {}, 0, "\"x\""),
                412, "OPTIMISTIC_LOCK");
  ExpectFailure(Post("/v1/inbound-routes/" + id + "/demote", {}), 428,
                "PRECONDITION_REQUIRED");
  EXPECT_EQ(RouteByAddress(kDefault, customers_[0].new_ip)["role"], "failover");
}

TEST_F(EssActionsTest, DemoteTheOnlyPrimaryIs409) {
  std::string id = Routes(kDefault)[0]["id"];
  ExpectFailure(Action(id, "demote"), 409, "LAST_PRIMARY");
  EXPECT_EQ(Routes(kDefault)[0]["role"], "primary");
}

TEST_F(EssActionsTest, DemotePlacesFirstAmongFailovers) {
  // C-10004: primary A, primary B, failover C; add failover D.
  const int who = 3;
  ASSERT_EQ(Write(kDefault, {{"address", "192.0.2.201"}, {"role", "failover"}},
                  kDefault, who)
                .status,
            201);
  auto before = Routes(kDefault, who);
  std::string a = before[0]["id"];
  EssReply d = Write("/v1/inbound-routes/" + a + "/demote", {}, kDefault, who);
  ExpectSuccess(d, 200);
  EXPECT_EQ(d.body["route"]["role"], "failover");
  EXPECT_EQ(d.body["route"]["order"], 2);
  auto after = Routes(kDefault, who);
  ASSERT_EQ(after.size(), 4u);
  EXPECT_EQ(after[0]["id"], before[1]["id"]);
  EXPECT_EQ(after[1]["id"], a);
  EXPECT_EQ(after[2]["id"], before[2]["id"]);
  EXPECT_EQ(after[3]["id"], before[3]["id"]);
}

TEST_F(EssActionsTest, DeleteNeedsReasonAndNote) {
  std::string id = AddFailover("192.0.2.11");
  std::string etag = Etag(kDefault);
  auto del = [&](const nlohmann::json& body) {
    return Post("/v1/inbound-routes/" + id + "/delete", body, 0, etag);
  };
  ExpectFailure(del({}), 400, "REASON_REQUIRED");
  ExpectFailure(del({{"note", "moving"}}), 400, "REASON_REQUIRED");
  ExpectFailure(del({{"reason", "ServerMigration"}}), 400, "REASON_REQUIRED");
  ExpectFailure(del({{"reason", "ServerMigration"}, {"note", ""}}), 400,
                "REASON_REQUIRED");
  ExpectFailure(del({{"reason", "Because"}, {"note", "x"}}), 400,
                "INVALID_ARGUMENT");
  ExpectFailure(del({{"reason", "servermigration"}, {"note", "x"}}), 400,
                "INVALID_ARGUMENT");
  ExpectFailure(del({{"reason", 5}, {"note", "x"}}), 400, "INVALID_ARGUMENT");
  EXPECT_EQ(Etag(kDefault), etag);  // nothing changed
  ExpectFailure(Post("/v1/inbound-routes/" + id + "/delete",
                     {{"reason", "ServerMigration"}, {"note", "x"}}),
                428, "PRECONDITION_REQUIRED");
}

TEST_F(EssActionsTest, DeleteEveryReasonAndRenumbers) {
  for (const char* reason :
       {"CustomerRequest", "InvalidMailServer", "OfficeClosure",
        "CompromisedMailServer", "ServerMigration"}) {
    SCOPED_TRACE(reason);
    std::string keep = AddFailover("192.0.2.20");
    std::string id = AddFailover("192.0.2.21");
    std::string first = Routes(kDefault)[1]["id"];
    EXPECT_EQ(first, keep);
    EssReply d = Write(
        "/v1/inbound-routes/" + keep + "/delete",
        {{"reason", reason}, {"note", "gone"}, {"ticket", "ZL-1"}}, kDefault);
    ExpectSuccess(d, 200);
    EXPECT_EQ(d.headers.GetOr("ETag", ""), d.body["etag"]);
    EXPECT_EQ(Etag(kDefault), d.body["etag"]);
    auto routes = Routes(kDefault);
    ASSERT_EQ(routes.size(), 2u);
    EXPECT_EQ(routes[1]["id"], id);
    EXPECT_EQ(routes[1]["order"], 2);
    ASSERT_EQ(Write("/v1/inbound-routes/" + id + "/delete",
                    {{"reason", reason}, {"note", "gone"}}, kDefault)
                  .status,
              200);
  }
}

TEST_F(EssActionsTest, DeleteTheOnlyPrimaryIs409) {
  AddFailover("192.0.2.30");
  std::string primary = Routes(kDefault)[0]["id"];
  ExpectFailure(
      Action(primary, "delete", {{"reason", "ServerMigration"}, {"note", "x"}}),
      409, "LAST_PRIMARY");
  EXPECT_EQ(Routes(kDefault).size(), 2u);
}

TEST_F(EssActionsTest, FullMigrationOfOneRoute) {
  // The contract's own flow: add new as failover, check, promote, delete old.
  TestSmtpGreeter greeter;
  std::string old_id = Routes(kDefault)[0]["id"];
  std::string new_id = AddFailover("127.0.0.1", greeter.port());
  ASSERT_EQ(Post("/v1/inbound-routes/" + new_id + "/check", {})
                .body["route"]["can_promote"],
            true);
  ExpectSuccess(Action(new_id, "promote"), 200);
  ExpectSuccess(Action(old_id, "delete",
                       {{"reason", "ServerMigration"},
                        {"note", "基盤変更メンテナンス"},
                        {"ticket", customers_[0].ticket}}),
                200);
  auto routes = Routes(kDefault);
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0]["id"], new_id);
  EXPECT_EQ(routes[0]["role"], "primary");
}

}  // namespace
}  // namespace renumber
