#include "src/core/private_dir.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "src/core/fs_fault.h"

namespace renumber {
namespace {

class PrivateDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/renumber-pdir-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    tmp_ = tmpl;
    state_ = tmp_ + "/state";
  }
  void TearDown() override {
    std::string cmd = "chmod -R u+rwx '" + tmp_ + "'; rm -rf '" + tmp_ + "'";
    ASSERT_EQ(system(cmd.c_str()), 0);
  }
  std::unique_ptr<FileSystem> Open() {
    auto fs = PosixFileSystem()->OpenPrivateDir(state_, /*create=*/true);
    EXPECT_TRUE(fs.ok()) << fs.status().ToString();
    return fs.ok() ? std::move(*fs) : nullptr;
  }
  std::string tmp_, state_;
  FileSystem* posix_ = PosixFileSystem();
};

// Below the root, CreateDirs makes each new directory durable (its parent
// fsynced after it is made) and checks it; the root and what is above it
// are found, not made.
TEST_F(PrivateDirTest, CreateDirsBelowTheRootIsDurable) {
  auto fs = Open();
  ASSERT_NE(fs, nullptr);
  FaultInjectionFileSystem fault(fs.get());
  ASSERT_TRUE(fault.CreateDirs(state_ + "/journal/old", 0700).ok());
  std::vector<std::string> steps;
  for (const auto& e : fault.Events())
    if (e.op == FaultInjectionFileSystem::Op::kSyncDir) steps.push_back(e.path);
  EXPECT_EQ(steps, (std::vector<std::string>{state_, state_ + "/journal"}));
  EXPECT_EQ(*posix_->Mode(state_ + "/journal/old"), 0700u);
  // A directory others may write is refused below the root too.
  ASSERT_EQ(::chmod((state_ + "/journal").c_str(), 0777), 0);
  EXPECT_FALSE(fault.CreateDirs(state_ + "/journal/new", 0700).ok());
  EXPECT_FALSE(posix_->Exists(state_ + "/journal/new"));
}

TEST_F(PrivateDirTest, WorksAsAFileSystemBelowItsRoot) {
  auto fs = Open();
  ASSERT_NE(fs, nullptr);
  EXPECT_EQ(*posix_->Mode(state_), 0700u);
  ASSERT_TRUE(fs->CreateDirs(state_ + "/journal", 0700).ok());
  auto f = fs->OpenAppend(state_ + "/journal/c.journal", 0600);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_TRUE((*f)->Append("line\n").ok());
  ASSERT_TRUE((*f)->Close().ok());
  EXPECT_EQ(*fs->ReadFile(state_ + "/journal/c.journal"), "line\n");
  EXPECT_EQ(*fs->ReadTail(state_ + "/journal/c.journal", 2), "e\n");
  ASSERT_TRUE(WriteFileAtomic(fs.get(), state_ + "/vault.bin", "v", 0600).ok());
  EXPECT_EQ(*posix_->ReadFile(state_ + "/vault.bin"), "v");
  EXPECT_EQ(*fs->ListDir(state_),
            (std::vector<std::string>{"journal", "vault.bin"}));
  auto lock = fs->Lock(state_ + "/locks/a.lock", false);
  EXPECT_EQ(lock.status().code(), Code::kNotFound) << "locks/ not made yet";
  ASSERT_TRUE(fs->CreateDirs(state_ + "/locks", 0700).ok());
  lock = fs->Lock(state_ + "/locks/a.lock", false);
  ASSERT_TRUE(lock.ok()) << lock.status().ToString();
  ASSERT_TRUE((*lock)->WriteInfo("me").ok());
  EXPECT_EQ(fs->Lock(state_ + "/locks/a.lock", false).status().code(),
            Code::kUnavailable);
  EXPECT_TRUE(fs->Exists(state_ + "/locks/a.lock"));
  EXPECT_FALSE(fs->Exists(state_ + "/locks/b.lock"));
  EXPECT_EQ(fs->ReadFile(tmp_ + "/elsewhere").status().code(),
            Code::kInvalidArgument)
      << "a path outside the directory";
  EXPECT_EQ(fs->ReadFile(state_ + "/journal/../vault.bin").status().code(),
            Code::kInvalidArgument);
}

