// `renumber preflight` through the real binary: against nsd on loopback
// (exit 3, the JSON document, the report in Japanese), one account with
// nothing to do (exit 0), silent and SERVFAIL servers (exit 1), bad input
// (exit 2, before any DNS query); with the domains read from the vendor
// simulators (ESS GET /v1/domains, CDN .../domain) and the DNS simulator
// serving their zones, on its own and in plan / verify --preflight.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "src/core/fs.h"
#include "src/dns/test_udp_responder.h"
#include "src/preflight/preflight_test_world.h"
#include "src/sim/dns_sim.h"
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
       {"お客様の作業（基盤変更メンテナンス完了後（2026-12-10T06:00:00+09:00）"
        "に）:",
        "他社ネームサーバー (ns1.other-dns.example, ns2.other-dns.example)",
        "DNSゾーン c10001.example.jp", "SPFレコード",
        "Zenlogic へのご依頼（基盤変更メンテナンスの前に）:"})
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
      // No domains given, and no login to read them from the vendors.
      {"--plan", plan(), "--state-dir", env_.dir() + "/no-vault"},
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
  RunResult no_login =
      Preflight({"--plan", plan(), "--state-dir", env_.dir() + "/no-vault"},
                (*silent)->address());
  EXPECT_NE(no_login.err.find("give them with --domains FILE"),
            std::string::npos)
      << no_login.err;
  RunResult line = Preflight(
      {"--plan", plan(), "--domains", env_.dir() + "/bad-domains.txt"},
      (*silent)->address());
  EXPECT_NE(line.err.find("bad-domains.txt:2"), std::string::npos) << line.err;
  EXPECT_EQ((*silent)->queries(), 0) << "bad input: not a single DNS query";
}

// The domains from the vendors: the engine's discovery with the
// credentials, read-only, then the DNS simulator's answers.
class PreflightVendorE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    domains_ = env_.cluster()->AccountDomains();
    auto dns =
        SimDns::Start(SimDnsZones(env_.cluster()->customers(), domains_), {});
    ASSERT_TRUE(dns.ok()) << dns.status().ToString();
    dns_ = std::move(*dns);
  }
  void TearDown() override {
    if (dns_) dns_->Stop();
  }
  std::vector<std::string> DnsFlags() const {
    return {"--dns-server",    dns_->address(), "--provider-ns",
            "ns1.zenlogic.jp", "--provider-ns", "ns2.zenlogic.jp"};
  }
  RunResult Preflight(std::vector<std::string> more) const {
    std::vector<std::string> args = {
        "preflight",      "--plan",  env_.plan(), "--state-dir",
        env_.state_dir(), "--hosts", env_.hosts()};
    for (const std::string& f : DnsFlags()) args.push_back(f);
    args.insert(args.end(), more.begin(), more.end());
    return env_.Run(args);
  }

  E2eEnv env_{Customers(6)};
  SimAccountDomains domains_;
  std::unique_ptr<SimDns> dns_;
};

TEST_F(PreflightVendorE2eTest, DomainsComeFromEssAndTheCdnReadOnly) {
  const long writes = env_.Writes();
  RunResult r = Preflight({"--credentials", env_.credentials(), "--json"});
  ASSERT_EQ(r.exit_code, 3) << Describe(r);
  EXPECT_EQ(env_.Writes(), writes) << "preflight never writes";
  json doc = StdoutJson(r);
  EXPECT_EQ(doc["domains_from"], "vendors");
  EXPECT_EQ(doc["summary"]["customers"], 6);
  EXPECT_EQ(doc["summary"]["errors"], 0) << r.err;
  // Every domain each simulator holds was checked, with its use.
  std::map<std::string, json> checked;
  for (const json& c : doc["customers"])
    for (const json& d : c["domains"])
      checked[c["customer"].get<std::string>() + " " +
              d["name"].get<std::string>()] = d;
  size_t ess = 0, cdn = 0;
  for (const auto& [account, names] : domains_) {
    const std::string customer = account.substr(0, account.find('/'));
    const bool mail = account.find("/ess") != std::string::npos;
    for (const std::string& n : names) {
      auto it = checked.find(customer + " " + n);
      ASSERT_NE(it, checked.end()) << account << " " << n;
      EXPECT_TRUE(it->second[mail ? "mail" : "web"].get<bool>()) << n;
      (mail ? ess : cdn)++;
    }
  }
  EXPECT_GE(ess, 105u) << "C-10002 has two pages of ESS domains";
  EXPECT_GT(cdn, 0u);
  EXPECT_EQ(checked.size(), ess + cdn);
  EXPECT_NE(r.err.find("Reading the domains of"), std::string::npos) << r.err;
  // The 105 domains of one zone are summed up, not listed one per line.
  EXPECT_NE(r.err.find("more mail domain(s) on the same name servers"),
            std::string::npos)
      << r.err;
}

