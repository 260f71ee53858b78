// The simulated origins answer as their phase says, over real HTTP(S),
// reached through the connect-to map and trusted through the farm's CA.
#include "src/sim/origin_farm.h"

#include <gtest/gtest.h>

#include "src/http/transport.h"
#include "src/probe/http_probe.h"
#include "src/sim/cluster.h"

namespace renumber {
namespace {

class OriginFarmTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitHttpRuntime(64);
    SimClusterOptions o;
    o.seed = 4;  // C-10001 (shape one), C-10003 (director), C-10004 (images)
    o.origins = true;
    o.origin_options.phase = OriginPhase::kBefore;
    o.origin_options.clock = &clock_;
    o.clock = &clock_;
    auto c = SimCluster::Start(o);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    cluster_ = std::move(*c);
    HttpProberOptions po;
    po.ca_file = cluster_->origins()->ca_file();
    po.connect_to = cluster_->origins()->connect_to();
    auto p = NewHttpProber(po);
    ASSERT_TRUE(p.ok());
    prober_ = std::move(*p);
  }
  void TearDown() override {
    if (cluster_) cluster_->Stop();
  }
  const SimCustomer& Customer(const std::string& id) {
    for (const SimCustomer& c : cluster_->customers())
      if (c.id == id) return c;
    static SimCustomer none;
    ADD_FAILURE() << id;
    return none;
  }
  Result<OriginAnswer> Www(const std::string& ip, int port, bool tls,
                           const std::string& domain) {
    OriginRequest r;
    r.ip = ip;
    r.port = port;
    r.tls = tls;
    r.host = r.sni = r.cert_host = "www." + domain;
    return prober_->Probe(r);
  }

  FakeClock clock_;
  std::unique_ptr<SimCluster> cluster_;
  std::unique_ptr<HttpProber> prober_;
};

TEST_F(OriginFarmTest, EveryOldAndNewAddressAndPortListens) {
  const std::string map = cluster_->origins()->connect_to().ToText();
  // C-10001: :80; C-10003: :443, :8443, :9443; C-10004: :443.
  for (const char* id : {"C-10001", "C-10003", "C-10004"}) {
    EXPECT_NE(map.find(Customer(id).old_ip + " "), std::string::npos) << id;
    EXPECT_NE(map.find(Customer(id).new_ip + " "), std::string::npos) << id;
  }
  EXPECT_NE(map.find(Customer("C-10003").new_ip + " 9443 127.0.0.1 "),
            std::string::npos)
      << map;
}

// A customer's HTTPS origin presents a certificate for its own site only,
// as a real one does: with one certificate naming every customer's site,
// the bench's 10,000 accounts (5,000 sites) passed the 100 KiB that a TLS
// client accepts and 3,125 HTTPS origins could not be probed. So C-10004's
// name is refused on C-10003's server, and accepted on its own.
TEST_F(OriginFarmTest, EachCustomerHasItsOwnCertificate) {
  const SimCustomer& c3 = Customer("C-10003");
  const SimCustomer& c4 = Customer("C-10004");
  ASSERT_TRUE(Www(c3.old_ip, 443, true, "c10003.example.jp").ok());
  auto wrong = Www(c3.old_ip, 443, true, "c10004.example.jp");
  EXPECT_FALSE(wrong.ok());
  auto own = Www(c4.new_ip, 443, true, "c10004.example.jp");
  EXPECT_TRUE(own.ok()) << own.status().ToString();
}

TEST_F(OriginFarmTest, PhasesDecideWhatOldAndNewAnswer) {
  const SimCustomer& c = Customer("C-10003");
  const std::string domain = "c10003.example.jp";
  auto old_before = Www(c.old_ip, 443, true, domain);
  ASSERT_TRUE(old_before.ok()) << old_before.status().ToString();
  EXPECT_EQ(old_before->title, OriginFarm::SiteTitle("www." + domain));
  auto new_before = Www(c.new_ip, 8443, true, domain);
  ASSERT_TRUE(new_before.ok()) << new_before.status().ToString();
  EXPECT_EQ(new_before->status, 200);  // a placeholder that answers 200
  EXPECT_EQ(new_before->title, OriginFarm::PlaceholderTitle());

  cluster_->origins()->SetPhase(OriginPhase::kSynced);
  auto new_synced = Www(c.new_ip, 8443, true, domain);
  ASSERT_TRUE(new_synced.ok());
  // The same page, byte for byte, on both servers.
  EXPECT_EQ(new_synced->body_sha256,
            Www(c.old_ip, 8443, true, domain)->body_sha256);

  // An older copy on the new server: the same title and type, another body.
  cluster_->origins()->SetPhase(OriginPhase::kStaleCopy);
  auto new_stale = Www(c.new_ip, 8443, true, domain);
  auto old_stale = Www(c.old_ip, 8443, true, domain);
  ASSERT_TRUE(new_stale.ok() && old_stale.ok());
  EXPECT_EQ(new_stale->title, old_stale->title);
  EXPECT_EQ(new_stale->content_type, old_stale->content_type);
  EXPECT_NE(new_stale->body_sha256, old_stale->body_sha256);
  EXPECT_EQ(ParseOriginPhase("stale-copy").value(), OriginPhase::kStaleCopy);

  cluster_->origins()->SetPhase(OriginPhase::kAfter);
  auto old_after = Www(c.old_ip, 443, true, domain);
  ASSERT_FALSE(old_after.ok());
  EXPECT_EQ(old_after.status().code(), Code::kUnavailable);
  EXPECT_TRUE(Www(c.new_ip, 443, true, domain).ok());
  EXPECT_GE(cluster_->origins()->requests(), 6);
}

TEST_F(OriginFarmTest, TimedPhaseFollowsTheClockAndStaggersCustomers) {
  auto end = Timestamp::ParseRfc3339(cluster_->customers()[0].maintenance_end);
  ASSERT_TRUE(end.ok());
  cluster_->origins()->SetPhase(OriginPhase::kTimed);
  const SimCustomer& a = Customer("C-10001");  // rank 0
  const SimCustomer& b = Customer("C-10003");  // rank 1: 2 s later
  clock_.Set(*end - std::chrono::seconds(1));
  EXPECT_EQ(Www(a.new_ip, 80, false, "c10001.example.jp")->title,
            OriginFarm::PlaceholderTitle());
  EXPECT_TRUE(Www(a.old_ip, 80, false, "c10001.example.jp").ok());
  clock_.Set(*end + std::chrono::seconds(1));
  EXPECT_FALSE(Www(a.old_ip, 80, false, "c10001.example.jp").ok());
  EXPECT_EQ(Www(a.new_ip, 80, false, "c10001.example.jp")->title,
            OriginFarm::SiteTitle("www.c10001.example.jp"));
  EXPECT_EQ(Www(b.new_ip, 443, true, "c10003.example.jp")->title,
            OriginFarm::PlaceholderTitle());
  clock_.Set(*end + std::chrono::seconds(2));
  EXPECT_EQ(Www(b.new_ip, 443, true, "c10003.example.jp")->title,
            OriginFarm::SiteTitle("www.c10003.example.jp"));
}

}  // namespace
}  // namespace renumber
