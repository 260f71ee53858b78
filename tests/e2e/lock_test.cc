// Two runs on one account at once: one works, the other is refused and
// told who holds the account; never both write.
//
// Nothing here waits for time to pass. The first run's vendor requests are
// held (a long simulator latency) from before it starts until the test
// releases them (SetFaults with no latency: held requests answer at once,
// src/sim/host.h), so it holds its locks for exactly as long as the test
// needs, however slowly either process starts on a loaded machine.
#include <sys/inotify.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "src/core/fs.h"
#include "tests/e2e/e2e_env.h"
#include "tests/support/wait_for.h"

namespace renumber {
namespace {

// Below the client's 30 s request timeout (HttpRequest::timeout), so a held
// request is never taken for a dead vendor even if the release came late;
// and the test releases the requests long before, once it has seen what it
// waits for.
constexpr int kHeldMs = 20000;

void HoldVendorRequests(E2eEnv& env) {
  FaultConfig hold;
  hold.latency_ms = kHeldMs;
  env.SetFaults(hold);
}
void ReleaseVendorRequests(E2eEnv& env) { env.SetFaults(FaultConfig{}); }

// Whether `n` lock files in the state dir name `who` as their holder: the
// lock is taken (flock) before the holder is written into it.
bool LocksNamed(const E2eEnv& env, const std::string& who, size_t n) {
  const std::string dir = env.state_dir() + "/locks";
  auto names = PosixFileSystem()->ListDir(dir);
  if (!names.ok()) return false;
  size_t named = 0;
  for (const std::string& name : *names) {
    auto text = PosixFileSystem()->ReadFile(dir + "/" + name);
    if (text.ok() && text->find("\"" + who + "\"") != std::string::npos)
      ++named;
  }
  return named == n;
}

// Sees files of a directory being opened (inotify IN_OPEN) from its
// construction on: how the test knows a second run is trying the locks.
class OpenWatch {
 public:
  explicit OpenWatch(const std::string& dir)
      : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
    if (fd_ >= 0) wd_ = ::inotify_add_watch(fd_, dir.c_str(), IN_OPEN);
  }
  ~OpenWatch() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0 && wd_ >= 0; }
  // True once an open was seen (consumes the events read).
  bool Opened() {
    alignas(inotify_event) char buf[4096];
    return ok() && ::read(fd_, buf, sizeof buf) > 0;
  }

 private:
  int fd_;
  int wd_ = -1;
};

TEST(LockE2eTest, TwoConcurrentRunsNeverBothWrite) {
  E2eEnv env(Customers(1));
  HoldVendorRequests(env);
  RunResult a, b;
  std::thread ta([&] {
    a = env.Renumber("prepare", {"--yes", "--operator", "alice"});
  });
  // Both accounts of the customer (ESS and CDN) are locked by alice.
  bool held = WaitFor([&] { return LocksNamed(env, "alice", 2); });
  if (held) b = env.Renumber("prepare", {"--yes", "--operator", "bob"});
  ReleaseVendorRequests(env);
  ta.join();
  ASSERT_TRUE(held) << "the first run never held both locks: " << a.err;
  EXPECT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(b.exit_code, 4) << b.err;
  EXPECT_NE(b.out.find("alice"), std::string::npos) << b.out;
  // The second run made no write: the writes equal one clean prepare.
  E2eEnv clean(Customers(1));
  ASSERT_EQ(clean.Renumber("prepare", {"--yes"}).exit_code, 0);
  EXPECT_EQ(env.Writes(), clean.Writes());
  EXPECT_EQ(env.Normalized()["ess"], clean.Normalized()["ess"]);
}

TEST(LockE2eTest, WaitLockLetsTheSecondRunFinishAfterTheFirst) {
  E2eEnv env(Customers(1));
  HoldVendorRequests(env);
  RunResult a, b;
  std::thread ta([&] {
    a = env.Renumber("prepare", {"--yes", "--operator", "alice"});
  });
  bool held = WaitFor([&] { return LocksNamed(env, "alice", 2); });
  // From here on, an open of a lock file is the second run trying a lock
  // that the first still holds.
  OpenWatch watch(env.state_dir() + "/locks");
  std::thread tb([&] {
    b = env.Renumber("prepare", {"--yes", "--wait-lock", "600"});
  });
  bool tried = held && watch.ok() && WaitFor([&] { return watch.Opened(); });
  ReleaseVendorRequests(env);
  ta.join();
  tb.join();
  ASSERT_TRUE(held) << "the first run never held both locks: " << a.err;
  ASSERT_TRUE(tried) << "the second run never tried the locks: " << b.err;
  EXPECT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(b.exit_code, 0) << b.err;
  EXPECT_NE(b.out.find("nothing-to-do"), std::string::npos) << b.out;
}

}  // namespace
}  // namespace renumber
