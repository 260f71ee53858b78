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
  E2eEnv env;
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
  // cutover is active again, with its backends, directors, healthchecks.
  EXPECT_EQ(after["ess"], prepared["ess"]);
  EXPECT_EQ(after["cdn"], prepared["cdn"]);
  EXPECT_EQ(env.Renumber("verify", {"--expect", "prepared"}).exit_code, 0);
}

TEST(RollbackE2eTest, CdnRollbackStopsWhenSomeoneChangedTheServiceAfterUs) {
  E2eEnv env;
  ASSERT_EQ(env.Renumber("prepare", {"--yes"}).exit_code, 0);
  // The customer activates a new version of every CDN account afterwards.
  std::string cdn_customer;
  for (const SimCustomer& c : env.cluster()->customers())
    if (c.has_cdn) {
      ASSERT_TRUE(env.cluster()->cdn()->api()->CustomerChange(c.id).ok());
      if (cdn_customer.empty()) cdn_customer = c.id;
    }
  ASSERT_FALSE(cdn_customer.empty());
  RunResult rb =
      env.Renumber("rollback", {"--phase", "prepare", "--yes", "--json"});
  EXPECT_NE(rb.exit_code, 0);
  bool refused_cdn = false;
  for (const json& a : Accounts(rb))
    if (a["service"] == "cdn" && a["result"] != "done") refused_cdn = true;
  EXPECT_TRUE(refused_cdn) << rb.out;
  RunResult forced =
      env.Renumber("rollback", {"--phase", "prepare", "--yes", "--force"});
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
}

}  // namespace
}  // namespace renumber
