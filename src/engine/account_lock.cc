#include "src/engine/account_lock.h"

#include <nlohmann/json.hpp>

#include "src/core/json_depth.h"
#include "src/http/message.h"

namespace renumber {

std::string LockHolder::ToJson() const {
  return nlohmann::json{{"user", user},       {"operator", operator_name},
                        {"command", command}, {"campaign", campaign},
                        {"pid", pid},         {"host", host},
                        {"since", since}}
      .dump();
}

Text LockHolder::Describe(const std::string& text) {
  auto j = ParseBoundedJson(text);
  if (!j.ok() || !j->is_object())
    return {"another renumber run", "別の renumber の実行"};
  const std::string user = j->value("user", "?");
  const std::string op = j->value("operator", "");
  const bool named = !op.empty() && op != user;
  const std::string command = j->value("command", "?");
  const std::string campaign = j->value("campaign", "?");
  const std::string pid = std::to_string(j->value("pid", 0L));
  const std::string host = j->value("host", "?");
  const std::string since = j->value("since", "?");
  return {user + (named ? " (operator " + op + ")" : "") + ", renumber " +
              command + " of campaign " + campaign + ", pid " + pid + " on " +
              host + ", running since " + since,
          user + (named ? "（担当者 " + op + "）" : "") + "、作業 " + campaign +
              " の renumber " + command + "、" + host + " の pid " + pid +
              "、" + since + " から実行中"};
}

AccountLocks::AccountLocks(FileSystem* fs, std::string lock_dir, LockHolder me,
                           Clock* clock)
    : fs_(fs), dir_(std::move(lock_dir)), me_(std::move(me)), clock_(clock) {
  // One start time for every lock of this run, so that a second run sees
  // one holder, not one per account.
  if (me_.since.empty()) me_.since = clock_->Now().ToRfc3339();
}

Result<std::unique_ptr<FileLock>> AccountLocks::Acquire(
    const AccountKey& account, std::chrono::milliseconds wait,
    Text* holder_out) {
  RN_RETURN_IF_ERROR(fs_->CreateDirs(dir_, 0700));
  // Customer ids become file names: percent-encode all but [A-Za-z0-9-._~].
  std::string path = dir_ + "/" + UrlEncode(account.customer) + "_" +
                     ServiceName(account.service) + ".lock";
  auto deadline = clock_->Steady() + wait;
  for (;;) {
    auto lock = fs_->Lock(path, /*wait=*/false);
    if (lock.ok()) {
      RN_RETURN_IF_ERROR((*lock)->WriteInfo(me_.ToJson()));
      return lock;
    }
    if (!lock.status().Is(Code::kUnavailable)) return lock.status();
    if (clock_->Steady() >= deadline) {
      auto info = fs_->ReadFile(path);
      Text holder = LockHolder::Describe(info.ok() ? *info : "");
      if (holder_out) *holder_out = holder;
      return Status::PreconditionFailed("being worked on by " + holder.en,
                                        holder.ja + " が作業中です");
    }
    clock_->SleepFor(std::chrono::milliseconds(200));
  }
}

}  // namespace renumber
