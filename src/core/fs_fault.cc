#include "src/core/fs_fault.h"

namespace renumber {
namespace {

class FaultyFile : public WritableFile {
 public:
  FaultyFile(std::unique_ptr<WritableFile> base, FaultInjectionFileSystem* fs)
      : base_(std::move(base)), fs_(fs) {}
  Status Append(std::string_view data) override {
    RN_RETURN_IF_ERROR(fs_->Check(FaultInjectionFileSystem::Op::kAppend));
    return base_->Append(data);
  }
  Status Sync() override {
    RN_RETURN_IF_ERROR(fs_->Check(FaultInjectionFileSystem::Op::kSync));
    return base_->Sync();
  }
  Status Close() override { return base_->Close(); }

 private:
  std::unique_ptr<WritableFile> base_;
  FaultInjectionFileSystem* fs_;
};

}  // namespace

void FaultInjectionFileSystem::FailNth(Op op, int nth, Status status) {
  std::lock_guard<std::mutex> l(mu_);
  failures_[op] = {calls_[op] + nth, std::move(status)};
}

int FaultInjectionFileSystem::Calls(Op op) const {
  std::lock_guard<std::mutex> l(mu_);
  auto it = calls_.find(op);
  return it == calls_.end() ? 0 : it->second;
}

Status FaultInjectionFileSystem::Check(Op op) {
  std::lock_guard<std::mutex> l(mu_);
  int n = ++calls_[op];
  auto it = failures_.find(op);
  if (it != failures_.end() && it->second.first == n) {
    Status s = it->second.second;
    failures_.erase(it);
    return s;
  }
  return Status::Ok();
}

Result<std::string> FaultInjectionFileSystem::ReadFile(const std::string& p,
                                                       size_t max) {
  return base_->ReadFile(p, max);
}

Result<std::unique_ptr<WritableFile>> FaultInjectionFileSystem::OpenAppend(
    const std::string& path, unsigned mode) {
  RN_RETURN_IF_ERROR(Check(Op::kOpen));
  RN_ASSIGN_OR_RETURN(auto f, base_->OpenAppend(path, mode));
  return std::unique_ptr<WritableFile>(new FaultyFile(std::move(f), this));
}

Result<std::unique_ptr<WritableFile>> FaultInjectionFileSystem::OpenTruncate(
    const std::string& path, unsigned mode) {
  RN_RETURN_IF_ERROR(Check(Op::kOpen));
  RN_ASSIGN_OR_RETURN(auto f, base_->OpenTruncate(path, mode));
  return std::unique_ptr<WritableFile>(new FaultyFile(std::move(f), this));
}

Status FaultInjectionFileSystem::Rename(const std::string& from,
                                        const std::string& to) {
  RN_RETURN_IF_ERROR(Check(Op::kRename));
  return base_->Rename(from, to);
}

Status FaultInjectionFileSystem::Remove(const std::string& path) {
  RN_RETURN_IF_ERROR(Check(Op::kRemove));
  return base_->Remove(path);
}

Status FaultInjectionFileSystem::SyncDir(const std::string& dir) {
  RN_RETURN_IF_ERROR(Check(Op::kSyncDir));
  return base_->SyncDir(dir);
}

Status FaultInjectionFileSystem::CreateDirs(const std::string& d, unsigned m) {
  return base_->CreateDirs(d, m);
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
  RN_RETURN_IF_ERROR(Check(Op::kLock));
  return base_->Lock(path, wait);
}

}  // namespace renumber