TEST_F(PreflightVendorE2eTest, AnAccountWhoseDomainsCannotBeReadIsExit1) {
  json creds = json::parse(*PosixFileSystem()->ReadFile(env_.credentials()));
  std::string broken;
  for (json& a : creds["accounts"])
    if (a["service"] == "ess" && broken.empty()) {
      a["password"] = "wrong-password";
      broken = a["customer"];
    }
  const std::string path = env_.dir() + "/broken.json";
  ASSERT_TRUE(
      WriteFileAtomic(PosixFileSystem(), path, creds.dump(), 0600).ok());
  RunResult r = Preflight({"--credentials", path, "--json"});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  json doc = StdoutJson(r);
  for (const json& c : doc["customers"]) {
    if (c["customer"] != broken) {
      EXPECT_TRUE(c["domains_error"].is_null()) << c.dump();
      continue;
    }
    ASSERT_TRUE(c["domains_error"].is_string()) << c.dump();
    EXPECT_NE(c["domains_error"].get<std::string>().find(broken + "/ess"),
              std::string::npos);
    EXPECT_EQ(c["errors"], true);
  }
  EXPECT_EQ(r.out.find("wrong-password"), std::string::npos);
  EXPECT_EQ(r.err.find("wrong-password"), std::string::npos);
}

// The scheduled job's way: the logins from the vault, each use audited as
// preflight's, with the operator, and no secret in the log.
TEST_F(PreflightVendorE2eTest, VaultLoginsAreAuditedAsPreflight) {
  const std::string pass = env_.dir() + "/pass";
  ASSERT_TRUE(WriteFileAtomic(PosixFileSystem(), pass,
                              "correct horse battery staple\n", 0600)
                  .ok());
  auto vault = [&](std::vector<std::string> args) {
    args.insert(args.end(),
                {"--state-dir", env_.state_dir(), "--passphrase-file", pass});
    return env_.Run(args);
  };
  ASSERT_EQ(vault({"vault", "init"}).exit_code, 0);
  ASSERT_EQ(vault({"vault", "import", env_.credentials(), "--ticket", "T-1"})
                .exit_code,
            0);
  RunResult r =
      Preflight({"--passphrase-file", pass, "--operator", "alice", "--json"});
  ASSERT_EQ(r.exit_code, 3) << Describe(r);
  EXPECT_EQ(StdoutJson(r)["summary"]["errors"], 0) << r.err;
  RunResult audit = vault({"vault", "audit", "--json"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  size_t uses = 0;
  for (size_t at = 0; (at = audit.out.find("preflight: read the domains",
                                           at)) != std::string::npos;
       ++at)
    ++uses;
  EXPECT_EQ(uses, 9u) << audit.out;  // one per account of the plan
  EXPECT_NE(audit.out.find("alice"), std::string::npos);
  for (const SimCustomer& c : env_.cluster()->customers())
    for (const std::string& secret :
         {c.Credential("ess", "password"), c.Credential("cdn", "api_token")})
      if (!secret.empty()) {
        EXPECT_EQ(audit.out.find(secret), std::string::npos);
        EXPECT_EQ((r.out + r.err).find(secret), std::string::npos);
      }
}

TEST_F(PreflightVendorE2eTest, PlanAndVerifyShowTheFindingsToo) {
  RunResult plain = env_.Renumber("plan", {"--json"});
  std::vector<std::string> with = {"--preflight", "--json"};
  for (const std::string& f : DnsFlags()) with.push_back(f);
  RunResult plan = env_.Renumber("plan", with);
  EXPECT_EQ(plan.exit_code, plain.exit_code) << "the accounts' exit code";
  json doc = StdoutJson(plan);
  EXPECT_EQ(doc["preflight"]["summary"]["customers"], 6) << plan.err;
  EXPECT_EQ(doc["preflight"]["summary"]["errors"], 0) << plan.err;
  EXPECT_GT(doc["preflight"]["summary"]["needs_action"].get<int>(), 0);
  for (const json& a : doc["accounts"])
    EXPECT_TRUE(a["preflight"]["needs_action"].is_boolean()) << a.dump();
  EXPECT_NE(plan.err.find("renumber preflight: read-only DNS checks"),
            std::string::npos)
      << plan.err;

  std::vector<std::string> verify = {"--preflight", "--read-only"};
  for (const std::string& f : DnsFlags()) verify.push_back(f);
  RunResult v = env_.Renumber("verify", verify);
  EXPECT_NE(v.out.find("preflight: 6 customers:"), std::string::npos)
      << Describe(v);
  EXPECT_NE(v.out.find("To do - the customer"), std::string::npos) << v.out;
  RunResult ja = env_.Renumber("verify", verify, {"LANG=ja_JP.UTF-8"});
  EXPECT_NE(ja.out.find("お客様の作業"), std::string::npos) << ja.out;

  verify.insert(verify.end(), {"--format", "nagios"});
  RunResult nagios = env_.Renumber("verify", verify);
  EXPECT_EQ(nagios.exit_code, 3) << Describe(nagios);  // UNKNOWN
  EXPECT_NE(nagios.out.find("RENUMBER UNKNOWN - --preflight goes with text "
                            "or json output"),
            std::string::npos)
      << nagios.out;
}

}  // namespace
}  // namespace renumber
