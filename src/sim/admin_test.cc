// The /_sim admin endpoint over real HTTP: auth, every path, errors, and
// that the vendor API never sees a /_sim path.
#include "src/sim/admin.h"

#include <gtest/gtest.h>

#include "src/sim/fake_sim_api.h"
#include "src/sim/test_client.h"

namespace renumber {
namespace {

using Hdrs = std::vector<std::pair<std::string, std::string>>;

class AdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitHttpRuntime(64);
    auto api = std::make_unique<FakeSimApi>();
    api_ = api.get();
    SimHostOptions o;
    o.admin_token = "s3cret-admin";
    auto host = StartSimHost(std::move(api), o);
    ASSERT_TRUE(host.ok()) << host.status().ToString();
    host_ = std::move(host).value();
    client_ = std::make_unique<TestClient>(host_->base_url());
  }
  void TearDown() override { host_->Stop(); }

  HttpResponse Admin(const std::string& method, const std::string& path,
                     const std::string& body = "") {
    auto r = client_->Send(method, path, body,
                           Hdrs{BasicAuthHeader("sim-admin", "s3cret-admin")});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : HttpResponse{};
  }

  FakeSimApi* api_ = nullptr;
  std::unique_ptr<SimHost> host_;
  std::unique_ptr<TestClient> client_;
};

TEST_F(AdminTest, RequiresTheAdminCredentials) {
  for (const Hdrs& h : {Hdrs{}, Hdrs{BasicAuthHeader("sim-admin", "wrong")},
                        Hdrs{BasicAuthHeader("admin", "s3cret-admin")},
                        Hdrs{{"Authorization", "Bearer s3cret-admin"}}}) {
    auto r = client_->Send("GET", "/_sim/counters", "", h);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 401);
    EXPECT_TRUE(r->headers.Get("WWW-Authenticate").has_value());
    EXPECT_EQ(r->body.find("s3cret"), std::string::npos);
  }
  EXPECT_EQ(Admin("GET", "/_sim/counters").status, 200);
}

TEST_F(AdminTest, VendorApiNeverSeesSimPaths) {
  ASSERT_TRUE(
      client_->Send("GET", "/_sim/counters", "", Hdrs{{"X-Account", "C-1"}})
          .ok());
  Admin("GET", "/_sim/nothing-here");
  Admin("GET", "/_sim");
  EXPECT_TRUE(api_->events().empty());
  // Admin requests are not counted as vendor requests.
  EXPECT_EQ(host_->Counters()["requests"], 0);
}

TEST_F(AdminTest, FaultsGetAndPut) {
  auto r = Admin("PUT", "/_sim/faults",
                 R"({"error": {"next": 2, "match": "POST"}, "seed": 5})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(host_->faults().error.next, 2);
  EXPECT_EQ(host_->faults().error.match, "POST");
  auto g = BodyJson(Admin("GET", "/_sim/faults"));
  EXPECT_EQ(g["error"]["next"], 2);
  EXPECT_EQ(g["seed"], 5);
  // Replaced as a whole: a PUT without "error" clears it.
  ASSERT_EQ(Admin("PUT", "/_sim/faults", "{}").status, 200);
  EXPECT_EQ(host_->faults().error.next, 0);
  // Bad input changes nothing.
  ASSERT_EQ(Admin("PUT", "/_sim/faults", R"({"drop": {"next": 1}})").status,
            200);
  EXPECT_EQ(Admin("PUT", "/_sim/faults", "{not json").status, 400);
  // A client's JSON nested 200,000 levels deep is refused unread.
  auto deep = Admin("PUT", "/_sim/faults",
                    "{\"error\": " + std::string(200000, '[') +
                        std::string(200000, ']') + "}");
  EXPECT_EQ(deep.status, 400);
  EXPECT_NE(deep.body.find("nested"), std::string::npos) << deep.body;
  auto bad = Admin("PUT", "/_sim/faults", R"({"explode": true})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(BodyJson(bad)["error"].get<std::string>().find("explode"),
            std::string::npos);
  EXPECT_EQ(host_->faults().drop.next, 1);
  EXPECT_EQ(Admin("DELETE", "/_sim/faults").status, 405);
}

TEST_F(AdminTest, FaultsSetAtRunTimeTakeEffect) {
  ASSERT_EQ(Admin("PUT", "/_sim/faults", R"({"error": {"next": 1}})").status,
            200);
  auto r = client_->Send("GET", "/v1/items", "", Hdrs{{"X-Account", "C-1"}});
  EXPECT_EQ(r->status, 503);
  r = client_->Send("GET", "/v1/items", "", Hdrs{{"X-Account", "C-1"}});
  EXPECT_EQ(r->status, 200);
}

TEST_F(AdminTest, CountersAndReset) {
  ASSERT_EQ(client_->Send("POST", "/v1/items", "{}", Hdrs{{"X-Account", "C-1"}})
                ->status,
            201);
  auto c = BodyJson(Admin("GET", "/_sim/counters"));
  EXPECT_EQ(c["requests"], 1);
  EXPECT_EQ(c["committed_writes"], 1);
  EXPECT_EQ(Admin("GET", "/_sim/counters/reset").status, 405);
  EXPECT_EQ(Admin("POST", "/_sim/counters/reset").status, 200);
  EXPECT_EQ(BodyJson(Admin("GET", "/_sim/counters"))["requests"], 0);
}

TEST_F(AdminTest, SettingsGoToTheApi) {
  EXPECT_EQ(BodyJson(Admin("GET", "/_sim/settings"))["mode"], "normal");
  auto r = Admin("PUT", "/_sim/settings", R"({"mode": "grumpy"})");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(BodyJson(r)["mode"], "grumpy");
  EXPECT_EQ(Admin("PUT", "/_sim/settings", R"({"colour": 1})").status, 400);
  EXPECT_EQ(BodyJson(Admin("GET", "/_sim/settings"))["mode"], "grumpy");
}

TEST_F(AdminTest, CustomerChange) {
  EXPECT_EQ(
      Admin("POST", "/_sim/customer-change", R"({"account":"C-2"})").status,
      200);
  ASSERT_EQ(api_->events().size(), 1u);
  EXPECT_EQ(api_->events()[0], "change C-2");
  EXPECT_EQ(
      Admin("POST", "/_sim/customer-change", R"({"account":"C-9"})").status,
      404);
  EXPECT_EQ(Admin("POST", "/_sim/customer-change", R"({"acct":"C-2"})").status,
            400);
  EXPECT_EQ(Admin("POST", "/_sim/customer-change", "[]").status, 400);
}

TEST_F(AdminTest, StateAndUnknownPaths) {
  ASSERT_EQ(client_->Send("POST", "/v1/items", "{}", Hdrs{{"X-Account", "C-1"}})
                ->status,
            201);
  EXPECT_EQ(BodyJson(Admin("GET", "/_sim/state"))["items"], 1);
  EXPECT_EQ(Admin("GET", "/_sim/nope").status, 404);
  EXPECT_EQ(Admin("POST", "/_sim/state").status, 405);
}

}  // namespace
}  // namespace renumber
