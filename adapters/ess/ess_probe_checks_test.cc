// Verify's own SMTP probe of the new server, over the fake prober: one
// probe per distinct new endpoint, in parallel, never blocking; reserved
// addresses are skipped with a note; no probe without run_checks.
#include "adapters/ess/ess_probe_checks.h"

#include <gtest/gtest.h>

#include "adapters/ess/ess_test_world.h"
#include "src/probe/fake_smtp_prober.h"

namespace renumber {
namespace ess_test {
namespace {

using Kind = SmtpProbeResult::Kind;

SmtpProbeTarget T(const char* ip, int port) {
  return {IpAddress::Parse(ip).value(), port};
}

TEST(EssProbeChecksTest, OneNonBlockingCheckPerDistinctEndpoint) {
  FakeSmtpProber prober;
  prober.Set("127.0.0.5:2525",
             FakeSmtpProber::Of(Kind::kFiltered, "connect: refused"));
  prober.Set("127.0.0.5:587",
             FakeSmtpProber::Of(Kind::kBadGreeting, "greeting is not 220"));
  VerifyReport report;
  ess::ProbeNewServer(&prober,
                      {T("127.0.0.5", 25), T("127.0.0.5", 2525),
                       T("127.0.0.5", 25), T("127.0.0.5", 587)},
                      &report);
  ASSERT_EQ(report.checks.size(), 3u);
  EXPECT_EQ(prober.probed().size(), 3u);
  EXPECT_EQ(report.checks[0].name, "smtp.probe 127.0.0.5:25 ok");
  EXPECT_TRUE(report.checks[0].ok);
  EXPECT_EQ(report.checks[1].name, "smtp.probe 127.0.0.5:2525 filtered");
  EXPECT_FALSE(report.checks[1].ok);
  EXPECT_NE(report.checks[1].detail.en.find("ESS's own check decides"),
            std::string::npos);
  EXPECT_NE(report.checks[1].detail.ja.find("ESSの配送チェック"),
            std::string::npos);
  EXPECT_EQ(report.checks[2].name, "smtp.probe 127.0.0.5:587 bad-greeting");
  for (const Check& c : report.checks) EXPECT_FALSE(c.blocking) << c.name;
}

TEST(EssProbeChecksTest, ProbesRunInParallel) {
  FakeSmtpProber prober;
  prober.HoldUntilInFlight(3, std::chrono::seconds(10));
  VerifyReport report;
  ess::ProbeNewServer(
      &prober,
      {T("127.0.0.5", 25), T("127.0.0.5", 2525), T("127.0.0.5", 587),
       T("127.0.0.6", 25), T("127.0.0.7", 25), T("127.0.0.8", 25)},
      &report);
  EXPECT_GE(prober.max_in_flight(), 3);
  EXPECT_LE(prober.max_in_flight(), ess::kProbesPerAccount);
  EXPECT_EQ(report.checks.size(), 6u);
}

TEST(EssProbeChecksTest, ReservedAddressesAreNotProbed) {
  FakeSmtpProber prober;
  VerifyReport report;
  ess::ProbeNewServer(&prober, {T("198.19.0.10", 25)}, &report);
  EXPECT_TRUE(prober.probed().empty());
  EXPECT_TRUE(report.checks.empty());
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].kind, Finding::Kind::kNote);
  EXPECT_NE(report.findings[0].text.en.find("198.18.0.0/15 (RFC 2544)"),
            std::string::npos);
  ess::ProbeNewServer(nullptr, {T("127.0.0.5", 25)}, &report);  // no prober
  EXPECT_TRUE(report.checks.empty());
}

TEST(EssProbeChecksTest, VerifyProbesTheNewServerWithoutGatingOnIt) {
  EssWorldState w;
  FakeSmtpProber prober;
  w.deps_.smtp_prober = &prober;
  w.ctx_.target = MakeTarget(kOld, "127.0.0.5");
  w.vendor_.AddRoute("", kOld, 25, "primary");
  w.vendor_.SetDomain("a.example.jp", "custom");
  w.vendor_.AddRoute("a.example.jp", kOld, 2525, "primary");
  w.vendor_.AddOutbound("192.0.2.80", "office");
  ASSERT_TRUE(RunPhase(w.NewAdapter().get(), Phase::kPrepare, w.ctx_).ok());
  prober.Set("127.0.0.5:25",
             FakeSmtpProber::Of(Kind::kFiltered, "connect: refused"));
  auto adapter = w.NewAdapter();
  auto quiet = adapter->Verify(w.ctx_.target, /*run_checks=*/false);
  ASSERT_TRUE(quiet.ok());
  EXPECT_TRUE(prober.probed().empty());  // read-only: no probe
  auto v = adapter->Verify(w.ctx_.target, /*run_checks=*/true);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(prober.probed(),
            (std::vector<std::string>{"127.0.0.5:25", "127.0.0.5:2525"}));
  // The vendor checks passed: the gate is open whatever our probe says.
  EXPECT_TRUE(v->new_side_verified);
  int filtered = 0;
  for (const Check& c : v->checks)
    if (c.name == "smtp.probe 127.0.0.5:25 filtered") ++filtered;
  EXPECT_EQ(filtered, 1);
}

}  // namespace
}  // namespace ess_test
}  // namespace renumber
