// SimCluster: both simulators from one customer list on loopback, plan and
// credentials files, and the state file round trip.
#include "src/sim/cluster.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "src/core/fs.h"
#include "src/sim/test_client.h"

namespace renumber {
namespace {

class SimClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitHttpRuntime(64);
    char tmpl[] = "/tmp/renumber-cluster-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::string cmd = "rm -rf '" + dir_ + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  std::string Path(const std::string& name) const { return dir_ + "/" + name; }
  static unsigned ModeOf(const std::string& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 0777;
  }
  std::string dir_;
};

HttpResponse EssGet(SimCluster& c, const SimCustomer& who,
                    const std::string& path) {
  TestClient client(c.host("ess")->base_url());
  auto r = client.Send("GET", path, "",
                       {BasicAuthHeader(who.Credential("ess", "username"),
                                        who.Credential("ess", "password"))});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : HttpResponse{};
}

TEST(ListenAddressTest, ParsesAndRejects) {
  auto a = ParseListenAddress("127.0.0.1:18025");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 18025);
  auto v6 = ParseListenAddress("[::1]:0");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
  for (const char* bad : {"", "127.0.0.1", ":80", "127.0.0.1:", "h:70000",
                          "h:-1", "h:8o", "::1:80", "[::1]80", "[::1"})
    EXPECT_FALSE(ParseListenAddress(bad).ok()) << bad;
  EXPECT_EQ(*BaseUrlFor("127.0.0.1:18025"), "http://127.0.0.1:18025");
  EXPECT_EQ(*BaseUrlFor("[::1]:8080"), "http://[::1]:8080");
  EXPECT_FALSE(BaseUrlFor("127.0.0.1:0").ok());
}

TEST_F(SimClusterTest, ServesBothVendorsFromOneCustomerList) {
  SimClusterOptions o;
  o.seed = 6;
  o.admin_token = "tok";
  auto c = SimCluster::Start(o);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ((*c)->customers().size(), 6u);
  EXPECT_NE((*c)->host("ess")->base_url(), (*c)->host("cdn")->base_url());
  EXPECT_EQ((*c)->host("ess")->api()->vendor(), "ess");
  EXPECT_EQ((*c)->host("cdn")->api()->vendor(), "cdn");
  EXPECT_EQ((*c)->host("cdn")->admin_token(), "tok");
  const SimCustomer& first = (*c)->customers()[0];
  EXPECT_EQ(EssGet(**c, first, "/v1/inbound-routes").status, 200);
  // The CDN simulator knows the same customers' tokens.
  TestClient cdn((*c)->host("cdn")->base_url());
  auto r = cdn.Send("GET", "/service", "",
                    {{"Fastly-Key", first.Credential("cdn", "api_token")}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200) << r->body;
  (*c)->Stop();
}

TEST_F(SimClusterTest, WritesPlanAndPrivateCredentials) {
  auto c = SimCluster::Start(SimClusterOptions{});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_TRUE((*c)->WritePlan(Path("plan.csv")).ok());
  ASSERT_TRUE((*c)->WriteCredentials(Path("creds.json")).ok());
  auto plan = PosixFileSystem()->ReadFile(Path("plan.csv"));
  EXPECT_EQ(*plan, PlanCsv((*c)->customers()));
  EXPECT_EQ(ModeOf(Path("creds.json")), 0600u);
  auto creds =
      nlohmann::json::parse(*PosixFileSystem()->ReadFile(Path("creds.json")));
  EXPECT_EQ(creds, CredentialsJson((*c)->customers(), (*c)->base_urls()));
  EXPECT_EQ((*c)->base_urls(), (std::map<std::string, std::string>{
                                   {"ess", (*c)->host("ess")->base_url()},
                                   {"cdn", (*c)->host("cdn")->base_url()}}));
}

TEST_F(SimClusterTest, StateFileRoundTrip) {
  SimClusterOptions o;
  o.seed = 5;
  o.state_file = Path("sim.json");
  std::string ess_state, cdn_state;
  std::string route_etag;
  {
    auto c = SimCluster::Start(o);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ASSERT_TRUE((*c)->host("ess")->api()->CustomerChange("C-10001").ok());
    route_etag = nlohmann::json::parse(
        EssGet(**c, (*c)->customers()[0], "/v1/inbound-routes").body)["etag"];
    ASSERT_TRUE((*c)->SaveState(o.state_file).ok());
    ess_state = (*c)->host("ess")->api()->SaveState().dump();
    cdn_state = (*c)->host("cdn")->api()->SaveState().dump();
  }
  EXPECT_EQ(ModeOf(o.state_file), 0600u);
  o.seed = 50;  // ignored: the state file wins
  auto again = SimCluster::Start(o);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->customers().size(), 5u);
  EXPECT_EQ((*again)->host("ess")->api()->SaveState().dump(), ess_state);
  EXPECT_EQ((*again)->host("cdn")->api()->SaveState().dump(), cdn_state);
  auto body = nlohmann::json::parse(
      EssGet(**again, (*again)->customers()[0], "/v1/inbound-routes").body);
  EXPECT_EQ(body["etag"], route_etag);
  auto customers = LoadOrSeedCustomers(o);
  ASSERT_TRUE(customers.ok());
  EXPECT_EQ(customers->size(), 5u);
}

TEST_F(SimClusterTest, BadInputIsRefused) {
  SimClusterOptions o;
  o.state_file = Path("bad.json");
  ASSERT_TRUE(
      WriteFileAtomic(PosixFileSystem(), o.state_file, "{\"x\":1}", 0600).ok());
  auto c = SimCluster::Start(o);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Code::kInvalidArgument);
  SimClusterOptions bad_end;
  bad_end.maintenance_end = "tomorrow";
  EXPECT_EQ(SimCluster::Start(bad_end).status().code(), Code::kInvalidArgument);
  SimClusterOptions bad_listen;
  bad_listen.listen["ess"] = "nowhere";
  EXPECT_EQ(SimCluster::Start(bad_listen).status().code(),
            Code::kInvalidArgument);
}

TEST_F(SimClusterTest, BusyPortIsUnavailable) {
  auto first = SimCluster::Start(SimClusterOptions{});
  ASSERT_TRUE(first.ok());
  SimClusterOptions o;
  o.listen["ess"] =
      (*first)->host("ess")->base_url().substr(7);  // "127.0.0.1:P"
  auto second = SimCluster::Start(o);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Code::kUnavailable)
      << second.status().ToString();
}

}  // namespace
}  // namespace renumber
