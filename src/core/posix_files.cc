#include "src/core/posix_files.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace renumber::posix {
namespace {

class PosixWritableFile : public WritableFile {
 public:
  PosixWritableFile(int fd, std::string path)
      : fd_(fd), path_(std::move(path)) {}
  ~PosixWritableFile() override {
    if (fd_ >= 0) ::close(fd_);
  }
  Status Append(std::string_view data) override {
    while (!data.empty()) {
      ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus("cannot write", path_, errno);
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
    return Status::Ok();
  }
  Status Sync() override {
    if (::fsync(fd_) != 0) return ErrnoStatus("cannot fsync", path_, errno);
    return Status::Ok();
  }
  Status Close() override {
    int fd = fd_;
    fd_ = -1;
    if (fd >= 0 && ::close(fd) != 0)
      return ErrnoStatus("cannot close", path_, errno);
    return Status::Ok();
  }

 private:
  int fd_;
  std::string path_;
};

class PosixFileLock : public FileLock {
 public:
  PosixFileLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~PosixFileLock() override {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
  // Only ever called with the lock held: the file we empty is ours alone.
  Status WriteInfo(std::string_view info) override {
    if (::ftruncate(fd_, 0) != 0 ||
        ::pwrite(fd_, info.data(), info.size(), 0) !=
            static_cast<ssize_t>(info.size()))
      return ErrnoStatus("cannot write lock info", path_, errno);
    return Status::Ok();
  }

 private:
  int fd_;
  std::string path_;
};

const char* KindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "not a regular file";
}

// KindOf in Japanese, a noun: "'…' は" + KindOfJa(mode) + "です".
const char* KindOfJa(mode_t mode) {
  if (S_ISDIR(mode)) return "ディレクトリ";
  if (S_ISFIFO(mode)) return "FIFO（名前付きパイプ）";
  if (S_ISSOCK(mode)) return "ソケット";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "デバイス";
  if (S_ISLNK(mode)) return "シンボリックリンク";
  return "通常のファイル以外のもの";
}

// Grows `buf` (holding `len` bytes) to `cap` bytes without leaving a copy
// of its contents behind in freed memory.
void Grow(std::string* buf, size_t len, size_t cap) {
  std::string bigger(cap, '\0');
  std::memcpy(bigger.data(), buf->data(), len);
  OPENSSL_cleanse(buf->data(), buf->size());
  buf->swap(bigger);
}

}  // namespace

namespace {

// The system's reason in Japanese for the usual ones, else its English.
std::string ErrnoJa(int err) {
  switch (err) {
    case ENOENT:
      return "ファイルまたはディレクトリがありません";
    case EACCES:
    case EPERM:
      return "権限がありません";
    case ENOSPC:
      return "空き容量がありません";
    case EROFS:
      return "読み取り専用のファイルシステムです";
    case EEXIST:
      return "すでに存在します";
    case ENOTDIR:
      return "ディレクトリではありません";
    case EISDIR:
      return "ディレクトリです";
    case EIO:
      return "入出力エラーです";
    case ELOOP:
      return "シンボリックリンクです";
    default:
      return std::strerror(err);
  }
}

// The Japanese of a `what` the file code uses ("" when it is not one).
std::string WhatJa(const std::string& what) {
  static const std::pair<const char*, const char*> kWhat[] = {
      {"cannot open", "開けません"},
      {"cannot open directory", "開けません（ディレクトリ）"},
      {"cannot open lock file", "開けません（ロックファイル）"},
      {"cannot read", "読めません"},
      {"cannot write", "書き込めません"},
      {"cannot write lock info", "ロック情報を書き込めません"},
      {"cannot fsync", "ディスクに同期できません"},
      {"cannot fsync directory", "ディスクに同期できません（ディレクトリ）"},
      {"cannot close", "閉じられません"},
      {"cannot stat", "調べられません"},
      {"cannot chmod", "権限を変更できません"},
      {"cannot list", "一覧できません"},
      {"cannot lock", "ロックできません"},
      {"cannot remove", "削除できません"},
      {"cannot truncate", "切り詰められません"},
      {"cannot create directory", "作成できません（ディレクトリ）"},
  };
  for (const auto& [en, ja] : kWhat)
    if (what == en) return ja;
  if (what.rfind("cannot rename to ", 0) == 0)
    return what.substr(17) + " に名前を変更できません";
  return "";
}

}  // namespace

Status ErrnoStatus(const std::string& what, const std::string& what_ja,
                   const std::string& path, int err) {
  std::string msg = what + " '" + path + "': " + std::strerror(err);
  std::string ja = "'" + path + "' を" +
                   (what_ja.empty() ? "操作できません" : what_ja) + ": " +
                   ErrnoJa(err);
  if (err == ENOENT) return Status::NotFound(msg, ja);
  if (err == EACCES || err == EPERM) return Status::Forbidden(msg, ja);
  return Status::Internal(msg, ja);
}

Status ErrnoStatus(const std::string& what, const std::string& path, int err) {
  return ErrnoStatus(what, WhatJa(what), path, err);
}

Status OpenFailure(int dirfd, const std::string& name, const std::string& what,
                   const std::string& path, int err) {
  struct stat st;
  if (err != ENOENT && err != EACCES && err != EPERM &&
      ::fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
      !S_ISREG(st.st_mode))
    return Status::InvalidArgument(
        "refusing '" + path + "': it is " + KindOf(st.st_mode),
        "'" + path + "' は" + KindOfJa(st.st_mode) +
            "のため、使用を拒否しました");
  return ErrnoStatus(what, path, err);
}

std::string ModeText(unsigned mode) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04o", mode & 07777);
  return buf;
}

