// The CDN flow through the real binary against the simulator and real
// origin servers: the cutover gate holds a service whose new origin still
// answers a placeholder page, `cutover --wait-ready` switches each service
// as soon as its new origin serves the site, `plan` shows hidden origins
// and prepared-stale, and a rate limit that resets later than the run
// waits leaves the account paused.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

using json = nlohmann::json;

std::string Describe(const RunResult& r) {
  return "exit " + std::to_string(r.exit_code) + " signal " +
         std::to_string(r.signal) + "\nstdout:\n" + r.out + "\nstderr:\n" +
         r.err;
}

// The CDN accounts of the plan only.
std::vector<std::string> CdnOnly(E2eEnv& env, std::vector<std::string> args) {
  for (const SimCustomer& c : env.cluster()->customers())
    if (c.Has("cdn")) args.insert(args.end(), {"--only", c.id + "/cdn"});
  return args;
}

json ByAccount(const RunResult& r) {
  json out = json::object();
  for (const json& a : Accounts(r)) out[a["account"].get<std::string>()] = a;
  return out;
}

TEST(CdnE2eTest, APlaceholderHoldsTheCutoverAndWaitReadySwitchesWhenReady) {
  // C-10001 and C-10003: their new origins come back 0 s and 4 s after the
  // origins' maintenance end.
  E2eOptions o = Customers(3);
  o.origin_phase = OriginPhase::kBefore;
  o.origin_stagger = std::chrono::milliseconds(4000);
  E2eEnv env(o);
  // The evening before: the plan's maintenance_end is ahead.
  ASSERT_TRUE(
      env.RewritePlan((RealClock()->Now() + std::chrono::hours(6)).ToRfc3339())
          .ok());
  ASSERT_EQ(env.Renumber("prepare", CdnOnly(env, {"--yes"})).exit_code, 0);
  // Before the maintenance the placeholder is expected (reported, not a
  // failure), and what the old origins answer is recorded.
  RunResult v =
      env.Renumber("verify", CdnOnly(env, {"--expect", "prepared", "--json"}));
  ASSERT_EQ(v.exit_code, 0) << Describe(v);
  int expected_placeholders = 0;
  for (const json& a : Accounts(v))
    for (const json& c : a["checks"])
      if (c["name"].get<std::string>().rfind("cdn.origin", 0) == 0) {
        EXPECT_TRUE(c["ok"].get<bool>()) << c.dump();
        expected_placeholders +=
            c["detail"].get<std::string>().find(
                "expected before the maintenance") != std::string::npos;
      }
  EXPECT_EQ(expected_placeholders, 4) << v.out;  // 1 + 3 origins
  // The maintenance window is over (the plan's maintenance_end passed) but
  // the new servers still answer a placeholder page with 200: nothing is
  // switched.
  ASSERT_TRUE(env.RewritePlan(
                     (RealClock()->Now() - std::chrono::minutes(1)).ToRfc3339())
                  .ok());
  const long writes = env.Writes();
  RunResult held = env.Renumber("cutover", CdnOnly(env, {"--yes", "--json"}));
  EXPECT_EQ(held.exit_code, 4) << Describe(held);
  for (const json& a : Accounts(held)) {
    EXPECT_EQ(a["result"], "refused") << a.dump();
    EXPECT_NE(a["refusal"].get<std::string>().find("Server being prepared"),
              std::string::npos)
        << a.dump();
  }
  EXPECT_EQ(env.Writes(), writes);
  // Now the real maintenance end: the old servers stop, the new ones come
  // back one by one; --wait-ready switches each as soon as it serves the
  // site.
  env.origins()->SetMaintenanceEnd(RealClock()->Now());
  env.origins()->SetPhase(OriginPhase::kTimed);
  const auto start = std::chrono::steady_clock::now();
  RunResult cut = env.Renumber(
      "cutover", CdnOnly(env, {"--yes", "--json", "--wait-ready", "300s"}));
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(cut.exit_code, 0) << Describe(cut);
  for (const json& a : Accounts(cut)) {
    EXPECT_EQ(a["result"], "done") << a.dump();
    EXPECT_EQ(a["state_after"], "cut-over") << a.dump();
    EXPECT_EQ(a["writes"], 1) << a.dump();
  }
  // C-10003 waited for its server, and said so.
  EXPECT_NE(cut.err.find("C-10003/cdn:"), std::string::npos) << cut.err;
  EXPECT_NE(cut.err.find("waiting: "), std::string::npos) << cut.err;
  // Each switched as its server came back, not at the end of the wait.
  EXPECT_GE(took, std::chrono::seconds(3));
  EXPECT_LT(took, std::chrono::seconds(150));
  RunResult after =
      env.Renumber("verify", CdnOnly(env, {"--expect", "cut-over"}));
  EXPECT_EQ(after.exit_code, 0) << Describe(after);
}

