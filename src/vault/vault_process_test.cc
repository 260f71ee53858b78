// Multi-process tests of the vault: concurrent writers in separate
// processes (fork) and a crash between writing the temp file and renaming it.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <set>

#include "src/core/fs_fault.h"
#include "src/vault/test_util.h"
#include "src/vault/vault.h"
#include "src/vault/vault_ops.h"

namespace renumber::vault {
namespace {

using testing::MakeEntry;
using testing::TempDir;
using testing::TestOptions;

const char kPass[] = "a shared staff passphrase";
constexpr int kProcesses = 8;
constexpr int kEntriesEach = 25;

// Runs in a forked child: waits for the start signal, then adds its entries
// one write at a time. Returns the child's exit code.
int AddManyInChild(const std::string& path, int proc, int start_fd) {
  char go;
  if (::read(start_fd, &go, 1) < 0) return 10;
  VaultOptions opts = TestOptions(path, RealClock());
  opts.os_user = "proc-" + std::to_string(proc);
  auto v = Vault::Open(opts, Secret(kPass));
  if (!v.ok()) return 11;
  for (int i = 0; i < kEntriesEach; ++i) {
    Timestamp now = RealClock()->Now();
    std::string customer =
        "C-" + std::to_string(proc) + "-" + std::to_string(i);
    Status s =
        PutEntries(v->get(),
                   {MakeEntry(customer, i % 2 ? Service("cdn") : Service("ess"),
                              now, now + Days(20))},
                   false, "add");
    if (!s.ok()) {
      std::fprintf(stderr, "child %d: %s\n", proc, s.ToString().c_str());
      return 12;
    }
  }
  return 0;
}

TEST(VaultProcessTest, EightProcessesAddingAtOnceLoseNothing) {
  TempDir dir;
  std::string path = dir.File("vault.bin");
  ASSERT_TRUE(
      Vault::Create(TestOptions(path, RealClock()), Secret(kPass)).ok());
  int start[2];
  ASSERT_EQ(::pipe(start), 0);
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(start[1]);
      ::_exit(AddManyInChild(path, p, start[0]));
    }
    children.push_back(pid);
  }
  ::close(start[0]);
  auto t0 = std::chrono::steady_clock::now();
  ::close(start[1]);  // everyone starts now
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "child exit status " << status;
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - t0)
                .count();
  std::printf("%d processes x %d adds: %lld ms\n", kProcesses, kEntriesEach,
              static_cast<long long>(ms));
  auto v = Vault::Open(TestOptions(path, RealClock()), Secret(kPass));
  ASSERT_TRUE(v.ok());
  auto entries = (*v)->Entries();
  ASSERT_TRUE(entries.ok());
  std::set<std::string> names;
  for (const VaultEntry& e : *entries) names.insert(e.creds.account.customer);
  EXPECT_EQ(entries->size(), size_t{kProcesses * kEntriesEach});
  EXPECT_EQ(names.size(), size_t{kProcesses * kEntriesEach});
  auto verdict = (*v)->VerifyAudit();
  ASSERT_TRUE(verdict.ok());
  EXPECT_EQ(verdict->first_broken, 0u) << verdict->reason;
  EXPECT_EQ(verdict->records, size_t{1 + kProcesses * kEntriesEach});
}

// Dies (as a crash would) when the vault's temp file is about to be renamed
// over the vault: the temp file has been written and fsync'd.
class CrashOnRenameFs : public FaultInjectionFileSystem {
 public:
  using FaultInjectionFileSystem::FaultInjectionFileSystem;
  Status Rename(const std::string&, const std::string&) override {
    ::_exit(86);
  }
};

TEST(VaultProcessTest, CrashBetweenWriteAndRenameLeavesOldVaultIntact) {
  TempDir dir;
  FakeClock clock;
  std::string path = dir.File("vault.bin");
  auto v = Vault::Create(TestOptions(path, &clock), Secret(kPass));
  ASSERT_TRUE(v.ok());
  Timestamp now = clock.Now();
  ASSERT_TRUE(
      PutEntries(v->get(),
                 {MakeEntry("C-KEEP", Service("ess"), now, now + Days(5))},
                 false, "add")
          .ok());
  std::string before = *PosixFileSystem()->ReadFile(path);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    CrashOnRenameFs crashing(PosixFileSystem());
    VaultOptions opts = TestOptions(path, &clock);
    opts.fs = &crashing;
    auto mine = Vault::Open(opts, Secret(kPass));
    if (!mine.ok()) ::_exit(1);
    (void)PutEntries(mine->get(),
                     {MakeEntry("C-LOST", Service("ess"), now, now + Days(5))},
                     false, "add");
    ::_exit(2);  // not reached: the rename "crashes"
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 86);
  EXPECT_EQ(*PosixFileSystem()->ReadFile(path), before);
  auto names = *PosixFileSystem()->ListDir(dir.path());
  int temps = 0;
  for (const auto& n : names) temps += n.rfind("vault.bin.tmp.", 0) == 0;
  EXPECT_EQ(temps, 1) << "the crashed writer's temp file stays behind";
  auto again = Vault::Open(TestOptions(path, &clock), Secret(kPass));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  auto entries = (*again)->Entries();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].creds.account.customer, "C-KEEP");
  // The next writer removes the stale temp file under the lock.
  ASSERT_TRUE(
      PutEntries(again->get(),
                 {MakeEntry("C-NEXT", Service("cdn"), now, now + Days(5))},
                 false, "add")
          .ok());
  std::vector<std::string> after = *PosixFileSystem()->ListDir(dir.path());
  for (const auto& n : after) EXPECT_NE(n.rfind("vault.bin.tmp.", 0), 0u) << n;
  EXPECT_EQ((*again)->Entries()->size(), 2u);
}

}  // namespace
}  // namespace renumber::vault
