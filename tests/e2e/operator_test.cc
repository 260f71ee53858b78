// A night-shift operator's terminal (issue 14): where each stream goes,
// the question on the controlling terminal whatever the pipes, the answers
// a person types, and the session record.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "src/core/fs.h"
#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

std::vector<std::string> Args(const E2eEnv& env, const std::string& cmd,
                              std::vector<std::string> more = {}) {
  std::vector<std::string> args = {cmd,
                                   "--plan",
                                   env.plan(),
                                   "--credentials",
                                   env.credentials(),
                                   "--state-dir",
                                   env.state_dir(),
                                   "--hosts",
                                   env.hosts()};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// `renumber plan | less` pages the plan: the result is on stdout.
TEST(OperatorE2eTest, ResultsGoToStdoutAndJsonMovesThemToStderr) {
  E2eEnv env(Customers(3));
  RunResult plan = env.Run(Args(env, "plan"));
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_NE(plan.out.find("prepare would"), std::string::npos) << plan.out;
  EXPECT_NE(plan.out.find("ACCOUNT"), std::string::npos) << plan.out;
  EXPECT_EQ(plan.err, "");
  RunResult json = env.Run(Args(env, "plan", {"--json"}));
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(StdoutJson(json)["command"], "plan");
  EXPECT_NE(json.err.find("prepare would"), std::string::npos) << json.err;
  RunResult status = env.Run({"status", "--state-dir", env.state_dir()});
  EXPECT_EQ(status.err, "");
}

// `renumber prepare 2>&1 | tee prepare.log` at a terminal: asked on the
// terminal, the plan in the pipe, the progress bar on the terminal only.
TEST(OperatorE2eTest, PipedOutputStillAsksOnTheTerminal) {
  E2eEnv env(Customers(3));
  TerminalOptions piped;
  piped.pipe_stdout = piped.pipe_stderr = true;
  RunResult r = env.RunAtTerminal(Args(env, "prepare"), "y", piped);
  EXPECT_EQ(r.exit_code, 0) << r.tty << r.out << r.err;
  EXPECT_NE(r.tty.find("[y/N]"), std::string::npos) << r.tty;
  EXPECT_NE(r.tty.find("understood as yes"), std::string::npos) << r.tty;
  EXPECT_NE(r.tty.find("\r\033[K["), std::string::npos) << "progress bar";
  EXPECT_NE(r.out.find("prepare will:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\033["), std::string::npos) << "no bar in the pipe";
  EXPECT_EQ(r.out.find("[y/N]"), std::string::npos);
  EXPECT_GT(env.Writes(), 0);
}

// Without any controlling terminal (cron, systemd, setsid) there is nobody
// to ask: refused without --yes, as before.
TEST(OperatorE2eTest, NoControllingTerminalIsRefusedWithoutYes) {
  E2eEnv env(Customers(2));
  RunResult r = env.Run(Args(env, "prepare"));
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("--yes"), std::string::npos) << r.err;
  EXPECT_EQ(env.Requests(), 0);
}

TEST(OperatorE2eTest, FullWidthYesFromAnInputMethodApplies) {
  E2eEnv env(Customers(2));
  RunResult r = env.RunOnTerminal(Args(env, "prepare"), "ｙ");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("'ｙ' understood as yes"), std::string::npos) << r.out;
  EXPECT_GT(env.Writes(), 0);
}

TEST(OperatorE2eTest, AnythingElseIsNoAndSaysSo) {
  E2eEnv env(Customers(2));
  RunResult r = env.RunOnTerminal(Args(env, "prepare"), "ok");
  EXPECT_EQ(r.exit_code, 4) << r.out;
  EXPECT_NE(r.out.find("'ok' understood as no"), std::string::npos) << r.out;
  EXPECT_EQ(env.Writes(), 0);
  RunResult ja =
      env.RunAtTerminal(Args(env, "prepare", {"--lang", "ja"}), "はい", {});
  EXPECT_EQ(ja.exit_code, 0) << ja.tty;
  EXPECT_NE(ja.tty.find("「はい」を「はい」と受け取りました"),
            std::string::npos)
      << ja.tty;
}

// --log keeps a session record without tee: the output with times, 0600,
// appended run after run.
TEST(OperatorE2eTest, LogFileRecordsTheSessionWithTimes) {
  E2eEnv env(Customers(2));
  const std::string log = env.dir() + "/night.log";
  RunResult plan = env.Run(Args(env, "plan", {"--log", log}));
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  RunResult prep = env.Run(Args(env, "prepare", {"--yes", "--log", log}));
  ASSERT_EQ(prep.exit_code, 0) << prep.err;
  auto text = PosixFileSystem()->ReadFile(log);
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("prepare would"), std::string::npos) << *text;
  EXPECT_NE(text->find("prepare will:"), std::string::npos) << *text;
  EXPECT_EQ(text->rfind("[20", 0), 0u) << "each line starts with its time";
  struct stat st {};
  ASSERT_EQ(stat(log.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // A record others can read is refused before anything is sent.
  chmod(log.c_str(), 0644);
  long before = env.Requests();
  RunResult loose = env.Run(Args(env, "plan", {"--log", log}));
  EXPECT_EQ(loose.exit_code, 2) << loose.err;
  EXPECT_NE(loose.err.find(log), std::string::npos) << loose.err;
  EXPECT_EQ(env.Requests(), before);
}

}  // namespace
}  // namespace renumber