TEST(CdnE2eTest, PlanShowsHiddenOriginsAndPreparedStale) {
  E2eEnv env;  // 12 customers: every seeded CDN shape
  RunResult plan = env.Renumber("plan", CdnOnly(env, {"--json"}));
  ASSERT_EQ(plan.exit_code, 0) << Describe(plan);
  int hidden = 0;
  for (const json& a : Accounts(plan))
    for (const json& f : a["findings"]) hidden += f["kind"] == "hidden-origin";
  // C-10009: custom VCL, a snippet and a pool server; C-10011: a Compute
  // service.
  EXPECT_EQ(hidden, 4) << plan.out;
  EXPECT_NE(plan.err.find("hidden-origin"), std::string::npos);

  ASSERT_EQ(env.Renumber("prepare", CdnOnly(env, {"--yes"})).exit_code, 0);
  RunResult staged = env.Renumber("plan", CdnOnly(env, {}));
  // The staged version's diff, as the CDN shows it, under the plan (the
  // result: stdout).
  EXPECT_NE(staged.out.find("Staged version "), std::string::npos)
      << staged.out;
  EXPECT_NE(staged.out.find("+  address: 198.19."), std::string::npos)
      << staged.out;
  // The customer changes C-10001's service after prepare.
  ASSERT_TRUE(
      env.cluster()->host("cdn")->api()->CustomerChange("C-10001").ok());
  RunResult stale = env.Renumber("plan", CdnOnly(env, {"--json"}));
  json by = ByAccount(stale);
  EXPECT_EQ(by["C-10001/cdn"]["state_before"], "prepared-stale") << stale.out;
  EXPECT_NE(stale.err.find("prepared-stale"), std::string::npos);
  RunResult v = env.Renumber("verify", CdnOnly(env, {"--expect", "prepared"}));
  EXPECT_EQ(v.exit_code, 0) << Describe(v);
  // Cut over builds the stale switch again; the hidden-origin accounts
  // stay partial (manual work): exit 3.
  RunResult cut = env.Renumber("cutover", CdnOnly(env, {"--yes", "--json"}));
  EXPECT_EQ(cut.exit_code, 3) << Describe(cut);
  by = ByAccount(cut);
  EXPECT_EQ(by["C-10001/cdn"]["state_after"], "cut-over");
  EXPECT_EQ(by["C-10009/cdn"]["state_after"], "partial");
  EXPECT_EQ(by["C-10009/cdn"]["result"], "not-expected");
  EXPECT_EQ(by["C-10011/cdn"]["state_after"], "partial");
  const json counts = env.CdnStagedCounts();
  for (const auto& [sid, n] : counts.items()) EXPECT_LE(n.get<int>(), 1) << sid;
}

