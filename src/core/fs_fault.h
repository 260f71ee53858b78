// Fault injection for the file system (after leveldb's FaultInjectionTestEnv):
// wraps a real FileSystem and makes chosen operations fail, so tests can show
// that a failed or interrupted write leaves earlier data intact. It also
// records every operation it sees, in order and with its path, so a test can
// show that a write is made durable: that the data fsync (kSync on the file)
// and the directory fsync (kSyncDir) happen, and in the right order around
// a rename or create. Removing such an fsync from the code under test must
// make its test fail.
//
// Thread-safe. Owns nothing: `base` must outlive the wrapper.
#ifndef RENUMBER_CORE_FS_FAULT_H_
#define RENUMBER_CORE_FS_FAULT_H_

#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "src/core/fs.h"

namespace renumber {

class FaultInjectionFileSystem : public FileSystem {
 public:
  enum class Op {
    kOpen,
    kAppend,
    kSync,
    kRename,
    kRemove,
    kSyncDir,
    kLock,
    kMakeDir
  };

  // One operation as it was called (failed ones included). `path` is the
  // file (kOpen, kAppend, kSync: the path it was opened with; kRename: the
  // new name, with the old one in `from`), or the directory (kSyncDir,
  // kMakeDir: every MakeDir step of CreateDirs, whether it created the
  // directory or found it).
  struct Event {
    Op op;
    std::string path;
    std::string from;  // kRename only
  };

  explicit FaultInjectionFileSystem(FileSystem* base) : base_(base) {}

  // The `nth` (1-based) next call of `op` fails with `status`; later calls
  // pass through again. Replaces an earlier FailNth of `op` for any path.
  void FailNth(Op op, int nth, Status status);
  // The same, counting only the calls of `op` on exactly `path` (see
  // Event::path); calls on other paths pass through. Replaces an earlier
  // FailNth of `op` for that path.
  void FailNth(Op op, const std::string& path, int nth, Status status);
  // Counts calls of `op` seen so far (on any path / on exactly `path`).
  int Calls(Op op) const;
  int Calls(Op op, const std::string& path) const;
  // Every call seen so far, oldest first.
  std::vector<Event> Events() const;

  using FileSystem::ReadFile;
  Result<std::string> ReadFile(const std::string& path,
                               size_t max_bytes) override;
  Result<std::string> ReadTail(const std::string& path, size_t n) override;
  Result<std::unique_ptr<WritableFile>> OpenAppend(const std::string& path,
                                                   unsigned mode) override;
  Result<std::unique_ptr<WritableFile>> OpenTruncate(const std::string& path,
                                                     unsigned mode) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status Remove(const std::string& path) override;
  Status SyncDir(const std::string& dir) override;
  Result<bool> MakeDir(const std::string& dir, unsigned mode) override;
  bool Exists(const std::string& path) override;
  Result<unsigned> Mode(const std::string& path) override;
  Status Chmod(const std::string& path, unsigned mode) override;
  Result<std::vector<std::string>> ListDir(const std::string& dir) override;
  Result<std::unique_ptr<FileLock>> Lock(const std::string& path,
                                         bool wait) override;

  // Records a call of `op` on `path` and returns the failure injected for
  // it, if any. Called by wrapped files; public for them only.
  Status Check(Op op, const std::string& path, const std::string& from = "");

 private:
  struct Failure {
    int call;  // fails when the (op, path) count reaches this
    Status status;
  };
  using Key = std::pair<Op, std::string>;  // path "" = any path

  FileSystem* base_;
  mutable std::mutex mu_;
  std::map<Key, int> calls_;  // (op, "") and (op, path) counts
  std::map<Key, Failure> failures_;
  std::vector<Event> events_;
};

// The index in `events` of the first call of `op` on `path` at index `from`
// or later; -1 when there is none. For ordering checks ("the data was
// synced before the rename, the directory after").
int FindEvent(const std::vector<FaultInjectionFileSystem::Event>& events,
              FaultInjectionFileSystem::Op op, const std::string& path,
              size_t from = 0);

// Whether every rename onto `path` in `events` made an atomic write
// durable: the renamed file was fsynced after its last append and before
// the rename, and DirName(path) was fsynced after the rename (before any
// later rename onto `path`). Ok, or kPreconditionFailed naming the first
// gap; kNotFound when nothing was renamed onto `path`.
Status CheckDurableRenames(
    const std::vector<FaultInjectionFileSystem::Event>& events,
    const std::string& path);

// The name of `op` ("sync", "sync-dir", ...), for test messages.
const char* FaultOpName(FaultInjectionFileSystem::Op op);

}  // namespace renumber

#endif  // RENUMBER_CORE_FS_FAULT_H_
