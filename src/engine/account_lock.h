// One lock per account, so two runs (two staff members, or staff and cron)
// never work the same account at once.
//
// A lock is an flock(2) on <state-dir>/locks/<customer>_<service>.lock: the
// kernel drops it when the holder exits or is killed, so a crash never
// leaves a stale lock. The holder writes who it is into the file; a second
// run that cannot take the lock reports that holder.
//
// Threads: Acquire is thread-safe. A lock is released by destroying it.
#ifndef RENUMBER_ENGINE_ACCOUNT_LOCK_H_
#define RENUMBER_ENGINE_ACCOUNT_LOCK_H_

#include <chrono>
#include <memory>
#include <string>

#include "src/core/fs.h"
#include "src/core/time.h"
#include "src/model/model.h"

namespace renumber {

struct LockHolder {
  std::string user;  // OS user
  std::string operator_name;
  std::string command;  // "prepare"
  std::string campaign;
  long pid = 0;
  std::string host;
  std::string since;  // RFC 3339: when the holding run started
  std::string ToJson() const;
  // "alice (operator bob), renumber prepare of campaign x, pid 42 on h,
  // running since 2026-...", in English and Japanese.
  static Text Describe(const std::string& json_text);
};

// Who may work an account: the local flock files below, or a shared
// campaign store's locks (src/store). The returned lock is held until it is
// destroyed (FileLock::WriteInfo is not used by the engine).
class AccountLocker {
 public:
  virtual ~AccountLocker() = default;
  // Takes the account's lock, waiting up to `wait` (polling) for a holder to
  // finish. kPreconditionFailed "being worked on by <holder>" when it stays
  // taken (the same text for every account of one holder).
  // `holder`, when given, receives the holder's description on that error.
  // Any other error (I/O, a store that went away) leaves `holder` empty.
  virtual Result<std::unique_ptr<FileLock>> Acquire(
      const AccountKey& account, std::chrono::milliseconds wait,
      Text* holder = nullptr) = 0;
};

class AccountLocks : public AccountLocker {
 public:
  AccountLocks(FileSystem* fs, std::string lock_dir, LockHolder me,
               Clock* clock);
  Result<std::unique_ptr<FileLock>> Acquire(
      const AccountKey& account, std::chrono::milliseconds wait,
      Text* holder = nullptr) override;

 private:
  FileSystem* fs_;
  std::string dir_;
  LockHolder me_;
  Clock* clock_;
};

}  // namespace renumber

#endif  // RENUMBER_ENGINE_ACCOUNT_LOCK_H_
