#include "src/core/fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace renumber {
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
    default:
      return std::strerror(err);
  }
}

// `what` and `what_ja` say what failed ("cannot open", "開けません").
Status ErrnoStatus(const std::string& what, const std::string& what_ja,
                   const std::string& path, int err) {
  std::string msg = what + " '" + path + "': " + std::strerror(err);
  std::string ja = "'" + path + "' を" + what_ja + ": " + ErrnoJa(err);
  if (err == ENOENT) return Status::NotFound(msg, ja);
  if (err == EACCES || err == EPERM) return Status::Forbidden(msg, ja);
  return Status::Internal(msg, ja);
}

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
        return ErrnoStatus("cannot write", "書き込めません", path_, errno);
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
    return Status::Ok();
  }
  Status Sync() override {
    if (::fsync(fd_) != 0)
      return ErrnoStatus("cannot fsync", "ディスクに同期できません", path_,
                         errno);
    return Status::Ok();
  }
  Status Close() override {
    int fd = fd_;
    fd_ = -1;
    if (fd >= 0 && ::close(fd) != 0)
      return ErrnoStatus("cannot close", "閉じられません", path_, errno);
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
  Status WriteInfo(std::string_view info) override {
    if (::ftruncate(fd_, 0) != 0 ||
        ::pwrite(fd_, info.data(), info.size(), 0) !=
            static_cast<ssize_t>(info.size()))
      return ErrnoStatus("cannot write lock info", "ロック情報を書き込めません",
                         path_, errno);
    return Status::Ok();
  }

 private:
  int fd_;
  std::string path_;
};

class PosixFs : public FileSystem {
 public:
  Result<std::string> ReadFile(const std::string& path) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus("cannot open", "開けません", path, errno);
    std::string out;
    char buf[65536];
    for (;;) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int err = errno;
        ::close(fd);
        return ErrnoStatus("cannot read", "読めません", path, err);
      }
      if (n == 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    return out;
  }
  Result<std::unique_ptr<WritableFile>> OpenAppend(const std::string& path,
                                                   unsigned mode) override {
    return Open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode);
  }
  Result<std::unique_ptr<WritableFile>> OpenTruncate(const std::string& path,
                                                     unsigned mode) override {
    // Never through a symlink: a planted link must not redirect a secret.
    return Open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
                mode);
  }
  Status Rename(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0)
      return ErrnoStatus("cannot rename to '" + to + "'",
                         "'" + to + "' に名前を変更できません", from, errno);
    return Status::Ok();
  }
  Status Remove(const std::string& path) override {
    if (::unlink(path.c_str()) != 0)
      return ErrnoStatus("cannot remove", "削除できません", path, errno);
    return Status::Ok();
  }
  Status SyncDir(const std::string& dir) override {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
      return ErrnoStatus("cannot open directory", "開けません（ディレクトリ）",
                         dir, errno);
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0)
      return ErrnoStatus("cannot fsync directory",
                         "ディスクに同期できません（ディレクトリ）", dir, err);
    return Status::Ok();
  }
  Status CreateDirs(const std::string& dir, unsigned mode) override {
    if (dir.empty()) return Status::Ok();
    std::string partial;
    size_t pos = 0;
    while (pos != std::string::npos) {
      pos = dir.find('/', pos + 1);
      partial = dir.substr(0, pos);
      if (partial.empty()) continue;
      if (::mkdir(partial.c_str(), mode) != 0 && errno != EEXIST)
        return ErrnoStatus("cannot create directory",
                           "作成できません（ディレクトリ）", partial, errno);
    }
    return Status::Ok();
  }
  bool Exists(const std::string& path) override {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
  }
  Result<unsigned> Mode(const std::string& path) override {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0)
      return ErrnoStatus("cannot stat", "調べられません", path, errno);
    return static_cast<unsigned>(st.st_mode & 07777);
  }
  Status Chmod(const std::string& path, unsigned mode) override {
    if (::chmod(path.c_str(), mode) != 0)
      return ErrnoStatus("cannot chmod", "権限を変更できません", path, errno);
    return Status::Ok();
  }
  Result<std::vector<std::string>> ListDir(const std::string& dir) override {
    DIR* d = ::opendir(dir.c_str());
    if (!d) return ErrnoStatus("cannot list", "一覧できません", dir, errno);
    std::vector<std::string> out;
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name != "." && name != "..") out.push_back(name);
    }
    ::closedir(d);
    std::sort(out.begin(), out.end());
    return out;
  }
  Result<std::unique_ptr<FileLock>> Lock(const std::string& path,
                                         bool wait) override {
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
      return ErrnoStatus("cannot open lock file",
                         "開けません（ロックファイル）", path, errno);
    int rc;
    do {
      rc = ::flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB));
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) {
      int err = errno;
      ::close(fd);
      if (err == EWOULDBLOCK)
        return Status::Unavailable(
            "'" + path + "' is locked by another run",
            "'" + path + "' は別の実行がロックしています");
      return ErrnoStatus("cannot lock", "ロックできません", path, err);
    }
    return std::unique_ptr<FileLock>(new PosixFileLock(fd, path));
  }

 private:
  Result<std::unique_ptr<WritableFile>> Open(const std::string& path, int flags,
                                             unsigned mode) {
    int fd = ::open(path.c_str(), flags, mode);
    if (fd < 0) return ErrnoStatus("cannot open", "開けません", path, errno);
    // An existing file keeps its mode through open(2): narrow one that is
    // looser than asked (a journal or log made 0644 by hand). Best effort:
    // a file we do not own stays as it is.
    struct stat st;
    if (::fstat(fd, &st) == 0 && (st.st_mode & 07777 & ~mode) != 0)
      (void)::fchmod(fd, st.st_mode & 07777 & mode);
    return std::unique_ptr<WritableFile>(new PosixWritableFile(fd, path));
  }
};

}  // namespace

FileSystem* PosixFileSystem() {
  static FileSystem* fs = new PosixFs;
  return fs;
}

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

Status WriteFileAtomic(FileSystem* fs, const std::string& path,
                       std::string_view data, unsigned mode) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  // A leftover (or planted) file of that name goes first, so the data lands
  // in a new file of ours; a planted symlink makes OpenTruncate fail (it
  // does not follow links) instead of writing through it.
  if (fs->Exists(tmp)) (void)fs->Remove(tmp);
  RN_ASSIGN_OR_RETURN(auto file, fs->OpenTruncate(tmp, mode));
  Status s = file->Append(data);
  if (s.ok()) s = file->Sync();
  Status c = file->Close();
  if (s.ok()) s = c;
  if (s.ok()) s = fs->Chmod(tmp, mode);  // umask may have narrowed it
  if (s.ok()) s = fs->Rename(tmp, path);
  if (!s.ok()) {
    (void)fs->Remove(tmp);
    return s;
  }
  return fs->SyncDir(DirName(path));
}

Status CheckPrivateFile(FileSystem* fs, const std::string& path) {
  RN_ASSIGN_OR_RETURN(unsigned mode, fs->Mode(path));
  if (mode & 077) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04o", mode & 07777);
    return Status::InvalidArgument(
        "'" + path +
            "' holds secrets but is readable by group or others "
            "(mode " +
            buf + "); run: chmod 600 '" + path + "'",
        "'" + path +
            "' "
            "には秘密情報が含まれていますが、グループや他のユーザーが読める状態"
            "です"
            "（モード " +
            buf + "）。次を実行してください: chmod 600 '" + path + "'");
  }
  return Status::Ok();
}

}  // namespace renumber