// An existing state dir that group or others may write (0777, 0770): they
// could plant links or files in it. Refused, saying what to run; the same
// for such a subdirectory.
TEST_F(PrivateDirTest, RefusesADirectoryOthersMayWrite) {
  for (unsigned mode : {0777u, 0770u, 0702u}) {
    ASSERT_EQ(::mkdir(state_.c_str(), 0700), 0);
    ASSERT_EQ(::chmod(state_.c_str(), mode), 0);
    auto fs = posix_->OpenPrivateDir(state_, true);
    EXPECT_EQ(fs.status().code(), Code::kInvalidArgument) << std::oct << mode;
    EXPECT_NE(fs.status().message().find("chmod 700"), std::string::npos)
        << fs.status().message();
    ASSERT_EQ(::rmdir(state_.c_str()), 0);
  }
  auto fs = Open();
  ASSERT_NE(fs, nullptr);
  std::string locks = state_ + "/locks";
  ASSERT_EQ(::mkdir(locks.c_str(), 0700), 0);
  ASSERT_EQ(::chmod(locks.c_str(), 0777), 0);
  auto lock = fs->Lock(locks + "/a.lock", false);
  EXPECT_EQ(lock.status().code(), Code::kInvalidArgument);
  EXPECT_NE(lock.status().message().find(locks), std::string::npos);
  EXPECT_FALSE(posix_->Exists(locks + "/a.lock"));
}

// A state dir owned by another user. As root, a directory is given away to
// "nobody"; as anyone else, "/" (root's) serves.
TEST_F(PrivateDirTest, RefusesADirectoryOfAnotherUser) {
  std::string theirs = "/";
  if (::geteuid() == 0) {
    theirs = state_;
    ASSERT_EQ(::mkdir(theirs.c_str(), 0700), 0);
    ASSERT_EQ(::chown(theirs.c_str(), 65534, 65534), 0);
  }
  auto fs = posix_->OpenPrivateDir(theirs, false);
  EXPECT_EQ(fs.status().code(), Code::kInvalidArgument);
  EXPECT_NE(fs.status().message().find("belongs to uid"), std::string::npos)
      << fs.status().message();
}

// A subdirectory replaced by a link to a directory elsewhere: not entered.
TEST_F(PrivateDirTest, RefusesASubdirectoryThatIsALink) {
  auto fs = Open();
  ASSERT_NE(fs, nullptr);
  std::string elsewhere = tmp_ + "/elsewhere";
  ASSERT_EQ(::mkdir(elsewhere.c_str(), 0700), 0);
  ASSERT_EQ(::symlink(elsewhere.c_str(), (state_ + "/journal").c_str()), 0);
  auto f = fs->OpenAppend(state_ + "/journal/c.journal", 0600);
  EXPECT_EQ(f.status().code(), Code::kInvalidArgument);
  EXPECT_NE(f.status().message().find("symbolic link"), std::string::npos)
      << f.status().message();
  EXPECT_FALSE(posix_->Exists(elsewhere + "/c.journal"));
}

