// The file system behind an interface (after leveldb's Env and ninja's
// DiskInterface). Journal, locks, vault and audit log go through it, so tests
// can inject faults with FaultInjectionFileSystem (fs_fault.h).
//
// Contract: every method is thread-safe. Paths are plain POSIX paths. Errors
// are values: kNotFound for a missing file, kForbidden for permission
// problems, kUnavailable for lock contention with `wait=false`,
// kInvalidArgument for a file that is not what it must be (not a regular
// file, too large, another user's), kInternal for other I/O errors, each
// with the path and errno text in the message.
//
// Only regular files are ever read, written or locked: a FIFO, device,
// socket or directory in their place is refused without blocking. Files
// opened for writing or locking are never reached through a symbolic link
// (O_NOFOLLOW on the last component), must belong to this user and have one
// link. Inside a private directory (OpenPrivateDir) no component at all is
// followed through a link.
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
  // Replaces the lock file's contents (e.g. who holds it). Only a held lock
  // can write: a lock file someone else holds is never emptied.
  virtual Status WriteInfo(std::string_view info) = 0;
};

// What ReadFile reads at most unless told otherwise: more than any input
// file of renumber (plan, credentials, journal, audit log) should hold.
inline constexpr size_t kMaxReadBytes = size_t{64} << 20;

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // The whole regular file (symbolic links followed: the user may point at
  // one). kInvalidArgument, before anything is read, for a file larger than
  // `max_bytes` or one that is not a regular file. The bytes are read into
  // the returned string's own buffer: no other copy is left in memory.
  virtual Result<std::string> ReadFile(const std::string& path,
                                       size_t max_bytes) = 0;
  Result<std::string> ReadFile(const std::string& path) {
    return ReadFile(path, kMaxReadBytes);
  }
  // The last `n` bytes of a regular file (all of it when shorter; "" when
  // empty), with ReadFile's checks but no size limit: only the tail is
  // read (a journal's last byte tells whether its last line was torn).
  virtual Result<std::string> ReadTail(const std::string& path, size_t n) = 0;
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
  // mkdir -p with `mode` for the directories it creates, each made durable
  // before the next: after MakeDir created a directory, its parent is
  // fsynced (SyncDir), so a crash cannot lose a directory that a journal,
  // lock or vault file was then written into. Built on MakeDir and SyncDir,
  // so wrappers (fs_fault.h) see every step.
  Status CreateDirs(const std::string& dir, unsigned mode);
  // One directory, its parent existing: true when it created `dir` (not
  // yet durable: CreateDirs syncs the parent), false when `dir` already
  // existed. Callers want CreateDirs; this is its step.
  virtual Result<bool> MakeDir(const std::string& dir, unsigned mode) = 0;
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

  // A directory for files only its owner may change (the state directory,
  // the vault's directory), created 0700 with its parents when missing and
  // `create`. Refused (kInvalidArgument, saying why and what to run) when it
  // is not owned by this user or group or others may write it. The returned
  // file system takes paths at or below `dir` (strings beginning with `dir`;
  // others are kInvalidArgument) and resolves them from the directory opened
  // here, component by component, never through a symbolic link, refusing
  // a subdirectory that fails the same test and a file that is not a
  // regular file of this user's with one link. It does not own this file
  // system, which must outlive it.
  //
  // This default (fakes, fault wrappers) returns a view that forwards every
  // call to this file system, so wrappers keep working; PosixFileSystem
  // gives the checked directory.
  virtual Result<std::unique_ptr<FileSystem>> OpenPrivateDir(
      const std::string& dir, bool create);
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
