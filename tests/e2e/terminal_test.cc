// A person at a terminal: writing commands show the plan, ask once, and
// draw a progress bar; answering no changes nothing.
#include <gtest/gtest.h>

#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

std::vector<std::string> Args(const E2eEnv& env, const std::string& cmd) {
  return {cmd,
          "--plan",
          env.plan(),
          "--credentials",
          env.credentials(),
          "--state-dir",
          env.state_dir()};
}

TEST(TerminalE2eTest, AnsweringNoChangesNothing) {
  E2eEnv env(Customers(3));
  RunResult r = env.RunOnTerminal(Args(env, "prepare"), "n");
  EXPECT_EQ(r.exit_code, 4) << r.out;
  EXPECT_NE(r.out.find("prepare will:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("accounts? [y/N]"), std::string::npos) << r.out;
  EXPECT_EQ(env.Writes(), 0);
}

TEST(TerminalE2eTest, AnsweringYesAppliesWithAProgressBar) {
  E2eEnv env(Customers(3));
  RunResult r = env.RunOnTerminal(Args(env, "prepare"), "y");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_GT(env.Writes(), 0);
  // The bar is redrawn in place: carriage return, clear line, the bar.
  EXPECT_NE(r.out.find("\r\033[K["), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("remaining"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ETA"), std::string::npos) << r.out;
  // Asked once only: a second run has nothing to do and asks nothing.
  RunResult again = env.RunOnTerminal(Args(env, "prepare"), "y");
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_EQ(again.out.find("[y/N]"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace renumber
