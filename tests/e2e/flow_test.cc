// The main job through the real binary against the simulators: plan,
// prepare (twice), verify, cutover (gated by the window), verify, status.
#include <gtest/gtest.h>

#include "src/core/fs.h"
#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

using json = nlohmann::json;

std::string Describe(const RunResult& r) {
  return "exit " + std::to_string(r.exit_code) + " signal " +
         std::to_string(r.signal) + "\nstdout:\n" + r.out + "\nstderr:\n" +
         r.err;
}

TEST(FlowE2eTest, PlanPrepareVerifyCutoverVerifyStatus) {
  // Eight customers: every account can end cut over (hidden origins, which
  // keep an account partial, are seeded from the seventh CDN customer on:
  // cdn_test.cc).
  E2eEnv env(Customers(8));
  json before = env.Normalized();

  RunResult plan = env.Renumber("plan", {"--json"});
  ASSERT_EQ(plan.exit_code, 0) << Describe(plan);
  json pj = StdoutJson(plan);
  EXPECT_EQ(pj["command"], "plan");
  ASSERT_FALSE(pj["accounts"].empty());
  int dns_dependent = 0;
  for (const json& a : pj["accounts"]) {
    EXPECT_EQ(a["state_before"], "not-started") << a.dump();
    EXPECT_FALSE(a["plan"]["changes"].empty()) << a.dump();
    for (const json& f : a["findings"])
      dns_dependent += f["kind"] == "dns-dependent";
  }
  // The seeded host-name routes and backends point at the old IP (hosts
  // file): reported as DNS work, and never changed.
  EXPECT_GT(dns_dependent, 0) << plan.out;
  EXPECT_EQ(env.Writes(), 0) << "plan is read-only";
  EXPECT_EQ(env.Normalized(), before);

  RunResult prep = env.Renumber("prepare", {"--yes", "--json"});
  ASSERT_EQ(prep.exit_code, 0) << Describe(prep);
  for (const json& a : Accounts(prep)) {
    EXPECT_EQ(a["result"], "done") << a.dump();
    EXPECT_EQ(a["state_after"], "prepared") << a.dump();
  }
  long after_prepare = env.Writes();
  EXPECT_GT(after_prepare, 0);

  RunResult again = env.Renumber("prepare", {"--yes", "--json"});
  ASSERT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_EQ(env.Writes(), after_prepare) << "second prepare: zero writes";
  for (const json& a : Accounts(again))
    EXPECT_EQ(a["result"], "nothing-to-do") << a.dump();

  RunResult v1 = env.Renumber("verify", {"--expect", "prepared"});
  EXPECT_EQ(v1.exit_code, 0) << Describe(v1);
  RunResult v2 = env.Renumber("verify", {"--expect", "cut-over"});
  EXPECT_EQ(v2.exit_code, 3) << Describe(v2);
  // Monitoring with --read-only sends nothing but GETs: the checks above
  // left PASS results on record, which it reports.
  long before_ro = env.Writes();
  RunResult ro =
      env.Renumber("verify", {"--expect", "prepared", "--read-only"});
  EXPECT_EQ(ro.exit_code, 0) << Describe(ro);
  EXPECT_EQ(env.Writes(), before_ro);

  RunResult cut = env.Renumber("cutover", {"--yes", "--json"});
  ASSERT_EQ(cut.exit_code, 0) << Describe(cut);
  for (const json& a : Accounts(cut))
    EXPECT_EQ(a["state_after"], "cut-over") << a.dump();

  RunResult v3 =
      env.Renumber("verify", {"--expect", "cut-over", "--format", "json"});
  ASSERT_EQ(v3.exit_code, 0) << Describe(v3);
  EXPECT_EQ(StdoutJson(v3)["summary"]["ok"], StdoutJson(v3)["accounts"].size());

  long after_cut = env.Writes();
  RunResult cut_again = env.Renumber("cutover", {"--yes"});
  EXPECT_EQ(cut_again.exit_code, 0) << Describe(cut_again);
  EXPECT_EQ(env.Writes(), after_cut) << "second cutover: zero writes";

  RunResult status =
      env.Run({"status", "--state-dir", env.state_dir(), "--json"});
  ASSERT_EQ(status.exit_code, 0) << Describe(status);
  json sj = StdoutJson(status);
  ASSERT_EQ(sj["accounts"].size(), pj["accounts"].size());
  for (const json& a : sj["accounts"]) {
    EXPECT_EQ(a["phase"], "cutover") << a.dump();
    EXPECT_EQ(a["state"], "cut-over") << a.dump();
  }
}

