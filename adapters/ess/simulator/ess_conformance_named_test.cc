// ESS conformance over real HTTP, revision 2: `move` (the console's arrows),
// named routes (GET, add at a position, remove, LAST_ROUTE, DUPLICATE), the
// named-routes collection's own ETag with If-Match / 412, and IN_USE on
// deleting a route a named route holds (ess.md "Endpoints").
#include "adapters/ess/simulator/ess_test_fixture.h"

namespace renumber {
namespace {

constexpr const char* kDefault = "/v1/inbound-routes";
constexpr const char* kNamed = "/v1/named-routes";
// Customer index 1: the old IP the only primary, held alone by dp-archive;
// index 3: old + a second primary + a failover, dp-legal [old, other] and
// dp-hr [other]; index 7: primary, old failover, archive failover, and
// dp-relay [primary, old, archive].
constexpr int kAlone = 1;
constexpr int kShared = 3;
constexpr int kBackup = 7;

class EssNamedTest : public EssSimTest {
 protected:
  std::vector<std::string> Addresses(int who) {
    std::vector<std::string> out;
    for (const auto& r : Routes(kDefault, who)) out.push_back(r["address"]);
    return out;
  }
  std::vector<std::string> Roles(int who) {
    std::vector<std::string> out;
    for (const auto& r : Routes(kDefault, who)) out.push_back(r["role"]);
    return out;
  }
  nlohmann::json Named(const std::string& name, int who) {
    const EssReply r = Get(kNamed, who);
    for (const auto& n : r.body["named_routes"])
      if (n["name"] == name) return n["routes"];
    return nlohmann::json();
  }
  std::string IdOf(const std::string& address, int who) {
    return RouteByAddress(kDefault, address, who).value("id", "");
  }
  std::string AddFailover(const std::string& address, int who) {
    EssReply r = Write(kDefault, {{"address", address}, {"role", "failover"}},
                       kDefault, who);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body["route"].value("id", "");
  }
  EssReply Move(const std::string& id, const nlohmann::json& body, int who) {
    return Write("/v1/inbound-routes/" + id + "/move", body, kDefault, who);
  }
  EssReply AddToNamed(const std::string& name, const nlohmann::json& body,
                      int who) {
    return Write(std::string(kNamed) + "/" + name + "/routes", body, kNamed,
                 who);
  }
  EssReply RemoveFromNamed(const std::string& name, const std::string& id,
                           int who) {
    return Write(std::string(kNamed) + "/" + name + "/routes/" + id + "/remove",
                 {}, kNamed, who);
  }
};

TEST_F(EssNamedTest, MoveWithinItsOwnRole) {
  const std::string old_ip = customers_[kBackup].old_ip;
  // primary, old (failover), archive (failover), new (failover, last).
  std::string added = AddFailover(customers_[kBackup].new_ip, kBackup);
  ASSERT_EQ(Addresses(kBackup)[3], customers_[kBackup].new_ip);
  std::string before = Etag(kDefault, kBackup);
  EssReply r = Move(added, {{"position", 2}}, kBackup);
  ExpectSuccess(r, 200);
  EXPECT_EQ(r.body["route"]["id"], added);
  EXPECT_EQ(r.body["route"]["order"], 3);  // 1 primary, then failover #2
  EXPECT_EQ(r.body["route"]["role"], "failover");
  EXPECT_NE(r.body["etag"], before);
  EXPECT_EQ(r.headers.Get("ETag").value_or(""), r.body["etag"]);
  std::vector<std::string> got = Addresses(kBackup);
  EXPECT_EQ(got[1], old_ip);
  EXPECT_EQ(got[2], customers_[kBackup].new_ip);
  EXPECT_EQ(Roles(kBackup), (std::vector<std::string>{"primary", "failover",
                                                      "failover", "failover"}));
  // To the first failover position, and the change log says so.
  ExpectSuccess(Move(added, {{"position", 1}}, kBackup), 200);
  EXPECT_EQ(Addresses(kBackup)[1], customers_[kBackup].new_ip);
  auto log = Get("/v1/change-log", kBackup).body["entries"];
  EXPECT_EQ(log.back()["action"], "move");
  EXPECT_EQ(log.back()["object"], "route:" + added);
}

TEST_F(EssNamedTest, MoveRefusesPositionsOutsideTheRole) {
  std::string added = AddFailover(customers_[kBackup].new_ip, kBackup);
  // Three failovers: 0, 4, a string, a missing position are all 400.
  for (const nlohmann::json& body :
       {nlohmann::json{{"position", 0}}, nlohmann::json{{"position", 4}},
        nlohmann::json{{"position", "1"}}, nlohmann::json::object()})
    ExpectFailure(Move(added, body, kBackup), 400, "INVALID_ARGUMENT");
  // A primary moves among the primaries only: customer 3 has two.
  std::string old_id = IdOf(customers_[kShared].old_ip, kShared);
  ExpectFailure(Move(old_id, {{"position", 3}}, kShared), 400,
                "INVALID_ARGUMENT");
  ExpectSuccess(Move(old_id, {{"position", 2}}, kShared), 200);
  EXPECT_EQ(Addresses(kShared)[1], customers_[kShared].old_ip);
  ExpectFailure(
      Post("/v1/inbound-routes/r-none/move", {{"position", 1}}, kShared), 404,
      "NOT_FOUND");
}

TEST_F(EssNamedTest, MoveNeedsTheCollectionsEtag) {
  std::string added = AddFailover(customers_[kBackup].new_ip, kBackup);
  const std::string path = "/v1/inbound-routes/" + added + "/move";
  ExpectFailure(Post(path, {{"position", 1}}, kBackup), 428,
                "PRECONDITION_REQUIRED");
  ExpectFailure(Post(path, {{"position", 1}}, kBackup, "\"stale\""), 412,
                "OPTIMISTIC_LOCK");
  // The named routes' ETag is not the default routes' one.
  ExpectFailure(Post(path, {{"position", 1}}, kBackup, Etag(kNamed, kBackup)),
                412, "OPTIMISTIC_LOCK");
  EXPECT_EQ(Addresses(kBackup).back(), customers_[kBackup].new_ip);
}

TEST_F(EssNamedTest, ListNamedRoutesWithTheirOwnEtag) {
  EssReply r = Get(kNamed, kShared);
  ExpectSuccess(r, 200);
  ASSERT_EQ(r.body["named_routes"].size(), 2u);
  EXPECT_EQ(r.body["named_routes"][0]["name"], "dp-legal");
  const std::string old_id = IdOf(customers_[kShared].old_ip, kShared);
  EXPECT_EQ(r.body["named_routes"][0]["routes"][0], old_id);
  EXPECT_EQ(r.headers.Get("ETag").value_or(""), r.body["etag"]);
  EXPECT_NE(r.body["etag"], Etag(kDefault, kShared));
  // An account without named routes lists none.
  EXPECT_TRUE(Get(kNamed, 0).body["named_routes"].empty());
  // A change of the default routes leaves the named routes' ETag alone.
  const std::string named_etag = r.body["etag"];
  AddFailover(customers_[kShared].new_ip, kShared);
  EXPECT_EQ(Etag(kNamed, kShared), named_etag);
}

TEST_F(EssNamedTest, AddAtAPositionAndRemove) {
  const std::string old_id = IdOf(customers_[kAlone].old_ip, kAlone);
  const std::string added = AddFailover(customers_[kAlone].new_ip, kAlone);
  const std::string default_etag = Etag(kDefault, kAlone);
  const std::string before = Etag(kNamed, kAlone);
  EssReply r =
      AddToNamed("dp-archive", {{"route_id", added}, {"position", 1}}, kAlone);
  ExpectSuccess(r, 200);
  EXPECT_EQ(r.body["named_route"]["name"], "dp-archive");
  EXPECT_EQ(r.body["named_route"]["routes"], (nlohmann::json{added, old_id}));
  EXPECT_NE(r.body["etag"], before);
  EXPECT_EQ(Etag(kDefault, kAlone), default_etag);  // its own collection
  // Already there: 409 DUPLICATE, nothing changed.
  ExpectFailure(AddToNamed("dp-archive", {{"route_id", added}}, kAlone), 409,
                "DUPLICATE");
  ExpectSuccess(RemoveFromNamed("dp-archive", added, kAlone), 200);
  EXPECT_EQ(Named("dp-archive", kAlone), (nlohmann::json{old_id}));
  // Without a position: last.
  ExpectSuccess(AddToNamed("dp-archive", {{"route_id", added}}, kAlone), 200);
  EXPECT_EQ(Named("dp-archive", kAlone), (nlohmann::json{old_id, added}));
  auto log = Get("/v1/change-log", kAlone).body["entries"];
  EXPECT_EQ(log.back()["action"], "add");
  EXPECT_EQ(log.back()["object"], "named-route:dp-archive");
  EXPECT_EQ(log.back()["address"], customers_[kAlone].new_ip);
}

TEST_F(EssNamedTest, AddRefusesWhatANamedRouteCannotHold) {
  const std::string added = AddFailover(customers_[kAlone].new_ip, kAlone);
  ExpectFailure(AddToNamed("dp-none", {{"route_id", added}}, kAlone), 404,
                "NOT_FOUND");
  ExpectFailure(AddToNamed("dp-archive", {{"route_id", "r-none"}}, kAlone), 404,
                "NOT_FOUND");
  ExpectFailure(AddToNamed("dp-archive", nlohmann::json::object(), kAlone), 400,
                "INVALID_ARGUMENT");
  for (int bad : {0, 3})
    ExpectFailure(AddToNamed("dp-archive",
                             {{"route_id", added}, {"position", bad}}, kAlone),
                  400, "INVALID_ARGUMENT");
  // Custom routes cannot be held.
  const std::string domain = CustomDomain(kAlone);
  const std::string custom_id =
      Routes("/v1/domains/" + domain + "/inbound-routes", kAlone)[0]["id"];
  ExpectFailure(AddToNamed("dp-archive", {{"route_id", custom_id}}, kAlone),
                400, "INVALID_ARGUMENT");
  // If-Match of the named-routes collection.
  const std::string path = std::string(kNamed) + "/dp-archive/routes";
  ExpectFailure(Post(path, {{"route_id", added}}, kAlone), 428,
                "PRECONDITION_REQUIRED");
  ExpectFailure(
      Post(path, {{"route_id", added}}, kAlone, Etag(kDefault, kAlone)), 412,
      "OPTIMISTIC_LOCK");
  EXPECT_EQ(Named("dp-archive", kAlone).size(), 1u);
}

TEST_F(EssNamedTest, RemovingTheLastRouteIs409) {
  const std::string old_id = IdOf(customers_[kAlone].old_ip, kAlone);
  ExpectFailure(RemoveFromNamed("dp-archive", old_id, kAlone), 409,
                "LAST_ROUTE");
  ExpectFailure(RemoveFromNamed("dp-archive", "r-none", kAlone), 404,
                "NOT_FOUND");
  EXPECT_EQ(Named("dp-archive", kAlone), (nlohmann::json{old_id}));
}

TEST_F(EssNamedTest, DeletingAHeldRouteIsInUse) {
  const std::string old_ip = customers_[kShared].old_ip;
  const std::string old_id = IdOf(old_ip, kShared);
  const nlohmann::json del = {{"reason", "ServerMigration"},
                              {"note", "moving"}};
  EssReply r =
      Write("/v1/inbound-routes/" + old_id + "/delete", del, kDefault, kShared);
  ExpectFailure(r, 409, "IN_USE");
  EXPECT_NE(r.body["message"].get<std::string>().find("dp-legal"),
            std::string::npos);
  ExpectSuccess(RemoveFromNamed("dp-legal", old_id, kShared), 200);
  ExpectSuccess(
      Write("/v1/inbound-routes/" + old_id + "/delete", del, kDefault, kShared),
      200);
  EXPECT_EQ(RouteByAddress(kDefault, old_ip, kShared), nlohmann::json());
}

TEST_F(EssNamedTest, ConsoleEditsChangeTheNamedRoutesEtag) {
  const std::string before = Etag(kNamed, kShared);
  ASSERT_TRUE(api_->CustomerChange(customers_[kShared].id).ok());
  EXPECT_NE(Etag(kNamed, kShared), before);
  const std::string other = IdOf(customers_[kShared].old_ip, kShared);
  ExpectFailure(Post(std::string(kNamed) + "/dp-hr/routes",
                     {{"route_id", other}}, kShared, before),
                412, "OPTIMISTIC_LOCK");
}

TEST_F(EssNamedTest, NamedRoutesSurviveAStateRoundTrip) {
  const std::string added = AddFailover(customers_[kAlone].new_ip, kAlone);
  ExpectSuccess(AddToNamed("dp-archive", {{"route_id", added}}, kAlone), 200);
  const nlohmann::json state = api_->SaveState();
  const std::string etag = Etag(kNamed, kAlone);
  ASSERT_TRUE(api_->LoadState(state).ok());
  EXPECT_EQ(Etag(kNamed, kAlone), etag);
  EXPECT_EQ(Named("dp-archive", kAlone).size(), 2u);
  // A named route naming an unknown route is refused; the state is kept.
  nlohmann::json bad = state;
  for (auto& a : bad["accounts"])
    if (a["customer"] == customers_[kAlone].id)
      a["named_routes"]["named_routes"][0]["routes"].push_back("r-none");
  EXPECT_FALSE(api_->LoadState(bad).ok());
  EXPECT_EQ(Named("dp-archive", kAlone).size(), 2u);
}

}  // namespace
}  // namespace renumber
