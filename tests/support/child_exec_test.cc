#include "tests/support/child_exec.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/wait_for.h"

namespace renumber {
namespace {

// Runs `exec` in a child with its stdout on a pipe: what it printed, or
// "exit N" when it did not exit 0.
std::string Output(const ChildExec& exec) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return "pipe failed";
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    exec.Exec();
  }
  close(out[1]);
  std::string text;
  char buf[256];
  for (ssize_t n; (n = read(out[0], buf, sizeof buf)) > 0;) text.append(buf, n);
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return "exit " + std::to_string(status);
  return text;
}

TEST(ChildExecTest, PassesArgumentsAndTheEnvironmentWithItsChanges) {
  setenv("RENUMBER_KEPT", "kept", 1);
  setenv("RENUMBER_GONE", "here", 1);
  setenv("RENUMBER_SET", "old", 1);
  const ChildExec exec(
      {"/bin/sh", "-c",
       "printf '%s|%s|%s|%s' \"$0\" \"$RENUMBER_KEPT\" "
       "\"${RENUMBER_GONE-unset}\" \"$RENUMBER_SET\"",
       "first arg"},
      {"RENUMBER_SET=new", "RENUMBER_GONE", "RENUMBER_SET=newest"});
  EXPECT_EQ(Output(exec), "first arg|kept|unset|newest");
  unsetenv("RENUMBER_KEPT");
  unsetenv("RENUMBER_GONE");
  unsetenv("RENUMBER_SET");
}

TEST(ChildExecTest, AMissingProgramExits127) {
  const ChildExec exec({"/nonexistent/renumber-no-such-program"}, {});
  EXPECT_EQ(Output(exec), "exit " + std::to_string(127 << 8));
}

// The failure this class exists for: another thread holds a lock at the
// fork (here glibc's environment lock, taken by setenv all the time) and a
// child that took it before exec would hang for ever. Every child must
// start and exit.
TEST(ChildExecTest, ChildrenStartWhileAnotherThreadHoldsLocksAtTheFork) {
  constexpr int kChildren = 200;
  // Built before the churn starts: the parent reads `environ` only here.
  std::vector<std::unique_ptr<ChildExec>> execs;
  for (int i = 0; i < kChildren; ++i)
    execs.push_back(
        std::make_unique<ChildExec>(std::vector<std::string>{"/bin/true"},
                                    std::vector<std::string>{"LANG=C.UTF-8"}));
  setenv("RENUMBER_CHURN", "0", 1);
  std::atomic<bool> stop{false};
  std::thread churn([&] {
    // Replacing an existing variable keeps `environ` itself in place.
    for (int i = 0; !stop; ++i) setenv("RENUMBER_CHURN", i % 2 ? "1" : "0", 1);
  });
  std::vector<pid_t> pids;
  for (int i = 0; i < kChildren; ++i) {
    pid_t pid = fork();
    if (pid == 0) execs[i]->Exec();
    if (pid > 0) pids.push_back(pid);
  }
  int exited = 0;
  WaitFor(
      [&] {
        for (pid_t& pid : pids) {
          int status = 0;
          if (pid > 0 && waitpid(pid, &status, WNOHANG) == pid) {
            exited += WIFEXITED(status) && WEXITSTATUS(status) == 0;
            pid = -1;
          }
        }
        return std::all_of(pids.begin(), pids.end(),
                           [](pid_t p) { return p < 0; });
      },
      std::chrono::seconds(60));
  stop = true;
  churn.join();
  for (pid_t pid : pids)
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  unsetenv("RENUMBER_CHURN");
  EXPECT_EQ(pids.size(), static_cast<size_t>(kChildren));
  EXPECT_EQ(exited, kChildren) << "children hung before exec";
}

}  // namespace
}  // namespace renumber
