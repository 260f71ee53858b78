#include "adapters/ess/simulator/smtp_probe.h"

#include <gtest/gtest.h>

#include "adapters/ess/simulator/test_smtp_greeter.h"

namespace renumber::ess_sim {
namespace {

using std::chrono::milliseconds;

IpAddress Loopback() { return *IpAddress::Parse("127.0.0.1"); }

TEST(SmtpProbeTest, PassesOn220) {
  TestSmtpGreeter g("220 mx.example.jp ESMTP ready\r\n");
  ProbeResult r = ProbeSmtp(Loopback(), g.port(), milliseconds(1000));
  EXPECT_TRUE(r.pass);
  EXPECT_EQ(r.detail, "220 mx.example.jp ESMTP ready");
}

TEST(SmtpProbeTest, MultiLineGreetingPasses) {
  TestSmtpGreeter g("220-mx.example.jp\r\n220 ready\r\n");
  EXPECT_TRUE(ProbeSmtp(Loopback(), g.port(), milliseconds(1000)).pass);
}

TEST(SmtpProbeTest, FailsOnOtherReplies) {
  for (const char* greeting : {"554 no service\r\n", "2200 odd\r\n",
                               "HTTP/1.1 400 Bad Request\r\n", "22"}) {
    TestSmtpGreeter g(greeting);
    ProbeResult r = ProbeSmtp(Loopback(), g.port(), milliseconds(1000));
    EXPECT_FALSE(r.pass) << greeting;
    EXPECT_FALSE(r.detail.empty());
  }
}

TEST(SmtpProbeTest, FailsOnClosedPort) {
  int port;
  {
    TestSmtpGreeter g;
    port = g.port();
  }
  ProbeResult r = ProbeSmtp(Loopback(), port, milliseconds(1000));
  EXPECT_FALSE(r.pass);
  EXPECT_NE(r.detail.find("connect"), std::string::npos) << r.detail;
}

TEST(SmtpProbeTest, SilentServerTimesOut) {
  TestSmtpGreeter g("");  // accepts and says nothing
  auto t0 = std::chrono::steady_clock::now();
  ProbeResult r = ProbeSmtp(Loopback(), g.port(), milliseconds(200));
  EXPECT_FALSE(r.pass);
  // Its own timeout fired ("timed out"), before the greeter hangs up after
  // 500 ms; the bound only catches a probe that hangs.
  EXPECT_NE(r.detail.find("timed out"), std::string::npos) << r.detail;
  EXPECT_LT(std::chrono::steady_clock::now() - t0, milliseconds(30000));
}

}  // namespace
}  // namespace renumber::ess_sim
