// What the POSIX file systems (fs.cc, private_dir.cc) do with a file
// descriptor once they have opened it: check what it is, read it whole,
// write to it, lock it. Internal to src/core.
//
// Every open in those files uses O_NONBLOCK (a FIFO would otherwise block
// open(2) forever) and then checks the descriptor with CheckOpenedFile
// before any read or write: only regular files are read or written.
//
// Functions are thread-safe; the objects they return belong to one owner.
#ifndef RENUMBER_CORE_POSIX_FILES_H_
#define RENUMBER_CORE_POSIX_FILES_H_

#include <fcntl.h>

#include <functional>
#include <memory>
#include <string>

#include "src/core/fs.h"

namespace renumber::posix {

// kNotFound for ENOENT, kForbidden for EACCES/EPERM, else kInternal; the
// message names `what`, the path and the errno text, in English and, with
// `what_ja` ("開けません"), in Japanese. The three-argument form finds the
// Japanese of the usual `what`s ("cannot open", "cannot stat", ...) itself.
Status ErrnoStatus(const std::string& what, const std::string& what_ja,
                   const std::string& path, int err);
Status ErrnoStatus(const std::string& what, const std::string& path, int err);

// Why open(2) of `name` in directory `dirfd` (AT_FDCWD for a path) failed
// with `err`: an entry that is a symbolic link, FIFO, socket, device or
// directory where a file was expected is kInvalidArgument saying which;
// anything else is ErrnoStatus(what, path, err).
Status OpenFailure(int dirfd, const std::string& name, const std::string& what,
                   const std::string& path, int err);

// Which checks CheckOpenedFile applies beyond "a regular file".
enum class Ownership {
  kAny,   // any owner (input files the user points us at)
  kMine,  // owned by this process's effective user, one link only
};

// Refuses (kInvalidArgument) a descriptor that is not a regular file (a
// FIFO, socket, device or directory), and with kMine one that another user
// owns or that has other hard links. Clears O_NONBLOCK on success.
Status CheckOpenedFile(int fd, const std::string& path, Ownership ownership);

// Whether the file open on `fd` has no name left: another process replaced
// it (WriteFileAtomic's rename) or removed it after our open(2). When
// CheckOpenedFile refused such a file (for 0 links, or anything else: the
// next open checks the new file in full), that is not a hard-link attack
// but a lost race: open the path again (kOpenTries opens at most; a
// writer renaming in a tight loop without fsync was seen to beat 100
// tries now and then, one like WriteFileAtomic never in 40 runs of
// PrivateDirTest.AFileReplacedWhileItIsOpenedIsOpenedAgain; a vault update
// replaces vault.bin twice, milliseconds apart).
bool Unlinked(int fd);
constexpr int kOpenTries = 100;

// Runs `open` (an fd, or -1 with errno set; `failure` turns errno into the
// error) and CheckOpenedFile(kMine) on its fd, opening again a file that
// was replaced meanwhile (Unlinked), kOpenTries times at most. The fd is
// the caller's on success, closed on error.
Result<int> OpenMine(const std::function<int()>& open,
                     const std::function<Status(int err)>& failure,
                     const std::string& path);

// Reads the whole file behind `fd` (checked already) into one buffer sized
// from fstat, with no intermediate copy: kInvalidArgument when it holds more
// than `max_bytes`. Does not close `fd`.
Result<std::string> ReadWhole(int fd, const std::string& path,
                              size_t max_bytes);

// The last `n` bytes of the file behind `fd` (checked already), or all of
// it when it is shorter, read with pread at its end: the file's size is no
// limit, and nothing before the tail is read. Does not close `fd`.
Result<std::string> ReadTail(int fd, const std::string& path, size_t n);

// Takes ownership of `fd`.
std::unique_ptr<WritableFile> NewWritableFile(int fd, std::string path);

// flock(LOCK_EX) on `fd` (whose ownership passes to the lock on success; it
// is closed on failure): kUnavailable at once when held and !wait.
Result<std::unique_ptr<FileLock>> LockFile(int fd, const std::string& path,
                                           bool wait);

// open(2) with `flags` but O_TRUNC, which FinishOpen applies once the file
// passed CheckOpenedFile: a file that is refused (a hard link to someone's
// file, another user's file) is never emptied first.
inline int WithoutTruncate(int flags) { return flags & ~O_TRUNC; }
Status FinishOpen(int fd, const std::string& path, int flags);

// A file made looser than `mode` by hand (a journal made 0644) is narrowed.
// Only for files CheckOpenedFile accepted as kMine.
void NarrowMode(int fd, unsigned mode);

// "0644"
std::string ModeText(unsigned mode);

}  // namespace renumber::posix

#endif  // RENUMBER_CORE_POSIX_FILES_H_
