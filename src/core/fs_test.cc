#include "src/core/fs.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <future>

#include "src/core/fs_fault.h"

namespace renumber {
namespace {

class FsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/renumber-fs-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::string cmd = "rm -rf '" + dir_ + "'";
    ASSERT_EQ(system(cmd.c_str()), 0);
  }
  std::string dir_;
  FileSystem* fs_ = PosixFileSystem();
};

// The step events of CreateDirs on `fs`, as "make-dir PATH" / "sync-dir
// PATH" lines.
std::vector<std::string> DirSteps(const FaultInjectionFileSystem& fs) {
  std::vector<std::string> out;
  for (const auto& e : fs.Events())
    out.push_back(std::string(FaultOpName(e.op)) + " " + e.path);
  return out;
}

// A directory CreateDirs made is durable before the next one is made in it:
// its parent is fsynced right after the mkdir. Dropping that SyncDir from
// FileSystem::CreateDirs fails this test.
TEST_F(FsTest, CreateDirsMakesEachNewDirectoryDurable) {
  FaultInjectionFileSystem fault(fs_);
  ASSERT_TRUE(fault.CreateDirs(dir_ + "/a/b", 0700).ok());
  std::vector<std::string> steps = DirSteps(fault);
  ASSERT_GE(steps.size(), 4u);
  std::vector<std::string> tail(steps.end() - 4, steps.end());
  EXPECT_EQ(tail, (std::vector<std::string>{
                      "make-dir " + dir_ + "/a", "sync-dir " + dir_,
                      "make-dir " + dir_ + "/a/b", "sync-dir " + dir_ + "/a"}));
  // The directories above dir_ existed: found, never synced.
  EXPECT_EQ(fault.Calls(FaultInjectionFileSystem::Op::kSyncDir), 2);
  EXPECT_EQ(*fs_->Mode(dir_ + "/a/b"), 0700u);

  // Again: everything exists, nothing to make durable.
  FaultInjectionFileSystem again(fs_);
  ASSERT_TRUE(again.CreateDirs(dir_ + "/a/b", 0700).ok());
  EXPECT_EQ(again.Calls(FaultInjectionFileSystem::Op::kSyncDir), 0);
  EXPECT_GT(again.Calls(FaultInjectionFileSystem::Op::kMakeDir), 0);
}

// A failed parent fsync fails CreateDirs: the caller must not write into a
// directory that a crash could lose.
TEST_F(FsTest, CreateDirsFailsWhenTheParentCannotBeSynced) {
  FaultInjectionFileSystem fault(fs_);
  fault.FailNth(FaultInjectionFileSystem::Op::kSyncDir, dir_, 1,
                Status::Unavailable("injected", "注入"));
  Status s = fault.CreateDirs(dir_ + "/x/y", 0700);
  EXPECT_EQ(s.code(), Code::kUnavailable) << s.ToString();
  EXPECT_FALSE(fs_->Exists(dir_ + "/x/y"));
}

// The tail of a file, whatever its length: a sparse file larger than any
// ReadFile limit gives its last bytes at once; a FIFO is refused without
// waiting for a writer, a missing file is an error.
TEST_F(FsTest, ReadTailReadsTheEndOfAFileOfAnySize) {
  const std::string p = dir_ + "/j";
  ASSERT_TRUE(WriteFileAtomic(fs_, p, "one\ntwo", 0600).ok());
  EXPECT_EQ(*fs_->ReadTail(p, 1), "o");
  EXPECT_EQ(*fs_->ReadTail(p, 3), "two");
  EXPECT_EQ(*fs_->ReadTail(p, 100), "one\ntwo");
  ASSERT_TRUE(WriteFileAtomic(fs_, p, "", 0600).ok());
  EXPECT_EQ(*fs_->ReadTail(p, 1), "");
  const off_t big = static_cast<off_t>(kMaxReadBytes) * 4;
  ASSERT_EQ(::truncate(p.c_str(), big), 0);
  {
    auto f = fs_->OpenAppend(p, 0600);
    ASSERT_TRUE((*f)->Append("end\n").ok());
  }
  EXPECT_FALSE(fs_->ReadFile(p).ok());
  EXPECT_EQ(*fs_->ReadTail(p, 4), "end\n");
  EXPECT_EQ(*fs_->ReadTail(p, 5), std::string("\0end\n", 5));
  const std::string fifo = dir_ + "/fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(fs_->ReadTail(fifo, 1).status().code(), Code::kInvalidArgument);
  EXPECT_FALSE(fs_->ReadTail(dir_ + "/missing", 1).ok());
}

