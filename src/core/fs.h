// The file system behind an interface (after leveldb's Env and ninja's
// DiskInterface). Journal, locks, vault and audit log go through it, so tests
// can inject faults with FaultInjectionFileSystem (fs_fault.h).
//
// Contract: every method is thread-safe. Paths are plain POSIX paths. Errors
// are values: kNotFound for a missing file, kForbidden for permission
// problems, kUnavailable for lock contention with `wait=false`, kInternal for
// other I/O errors, each with the path and errno text in the message.
#ifndef RENUMBER_CORE_FS_H_
#define RENUMBER_CORE_FS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/status.h"

namespace renumber {

// A file open for writing. Not thread-safe; owned by one writer.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status Append(std::string_view data) = 0;
  virtual Status Sync() = 0;  // fsync
  virtual Status Close() = 0;
};

// An advisory lock held through a kernel lock (flock) on an open file: it is
// released when this object is destroyed or when the process dies.
class FileLock {
 public:
  virtual ~FileLock() = default;
  // Replaces the lock file's contents (e.g. who holds it).
  virtual Status WriteInfo(std::string_view info) = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual Result<std::string> ReadFile(const std::string& path) = 0;
  // Opens for appending, creating the file with `mode` if missing.
  virtual Result<std::unique_ptr<WritableFile>> OpenAppend(
      const std::string& path, unsigned mode) = 0;
  // Creates or truncates the file with `mode`.
  virtual Result<std::unique_ptr<WritableFile>> OpenTruncate(
      const std::string& path, unsigned mode) = 0;
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  virtual Status Remove(const std::string& path) = 0;
  // fsync of a directory, so a rename or create in it is durable.
  virtual Status SyncDir(const std::string& dir) = 0;
  // mkdir -p with `mode` for directories it creates.
  virtual Status CreateDirs(const std::string& dir, unsigned mode) = 0;
  virtual bool Exists(const std::string& path) = 0;
  // Permission bits (e.g. 0600) of an existing file.
  virtual Result<unsigned> Mode(const std::string& path) = 0;
  virtual Status Chmod(const std::string& path, unsigned mode) = 0;
  // Names (not paths) of the entries of `dir`, sorted, without . and ..
  virtual Result<std::vector<std::string>> ListDir(const std::string& dir) = 0;
  // Exclusive flock on `path` (created 0600 if missing). With wait=false a
  // held lock gives kUnavailable at once.
  virtual Result<std::unique_ptr<FileLock>> Lock(const std::string& path,
                                                 bool wait) = 0;
};

// The real POSIX file system. Never deleted.
FileSystem* PosixFileSystem();

// Writes `data` to `path` atomically: a temp file in the same directory with
// `mode`, fsync, rename over `path`, fsync the directory.
Status WriteFileAtomic(FileSystem* fs, const std::string& path,
                       std::string_view data, unsigned mode);

// The directory part of a path ("." when there is none).
std::string DirName(const std::string& path);

// Refuses a file that group or others can read or write (secrets files).
Status CheckPrivateFile(FileSystem* fs, const std::string& path);

}  // namespace renumber

#endif  // RENUMBER_CORE_FS_H_
