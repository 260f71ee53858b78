// `renumber preflight` through the real binary: against nsd on loopback
// (exit 3, the JSON document, the report in Japanese), one account with
// nothing to do (exit 0), silent and SERVFAIL servers (exit 1), bad input
// (exit 2, before any DNS query).
#include <gtest/gtest.h>

#include <fstream>

#include "src/dns/test_udp_responder.h"
#include "src/preflight/preflight_test_world.h"
#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

using json = nlohmann::json;

std::string Describe(const RunResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\nstdout:\n" + r.out +
         "\nstderr:\n" + r.err;
}

class PreflightE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto nsd = NsdTestServer::Start(PreflightTestZones());
    ASSERT_TRUE(nsd.ok()) << nsd.status().ToString();
    nsd_ = nsd->release();
  }
  static void TearDownTestSuite() { delete nsd_; }

  void SetUp() override {
    ASSERT_NE(nsd_, nullptr);
    std::ofstream(plan()) << PreflightTestPlanCsv();
    std::ofstream(domains()) << PreflightTestDomains();
  }
  std::string plan() const { return env_.dir() + "/plan.csv"; }
  std::string domains() const { return env_.dir() + "/domains.txt"; }

  RunResult Preflight(std::vector<std::string> more,
                      const std::string& server = "") {
    std::vector<std::string> args = {"preflight", "--dns-server",
                                     server.empty() ? nsd_->address() : server};
    args.insert(args.end(), more.begin(), more.end());
    return env_.Run(args);
  }

  static NsdTestServer* nsd_;
  E2eEnv env_{Customers(1)};
};
NsdTestServer* PreflightE2eTest::nsd_ = nullptr;

TEST_F(PreflightE2eTest, FindingsAreExit3WithAJsonDocument) {
  RunResult r = Preflight({"--plan", plan(), "--domains", domains(), "--dnsbl",
                           kPreflightTestBlocklist, "--json"});
  ASSERT_EQ(r.exit_code, 1) << Describe(r);  // C-10003's blocklist error
  json doc = StdoutJson(r);
  EXPECT_EQ(doc["command"], "preflight");
  EXPECT_EQ(doc["exit_code"], 1);
  EXPECT_EQ(doc["dns_servers"][0], nsd_->address());
  ASSERT_EQ(doc["customers"].size(), 4u);
  std::map<std::string, std::set<std::string>> kinds;
  for (const json& c : doc["customers"])
    for (const json& f : c["findings"])
      kinds[c["customer"]].insert(f["kind"].get<std::string>());
  EXPECT_TRUE(kinds["C-10001"].count("dns-old-ip"));
  EXPECT_TRUE(kinds["C-10001"].count("mx-old-ip"));
  EXPECT_TRUE(kinds["C-10001"].count("spf-not-authorised"));
  EXPECT_TRUE(kinds["C-10001"].count("ptr-missing"));
  EXPECT_TRUE(kinds["C-10002"].count("dnsbl-listed"));
  EXPECT_TRUE(kinds["C-10003"].count("spf-permerror"));
  EXPECT_TRUE(kinds["C-10004"].count("spf-none"));
  // The report for people went to stderr.
  EXPECT_NE(r.err.find("To do - the customer, after the maintenance ends"),
            std::string::npos)
      << r.err;

  // Without the blocklist nothing fails: exit 3, findings to act on (and
  // C-10002, on Zenlogic's name servers, has nothing to do).
  RunResult plain = Preflight({"--plan", plan(), "--domains", domains()});
  EXPECT_EQ(plain.exit_code, 3) << Describe(plain);
  EXPECT_NE(plain.out.find("4 customers: 3 need action, 0 could not be "
                           "fully checked, 1 with nothing to do"),
            std::string::npos)
      << plain.out;
}

