// The c-ares client against servers that fail: silent (kTimeout, within
// the configured time), SERVFAIL and REFUSED (kUnavailable, distinct),
// malformed replies, nothing listening; and the bound on queries in
// flight.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "src/dns/dns_resolver.h"
#include "src/dns/nsd_test_server.h"
#include "src/dns/test_udp_responder.h"

namespace renumber {
namespace {

using Mode = TestUdpResponder::Mode;
using SteadyClock = std::chrono::steady_clock;

std::unique_ptr<TestUdpResponder> Responder(Mode mode) {
  auto r = TestUdpResponder::Start(mode);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(*r) : nullptr;
}

std::unique_ptr<Resolver> Dns(const std::string& server, int timeout_ms,
                              int tries, int max_in_flight = 16) {
  DnsOptions o;
  o.servers = {server};
  o.timeout = std::chrono::milliseconds(timeout_ms);
  o.tries = tries;
  o.max_in_flight = max_in_flight;
  auto r = NewDnsResolver(o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(*r) : nullptr;
}

double SecondsSince(SteadyClock::time_point t) {
  return std::chrono::duration<double>(SteadyClock::now() - t).count();
}

TEST(DnsFaultsTest, SilentServerIsATimeoutWithinTheConfiguredTime) {
  auto silent = Responder(Mode::kSilent);
  ASSERT_TRUE(silent);
  auto dns = Dns(silent->address(), 200, 2);
  auto t0 = SteadyClock::now();
  auto r = dns->LookupTxt("c10001.example.jp");
  double took = SecondsSince(t0);
  ASSERT_EQ(r.status().code(), Code::kTimeout) << r.status().ToString();
  EXPECT_NE(r.status().message().find(silent->address()), std::string::npos);
  // Two tries: 200 ms, then 400 ms (c-ares doubles per round).
  std::printf("silent server: kTimeout after %.3f s, %d queries seen\n", took,
              silent->queries());
  EXPECT_GE(took, 0.55);
  // The two queries are the proof of the configured tries; the bound only
  // catches a lookup left to c-ares' own far longer defaults.
  EXPECT_LT(took, 10.0);
  EXPECT_EQ(silent->queries(), 2);
}

TEST(DnsFaultsTest, ServfailAndRefusedAreUnavailableNotTimeouts) {
  for (Mode mode : {Mode::kServfail, Mode::kRefused}) {
    auto server = Responder(mode);
    ASSERT_TRUE(server);
    // A timeout would take the whole 3 s: the answer comes at once.
    auto dns = Dns(server->address(), 3000, 1);
    auto t0 = SteadyClock::now();
    auto r = dns->LookupMx("c10001.example.jp");
    ASSERT_EQ(r.status().code(), Code::kUnavailable) << r.status().ToString();
    EXPECT_NE(r.status().message().find(mode == Mode::kServfail ? "SERVFAIL"
                                                                : "REFUSED"),
              std::string::npos)
        << r.status().message();
    EXPECT_LT(SecondsSince(t0), 2.0) << "answered at once, not timed out";
  }
}

TEST(DnsFaultsTest, MalformedAnswerIsUnavailable) {
  auto server = Responder(Mode::kMalformed);
  ASSERT_TRUE(server);
  auto dns = Dns(server->address(), 1000, 1);
  for (RecordType t : {RecordType::kA, RecordType::kAaaa, RecordType::kMx,
                       RecordType::kNs, RecordType::kTxt, RecordType::kPtr}) {
    auto r = dns->Lookup("c10001.example.jp", t);
    ASSERT_EQ(r.status().code(), Code::kUnavailable)
        << RecordTypeName(t) << " " << r.status().ToString();
    EXPECT_NE(r.status().message().find("malformed"), std::string::npos)
        << r.status().message();
  }
}

TEST(DnsFaultsTest, NothingListeningIsUnavailable) {
  auto port = FreeLoopbackPort();
  ASSERT_TRUE(port.ok());
  auto dns = Dns("127.0.0.1:" + std::to_string(*port), 300, 1);
  auto r = dns->LookupNs("c10001.example.jp");
  EXPECT_TRUE(r.status().Is(Code::kUnavailable) ||
              r.status().Is(Code::kTimeout))
      << r.status().ToString();
}

TEST(DnsFaultsTest, QueriesInFlightAreBounded) {
  auto silent = Responder(Mode::kSilent);
  ASSERT_TRUE(silent);
  auto dns = Dns(silent->address(), 100, 1, /*max_in_flight=*/3);
  std::vector<std::thread> threads;
  std::atomic<int> timeouts{0};
  auto t0 = SteadyClock::now();
  for (int i = 0; i < 9; ++i)
    threads.emplace_back([&, i] {
      auto r = dns->LookupTxt("q" + std::to_string(i) + ".example.jp");
      timeouts += r.status().Is(Code::kTimeout);
    });
  for (auto& t : threads) t.join();
  double took = SecondsSince(t0);
  EXPECT_EQ(timeouts.load(), 9);
  EXPECT_EQ(silent->queries(), 9);
  // Three rounds of three 100 ms queries, never more than three at once.
  std::printf("9 queries, 3 in flight at most: %.3f s\n", took);
  EXPECT_GE(took, 0.28);
}

TEST(DnsFaultsTest, OneSilentServerOfTwoIsSkipped) {
  auto silent = Responder(Mode::kSilent);
  ASSERT_TRUE(silent);
  auto nsd = NsdTestServer::Start(
      {{"c10002.example.jp", "@ NS ns1.zenlogic.jp.\n@ A 198.18.0.11\n"}});
  ASSERT_TRUE(nsd.ok()) << nsd.status().ToString();
  DnsOptions o;
  o.servers = {silent->address(), (*nsd)->address()};
  o.timeout = std::chrono::milliseconds(200);
  auto dns = NewDnsResolver(o);
  ASSERT_TRUE(dns.ok());
  auto a = (*dns)->LookupAddresses("c10002.example.jp", RecordType::kA);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ((*a)[0].ToString(), "198.18.0.11");
}

}  // namespace
}  // namespace renumber