TEST(FlowE2eTest, CutoverBeforeMaintenanceEndIsRefusedWithZeroWrites) {
  E2eOptions o;
  o.customers = 6;
  o.maintenance_end = "2099-12-10T06:00:00+09:00";
  E2eEnv env(o);
  ASSERT_EQ(env.Renumber("prepare", {"--yes"}).exit_code, 0);
  long writes = env.Writes();
  json state = env.Normalized();
  RunResult cut = env.Renumber("cutover", {"--yes", "--json"});
  EXPECT_EQ(cut.exit_code, 4) << Describe(cut);
  EXPECT_EQ(env.Writes(), writes);
  EXPECT_EQ(env.Normalized(), state);
  for (const json& a : Accounts(cut)) {
    EXPECT_EQ(a["result"], "refused");
    EXPECT_NE(a["refusal"].get<std::string>().find("maintenance_end"),
              std::string::npos);
  }
  // Japanese output names the maintenance in the provider's words.
  RunResult ja = env.Renumber("cutover", {"--yes"}, {"LANG=ja_JP.UTF-8"});
  EXPECT_EQ(ja.exit_code, 4);
  EXPECT_NE(ja.out.find("基盤変更メンテナンス"), std::string::npos) << ja.out;
  // The override goes through and is journaled.
  RunResult forced = env.Renumber("cutover", {"--yes", "--ignore-window"});
  EXPECT_EQ(forced.exit_code, 0) << Describe(forced);
  RunResult status = env.Run({"status", "--state-dir", env.state_dir()});
  EXPECT_NE(status.out.find("cut-over"), std::string::npos) << status.out;
}

TEST(FlowE2eTest, WriteWithoutTerminalOrYesIsRefused) {
  E2eEnv env(Customers(3));
  RunResult r = env.Renumber("prepare");
  EXPECT_EQ(r.exit_code, 4) << Describe(r);
  EXPECT_NE(r.err.find("--yes"), std::string::npos);
  EXPECT_EQ(env.Requests(), 0);
}

TEST(FlowE2eTest, DryRunWritesNothing) {
  E2eEnv env(Customers(4));
  RunResult r = env.Renumber("prepare", {"--dry-run", "--json"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(env.Writes(), 0);
  for (const json& a : Accounts(r))
    EXPECT_EQ(a["result"], "would-change") << a.dump();
}

TEST(FlowE2eTest, OneAccountShortcut) {
  E2eEnv env(Customers(2));
  const SimCustomer& c = env.cluster()->customers()[0];
  std::string service = c.Has("ess") ? "ess" : "cdn";
  RunResult r = env.Run({"prepare", "--service", service, "--customer", c.id,
                         "--old-ip", c.old_ip, "--new-ip", c.new_ip,
                         "--credentials", env.credentials(), "--state-dir",
                         env.state_dir(), "--yes", "--json"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  json j = StdoutJson(r);
  ASSERT_EQ(j["accounts"].size(), 1u);
  EXPECT_EQ(j["accounts"][0]["state_after"], "prepared");
}

TEST(FlowE2eTest, DemoRunsAndExitsZero) {
  E2eEnv env(Customers(1));
  RunResult r = env.Run({"demo"}, {"TMPDIR=" + env.dir()});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_NE(r.out.find("step 6/6"), std::string::npos) << r.out;
  // Step 1 is preflight against the DNS simulator, the domains read from
  // the vendor simulators: every check answered, and the seeded mix has
  // things to do (exit 3, which the demo expects).
  EXPECT_NE(r.out.find("renumber preflight --plan"), std::string::npos);
  EXPECT_NE(r.out.find("Reading the domains of 9 account(s) from ESS and "
                       "the CDN"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("preflight: 6 customers: 4 need action, 0 could not "
                       "be fully checked, 2 with nothing to do"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("198.19.0.12 is listed in the DNS blocklist "
                       "dnsbl.example"),
            std::string::npos)
      << r.out;
  // Its world has a backup failover and named routes, and its plan shows
  // the new route put ahead of the backup and joining the named routes.
  EXPECT_NE(r.out.find("to the first failover position"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("to the named route dp-legal, right after"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("out of the named route dp-legal"), std::string::npos)
      << r.out;
  // Its temp dir is gone, and the summary does not name it.
  size_t at = r.out.find(env.dir() + "/renumber-demo-");
  ASSERT_NE(at, std::string::npos) << r.out;
  std::string demo_dir = r.out.substr(at, r.out.find_first_of(";\n ", at) - at);
  EXPECT_FALSE(PosixFileSystem()->Exists(demo_dir)) << demo_dir;
  size_t summary = r.out.find("demo finished");
  ASSERT_NE(summary, std::string::npos) << r.out;
  EXPECT_NE(r.out.find("temporary files were removed", summary),
            std::string::npos);
  EXPECT_EQ(r.out.find(demo_dir, summary), std::string::npos);
}

}  // namespace
}  // namespace renumber
