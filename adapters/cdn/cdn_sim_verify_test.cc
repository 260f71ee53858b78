// Verify and the cutover gate against the simulator, with the origins'
// answers set by the test: before the maintenance a placeholder on the new
// server is expected (reported, not failed); after it, a placeholder
// answering 200 keeps the gate closed for that service only, the recorded
// answer of the old origin decides once the old server is off, and an
// operator's check path and text replace the comparison.
#include <gtest/gtest.h>

#include "adapters/cdn/cdn_sim_fixture.h"

namespace renumber::cdn {
namespace {

using nlohmann::json;

class CdnVerifyTest : public CdnSimTest {
 protected:
  // A target whose maintenance ended an hour ago (the gate decides).
  Target After(const SimCustomer& c) {
    Target t = TargetFor(c);
    t.maintenance_end = RealClock()->Now() - std::chrono::hours(1);
    return t;
  }
};

TEST_F(CdnVerifyTest, BeforeTheMaintenanceAPlaceholderIsExpected) {
  const SimCustomer& c = Customer(1);  // three TLS origins
  const Target t = TargetFor(c);
  SetOrigins(c, Origins::kBefore);
  auto a = NewAdapterFor(c);
  ASSERT_TRUE(RunPhase(a.get(), t, Phase::kPrepare).status.ok());
  auto v = a->Verify(t, true);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_TRUE(v->new_side_verified);
  int origins = 0;
  for (const Check& ch : v->checks) {
    if (ch.name.rfind("cdn.origin", 0) != 0) continue;
    ++origins;
    EXPECT_TRUE(ch.ok) << ch.name;
    EXPECT_NE(ch.detail.en.find("expected before the maintenance"),
              std::string::npos)
        << ch.detail.en;
  }
  EXPECT_EQ(origins, 3);
  // The probes were what the CDN would send: TLS, Host/SNI/cert name.
  bool tls = false;
  for (const OriginRequest& r : prober_.requests())
    if (r.ip == c.new_ip && r.port == 8443) {
      tls = r.tls && r.host == "www." + std::string("c10003.example.jp") &&
            r.sni == r.host && r.cert_host == r.host && r.check_cert;
    }
  EXPECT_TRUE(tls);
  // The gate is closed (a placeholder), whatever the time.
  ASSERT_TRUE(v->gate["services"].is_object());
  EXPECT_FALSE(v->gate["services"].begin().value()["ready"].get<bool>());
}

TEST_F(CdnVerifyTest, AfterTheMaintenanceAPlaceholderHoldsOnlyItsService) {
  const SimCustomer& c = Customer(0);
  const Target t = After(c);
  SetOrigins(c, Origins::kBefore);  // the new server still a placeholder
  auto a = NewAdapterFor(c);
  ASSERT_TRUE(RunPhase(a.get(), t, Phase::kPrepare).status.ok());
  auto before = a->Verify(t, true);  // the old origin answers: recorded
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(before->record.is_array());
  records_for_gate_ = json::array({before->record});
  // The old server is off, the new one answers 200 with a placeholder.
  for (int port : {80})
    prober_.Set(c.old_ip, port, Status::Unavailable("connection refused"));
  ResetCounters();
  PhaseRun held = RunPhase(a.get(), t, Phase::kCutover);
  ASSERT_TRUE(held.status.ok()) << held.status.ToString();
  EXPECT_TRUE(held.plan.changes.empty());
  ASSERT_EQ(held.plan.waiting.size(), 1u);
  EXPECT_NE(held.plan.waiting[0].en.find("title 'Server being prepared' vs "
                                         "'Site of " +
                                         c.id + "'"),
            std::string::npos)
      << held.plan.waiting[0].en;
  EXPECT_EQ(Counters()["writes"], 0);
  EXPECT_FALSE(held.gate.new_side_verified);
  // The site arrives: the gate opens, one switch.
  prober_.Set(c.new_ip, 80, HtmlPage("Site of " + c.id, "welcome back"));
  PhaseRun cut = RunPhase(a.get(), t, Phase::kCutover);
  ASSERT_TRUE(cut.status.ok());
  EXPECT_EQ(cut.writes, 1);
  records_for_gate_ = json::array();
}

TEST_F(CdnVerifyTest, NoRecordAndNoOldOriginKeepsTheGateClosedSayingWhy) {
  const SimCustomer& c = Customer(0);
  const Target t = After(c);
  SetOrigins(c, Origins::kAfter);
  auto a = NewAdapterFor(c);
  ASSERT_TRUE(RunPhase(a.get(), t, Phase::kPrepare).status.ok());
  PhaseRun held = RunPhase(a.get(), t, Phase::kCutover);
  ASSERT_TRUE(held.status.ok());
  ASSERT_EQ(held.plan.waiting.size(), 1u);
  EXPECT_NE(held.plan.waiting[0].en.find("no record of what the old origin "
                                         "answered"),
            std::string::npos);
  // An operator's check replaces the comparison.
  Target checked = t;
  checked.check_path = "/health";
  checked.check_text = "welcome";
  PhaseRun cut = RunPhase(a.get(), checked, Phase::kCutover);
  ASSERT_TRUE(cut.status.ok());
  EXPECT_EQ(cut.writes, 1);
  bool health = false;
  for (const OriginRequest& r : prober_.requests())
    health = health || r.path == "/health";
  EXPECT_TRUE(health);
}

TEST_F(CdnVerifyTest, ADownNewOriginFailsVerifyAfterTheMaintenance) {
  const SimCustomer& c = Customer(0);
  const Target t = After(c);
  SetOrigins(c, Origins::kSynced);
  auto a = NewAdapterFor(c);
  ASSERT_TRUE(RunPhase(a.get(), t, Phase::kPrepare).status.ok());
  ASSERT_TRUE(RunPhase(a.get(), t, Phase::kCutover).status.ok());
  auto ok = a->Verify(t, true);
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->new_side_verified);
  prober_.Set(c.new_ip, 80, Status::Timeout("no answer in 8 s"));
  auto down = a->Verify(t, true);
  ASSERT_TRUE(down.ok());
  EXPECT_FALSE(down->new_side_verified);
  bool reported = false;
  for (const Check& ch : down->checks)
    reported = reported || (!ch.ok && ch.detail.en.find("new origin down") !=
                                          std::string::npos);
  EXPECT_TRUE(reported);
}

TEST_F(CdnVerifyTest, AnUnprobedOriginIsReportedAndKeepsTheGateClosed) {
  // The real prober never contacts an address reserved for documentation
  // (no --connect-to for it): the check says so without failing verify,
  // and no switch is made on it.
  const SimCustomer& c = Customer(0);
  SetOrigins(c, Origins::kSynced);
  const Status not_probed = Status::PreconditionFailed(
      "not probed: " + c.new_ip + " is in 198.18.0.0/15 (RFC 2544)");
  prober_.Set(c.new_ip, 80, not_probed);
  prober_.Set(c.old_ip, 80, not_probed);
  auto a = NewAdapterFor(c);
  const Target before = TargetFor(c);
  ASSERT_TRUE(RunPhase(a.get(), before, Phase::kPrepare).status.ok());
  auto v = a->Verify(before, true);
  ASSERT_TRUE(v.ok());
  int unprobed = 0;
  for (const Check& ch : v->checks) {
    if (ch.name.rfind("cdn.origin", 0) != 0) continue;
    ++unprobed;
    EXPECT_FALSE(ch.ok);
    EXPECT_FALSE(ch.blocking) << ch.name;
    EXPECT_NE(ch.detail.en.find("not probed: "), std::string::npos)
        << ch.detail.en;
  }
  EXPECT_EQ(unprobed, 1);
  ResetCounters();
  PhaseRun held = RunPhase(a.get(), After(c), Phase::kCutover);
  ASSERT_TRUE(held.status.ok()) << held.status.ToString();
  EXPECT_TRUE(held.plan.changes.empty());
  EXPECT_EQ(held.plan.waiting.size(), 1u);
  EXPECT_EQ(Counters()["writes"], 0);
}

}  // namespace
}  // namespace renumber::cdn