TEST(CdnE2eTest, ABudgetThatResetsLaterThanTheRunWaitsIsAPause) {
  E2eEnv env(Customers(1));  // C-10001: ESS and CDN
  // Two writes per "window" that resets in years: the third must wait.
  ASSERT_TRUE(
      env.cluster()
          ->host("cdn")
          ->api()
          ->Configure({{"rate_limit", {{"size", 2}, {"window_s", 1000000000}}}})
          .ok());
  RunResult r = env.Renumber("prepare", CdnOnly(env, {"--yes", "--json"}));
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  json a = Accounts(r)[0];
  EXPECT_EQ(a["result"], "paused") << a.dump();
  EXPECT_TRUE(a["paused_until"].is_string());
  EXPECT_NE(r.err.find("paused until"), std::string::npos) << r.err;
  EXPECT_EQ(env.cluster()->host("cdn")->Counters()["rate_limited"], 0);
  // The budget is back: the same command finishes the account.
  ASSERT_TRUE(
      env.cluster()
          ->host("cdn")
          ->api()
          ->Configure({{"rate_limit", {{"size", 1000}, {"window_s", 3600}}}})
          .ok());
  RunResult again = env.Renumber("prepare", CdnOnly(env, {"--yes", "--json"}));
  ASSERT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_EQ(Accounts(again)[0]["state_after"], "prepared");
  const json staged = env.CdnStagedCounts();
  for (const auto& [sid, n] : staged.items()) EXPECT_LE(n.get<int>(), 1) << sid;
}

TEST(CdnE2eTest, NagiosWarnsOfPreparedStaleAndOfANewOriginThatDiffers) {
  E2eOptions o = Customers(1);  // C-10001: one origin
  o.maintenance_end =
      (RealClock()->Now() + std::chrono::hours(72)).ToRfc3339(540);
  o.origin_phase = OriginPhase::kBefore;  // the new server: a placeholder
  E2eEnv env(o);
  auto nagios = [&env] {
    return env.Renumber("verify", CdnOnly(env, {"--read-only", "--expect",
                                                "auto", "--format", "nagios"}));
  };
  ASSERT_EQ(env.Renumber("prepare", CdnOnly(env, {"--yes"})).exit_code, 0);
  // Three days before: the placeholder differs from the site, as expected
  // before the maintenance: OK.
  RunResult ok = nagios();
  EXPECT_EQ(ok.exit_code, 0) << Describe(ok);
  EXPECT_EQ(ok.out.rfind("RENUMBER OK - ", 0), 0u) << ok.out;
  // The customer activates another version: the staged one is stale.
  ASSERT_TRUE(
      env.cluster()->host("cdn")->api()->CustomerChange("C-10001").ok());
  RunResult stale = nagios();
  EXPECT_EQ(stale.exit_code, 1) << Describe(stale);
  EXPECT_EQ(stale.out.rfind("RENUMBER WARNING - ", 0), 0u) << stale.out;
  EXPECT_NE(stale.out.find(" prepared_stale=1 "), std::string::npos)
      << stale.out;
  EXPECT_NE(stale.out.find("\nWARNING C-10001/cdn: prepared-stale"),
            std::string::npos)
      << stale.out;
  // The maintenance ends, the data is synced, cut over (the stale switch is
  // built again): OK.
  ASSERT_TRUE(
      env.RewritePlan(
             (RealClock()->Now() - std::chrono::minutes(10)).ToRfc3339())
          .ok());
  env.origins()->SetPhase(OriginPhase::kSynced);
  RunResult cut = env.Renumber("cutover", CdnOnly(env, {"--yes"}));
  ASSERT_EQ(cut.exit_code, 0) << Describe(cut);
  RunResult done = nagios();
  EXPECT_EQ(done.exit_code, 0) << Describe(done);
  // The new server serves an older copy of the site (same title, so the
  // gate would pass; another body): WARNING, naming the origin.
  env.origins()->SetPhase(OriginPhase::kStaleCopy);
  RunResult differs = nagios();
  EXPECT_EQ(differs.exit_code, 1) << Describe(differs);
  EXPECT_NE(differs.out.find("\nWARNING C-10001/cdn: the new origin answers "
                             "differently from the old one: cdn.origin "),
            std::string::npos)
      << differs.out;
}

}  // namespace
}  // namespace renumber
