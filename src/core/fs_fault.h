// Fault injection for the file system (after leveldb's FaultInjectionTestEnv):
// wraps a real FileSystem and makes chosen operations fail, so tests can show
// that a failed or interrupted write leaves earlier data intact.
//
// Thread-safe. Owns nothing: `base` must outlive the wrapper.
#ifndef RENUMBER_CORE_FS_FAULT_H_
#define RENUMBER_CORE_FS_FAULT_H_

#include <map>
#include <mutex>

#include "src/core/fs.h"

namespace renumber {

class FaultInjectionFileSystem : public FileSystem {
 public:
  enum class Op { kOpen, kAppend, kSync, kRename, kRemove, kSyncDir, kLock };

  explicit FaultInjectionFileSystem(FileSystem* base) : base_(base) {}

  // The `nth` (1-based) next call of `op` fails with `status`; later calls
  // pass through again.
  void FailNth(Op op, int nth, Status status);
  // Counts calls of `op` seen so far.
  int Calls(Op op) const;

  using FileSystem::ReadFile;
  Result<std::string> ReadFile(const std::string& path,
                               size_t max_bytes) override;
  Result<std::unique_ptr<WritableFile>> OpenAppend(const std::string& path,
                                                   unsigned mode) override;
  Result<std::unique_ptr<WritableFile>> OpenTruncate(const std::string& path,
                                                     unsigned mode) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status Remove(const std::string& path) override;
  Status SyncDir(const std::string& dir) override;
  Status CreateDirs(const std::string& dir, unsigned mode) override;
  bool Exists(const std::string& path) override;
  Result<unsigned> Mode(const std::string& path) override;
  Status Chmod(const std::string& path, unsigned mode) override;
  Result<std::vector<std::string>> ListDir(const std::string& dir) override;
  Result<std::unique_ptr<FileLock>> Lock(const std::string& path,
                                         bool wait) override;

  // Called by wrapped files; public for them only.
  Status Check(Op op);

 private:
  FileSystem* base_;
  mutable std::mutex mu_;
  std::map<Op, int> calls_;
  std::map<Op, std::pair<int, Status>> failures_;  // op -> (call no, status)
};

}  // namespace renumber

#endif  // RENUMBER_CORE_FS_FAULT_H_