// Files that are not a regular file of ours with one link: a planted link
// (to a file, or dangling), a FIFO, a hard link. Each is refused and the
// file it leads to is left as it was.
TEST_F(PrivateDirTest, RefusesLinksFifosAndHardLinks) {
  auto fs = Open();
  ASSERT_NE(fs, nullptr);
  std::string target = tmp_ + "/precious";
  ASSERT_TRUE(WriteFileAtomic(posix_, target, "precious", 0644).ok());
  std::string link = state_ + "/vault.audit.jsonl";
  ASSERT_EQ(::symlink(target.c_str(), link.c_str()), 0);
  EXPECT_FALSE(fs->OpenAppend(link, 0600).ok());
  EXPECT_FALSE(fs->ReadFile(link).ok());
  EXPECT_FALSE(fs->Lock(link, false).ok());
  EXPECT_FALSE(fs->Chmod(link, 0600).ok());
  EXPECT_EQ(*posix_->ReadFile(target), "precious");
  EXPECT_EQ(*posix_->Mode(target), 0644u);

  std::string dangling = state_ + "/x.lock";
  ASSERT_EQ(::symlink((tmp_ + "/made").c_str(), dangling.c_str()), 0);
  EXPECT_FALSE(fs->Lock(dangling, false).ok());
  EXPECT_FALSE(posix_->Exists(tmp_ + "/made"));

  std::string fifo = state_ + "/c.journal";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(fs->ReadFile(fifo).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(fs->OpenAppend(fifo, 0600).status().code(), Code::kInvalidArgument);

  std::string hard = state_ + "/hard.lock";
  ASSERT_EQ(::link(target.c_str(), hard.c_str()), 0);
  auto lock = fs->Lock(hard, false);
  EXPECT_EQ(lock.status().code(), Code::kInvalidArgument);
  EXPECT_NE(lock.status().message().find("hard links"), std::string::npos)
      << lock.status().message();
  EXPECT_EQ(*posix_->ReadFile(target), "precious");
  // Refused before it is emptied: O_TRUNC at open(2) would have emptied
  // the file behind the hard link and only then refused it.
  auto truncated = fs->OpenTruncate(hard, 0600);
  EXPECT_EQ(truncated.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(*posix_->ReadFile(target), "precious");
  auto outside = posix_->OpenTruncate(hard, 0600);
  EXPECT_EQ(outside.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(*posix_->ReadFile(target), "precious");
}

// A file another process replaces (WriteFileAtomic: rename over it) while
// we open it has 0 links by the time we check it: a lost race, not a hard
// link. The open is tried again and gets the new file. (Before, `renumber
// vault add` in eight processes at once failed with "it has 0 hard links"
// in 2 of about 65 runs of VaultCliTest.EightProcessesOfTheBinaryLoseNoEntry
// beside the loaded suite; this test, with one open only, refused 32-65 of
// its 40,000 opens in each of 6 runs.)
TEST_F(PrivateDirTest, AFileReplacedWhileItIsOpenedIsOpenedAgain) {
  auto fs = Open();
  ASSERT_NE(fs, nullptr);
  const std::string path = state_ + "/vault.bin";
  ASSERT_TRUE(WriteFileAtomic(posix_, path, "v", 0600).ok());
  std::atomic<bool> stop{false};
  std::atomic<int> replaced{0};
  std::string writer_error;  // the writer's, read after join
  std::thread writer([&] {
    while (!stop) {  // as the vault replaces itself, fsyncs included
      Status s = WriteFileAtomic(posix_, path, "v", 0600);
      if (!s.ok()) {
        writer_error = s.ToString();
        return;
      }
      ++replaced;
    }
  });
  int refused = 0;
  std::string first_error;
  auto count = [&](const Status& s, const char* what) {
    if (s.ok()) return;
    if (first_error.empty())
      first_error = std::string(what) + ": " + s.ToString();
    ++refused;
  };
  // 20,000 rounds, and on until the file was replaced 200 times (a
  // deadline in case the writer stalls).
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(120);
  for (int i = 0; (i < 20000 || replaced < 200) &&
                  std::chrono::steady_clock::now() < deadline;
       ++i) {
    count(fs->ReadFile(path).status(), "ReadFile");
    count(posix_->OpenAppend(path, 0600).status(), "OpenAppend");
  }
  stop = true;
  writer.join();
  EXPECT_EQ(writer_error, "");
  EXPECT_GE(replaced.load(), 200);  // the race was on
  EXPECT_EQ(refused, 0) << first_error;
}

// The directory is used through the descriptor it was opened with: when
// its path is swapped for a link to another directory after the check,
// files still go to the directory that was checked.
TEST_F(PrivateDirTest, KeepsUsingTheDirectoryItChecked) {
  auto fs = Open();
  ASSERT_NE(fs, nullptr);
  std::string moved = tmp_ + "/moved";
  std::string other = tmp_ + "/other";
  ASSERT_EQ(::rename(state_.c_str(), moved.c_str()), 0);
  ASSERT_EQ(::mkdir(other.c_str(), 0777), 0);
  ASSERT_EQ(::symlink(other.c_str(), state_.c_str()), 0);
  ASSERT_TRUE(WriteFileAtomic(fs.get(), state_ + "/vault.bin", "v", 0600).ok());
  EXPECT_TRUE(posix_->Exists(moved + "/vault.bin"));
  EXPECT_FALSE(posix_->Exists(other + "/vault.bin"));
}

}  // namespace
}  // namespace renumber
