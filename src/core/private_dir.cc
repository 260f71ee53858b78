#include "src/core/private_dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "src/core/posix_files.h"

namespace renumber {
namespace {

using posix::ErrnoStatus;

// An owned file descriptor.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(o.Release()) {}
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) {
      Reset();
      fd_ = o.Release();
    }
    return *this;
  }
  ~Fd() { Reset(); }
  int get() const { return fd_; }
  int Release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  void Reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int fd_;
};

// The directory behind `fd` is one only this user may change.
Status CheckDir(int fd, const std::string& path) {
  struct stat st;
  if (::fstat(fd, &st) != 0) return ErrnoStatus("cannot stat", path, errno);
  if (!S_ISDIR(st.st_mode))
    return Status::InvalidArgument(
        "refusing '" + path + "': it is not a directory",
        "'" + path + "' はディレクトリではないため、使用を拒否しました");
  if (st.st_uid != ::geteuid())
    return Status::InvalidArgument(
        "refusing the directory '" + path + "': it belongs to uid " +
            std::to_string(st.st_uid) + ", not to this user (uid " +
            std::to_string(::geteuid()) +
            "); renumber keeps its journal, locks and vault only in a "
            "directory of your own (--state-dir)",
        "ディレクトリ '" + path + "' は uid " + std::to_string(st.st_uid) +
            " の所有で、このユーザー（uid " + std::to_string(::geteuid()) +
            "）のものではないため、使用を拒否しました。renumber はジャーナル、"
            "ロック、保管庫を、このユーザーが所有する"
            "ディレクトリ（--state-dir）にだけ置きます");
  if (st.st_mode & 022)
    return Status::InvalidArgument(
        "refusing the directory '" + path +
            "': group or others may write to it (mode " +
            posix::ModeText(st.st_mode) +
            "), so they could plant or replace files in it; run: chmod 700 '" +
            path + "'",
        "ディレクトリ '" + path +
            "' はグループや他のユーザーが書き込める状態（モード " +
            posix::ModeText(st.st_mode) +
            "）で、ファイルを置かれたり差し替えられたりするおそれがあるため、"
            "使用を拒否しました。次を実行してください: chmod 700 '" +
            path + "'");
  return Status::Ok();
}

class PrivateDirFs : public FileSystem {
 public:
  PrivateDirFs(std::string root, Fd fd)
      : root_(std::move(root)), root_fd_(std::move(fd)) {}

