#include "src/vault/test_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "src/core/fs.h"
#include "src/core/random.h"

namespace renumber::vault::testing {

TempDir::TempDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl =
      std::string(tmp && *tmp ? tmp : "/tmp") + "/renumber-vault-test-XXXXXX";
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

Result<Secret> ScriptedPrompter::ReadHidden(const std::string& prompt) {
  prompts.push_back(prompt);
  if (answers_.empty()) return Status::Unavailable("no terminal (scripted)");
  Secret s(answers_.front());
  answers_.pop_front();
  return s;
}

VaultOptions TestOptions(const std::string& path, Clock* clock) {
  VaultOptions o;
  o.path = path;
  o.fs = PosixFileSystem();
  o.clock = clock;
  o.random = SystemRandom();
  o.os_user = "tester";
  o.operator_name = "op-1";
  o.kdf = kTestKdf;
  return o;
}

VaultEntry MakeEntry(const std::string& customer, Service service,
                     Timestamp now, Timestamp expires) {
  VaultEntry e;
  e.creds.account = {customer, service};
  e.creds.api_base = "https://api.example.net";
  if (service == Service("ess")) {
    e.creds.fields["username"] = "admin@" + customer + ".example.jp";
    e.creds.secrets["password"] = Secret("pw-" + customer + "-secret");
  } else {
    e.creds.secrets["api_token"] = Secret("tok-" + customer + "-secret");
  }
  e.ticket = "T-" + customer;
  e.created_at = now;
  e.created_by = "tester";
  e.expires_at = expires;
  return e;
}

void WriteTestFile(const std::string& path, const std::string& content,
                   unsigned mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write " + path);
  if (::write(fd, content.data(), content.size()) !=
      static_cast<ssize_t>(content.size()))
    throw std::runtime_error("short write " + path);
  ::close(fd);
  ::chmod(path.c_str(), mode);
}

namespace {
class NoSyncFile : public WritableFile {
 public:
  explicit NoSyncFile(std::unique_ptr<WritableFile> base)
      : base_(std::move(base)) {}
  Status Append(std::string_view data) override { return base_->Append(data); }
  Status Sync() override { return Status::Ok(); }
  Status Close() override { return base_->Close(); }

 private:
  std::unique_ptr<WritableFile> base_;
};
FileSystem* Base() { return PosixFileSystem(); }
}  // namespace

Result<std::string> NoSyncFileSystem::ReadFile(const std::string& p,
                                               size_t max) {
  return Base()->ReadFile(p, max);
}
Result<std::string> NoSyncFileSystem::ReadTail(const std::string& p, size_t n) {
  return Base()->ReadTail(p, n);
}
Result<std::unique_ptr<WritableFile>> NoSyncFileSystem::OpenAppend(
    const std::string& p, unsigned mode) {
  RN_ASSIGN_OR_RETURN(auto f, Base()->OpenAppend(p, mode));
  return std::unique_ptr<WritableFile>(new NoSyncFile(std::move(f)));
}
Result<std::unique_ptr<WritableFile>> NoSyncFileSystem::OpenTruncate(
    const std::string& p, unsigned mode) {
  RN_ASSIGN_OR_RETURN(auto f, Base()->OpenTruncate(p, mode));
  return std::unique_ptr<WritableFile>(new NoSyncFile(std::move(f)));
}
Status NoSyncFileSystem::Rename(const std::string& from,
                                const std::string& to) {
  return Base()->Rename(from, to);
}
Status NoSyncFileSystem::Remove(const std::string& p) {
  return Base()->Remove(p);
}
Result<bool> NoSyncFileSystem::MakeDir(const std::string& d, unsigned mode) {
  return Base()->MakeDir(d, mode);
}
bool NoSyncFileSystem::Exists(const std::string& p) {
  return Base()->Exists(p);
}
Result<unsigned> NoSyncFileSystem::Mode(const std::string& p) {
  return Base()->Mode(p);
}
Status NoSyncFileSystem::Chmod(const std::string& p, unsigned mode) {
  return Base()->Chmod(p, mode);
}
Result<std::vector<std::string>> NoSyncFileSystem::ListDir(
    const std::string& d) {
  return Base()->ListDir(d);
}
Result<std::unique_ptr<FileLock>> NoSyncFileSystem::Lock(const std::string& p,
                                                         bool wait) {
  return Base()->Lock(p, wait);
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace renumber::vault::testing