Status CheckOpenedFile(int fd, const std::string& path, Ownership ownership) {
  struct stat st;
  if (::fstat(fd, &st) != 0) return ErrnoStatus("cannot stat", path, errno);
  if (!S_ISREG(st.st_mode))
    return Status::InvalidArgument(
        "refusing '" + path + "': it is " + KindOf(st.st_mode) +
            ", not a regular file",
        "'" + path + "' は" + KindOfJa(st.st_mode) +
            "で、通常のファイルではないため、使用を拒否しました");
  if (ownership == Ownership::kMine) {
    if (st.st_uid != ::geteuid())
      return Status::InvalidArgument(
          "refusing '" + path + "': it belongs to uid " +
              std::to_string(st.st_uid) + ", not to this user (uid " +
              std::to_string(::geteuid()) + ")",
          "'" + path + "' は uid " + std::to_string(st.st_uid) +
              " の所有で、このユーザー（uid " + std::to_string(::geteuid()) +
              "）のものではないため、使用を拒否しました");
    if (st.st_nlink != 1)
      return Status::InvalidArgument(
          "refusing '" + path + "': it has " + std::to_string(st.st_nlink) +
              " hard links; a file of the state directory must have one",
          "'" + path + "' にはハードリンクが " + std::to_string(st.st_nlink) +
              " 個あるため、使用を拒否しました。状態ディレクトリのファイルの"
              "ハードリンクは 1 個でなければなりません");
  }
  int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0 && (flags & O_NONBLOCK))
    (void)::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return Status::Ok();
}

bool Unlinked(int fd) {
  struct stat st;
  return ::fstat(fd, &st) == 0 && st.st_nlink == 0;
}

Result<int> OpenMine(const std::function<int()>& open,
                     const std::function<Status(int err)>& failure,
                     const std::string& path) {
  for (int attempt = 1;; ++attempt) {
    const int fd = open();
    if (fd < 0) return failure(errno);
    Status s = CheckOpenedFile(fd, path, Ownership::kMine);
    if (s.ok()) return fd;
    // Replaced by another process since our open: open the new file.
    const bool again = attempt < kOpenTries && Unlinked(fd);
    ::close(fd);
    if (!again) return s;
  }
}

Result<std::string> ReadWhole(int fd, const std::string& path,
                              size_t max_bytes) {
  struct stat st;
  if (::fstat(fd, &st) != 0) return ErrnoStatus("cannot stat", path, errno);
  auto too_big = [&] {
    return Status::InvalidArgument(
        "refusing '" + path + "': it is larger than " +
            std::to_string(max_bytes) + " bytes",
        "'" + path + "' は " + std::to_string(max_bytes) +
            " バイトより大きいため、読み込みを拒否しました");
  };
  size_t size = static_cast<size_t>(st.st_size);
  if (size > max_bytes) return too_big();
  // Room for the file as fstat saw it, plus a little for an appender
  // (journal, audit log) writing while we read.
  std::string out(std::min(size + 4096, max_bytes + 1), '\0');
  size_t len = 0;
  for (;;) {
    if (len == out.size()) {
      if (len > max_bytes) break;
      Grow(&out, len, std::min(out.size() * 2, max_bytes + 1));
    }
    ssize_t n = ::read(fd, out.data() + len, out.size() - len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      OPENSSL_cleanse(out.data(), out.size());
      return ErrnoStatus("cannot read", path, err);
    }
    if (n == 0) break;
    len += static_cast<size_t>(n);
  }
  if (len > max_bytes) {
    OPENSSL_cleanse(out.data(), out.size());
    return too_big();
  }
  out.resize(len);  // shrinking keeps the buffer: no copy
  return Result<std::string>(std::move(out));
}

Result<std::string> ReadTail(int fd, const std::string& path, size_t n) {
  struct stat st;
  if (::fstat(fd, &st) != 0) return ErrnoStatus("cannot stat", path, errno);
  const size_t size = static_cast<size_t>(st.st_size);
  const size_t want = std::min(n, size);
  std::string out(want, '\0');
  size_t len = 0;
  while (len < want) {
    ssize_t got = ::pread(fd, out.data() + len, want - len,
                          static_cast<off_t>(size - want + len));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return ErrnoStatus("cannot read", path, errno);
    if (got == 0) break;  // truncated while we read: what is left
    len += static_cast<size_t>(got);
  }
  out.resize(len);
  return Result<std::string>(std::move(out));
}

std::unique_ptr<WritableFile> NewWritableFile(int fd, std::string path) {
  return std::make_unique<PosixWritableFile>(fd, std::move(path));
}

Result<std::unique_ptr<FileLock>> LockFile(int fd, const std::string& path,
                                           bool wait) {
  int rc;
  do {
    rc = ::flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB));
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK)
      return Status::Unavailable("'" + path + "' is locked by another run",
                                 "'" + path + "' は別の実行がロックしています");
    return ErrnoStatus("cannot lock", path, err);
  }
  return std::unique_ptr<FileLock>(new PosixFileLock(fd, path));
}

Status FinishOpen(int fd, const std::string& path, int flags) {
  if ((flags & O_TRUNC) && ::ftruncate(fd, 0) != 0)
    return ErrnoStatus("cannot truncate", path, errno);
  return Status::Ok();
}

void NarrowMode(int fd, unsigned mode) {
  struct stat st;
  if (::fstat(fd, &st) == 0 && (st.st_mode & 07777 & ~mode) != 0)
    (void)::fchmod(fd, st.st_mode & 07777 & mode);
}

}  // namespace renumber::posix
