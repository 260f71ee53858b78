// The real SMTP prober against real loopback sockets (127.0.0.x): every
// outcome, what it says on the wire (never MAIL FROM), its timeouts, and
// the process-wide bound on probes at once.
#include "src/probe/smtp_probe.h"

#include <gtest/gtest.h>

#include <atomic>

#include "src/probe/parallel.h"
#include "src/probe/test_smtp_responder.h"

namespace renumber {
namespace {

using Kind = SmtpProbeResult::Kind;
using Mode = TestSmtpResponder::Mode;
using std::chrono::milliseconds;

SmtpProbeOptions Fast() {
  SmtpProbeOptions o;
  o.connect_timeout = milliseconds(300);
  o.read_timeout = milliseconds(300);
  o.ehlo_name = "probe.renumber.test";
  return o;
}

SmtpProbeTarget At(const TestSmtpResponder& r) {
  return {IpAddress::Parse(r.ip()).value(), r.port()};
}

SmtpProbeResult ProbeOnce(const TestSmtpResponder& r,
                          SmtpProbeOptions o = Fast()) {
  EXPECT_NE(r.port(), 0) << "the responder could not listen on " << r.ip();
  return NewSmtpProber(o)->Probe(At(r));
}

TEST(SmtpProbeTest, GoodServer) {
  TestSmtpResponder server(Mode::kGood, "127.0.0.2");
  SmtpProbeResult r = ProbeOnce(server);
  EXPECT_EQ(r.kind, Kind::kOk) << r.detail;
  EXPECT_STREQ(SmtpProbeKindName(r.kind), "ok");
  EXPECT_EQ(r.greeting, "220 mx.test.example ESMTP ready");
  EXPECT_TRUE(r.ehlo_ok);
  EXPECT_TRUE(r.starttls);
  EXPECT_EQ(r.detail,
            "127.0.0.2:" + std::to_string(server.port()) +
                ": 220 mx.test.example ESMTP ready; EHLO 250, STARTTLS "
                "offered");
  // EHLO, QUIT and nothing else: never a MAIL FROM.
  EXPECT_EQ(server.lines(),
            (std::vector<std::string>{"EHLO probe.renumber.test", "QUIT"}));
}

TEST(SmtpProbeTest, GoodServerWithoutStarttls) {
  TestSmtpResponder server(Mode::kGood, "127.0.0.3", milliseconds(0),
                           /*starttls=*/false);
  SmtpProbeResult r = ProbeOnce(server);
  EXPECT_EQ(r.kind, Kind::kOk) << r.detail;
  EXPECT_TRUE(r.ehlo_ok);
  EXPECT_FALSE(r.starttls);
  EXPECT_NE(r.detail.find("no STARTTLS"), std::string::npos) << r.detail;
}

TEST(SmtpProbeTest, BadGreeting) {
  TestSmtpResponder server(Mode::kBadGreeting, "127.0.0.4");
  SmtpProbeResult r = ProbeOnce(server);
  EXPECT_EQ(r.kind, Kind::kBadGreeting) << r.detail;
  EXPECT_STREQ(SmtpProbeKindName(r.kind), "bad-greeting");
  EXPECT_NE(r.detail.find("554 5.7.1 no SMTP service here"), std::string::npos)
      << r.detail;
  EXPECT_FALSE(r.ehlo_ok);
  EXPECT_EQ(server.lines(), (std::vector<std::string>{"QUIT"}));
}

TEST(SmtpProbeTest, SilentServerTimesOut) {
  TestSmtpResponder server(Mode::kSilent, "127.0.0.5");
  SmtpProbeResult r = ProbeOnce(server);
  EXPECT_EQ(r.kind, Kind::kTimeout) << r.detail;
  EXPECT_NE(r.detail.find("no greeting within 300 ms"), std::string::npos)
      << r.detail;
  EXPECT_GE(r.elapsed, milliseconds(300));
  EXPECT_TRUE(server.lines().empty());
}

TEST(SmtpProbeTest, ServerSlowerThanTheTimeout) {
  // The greeting would come after 60 s (the responder's destructor ends
  // the wait at once).
  TestSmtpResponder server(Mode::kSlow, "127.0.0.6", milliseconds(60000));
  SmtpProbeResult r = ProbeOnce(server);
  EXPECT_EQ(r.kind, Kind::kTimeout) << r.detail;
  // It gave up at its own timeout, not when the server finally spoke.
  EXPECT_GE(r.elapsed, milliseconds(300));
  EXPECT_LT(r.elapsed, milliseconds(30000));
}

TEST(SmtpProbeTest, SlowButWithinTheTimeoutIsOk) {
  TestSmtpResponder server(Mode::kSlow, "127.0.0.6", milliseconds(100));
  SmtpProbeOptions o = Fast();
  o.read_timeout = milliseconds(3000);
  EXPECT_EQ(ProbeOnce(server, o).kind, Kind::kOk);
}

TEST(SmtpProbeTest, ClosedAtOnceIsFiltered) {
  TestSmtpResponder server(Mode::kCloseAtOnce, "127.0.0.7");
  SmtpProbeResult r = ProbeOnce(server);
  EXPECT_EQ(r.kind, Kind::kFiltered) << r.detail;
  EXPECT_NE(r.detail.find("closed without a greeting"), std::string::npos)
      << r.detail;
}

TEST(SmtpProbeTest, RefusedIsFiltered) {
  int port;
  {
    TestSmtpResponder gone(Mode::kGood, "127.0.0.8");
    port = gone.port();
  }
  SmtpProbeResult r = NewSmtpProber(Fast())->Probe(
      {IpAddress::Parse("127.0.0.8").value(), port});
  EXPECT_EQ(r.kind, Kind::kFiltered) << r.detail;
  EXPECT_NE(r.detail.find("Connection refused"), std::string::npos) << r.detail;
}

TEST(SmtpProbeTest, UnansweredConnectionIsFiltered) {
  TestSmtpResponder server(Mode::kUnanswered, "127.0.0.9");
  SmtpProbeResult r = ProbeOnce(server);
  EXPECT_EQ(r.kind, Kind::kFiltered) << r.detail;
  EXPECT_NE(r.detail.find("no answer to the connection within 300 ms"),
            std::string::npos)
      << r.detail;
  EXPECT_GE(r.elapsed, milliseconds(300));
}

TEST(SmtpProbeTest, MultiLineGreetingAndGarbage) {
  // A plain TCP server speaking HTTP is not an SMTP server.
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  inet_pton(AF_INET, "127.0.0.10", &a.sin_addr);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  listen(fd, 4);
  std::atomic<int> step{0};
  std::thread t([&] {
    for (const char* says : {"220-mx.test first line\r\n220 second line\r\n",
                             "HTTP/1.1 400 Bad Request\r\n\r\n"}) {
      int c = accept(fd, nullptr, nullptr);
      (void)!send(c, says, strlen(says), MSG_NOSIGNAL);
      ++step;
      char buf[256];
      while (read(c, buf, sizeof buf) > 0) {
      }
      close(c);
    }
  });
  auto prober = NewSmtpProber(Fast());
  SmtpProbeTarget target{IpAddress::Parse("127.0.0.10").value(),
                         ntohs(a.sin_port)};
  SmtpProbeResult multi = prober->Probe(target);
  EXPECT_EQ(multi.kind, Kind::kOk) << multi.detail;
  EXPECT_EQ(multi.greeting, "220-mx.test first line");
  SmtpProbeResult http = prober->Probe(target);
  EXPECT_EQ(http.kind, Kind::kBadGreeting) << http.detail;
  EXPECT_NE(http.detail.find("not an SMTP greeting: HTTP/1.1 400"),
            std::string::npos)
      << http.detail;
  t.join();
  close(fd);
}

TEST(SmtpProbeTest, AtMostMaxParallelProbesAtOnce) {
  TestSmtpResponder server(Mode::kSilent, "127.0.0.11");
  SmtpProbeOptions o = Fast();
  o.read_timeout = milliseconds(200);
  o.max_parallel = 2;
  auto prober = NewSmtpProber(o);
  std::vector<SmtpProbeResult> results(6);
  auto start = std::chrono::steady_clock::now();
  ForEachInParallel(6, 6,
                    [&](size_t i) { results[i] = prober->Probe(At(server)); });
  auto elapsed = std::chrono::steady_clock::now() - start;
  for (const auto& r : results) EXPECT_EQ(r.kind, Kind::kTimeout) << r.detail;
  EXPECT_EQ(server.connections(), 6);
  // Six probes of 200 ms, two at a time, cannot end in under 600 ms.
  EXPECT_GE(elapsed, milliseconds(600));
  EXPECT_GE(server.max_open(), 2);
}

TEST(SmtpProbeTest, IPv6Loopback) {
  SmtpProbeResult r = NewSmtpProber(Fast())->Probe(
      {IpAddress::Parse("::1").value(), 1});  // nothing listens on port 1
  EXPECT_EQ(r.kind, Kind::kFiltered) << r.detail;
  EXPECT_EQ(r.detail.rfind("[::1]:1: ", 0), 0u) << r.detail;
}

}  // namespace
}  // namespace renumber
