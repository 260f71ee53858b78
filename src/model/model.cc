#include "src/model/model.h"

namespace renumber {

const char* PhaseName(Phase p) {
  switch (p) {
    case Phase::kPrepare:
      return "prepare";
    case Phase::kCutover:
      return "cutover";
    case Phase::kRollbackPrepare:
      return "rollback-prepare";
    case Phase::kRollbackCutover:
      return "rollback-cutover";
  }
  return "?";
}

Result<Phase> ParsePhase(std::string_view text) {
  for (Phase p : {Phase::kPrepare, Phase::kCutover, Phase::kRollbackPrepare,
                  Phase::kRollbackCutover})
    if (text == PhaseName(p)) return p;
  return Status::InvalidArgument("unknown phase '" + std::string(text) + "'",
                                 "不明な工程 '" + std::string(text) + "' です");
}

const char* StateName(AccountState s) {
  switch (s) {
    case AccountState::kNotStarted:
      return "not-started";
    case AccountState::kPrepared:
      return "prepared";
    case AccountState::kCutOver:
      return "cut-over";
    case AccountState::kPartial:
      return "partial";
    case AccountState::kPreparedStale:
      return "prepared-stale";
    case AccountState::kMissing:
      return "missing";
  }
  return "?";
}

Result<AccountState> ParseState(std::string_view text) {
  for (AccountState s : {AccountState::kNotStarted, AccountState::kPrepared,
                         AccountState::kCutOver, AccountState::kPartial,
                         AccountState::kMissing, AccountState::kPreparedStale})
    if (text == StateName(s)) return s;
  return Status::InvalidArgument(
      "unknown account state '" + std::string(text) + "'",
      "不明なアカウントの状態 '" + std::string(text) + "' です");
}

Status ValidateCustomerId(std::string_view id) {
  auto alnum = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9');
  };
  bool ok = !id.empty() && id.size() <= 64 && alnum(id[0]);
  for (char c : id) ok = ok && (alnum(c) || c == '.' || c == '-' || c == '_');
  if (ok) return Status::Ok();
  if (id.empty())
    return Status::InvalidArgument("the customer id is empty",
                                   "顧客 ID（customer）が空です");
  return Status::InvalidArgument(
      "the customer id is not valid: use 1-64 letters, digits, '.', '-' or "
      "'_', starting with a letter or a digit (e.g. C-10001)",
      "顧客 ID（customer）が正しくありません。英数字と '.'、'-'、'_' で 1〜64 "
      "文字、先頭は英数字にしてください（例: C-10001）");
}

const std::string& Credentials::field(const std::string& name) const {
  static const std::string kEmpty;
  auto it = fields.find(name);
  return it == fields.end() ? kEmpty : it->second;
}

const Secret& Credentials::secret(const std::string& name) const {
  static const Secret kEmpty;
  auto it = secrets.find(name);
  return it == secrets.end() ? kEmpty : it->second;
}

std::string AccountKey::ToString() const {
  return customer + "/" + ServiceName(service);
}

}  // namespace renumber