TEST_F(FsTest, AtomicWriteReplacesAndKeepsMode) {
  std::string p = dir_ + "/vault";
  ASSERT_TRUE(WriteFileAtomic(fs_, p, "one", 0600).ok());
  ASSERT_TRUE(WriteFileAtomic(fs_, p, "two", 0600).ok());
  EXPECT_EQ(*fs_->ReadFile(p), "two");
  EXPECT_EQ(*fs_->Mode(p), 0600u);
  EXPECT_EQ(fs_->ListDir(dir_)->size(), 1u) << "no temp file left behind";
}

TEST_F(FsTest, FailedRenameLeavesOldContents) {
  std::string p = dir_ + "/vault";
  ASSERT_TRUE(WriteFileAtomic(fs_, p, "old", 0600).ok());
  FaultInjectionFileSystem faulty(fs_);
  faulty.FailNth(FaultInjectionFileSystem::Op::kRename, 1,
                 Status::Internal("injected crash before rename"));
  Status s = WriteFileAtomic(&faulty, p, "new", 0600);
  EXPECT_EQ(s.code(), Code::kInternal);
  EXPECT_EQ(*fs_->ReadFile(p), "old");
  EXPECT_EQ(faulty.Calls(FaultInjectionFileSystem::Op::kRename), 1);
  // The next write goes through again.
  EXPECT_TRUE(WriteFileAtomic(&faulty, p, "new", 0600).ok());
  EXPECT_EQ(*fs_->ReadFile(p), "new");
}

using FaultOp = FaultInjectionFileSystem::Op;

// Durability of an atomic write: the temp file's data is fsynced before the
// rename makes it the file, and the directory is fsynced after the rename
// (else a crash can bring back the old file, or an empty new one).
TEST_F(FsTest, AtomicWriteSyncsTheDataBeforeTheRenameAndTheDirectoryAfter) {
  std::string p = dir_ + "/vault";
  FaultInjectionFileSystem faulty(fs_);
  ASSERT_TRUE(WriteFileAtomic(&faulty, p, "one", 0600).ok());
  ASSERT_TRUE(WriteFileAtomic(&faulty, p, "two", 0600).ok());
  Status durable = CheckDurableRenames(faulty.Events(), p);
  EXPECT_TRUE(durable.ok()) << durable.message();
}

// CheckDurableRenames itself, on hand-made call sequences.
TEST_F(FsTest, CheckDurableRenamesFindsEachGap) {
  using E = FaultInjectionFileSystem::Event;
  const std::string p = "/d/f", t = "/d/f.tmp";
  E open{FaultOp::kOpen, t, ""}, append{FaultOp::kAppend, t, ""},
      sync{FaultOp::kSync, t, ""}, rename{FaultOp::kRename, p, t},
      dir{FaultOp::kSyncDir, "/d", ""};
  EXPECT_TRUE(CheckDurableRenames({open, append, sync, rename, dir}, p).ok());
  EXPECT_TRUE(CheckDurableRenames({open, append, rename, dir}, p)
                  .Is(Code::kPreconditionFailed))
      << "no data sync";
  EXPECT_TRUE(CheckDurableRenames({open, sync, append, rename, dir}, p)
                  .Is(Code::kPreconditionFailed))
      << "synced before the data";
  EXPECT_TRUE(CheckDurableRenames({open, append, sync, rename}, p)
                  .Is(Code::kPreconditionFailed))
      << "no directory sync";
  EXPECT_TRUE(CheckDurableRenames({open, append, sync, dir, rename}, p)
                  .Is(Code::kPreconditionFailed))
      << "directory synced before the rename";
  EXPECT_TRUE(
      CheckDurableRenames(
          {open, append, sync, rename, open, append, sync, rename, dir}, p)
          .Is(Code::kPreconditionFailed))
      << "the first of two renames lacks its directory sync";
  EXPECT_TRUE(CheckDurableRenames({open, append, sync}, p).Is(Code::kNotFound));
}