  using FileSystem::ReadFile;
  Result<std::string> ReadFile(const std::string& path,
                               size_t max_bytes) override {
    RN_ASSIGN_OR_RETURN(Fd fd, OpenLeaf(path, O_RDONLY, 0));
    return posix::ReadWhole(fd.get(), path, max_bytes);
  }
  Result<std::string> ReadTail(const std::string& path, size_t n) override {
    RN_ASSIGN_OR_RETURN(Fd fd, OpenLeaf(path, O_RDONLY, 0));
    return posix::ReadTail(fd.get(), path, n);
  }
  Result<std::unique_ptr<WritableFile>> OpenAppend(const std::string& path,
                                                   unsigned mode) override {
    return OpenWritable(path, O_WRONLY | O_CREAT | O_APPEND, mode);
  }
  Result<std::unique_ptr<WritableFile>> OpenTruncate(const std::string& path,
                                                     unsigned mode) override {
    return OpenWritable(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
  }
  Status Rename(const std::string& from, const std::string& to) override {
    RN_ASSIGN_OR_RETURN(Leaf a, ResolveLeaf(from));
    RN_ASSIGN_OR_RETURN(Leaf b, ResolveLeaf(to));
    if (::renameat(a.dir.get(), a.name.c_str(), b.dir.get(), b.name.c_str()))
      return ErrnoStatus("cannot rename to '" + to + "'", from, errno);
    return Status::Ok();
  }
  Status Remove(const std::string& path) override {
    RN_ASSIGN_OR_RETURN(Leaf leaf, ResolveLeaf(path));
    if (::unlinkat(leaf.dir.get(), leaf.name.c_str(), 0) != 0)
      return ErrnoStatus("cannot remove", path, errno);
    return Status::Ok();
  }
  Status SyncDir(const std::string& dir) override {
    RN_ASSIGN_OR_RETURN(Fd fd, OpenDir(dir, /*create=*/false));
    if (::fsync(fd.get()) != 0)
      return ErrnoStatus("cannot fsync directory", dir, errno);
    return Status::Ok();
  }
  // The root and the directories above it exist (NewPrivateDirFileSystem
  // made them); below it, a directory is created and checked like every
  // one the walk passes.
  Result<bool> MakeDir(const std::string& dir, unsigned mode) override {
    if (IsRoot(dir) || IsAboveRoot(dir)) return false;
    const bool existed = Exists(dir);
    RN_RETURN_IF_ERROR(OpenDir(dir, /*create=*/true, mode).status());
    return !existed;
  }
  bool Exists(const std::string& path) override {
    if (IsRoot(path)) return true;
    auto leaf = ResolveLeaf(path);
    struct stat st;
    return leaf.ok() && ::fstatat(leaf->dir.get(), leaf->name.c_str(), &st,
                                  AT_SYMLINK_NOFOLLOW) == 0;
  }
  Result<unsigned> Mode(const std::string& path) override {
    struct stat st;
    if (IsRoot(path)) {
      if (::fstat(root_fd_.get(), &st) != 0)
        return ErrnoStatus("cannot stat", path, errno);
    } else {
      RN_ASSIGN_OR_RETURN(Leaf leaf, ResolveLeaf(path));
      if (::fstatat(leaf.dir.get(), leaf.name.c_str(), &st,
                    AT_SYMLINK_NOFOLLOW) != 0)
        return ErrnoStatus("cannot stat", path, errno);
    }
    return static_cast<unsigned>(st.st_mode & 07777);
  }
  Status Chmod(const std::string& path, unsigned mode) override {
    RN_ASSIGN_OR_RETURN(Fd fd, OpenLeaf(path, O_RDONLY, 0));
    if (::fchmod(fd.get(), mode) != 0)
      return ErrnoStatus("cannot chmod", path, errno);
    return Status::Ok();
  }
  Result<std::vector<std::string>> ListDir(const std::string& dir) override {
    RN_ASSIGN_OR_RETURN(Fd fd, OpenDir(dir, /*create=*/false));
    DIR* d = ::fdopendir(fd.get());
    if (!d) return ErrnoStatus("cannot list", dir, errno);
    fd.Release();  // closedir closes it
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
    RN_ASSIGN_OR_RETURN(Fd fd, OpenLeaf(path, O_RDWR | O_CREAT, 0600));
    return posix::LockFile(fd.Release(), path, wait);
  }
  Result<std::unique_ptr<FileSystem>> OpenPrivateDir(const std::string& dir,
                                                     bool create) override {
    RN_ASSIGN_OR_RETURN(Fd fd, OpenDir(dir, create));
    std::string root = dir;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    return std::unique_ptr<FileSystem>(new PrivateDirFs(root, std::move(fd)));
  }

 private:
  struct Leaf {
    Fd dir;            // the directory holding it, checked
    std::string name;  // one component
  };

  bool IsRoot(const std::string& path) const {
    std::string p = path;
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    return p == root_;
  }

  // "/srv" for the root "/srv/state": a directory the root is below.
  bool IsAboveRoot(const std::string& path) const {
    std::string p = path;
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    if (p == "/") return root_ != "/";
    return root_.size() > p.size() && root_.compare(0, p.size(), p) == 0 &&
           root_[p.size()] == '/';
  }

  // The components of `path` below the root.
  Result<std::vector<std::string>> Components(const std::string& path) const {
    if (IsRoot(path)) return std::vector<std::string>();
    std::string prefix = root_ == "/" ? "/" : root_ + "/";
    // "." (a relative --vault vault.bin) holds every relative path.
    if (root_ == "." && !path.empty() && path[0] != '/' &&
        path.compare(0, 2, "./") != 0)
      prefix.clear();
    if (path.compare(0, prefix.size(), prefix) != 0)
      return Status::InvalidArgument(
          "'" + path + "' is outside '" + root_ + "'",
          "'" + path + "' は '" + root_ + "' の外にあります");
    const std::string rest = path.substr(prefix.size());
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= rest.size()) {
      size_t slash = rest.find('/', start);
      if (slash == std::string::npos) slash = rest.size();
      std::string part = rest.substr(start, slash - start);
      if (part == "..")
        return Status::InvalidArgument("'" + path + "': '..' is not allowed",
                                       "'" + path + "': '..' は使えません");
      if (!part.empty() && part != ".") parts.push_back(part);
      start = slash + 1;
    }
    return parts;
  }