TEST_F(PreflightE2eTest, JapaneseReportUsesTheNoticesTerms) {
  RunResult r = Preflight(
      {"--plan", plan(), "--domains", domains(), "--only", "C-10001"});
  ASSERT_EQ(r.exit_code, 3) << Describe(r);
  RunResult ja = Preflight({"--plan", plan(), "--domains", domains(), "--only",
                            "C-10001", "--lang", "ja"});
  ASSERT_EQ(ja.exit_code, 3) << Describe(ja);
  for (const char* words :
       {"お客様の作業 (基盤変更メンテナンス完了後 (2026-12-10T06:00:00+09:00) "
        "に):",
        "他社ネームサーバー (ns1.other-dns.example, ns2.other-dns.example)",
        "DNSゾーン c10001.example.jp", "SPFレコード",
        "Zenlogic へのご依頼 (基盤変更メンテナンスの前に):"})
    EXPECT_NE(ja.out.find(words), std::string::npos) << words << "\n" << ja.out;
}

TEST_F(PreflightE2eTest, OneAccountWithNothingToDo) {
  RunResult r = Preflight({"--service", "ess", "--customer", "C-10002",
                           "--old-ip", "198.18.0.11", "--new-ip", "198.19.0.11",
                           "--domain", "c10002.example.jp"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_NE(r.out.find("Nothing to do."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Zenlogic name servers (ns1.zenlogic.jp, "
                       "ns2.zenlogic.jp)"),
            std::string::npos)
      << r.out;
}

TEST_F(PreflightE2eTest, SilentAndServfailServersAreExit1AndToldApart) {
  for (auto mode :
       {TestUdpResponder::Mode::kSilent, TestUdpResponder::Mode::kServfail}) {
    auto server = TestUdpResponder::Start(mode);
    ASSERT_TRUE(server.ok());
    RunResult r = Preflight({"--plan", plan(), "--domains", domains(), "--only",
                             "C-10004", "--dns-timeout", "0.1", "--json"},
                            (*server)->address());
    EXPECT_EQ(r.exit_code, 1) << Describe(r);
    json doc = StdoutJson(r);
    std::set<std::string> codes;
    for (const json& f : doc["customers"][0]["findings"])
      if (f["kind"] == "dns-error") codes.insert(f["detail"]["code"]);
    EXPECT_EQ(codes,
              (std::set<std::string>{mode == TestUdpResponder::Mode::kSilent
                                         ? "timeout"
                                         : "unavailable"}))
        << r.out;
    EXPECT_GT((*server)->queries(), 0);
  }
}

TEST_F(PreflightE2eTest, BadInputIsExit2BeforeAnyQuery) {
  auto silent = TestUdpResponder::Start(TestUdpResponder::Mode::kSilent);
  ASSERT_TRUE(silent.ok());
  std::ofstream(env_.dir() + "/bad-domains.txt")
      << "C-10001 c10001.example.jp\nC-10002 not..a.domain\n";
  const std::vector<std::vector<std::string>> cases = {
      {"--plan", plan()},                                   // no domains
      {"--plan", plan(), "--domain", "c10001.example.jp"},  // 4 customers
      {"--plan", plan(), "--domains", env_.dir() + "/bad-domains.txt"},
      {"--plan", plan(), "--domains", domains(), "--dnsbl", "not a zone"},
      {"--plan", plan(), "--domains", domains(), "--provider-ns", "-x"},
      {"--plan", plan(), "--domains", domains(), "--dns-timeout", "0"},
      {"--plan", plan(), "--domains", env_.dir() + "/missing.txt"},
      {"--service", "ess", "--customer", "C-1", "--domain", "example.jp"},
  };
  for (std::vector<std::string> args : cases) {
    args.push_back("--json");
    RunResult r = Preflight(args, (*silent)->address());
    EXPECT_EQ(r.exit_code, 2) << Describe(r);
    EXPECT_EQ(StdoutJson(r)["exit_code"], 2) << r.out;
  }
  RunResult bad_server = Preflight({"--plan", plan(), "--domains", domains()},
                                   "ns1.example.jp:53");
  EXPECT_EQ(bad_server.exit_code, 2);
  EXPECT_NE(bad_server.err.find("--dns-server 'ns1.example.jp:53'"),
            std::string::npos)
      << bad_server.err;
  RunResult line = Preflight(
      {"--plan", plan(), "--domains", env_.dir() + "/bad-domains.txt"},
      (*silent)->address());
  EXPECT_NE(line.err.find("bad-domains.txt:2"), std::string::npos) << line.err;
  EXPECT_EQ((*silent)->queries(), 0) << "bad input: not a single DNS query";
}

}  // namespace
}  // namespace renumber