TEST_F(FsTest, AtomicWriteReportsAFailedDataSyncAndKeepsTheOldFile) {
  std::string p = dir_ + "/vault";
  ASSERT_TRUE(WriteFileAtomic(fs_, p, "old", 0600).ok());
  FaultInjectionFileSystem faulty(fs_);
  std::string tmp = p + ".tmp." + std::to_string(::getpid());
  faulty.FailNth(FaultOp::kSync, tmp, 1, Status::Internal("EIO on fsync"));
  Status s = WriteFileAtomic(&faulty, p, "new", 0600);
  EXPECT_EQ(s.code(), Code::kInternal) << s.message();
  EXPECT_EQ(faulty.Calls(FaultOp::kSync, tmp), 1);
  EXPECT_EQ(faulty.Calls(FaultOp::kRename), 0) << "renamed unsynced data";
  EXPECT_EQ(*fs_->ReadFile(p), "old");
  EXPECT_FALSE(fs_->Exists(tmp));
}

TEST_F(FsTest, AtomicWriteReportsAFailedDirectorySync) {
  std::string p = dir_ + "/vault";
  FaultInjectionFileSystem faulty(fs_);
  faulty.FailNth(FaultOp::kSyncDir, dir_, 1, Status::Internal("EIO on dir"));
  Status s = WriteFileAtomic(&faulty, p, "new", 0600);
  EXPECT_EQ(s.code(), Code::kInternal) << s.message();
  EXPECT_EQ(faulty.Calls(FaultOp::kSyncDir, dir_), 1);
}

// The fault file system itself: per-path counts and failures.
TEST_F(FsTest, FaultFsCountsAndFailsPerPath) {
  FaultInjectionFileSystem faulty(fs_);
  std::string a = dir_ + "/a", b = dir_ + "/b";
  faulty.FailNth(FaultOp::kSync, b, 2, Status::Internal("second sync of b"));
  auto fa = faulty.OpenAppend(a, 0600);
  auto fb = faulty.OpenAppend(b, 0600);
  ASSERT_TRUE(fa.ok() && fb.ok());
  EXPECT_TRUE((*fa)->Sync().ok());
  EXPECT_TRUE((*fb)->Sync().ok());
  EXPECT_TRUE((*fa)->Sync().ok()) << "a's syncs do not count for b";
  EXPECT_EQ((*fb)->Sync().code(), Code::kInternal);
  EXPECT_TRUE((*fb)->Sync().ok()) << "fails once";
  EXPECT_EQ(faulty.Calls(FaultOp::kSync, a), 2);
  EXPECT_EQ(faulty.Calls(FaultOp::kSync, b), 3);
  EXPECT_EQ(faulty.Calls(FaultOp::kSync), 5);
  EXPECT_EQ(faulty.Calls(FaultOp::kOpen, a), 1);
  auto events = faulty.Events();
  ASSERT_EQ(events.size(), 7u);
  EXPECT_EQ(FindEvent(events, FaultOp::kSync, b), 3);
  EXPECT_EQ(FindEvent(events, FaultOp::kSync, b, 4), 5);
  EXPECT_EQ(FindEvent(events, FaultOp::kSyncDir, dir_), -1);
}

TEST_F(FsTest, AppendCreatesWithModeAndAppends) {
  std::string p = dir_ + "/sub/dir/journal";
  ASSERT_TRUE(fs_->CreateDirs(DirName(p), 0700).ok());
  for (const char* part : {"a", "b"}) {
    auto f = fs_->OpenAppend(p, 0600);
    ASSERT_TRUE(f.ok());
    ASSERT_TRUE((*f)->Append(part).ok());
    ASSERT_TRUE((*f)->Sync().ok());
    ASSERT_TRUE((*f)->Close().ok());
  }
  EXPECT_EQ(*fs_->ReadFile(p), "ab");
  EXPECT_EQ(*fs_->Mode(DirName(p)), 0700u);
}

