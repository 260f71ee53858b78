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

#include "src/core/posix_files.h"
#include "src/core/private_dir.h"

namespace renumber {
namespace {

using posix::ErrnoStatus;

class PosixFs : public FileSystem {
 public:
  using FileSystem::ReadFile;
  Result<std::string> ReadFile(const std::string& path,
                               size_t max_bytes) override {
    return ReadChecked(
        path, [&](int fd) { return posix::ReadWhole(fd, path, max_bytes); });
  }
  Result<std::string> ReadTail(const std::string& path, size_t n) override {
    return ReadChecked(path,
                       [&](int fd) { return posix::ReadTail(fd, path, n); });
  }
  Result<std::unique_ptr<WritableFile>> OpenAppend(const std::string& path,
                                                   unsigned mode) override {
    return Open(path, O_WRONLY | O_CREAT | O_APPEND, mode);
  }
  Result<std::unique_ptr<WritableFile>> OpenTruncate(const std::string& path,
                                                     unsigned mode) override {
    return Open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
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
  Result<bool> MakeDir(const std::string& dir, unsigned mode) override {
    if (::mkdir(dir.c_str(), mode) == 0) return true;
    if (errno == EEXIST) return false;
    return ErrnoStatus("cannot create directory",
                       "作成できません（ディレクトリ）", dir, errno);
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
    int fd =
        ::open(path.c_str(),
               O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
    if (fd < 0)
      return posix::OpenFailure(AT_FDCWD, path, "cannot open lock file", path,
                                errno);
    if (Status s = posix::CheckOpenedFile(fd, path, posix::Ownership::kMine);
        !s.ok()) {
      ::close(fd);
      return s;
    }
    return posix::LockFile(fd, path, wait);
  }
  Result<std::unique_ptr<FileSystem>> OpenPrivateDir(const std::string& dir,
                                                     bool create) override {
    return NewPrivateDirFileSystem(dir, create);
  }

 private:
  // Opens `path` for reading, checks it is a regular file, runs `read` on
  // the descriptor and closes it.
  template <typename Read>
  static Result<std::string> ReadChecked(const std::string& path, Read read) {
    // O_NONBLOCK: opening a FIFO would otherwise wait for a writer forever.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return ErrnoStatus("cannot open", path, errno);
    Status s = posix::CheckOpenedFile(fd, path, posix::Ownership::kAny);
    Result<std::string> out = s.ok() ? read(fd) : Result<std::string>(s);
    ::close(fd);
    return out;
  }
  // Never through a symlink (a planted link must not redirect a record or a
  // secret), never a FIFO or another user's file.
  Result<std::unique_ptr<WritableFile>> Open(const std::string& path, int flags,
                                             unsigned mode) {
    RN_ASSIGN_OR_RETURN(
        int fd, posix::OpenMine(
                    [&] {
                      return ::open(path.c_str(),
                                    posix::WithoutTruncate(flags) | O_CLOEXEC |
                                        O_NOFOLLOW | O_NONBLOCK,
                                    mode);
                    },
                    [&](int err) {
                      return posix::OpenFailure(AT_FDCWD, path, "cannot open",
                                                path, err);
                    },
                    path));
    Status s = posix::FinishOpen(fd, path, flags);
    if (!s.ok()) {
      ::close(fd);
      return s;
    }
    posix::NarrowMode(fd, mode);
    return posix::NewWritableFile(fd, path);
  }
};

// The default OpenPrivateDir: every call goes to `base`.
class ForwardingFs : public FileSystem {
 public:
  explicit ForwardingFs(FileSystem* base) : base_(base) {}
  using FileSystem::ReadFile;
  Result<std::string> ReadFile(const std::string& p, size_t max) override {
    return base_->ReadFile(p, max);
  }
  Result<std::string> ReadTail(const std::string& p, size_t n) override {
    return base_->ReadTail(p, n);
  }
  Result<std::unique_ptr<WritableFile>> OpenAppend(const std::string& p,
                                                   unsigned m) override {
    return base_->OpenAppend(p, m);
  }
  Result<std::unique_ptr<WritableFile>> OpenTruncate(const std::string& p,
                                                     unsigned m) override {
    return base_->OpenTruncate(p, m);
  }
  Status Rename(const std::string& f, const std::string& t) override {
    return base_->Rename(f, t);
  }
  Status Remove(const std::string& p) override { return base_->Remove(p); }
  Status SyncDir(const std::string& d) override { return base_->SyncDir(d); }
  Result<bool> MakeDir(const std::string& d, unsigned m) override {
    return base_->MakeDir(d, m);
  }
  bool Exists(const std::string& p) override { return base_->Exists(p); }
  Result<unsigned> Mode(const std::string& p) override {
    return base_->Mode(p);
  }
  Status Chmod(const std::string& p, unsigned m) override {
    return base_->Chmod(p, m);
  }
  Result<std::vector<std::string>> ListDir(const std::string& d) override {
    return base_->ListDir(d);
  }
  Result<std::unique_ptr<FileLock>> Lock(const std::string& p,
                                         bool wait) override {
    return base_->Lock(p, wait);
  }
  Result<std::unique_ptr<FileSystem>> OpenPrivateDir(const std::string& d,
                                                     bool create) override {
    return base_->OpenPrivateDir(d, create);
  }

 private:
  FileSystem* base_;
};

}  // namespace

Result<std::unique_ptr<FileSystem>> FileSystem::OpenPrivateDir(
    const std::string& dir, bool create) {
  if (create) RN_RETURN_IF_ERROR(CreateDirs(dir, 0700));
  return std::unique_ptr<FileSystem>(new ForwardingFs(this));
}

FileSystem* PosixFileSystem() {
  static FileSystem* fs = new PosixFs;
  return fs;
}

Status FileSystem::CreateDirs(const std::string& dir, unsigned mode) {
  size_t pos = 0;
  while (!dir.empty() && pos != std::string::npos) {
    pos = dir.find('/', pos + 1);
    const std::string partial = dir.substr(0, pos);
    if (partial.empty() || partial.back() == '/') continue;  // "a//b"
    RN_ASSIGN_OR_RETURN(bool made, MakeDir(partial, mode));
    if (made) RN_RETURN_IF_ERROR(SyncDir(DirName(partial)));
  }
  return Status::Ok();
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
  if (mode & 077)
    return Status::InvalidArgument(
        "'" + path + "' holds secrets but is readable by group or others " +
            "(mode " + posix::ModeText(mode) + "); run: chmod 600 '" + path +
            "'",
        "'" + path +
            "' には秘密情報が含まれていますが、グループや他のユーザーが読める"
            "状態です（モード " +
            posix::ModeText(mode) + "）。次を実行してください: chmod 600 '" +
            path + "'");
  return Status::Ok();
}

}  // namespace renumber
