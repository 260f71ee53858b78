// Rollback of each phase through the real binary restores the vendor state
// the phase started from.
#include <gtest/gtest.h>

#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

using json = nlohmann::json;

TEST(RollbackE2eTest, RollbackPrepareRestoresTheStart) {
  E2eEnv env;
  json start = env.Normalized();
  ASSERT_EQ(env.Renumber("prepare", {"--yes"}).exit_code, 0);
  ASSERT_NE(env.Normalized(), start);
  RunResult rb =
      env.Renumber("rollback", {"--phase", "prepare", "--yes", "--json"});
  ASSERT_EQ(rb.exit_code, 0) << rb.err;
  for (const json& a : Accounts(rb))
    EXPECT_EQ(a["state_after"], "not-started") << a.dump();
  EXPECT_EQ(env.Normalized(), start);
  // What the runbook says to run after a prepare rollback.
  RunResult back = env.Renumber(
      "verify", {"--expect", "not-started", "--read-only", "--json"});
  EXPECT_EQ(back.exit_code, 0) << back.err;
  for (const json& a : Accounts(back)) EXPECT_EQ(a["result"], "ok") << a.dump();
  // And the flow still works afterwards.
  EXPECT_EQ(env.Renumber("prepare", {"--yes"}).exit_code, 0);
  EXPECT_EQ(env.Renumber("verify", {"--expect", "prepared"}).exit_code, 0);
}

TEST(RollbackE2eTest, RollbackCutoverRestoresThePreparedState) {
  E2eEnv env(Customers(8));
  ASSERT_EQ(env.Renumber("prepare", {"--yes"}).exit_code, 0);
  json prepared = env.Normalized();
  ASSERT_EQ(env.Renumber("cutover", {"--yes"}).exit_code, 0);
  RunResult rb =
      env.Renumber("rollback", {"--phase", "cutover", "--yes", "--json"});
  ASSERT_EQ(rb.exit_code, 0) << rb.err;
  for (const json& a : Accounts(rb))
    EXPECT_EQ(a["state_after"], "prepared") << a.dump();
  json after = env.Normalized();
  // ESS: the same routes in the same roles (the API puts a re-added
  // primary last among primaries, so order within a role may differ; the
  // normalization compares sorted sets). CDN: the version active before the
  // cutover is active again, with its backends, directors, healthchecks,
  // and the switch is staged again (prepared).
  EXPECT_EQ(after["ess"], prepared["ess"]);
  EXPECT_EQ(after["cdn"], prepared["cdn"]);
  EXPECT_EQ(env.Renumber("verify", {"--expect", "prepared"}).exit_code, 0);
}

TEST(RollbackE2eTest, CdnRollbackStopsWhenSomeoneChangedTheServiceAfterUs) {
  E2eEnv env(Customers(8));
  ASSERT_EQ(env.Renumber("prepare", {"--yes"}).exit_code, 0);
  ASSERT_EQ(env.Renumber("cutover", {"--yes"}).exit_code, 0);
  // The customer activates a new version of every CDN account afterwards.
  for (const SimCustomer& c : env.cluster()->customers())
    if (c.Has("cdn")) {
      ASSERT_TRUE(env.cluster()->host("cdn")->api()->CustomerChange(c.id).ok());
    }
  const long writes = env.Writes();
  RunResult rb =
      env.Renumber("rollback", {"--phase", "cutover", "--yes", "--json"});
  EXPECT_EQ(rb.exit_code, 4) << rb.err;
  int refused_cdn = 0;
  for (const json& a : Accounts(rb))
    if (a["service"] == "cdn") {
      EXPECT_EQ(a["result"], "refused") << a.dump();
      EXPECT_NE(a["refusal"].get<std::string>().find("without --force"),
                std::string::npos)
          << a.dump();
      ++refused_cdn;
    }
  EXPECT_GT(refused_cdn, 0) << rb.out;
  // A prepare rollback on a cut-over service: roll back the cutover first.
  std::vector<std::string> cdn_only = {"--phase", "prepare", "--yes", "--json"};
  for (const SimCustomer& c : env.cluster()->customers())
    if (c.Has("cdn"))
      cdn_only.insert(cdn_only.end(), {"--only", c.id + "/cdn"});
  RunResult wrong = env.Renumber("rollback", cdn_only);
  EXPECT_EQ(wrong.exit_code, 4) << wrong.err;
  for (const json& a : Accounts(wrong))
    if (a["service"] == "cdn") {
      EXPECT_NE(
          a["refusal"].get<std::string>().find("roll back the cutover first"),
          std::string::npos)
          << a.dump();
    }
  RunResult forced =
      env.Renumber("rollback", {"--phase", "cutover", "--yes", "--force"});
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_GT(env.Writes(), writes);
}

}  // namespace
}  // namespace renumber
