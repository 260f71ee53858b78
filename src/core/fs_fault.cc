#include "src/core/fs_fault.h"

namespace renumber {
namespace {

class FaultyFile : public WritableFile {
 public:
  FaultyFile(std::unique_ptr<WritableFile> base, std::string path,
             FaultInjectionFileSystem* fs)
      : base_(std::move(base)), path_(std::move(path)), fs_(fs) {}
  Status Append(std::string_view data) override {
    RN_RETURN_IF_ERROR(
        fs_->Check(FaultInjectionFileSystem::Op::kAppend, path_));
    return base_->Append(data);
  }
  Status Sync() override {
    RN_RETURN_IF_ERROR(fs_->Check(FaultInjectionFileSystem::Op::kSync, path_));
    return base_->Sync();
  }
  Status Close() override { return base_->Close(); }

 private:
  std::unique_ptr<WritableFile> base_;
  std::string path_;
  FaultInjectionFileSystem* fs_;
};

}  // namespace

void FaultInjectionFileSystem::FailNth(Op op, int nth, Status status) {
  FailNth(op, "", nth, std::move(status));
}

void FaultInjectionFileSystem::FailNth(Op op, const std::string& path, int nth,
                                       Status status) {
  std::lock_guard<std::mutex> l(mu_);
  Key key{op, path};
  failures_[key] = {calls_[key] + nth, std::move(status)};
}

int FaultInjectionFileSystem::Calls(Op op) const { return Calls(op, ""); }

int FaultInjectionFileSystem::Calls(Op op, const std::string& path) const {
  std::lock_guard<std::mutex> l(mu_);
  auto it = calls_.find({op, path});
  return it == calls_.end() ? 0 : it->second;
}

std::vector<FaultInjectionFileSystem::Event> FaultInjectionFileSystem::Events()
    const {
  std::lock_guard<std::mutex> l(mu_);
  return events_;
}

Status FaultInjectionFileSystem::Check(Op op, const std::string& path,
                                       const std::string& from) {
  std::lock_guard<std::mutex> l(mu_);
  events_.push_back({op, path, from});
  Status result;
  // The same call counts for "any path" and for its own path; an injected
  // failure for either fires (the first one found wins).
  for (const Key& key : {Key{op, ""}, Key{op, path}}) {
    int n = ++calls_[key];
    auto it = failures_.find(key);
    if (it != failures_.end() && it->second.call == n) {
      if (result.ok()) result = it->second.status;
      failures_.erase(it);
    }
    if (path.empty()) break;  // one key only
  }
  return result;
}

Result<std::string> FaultInjectionFileSystem::ReadFile(const std::string& p,
                                                       size_t max) {
  return base_->ReadFile(p, max);
}

Result<std::string> FaultInjectionFileSystem::ReadTail(const std::string& p,
                                                       size_t n) {
  return base_->ReadTail(p, n);
}

Result<std::unique_ptr<WritableFile>> FaultInjectionFileSystem::OpenAppend(
    const std::string& path, unsigned mode) {
  RN_RETURN_IF_ERROR(Check(Op::kOpen, path));
  RN_ASSIGN_OR_RETURN(auto f, base_->OpenAppend(path, mode));
  return std::unique_ptr<WritableFile>(
      new FaultyFile(std::move(f), path, this));
}

Result<std::unique_ptr<WritableFile>> FaultInjectionFileSystem::OpenTruncate(
    const std::string& path, unsigned mode) {
  RN_RETURN_IF_ERROR(Check(Op::kOpen, path));
  RN_ASSIGN_OR_RETURN(auto f, base_->OpenTruncate(path, mode));
  return std::unique_ptr<WritableFile>(
      new FaultyFile(std::move(f), path, this));
}

Status FaultInjectionFileSystem::Rename(const std::string& from,
                                        const std::string& to) {
  RN_RETURN_IF_ERROR(Check(Op::kRename, to, from));
  return base_->Rename(from, to);
}

Status FaultInjectionFileSystem::Remove(const std::string& path) {
  RN_RETURN_IF_ERROR(Check(Op::kRemove, path));
  return base_->Remove(path);
}

Status FaultInjectionFileSystem::SyncDir(const std::string& dir) {
  RN_RETURN_IF_ERROR(Check(Op::kSyncDir, dir));
  return base_->SyncDir(dir);
}

Result<bool> FaultInjectionFileSystem::MakeDir(const std::string& d,
                                               unsigned m) {
  RN_RETURN_IF_ERROR(Check(Op::kMakeDir, d));
  return base_->MakeDir(d, m);
}

bool FaultInjectionFileSystem::Exists(const std::string& p) {
  return base_->Exists(p);
}

Result<unsigned> FaultInjectionFileSystem::Mode(const std::string& p) {
  return base_->Mode(p);
}

Status FaultInjectionFileSystem::Chmod(const std::string& p, unsigned m) {
  return base_->Chmod(p, m);
}

Result<std::vector<std::string>> FaultInjectionFileSystem::ListDir(
    const std::string& d) {
  return base_->ListDir(d);
}

Result<std::unique_ptr<FileLock>> FaultInjectionFileSystem::Lock(
    const std::string& path, bool wait) {
  RN_RETURN_IF_ERROR(Check(Op::kLock, path));
  return base_->Lock(path, wait);
}

int FindEvent(const std::vector<FaultInjectionFileSystem::Event>& events,
              FaultInjectionFileSystem::Op op, const std::string& path,
              size_t from) {
  for (size_t i = from; i < events.size(); ++i)
    if (events[i].op == op && events[i].path == path)
      return static_cast<int>(i);
  return -1;
}

Status CheckDurableRenames(
    const std::vector<FaultInjectionFileSystem::Event>& events,
    const std::string& path) {
  using Op = FaultInjectionFileSystem::Op;
  int renames = 0;
  for (int r = FindEvent(events, Op::kRename, path); r >= 0;
       r = FindEvent(events, Op::kRename, path, r + 1)) {
    ++renames;
    const std::string& tmp = events[r].from;
    int last_append = -1;
    for (int i = 0; i < r; ++i)
      if (events[i].op == Op::kAppend && events[i].path == tmp) last_append = i;
    int sync = FindEvent(events, Op::kSync, tmp, last_append + 1);
    if (sync < 0 || sync > r)
      return Status::PreconditionFailed(
          "rename " + std::to_string(renames) + " onto '" + path + "': '" +
              tmp + "' was not fsynced after its data and before the rename",
          "'" + path + "' への " + std::to_string(renames) +
              " 回目の rename: '" + tmp +
              "' がデータの書き込み後、rename の前に fsync されていません");
    int next = FindEvent(events, Op::kRename, path, r + 1);
    int dir = FindEvent(events, Op::kSyncDir, DirName(path), r + 1);
    if (dir < 0 || (next >= 0 && dir > next))
      return Status::PreconditionFailed(
          "rename " + std::to_string(renames) + " onto '" + path +
              "': the directory was not fsynced after the rename",
          "'" + path + "' への " + std::to_string(renames) +
              " 回目の rename: rename の後にディレクトリが fsync "
              "されていません");
  }
  if (renames == 0)
    return Status::NotFound("nothing was renamed onto '" + path + "'",
                            "'" + path + "' への rename がありません");
  return Status::Ok();
}

const char* FaultOpName(FaultInjectionFileSystem::Op op) {
  using Op = FaultInjectionFileSystem::Op;
  switch (op) {
    case Op::kOpen:
      return "open";
    case Op::kAppend:
      return "append";
    case Op::kSync:
      return "sync";
    case Op::kRename:
      return "rename";
    case Op::kRemove:
      return "remove";
    case Op::kSyncDir:
      return "sync-dir";
    case Op::kMakeDir:
      return "make-dir";
    case Op::kLock:
      return "lock";
  }
  return "?";
}

}  // namespace renumber
