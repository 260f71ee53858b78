// Helpers for the vault's tests: a temporary directory, a scripted prompter,
// test vault options with a cheap KDF, and entry builders. Test-only.
#ifndef RENUMBER_VAULT_TEST_UTIL_H_
#define RENUMBER_VAULT_TEST_UTIL_H_

#include <deque>
#include <string>
#include <vector>

#include "src/core/fs.h"
#include "src/core/time.h"
#include "src/vault/passphrase.h"
#include "src/vault/vault.h"

namespace renumber::vault::testing {

// The cheapest KDF cost the caps allow: tests only.
inline constexpr KdfParams kTestKdf{10, 8, 1};

// A fresh directory under $TMPDIR, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Answers ReadHidden from a script; kUnavailable ("no terminal") when the
// script is empty. Records the prompts.
class ScriptedPrompter : public Prompter {
 public:
  explicit ScriptedPrompter(std::vector<std::string> answers = {})
      : answers_(answers.begin(), answers.end()) {}
  Result<Secret> ReadHidden(const std::string& prompt) override;
  std::vector<std::string> prompts;

 private:
  std::deque<std::string> answers_;
};

// Options for a vault at `path` with the real file system, `clock`, the
// system CSPRNG and kTestKdf.
VaultOptions TestOptions(const std::string& path, Clock* clock);

// An entry for customer/service, created now, expiring at `expires`.
VaultEntry MakeEntry(const std::string& customer, Service service,
                     Timestamp now, Timestamp expires);

// The real file system without fsync (Sync and SyncDir succeed at once),
// for tests that open a vault hundreds of times and do not test
// durability.
class NoSyncFileSystem : public FileSystem {
 public:
  using FileSystem::ReadFile;
  Result<std::string> ReadFile(const std::string& p, size_t max) override;
  Result<std::string> ReadTail(const std::string& p, size_t n) override;
  Result<std::unique_ptr<WritableFile>> OpenAppend(const std::string& p,
                                                   unsigned mode) override;
  Result<std::unique_ptr<WritableFile>> OpenTruncate(const std::string& p,
                                                     unsigned mode) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status Remove(const std::string& p) override;
  Status SyncDir(const std::string&) override { return Status::Ok(); }
  Result<bool> MakeDir(const std::string& d, unsigned mode) override;
  bool Exists(const std::string& p) override;
  Result<unsigned> Mode(const std::string& p) override;
  Status Chmod(const std::string& p, unsigned mode) override;
  Result<std::vector<std::string>> ListDir(const std::string& d) override;
  Result<std::unique_ptr<FileLock>> Lock(const std::string& p,
                                         bool wait) override;
};

// Writes `content` to `path` with `mode` (not atomically).
void WriteTestFile(const std::string& path, const std::string& content,
                   unsigned mode);

// Whether `haystack` contains `needle` as bytes.
bool Contains(const std::string& haystack, const std::string& needle);

}  // namespace renumber::vault::testing

#endif  // RENUMBER_VAULT_TEST_UTIL_H_