TEST_F(FsTest, AppendNarrowsALooserExistingFile) {
  std::string p = dir_ + "/journal";
  ASSERT_TRUE(WriteFileAtomic(fs_, p, "a", 0644).ok());
  ASSERT_TRUE(fs_->Chmod(p, 0644).ok());
  auto f = fs_->OpenAppend(p, 0600);
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE((*f)->Close().ok());
  EXPECT_EQ(*fs_->Mode(p), 0600u);
}

TEST_F(FsTest, AtomicWriteNeverWritesThroughAPlantedTempFileOrLink) {
  std::string p = dir_ + "/vault";
  std::string tmp = p + ".tmp." + std::to_string(::getpid());
  // A leftover file of the temp name (0644, someone else's fd open on it):
  // the secret goes to a new file instead.
  ASSERT_TRUE(WriteFileAtomic(fs_, tmp + "x", "old", 0644).ok());
  ASSERT_EQ(::rename((tmp + "x").c_str(), tmp.c_str()), 0);
  ASSERT_TRUE(fs_->Chmod(tmp, 0644).ok());
  ASSERT_TRUE(WriteFileAtomic(fs_, p, "secret", 0600).ok());
  EXPECT_EQ(*fs_->ReadFile(p), "secret");
  EXPECT_EQ(*fs_->Mode(p), 0600u);
  // A symlink of the temp name to someone's file: the link is removed, the
  // file is left alone.
  std::string target = dir_ + "/elsewhere";
  ASSERT_TRUE(WriteFileAtomic(fs_, target, "theirs", 0644).ok());
  ASSERT_EQ(::symlink(target.c_str(), tmp.c_str()), 0);
  ASSERT_TRUE(WriteFileAtomic(fs_, p, "secret2", 0600).ok());
  EXPECT_EQ(*fs_->ReadFile(target), "theirs");
  EXPECT_EQ(*fs_->ReadFile(p), "secret2");
  // A dangling one (it would create a file where the attacker wants):
  // refused, nothing created there, the old contents kept.
  std::string planted = dir_ + "/planted";
  ASSERT_EQ(::symlink(planted.c_str(), tmp.c_str()), 0);
  EXPECT_FALSE(WriteFileAtomic(fs_, p, "secret3", 0600).ok());
  EXPECT_FALSE(fs_->Exists(planted));
  EXPECT_EQ(*fs_->ReadFile(p), "secret2");
}

// A planted link in place of a journal or audit log: nothing is appended
// to the file it points at and its mode is left alone (the old code
// appended through the link and narrowed the target to 0600).
TEST_F(FsTest, AppendNeverFollowsASymlink) {
  std::string target = dir_ + "/elsewhere";
  ASSERT_TRUE(WriteFileAtomic(fs_, target, "theirs", 0644).ok());
  ASSERT_TRUE(fs_->Chmod(target, 0644).ok());
  std::string link = dir_ + "/campaign.journal";
  ASSERT_EQ(::symlink(target.c_str(), link.c_str()), 0);
  auto f = fs_->OpenAppend(link, 0600);
  EXPECT_EQ(f.status().code(), Code::kInvalidArgument);
  EXPECT_NE(f.status().message().find("symbolic link"), std::string::npos)
      << f.status().message();
  EXPECT_EQ(*fs_->ReadFile(target), "theirs");
  EXPECT_EQ(*fs_->Mode(target), 0644u);
}