  // The directory of the first `n` components (all when n = npos), each
  // opened below the previous one without following links and checked.
  Result<Fd> Walk(const std::vector<std::string>& parts, size_t n, bool create,
                  unsigned mode) {
    Fd cur(::dup(root_fd_.get()));
    if (cur.get() < 0) return ErrnoStatus("cannot open", root_, errno);
    std::string at = root_;
    for (size_t i = 0; i < parts.size() && i < n; ++i) {
      at += "/" + parts[i];
      const int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
      int fd = ::openat(cur.get(), parts[i].c_str(), flags);
      if (fd < 0 && errno == ENOENT && create) {
        if (::mkdirat(cur.get(), parts[i].c_str(), mode) != 0 &&
            errno != EEXIST)
          return ErrnoStatus("cannot create directory", at, errno);
        fd = ::openat(cur.get(), parts[i].c_str(), flags);
      }
      if (fd < 0)
        return posix::OpenFailure(cur.get(), parts[i], "cannot open directory",
                                  at, errno);
      cur = Fd(fd);
      RN_RETURN_IF_ERROR(CheckDir(cur.get(), at));
    }
    return cur;
  }

  Result<Fd> OpenDir(const std::string& dir, bool create,
                     unsigned mode = 0700) {
    RN_ASSIGN_OR_RETURN(std::vector<std::string> parts, Components(dir));
    return Walk(parts, std::string::npos, create, mode);
  }

  Result<Leaf> ResolveLeaf(const std::string& path) {
    RN_ASSIGN_OR_RETURN(std::vector<std::string> parts, Components(path));
    if (parts.empty())
      return Status::InvalidArgument("'" + path + "' is a directory",
                                     "'" + path + "' はディレクトリです");
    RN_ASSIGN_OR_RETURN(Fd dir, Walk(parts, parts.size() - 1, false, 0));
    return Leaf{std::move(dir), parts.back()};
  }

  // A regular file of this user's with one link, never through a link.
  Result<Fd> OpenLeaf(const std::string& path, int flags, unsigned mode) {
    RN_ASSIGN_OR_RETURN(Leaf leaf, ResolveLeaf(path));
    RN_ASSIGN_OR_RETURN(
        int fd, posix::OpenMine(
                    [&] {
                      return ::openat(leaf.dir.get(), leaf.name.c_str(),
                                      posix::WithoutTruncate(flags) |
                                          O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
                                      mode);
                    },
                    [&](int err) {
                      return posix::OpenFailure(leaf.dir.get(), leaf.name,
                                                "cannot open", path, err);
                    },
                    path));
    Fd owned(fd);
    RN_RETURN_IF_ERROR(posix::FinishOpen(fd, path, flags));
    return owned;
  }

  Result<std::unique_ptr<WritableFile>> OpenWritable(const std::string& path,
                                                     int flags, unsigned mode) {
    RN_ASSIGN_OR_RETURN(Fd fd, OpenLeaf(path, flags, mode));
    posix::NarrowMode(fd.get(), mode);
    return posix::NewWritableFile(fd.Release(), path);
  }

  const std::string root_;
  const Fd root_fd_;
};

}  // namespace

Result<std::unique_ptr<FileSystem>> NewPrivateDirFileSystem(
    const std::string& dir, bool create) {
  std::string root = dir;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  if (root.empty())
    return Status::InvalidArgument("an empty directory name",
                                   "ディレクトリ名が空です");
  if (create) RN_RETURN_IF_ERROR(PosixFileSystem()->CreateDirs(root, 0700));
  int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open directory", root, errno);
  Fd owned(fd);
  RN_RETURN_IF_ERROR(CheckDir(fd, root));
  return std::unique_ptr<FileSystem>(new PrivateDirFs(root, std::move(owned)));
}

}  // namespace renumber
