#include "adapters/cdn/cdn_probe.h"

#include <gtest/gtest.h>

#include "adapters/cdn/cdn_test_snapshots.h"
#include "src/probe/fake_http_probe.h"

namespace renumber::cdn {
namespace {

using namespace testing;  // NOLINT
using nlohmann::json;

std::vector<OriginProbe> Probes(const RawService& s, const Target& t,
                                const std::vector<std::string>& names) {
  auto snaps = Snapshots({s});
  std::vector<std::string> skipped;
  return snaps.empty() ? std::vector<OriginProbe>{}
                       : ProbesFor(snaps[0], names, t, &skipped);
}

TEST(CdnProbeTest, TheRequestIsTheOneTheCdnWouldSend) {
  RawService s;
  s.name = "Production";  // a label, never a host
  s.versions = {VersionJ(1, true, true)};
  s.domains = {{{"name", "shop.example.jp"}}};
  s.backends = {BackendJ("plain", "198.18.0.5"),
                BackendJ("tls", "198.18.0.5",
                         {{"port", 8443},
                          {"use_ssl", true},
                          {"override_host", "www.example.jp"},
                          {"ssl_cert_hostname", "cert.example.jp"},
                          {"ssl_sni_hostname", "sni.example.jp"},
                          {"ssl_check_cert", false}})};
  auto p = Probes(s, TestTarget(), {"plain", "tls"});
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].at_new.ip, "198.19.0.5");
  EXPECT_EQ(p[0].at_old.ip, "198.18.0.5");
  EXPECT_EQ(p[0].at_new.host, "shop.example.jp");  // the first domain
  EXPECT_FALSE(p[0].at_new.tls);
  EXPECT_EQ(p[0].at_new.path, "/");
  EXPECT_EQ(p[1].at_new.host, "www.example.jp");  // override_host
  EXPECT_EQ(p[1].at_new.port, 8443);
  EXPECT_TRUE(p[1].at_new.tls);
  EXPECT_EQ(p[1].at_new.sni, "sni.example.jp");
  EXPECT_EQ(p[1].at_new.cert_host, "cert.example.jp");
  EXPECT_FALSE(p[1].at_new.check_cert);
  Target t = TestTarget();
  t.check_path = "/health";
  EXPECT_EQ(Probes(s, t, {"plain"})[0].at_new.path, "/health");
  // No host at all: skipped, not guessed.
  s.domains = json::array();
  std::vector<std::string> skipped;
  auto snaps = Snapshots({s});
  EXPECT_EQ(ProbesFor(snaps[0], {"plain"}, t, &skipped).size(), 0u);
  EXPECT_EQ(skipped, std::vector<std::string>{"plain"});
}

class CompareTest : public ::testing::Test {
 protected:
  OriginProbe probe_;
  Target t_ = TestTarget();
  void SetUp() override {
    probe_.service_id = "S1";
    probe_.service = "www (S1)";
    probe_.backend = "origin_1";
    probe_.at_new.host = probe_.at_old.host = "www.example.jp";
  }
};

TEST_F(CompareTest, SameSiteOpensTheGate) {
  OriginAnswer site = HtmlPage("Shop", "welcome");
  ProbeOutcome c = CompareOrigins(probe_, site, site, std::nullopt, t_);
  EXPECT_EQ(c.kind, "same");
  EXPECT_TRUE(c.ready);
}

TEST_F(CompareTest, APlaceholderAnswering200DoesNotOpenIt) {
  OriginAnswer site = HtmlPage("Shop", "welcome");
  OriginAnswer placeholder = HtmlPage("Coming soon", "wait");
  ProbeOutcome c = CompareOrigins(probe_, placeholder, site, std::nullopt, t_);
  EXPECT_EQ(c.kind, "differs");
  EXPECT_FALSE(c.ready);
  EXPECT_NE(c.why.en.find("title 'Coming soon' vs 'Shop'"), std::string::npos)
      << c.why.en;
  // After the maintenance the old origin is down: the recorded answer
  // decides.
  Result<OriginAnswer> down = Status::Unavailable("connection refused");
  Baseline recorded{200, "text/html", "Shop", "x", "2026-12-01T00:00:00Z"};
  ProbeOutcome after = CompareOrigins(probe_, placeholder, down, recorded, t_);
  EXPECT_EQ(after.kind, "old-down");
  EXPECT_FALSE(after.ready);
  EXPECT_NE(after.why.en.find("recorded at 2026-12-01"), std::string::npos);
  // The site with other dynamic bytes (a different body) but the same
  // title: ready.
  OriginAnswer later = HtmlPage("Shop", "welcome, 10:05");
  EXPECT_TRUE(CompareOrigins(probe_, later, down, recorded, t_).ready);
  // Nothing recorded and the old origin down: not ready, and says why.
  ProbeOutcome blind = CompareOrigins(probe_, later, down, std::nullopt, t_);
  EXPECT_FALSE(blind.ready);
  EXPECT_NE(blind.why.en.find("--check-text"), std::string::npos);
}

TEST_F(CompareTest, TheOperatorsCheckDecidesWhenGiven) {
  t_.check_text = "In stock";
  Result<OriginAnswer> down = Status::Unavailable("refused");
  EXPECT_TRUE(CompareOrigins(probe_, HtmlPage("x", "In stock: 3"), down,
                             std::nullopt, t_)
                  .ready);
  EXPECT_FALSE(
      CompareOrigins(probe_, HtmlPage("x", "Out"), down, std::nullopt, t_)
          .ready);
  EXPECT_FALSE(CompareOrigins(probe_, HtmlPage("x", "In stock", 503), down,
                              std::nullopt, t_)
                   .ready);
}

TEST_F(CompareTest, DownNewOriginAndStatusClass) {
  Result<OriginAnswer> down = Status::Timeout("no answer");
  ProbeOutcome c =
      CompareOrigins(probe_, down, HtmlPage("Shop", ""), std::nullopt, t_);
  EXPECT_EQ(c.kind, "new-down");
  EXPECT_FALSE(c.ready);
  OriginAnswer err = HtmlPage("Shop", "", 500);
  EXPECT_FALSE(
      CompareOrigins(probe_, err, HtmlPage("Shop", ""), std::nullopt, t_)
          .ready);
  OriginAnswer json_api = MakeAnswer(200, "application/json", "{}");
  OriginAnswer json_new = MakeAnswer(201, "application/json", "{\"a\":1}");
  EXPECT_TRUE(
      CompareOrigins(probe_, json_new, json_api, std::nullopt, t_).ready);
}

TEST_F(CompareTest, RecordsRoundTripAndTheLatestWins) {
  const Timestamp t1 = *Timestamp::ParseRfc3339("2026-12-01T00:00:00Z");
  const Timestamp t2 = *Timestamp::ParseRfc3339("2026-12-02T00:00:00Z");
  json records = json::array(
      {json::array({OldAnswerRecord(probe_, HtmlPage("Old", ""), t1)}),
       json::array({OldAnswerRecord(probe_, HtmlPage("Newer", ""), t2)})});
  auto b = RecordedBaseline(records, probe_);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->title, "Newer");
  EXPECT_EQ(b->at, t2.ToRfc3339());
  OriginProbe other = probe_;
  other.backend = "origin_2";
  EXPECT_FALSE(RecordedBaseline(records, other).has_value());
}

}  // namespace
}  // namespace renumber::cdn