// A planted link in place of a lock file: the file it points at is not
// emptied and overwritten with lock info, and a dangling link does not
// create a file where it points.
TEST_F(FsTest, LockNeverFollowsASymlink) {
  std::string target = dir_ + "/unrelated";
  ASSERT_TRUE(WriteFileAtomic(fs_, target, "precious", 0600).ok());
  std::string link = dir_ + "/C-1_ess.lock";
  ASSERT_EQ(::symlink(target.c_str(), link.c_str()), 0);
  auto lock = fs_->Lock(link, false);
  EXPECT_FALSE(lock.ok());
  if (lock.ok()) (void)(*lock)->WriteInfo("{\"pid\": 1}");
  EXPECT_EQ(*fs_->ReadFile(target), "precious");
  std::string dangling = dir_ + "/C-2_ess.lock";
  std::string chosen = dir_ + "/chosen-by-attacker";
  ASSERT_EQ(::symlink(chosen.c_str(), dangling.c_str()), 0);
  EXPECT_FALSE(fs_->Lock(dangling, false).ok());
  EXPECT_FALSE(fs_->Exists(chosen));
}

// A credentials "file" that is a FIFO: refused at once (the old code
// blocked in open(2) until someone wrote to it, i.e. forever).
TEST_F(FsTest, ReadFileRefusesAFifoWithoutBlocking) {
  std::string fifo = dir_ + "/creds.json";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto read = std::async(std::launch::async,
                         [&] { return fs_->ReadFile(fifo).status(); });
  if (read.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    // Unblock the reader so the test can end, then fail.
    int fd = ::open(fifo.c_str(), O_WRONLY);
    if (fd >= 0) ::close(fd);
    read.wait();
    FAIL() << "ReadFile blocked on a FIFO";
  }
  Status s = read.get();
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("FIFO"), std::string::npos) << s.message();
  EXPECT_EQ(fs_->ReadFile(dir_).status().code(), Code::kInvalidArgument)
      << "a directory is not read either";
}

// The size limit holds before anything is read: a (sparse) file one byte
// over the default limit is refused, as is a small file over a small limit.
TEST_F(FsTest, ReadFileRefusesAFileOverItsLimit) {
  std::string big = dir_ + "/plan.csv";
  int fd = ::open(big.c_str(), O_WRONLY | O_CREAT, 0600);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, static_cast<off_t>(kMaxReadBytes) + 1), 0);
  ::close(fd);
  auto r = fs_->ReadFile(big);
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("larger than"), std::string::npos);
  std::string small = dir_ + "/pass";
  ASSERT_TRUE(WriteFileAtomic(fs_, small, std::string(100, 'x'), 0600).ok());
  EXPECT_EQ(fs_->ReadFile(small, 99).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(fs_->ReadFile(small, 100)->size(), 100u);
}

TEST_F(FsTest, ReadMissingIsNotFound) {
  EXPECT_EQ(fs_->ReadFile(dir_ + "/nope").status().code(), Code::kNotFound);
}

TEST_F(FsTest, CheckPrivateFile) {
  std::string p = dir_ + "/creds.json";
  ASSERT_TRUE(WriteFileAtomic(fs_, p, "{}", 0644).ok());
  Status s = CheckPrivateFile(fs_, p);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("chmod 600"), std::string::npos);
  ASSERT_TRUE(fs_->Chmod(p, 0600).ok());
  EXPECT_TRUE(CheckPrivateFile(fs_, p).ok());
}

TEST_F(FsTest, LockIsExclusiveAndReleasedOnDestruction) {
  std::string p = dir_ + "/acct.lock";
  auto a = fs_->Lock(p, false);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE((*a)->WriteInfo("pid 1").ok());
  auto b = fs_->Lock(p, false);  // flock locks are per open file
  EXPECT_EQ(b.status().code(), Code::kUnavailable);
  EXPECT_EQ(*fs_->ReadFile(p), "pid 1");
  a->reset();
  auto c = fs_->Lock(p, false);
  EXPECT_TRUE(c.ok());
}

TEST_F(FsTest, LockIsReleasedWhenTheHolderDies) {
  std::string p = dir_ + "/acct.lock";
  pid_t pid = fork();
  if (pid == 0) {
    auto l = PosixFileSystem()->Lock(p, false);
    _exit(l.ok() ? 0 : 1);  // dies holding the lock
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_EQ(WEXITSTATUS(status), 0);
  EXPECT_TRUE(fs_->Lock(p, false).ok());
}

}  // namespace
}  // namespace renumber
