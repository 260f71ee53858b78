#include "src/vault/audit.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "src/core/json_depth.h"
#include "src/vault/crypto.h"

namespace renumber::vault {
namespace {

using json = nlohmann::json;

constexpr const char* kMacKeyInfo = "renumber-vault/1 audit HMAC-SHA256";
constexpr const char* kMacDomain = "renumber-audit/1\n";
constexpr const char* kFailedUnlock = "failed unlock";
const std::string kZeroHash(64, '0');

std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Lines of the log; a final empty piece (the trailing newline) is dropped.
std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

// The MAC over the canonical record without its "mac" member.
Result<std::string> RecordMac(const Secret& key, json record) {
  record.erase("mac");
  RN_ASSIGN_OR_RETURN(std::string mac,
                      HmacSha256(key, kMacDomain + Dump(record)));
  return ToHex(mac);
}

std::string Str(const json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

uint64_t Seq(const json& j) {
  auto it = j.find("seq");
  return it != j.end() && it->is_number_unsigned() ? it->get<uint64_t>() : 0;
}

// Checks one parsed record; "" when it is sound.
std::string CheckRecord(const json& rec, const AuditKeys& keys,
                        uint64_t want_seq, const std::string& want_prev,
                        bool* unauthenticated) {
  std::string mac = Str(rec, "mac");
  *unauthenticated = mac.empty() && Str(rec, "action") == kFailedUnlock;
  if (!*unauthenticated) {
    const Secret* key = KeyFor(keys, want_seq);
    auto expected = key ? RecordMac(*key, rec) : Result<std::string>("");
    if (!expected.ok() || expected->empty() ||
        !ConstantTimeEquals(*expected, mac))
      return "its MAC does not match: the record was edited or forged";
  }
  if (Seq(rec) != want_seq)
    return "sequence number " + std::to_string(Seq(rec)) + " where " +
           std::to_string(want_seq) +
           " was expected: a record was deleted, inserted or reordered";
  if (Str(rec, "prev") != want_prev)
    return "the hash of the previous record does not match: a record before "
           "it was edited, deleted or reordered";
  if (want_seq == 1 && Str(rec, "action") != "init")
    return "the log does not begin with the vault's \"init\" record: it was "
           "replaced or started again";
  return "";
}

std::string HashLine(const std::string& line) { return ToHex(Sha256(line)); }

// One line of the log, or a discarded value when it is not JSON or nests
// deeper than any record (records are flat: a deep one is not ours, and
// copying it for its MAC would recurse once per level).
json ParseRecord(const std::string& line) {
  auto j = ParseBoundedJson(line);
  return j.ok() ? std::move(*j) : json(json::value_t::discarded);
}

}  // namespace

std::string AuditPathFor(const std::string& vault_path) {
  std::string base = vault_path;
  if (base.size() > 4 && base.compare(base.size() - 4, 4, ".bin") == 0)
    base.resize(base.size() - 4);
  return base + ".audit.jsonl";
}

Result<Secret> AuditMacKey(const Secret& vault_key) {
  return HkdfSha256(vault_key, "", kMacKeyInfo, kKeyBytes);
}

const Secret* KeyFor(const AuditKeys& keys, uint64_t seq) {
  const Secret* found = nullptr;
  for (const AuditKey& k : keys)
    if (k.from <= seq && !k.key.empty()) found = &k.key;
  return found;
}

AuditAnchor AnchorOf(const std::string& text) {
  std::vector<std::string> lines = SplitLines(text);
  AuditAnchor a;
  a.records = lines.size();
  if (!lines.empty()) a.last_hash = HashLine(lines.back());
  return a;
}

Status CheckAuditAnchor(const std::string& text, const AuditAnchor& anchor) {
  std::vector<std::string> lines = SplitLines(text);
  if (lines.size() < anchor.records)
    return Status::Corruption(
        "the audit log has " + std::to_string(lines.size()) +
            " records, but the vault recorded " +
            std::to_string(anchor.records) + ": " +
            (lines.empty() ? std::string("the log was deleted or emptied")
                           : "records " + std::to_string(lines.size() + 1) +
                                 "-" + std::to_string(anchor.records) +
                                 " were removed from its end") +
            "; restore it from a backup ('renumber vault audit --verify' shows "
            "what is left)",
        "監査ログの記録は " + std::to_string(lines.size()) +
            " 件ですが、保管庫には " + std::to_string(anchor.records) +
            " 件と記録されています。" +
            (lines.empty()
                 ? std::string("監査ログが削除されたか、空にされています")
                 : "末尾の記録 " + std::to_string(lines.size() + 1) + "-" +
                       std::to_string(anchor.records) + " が削除されています") +
            "。バックアップから復元してください（残っている記録は "
            "'renumber vault audit --verify' で確認できます）");
  if (anchor.records > 0 &&
      HashLine(lines[anchor.records - 1]) != anchor.last_hash)
    return Status::Corruption(
        "audit log record " + std::to_string(anchor.records) +
            " is not the one the vault recorded: the log was rewritten; "
            "restore it from a backup ('renumber vault audit --verify' shows "
            "more)",
        "監査ログの記録 " + std::to_string(anchor.records) +
            " が保管庫に記録されたものと一致しません。監査ログが書き換えられて"
            "います。バックアップから復元してください（詳しくは "
            "'renumber vault audit --verify' で確認できます）");
  return Status::Ok();
}

AuditLog::AuditLog(FileSystem* fs, Clock* clock, std::string path,
                   std::string os_user, std::string operator_name)
    : fs_(fs),
      clock_(clock),
      path_(std::move(path)),
      os_user_(std::move(os_user)),
      operator_(std::move(operator_name)) {}

void AuditLog::SetKeys(const AuditKeys& keys) {
  std::lock_guard<std::mutex> l(mu_);
  keys_ = keys;
}

// The last complete-or-torn line of `text` ("" when there is none).
std::string LastLine(const std::string& text) {
  size_t end = text.size();
  while (end > 0 && text[end - 1] == '\n') --end;
  if (end == 0) return "";
  size_t start = text.rfind('\n', end - 1);
  start = start == std::string::npos ? 0 : start + 1;
  return text.substr(start, end - start);
}

Result<std::string> AuditLog::BuildLine(const AuditEvent& event,
                                        const std::string& last,
                                        size_t line_count) {
  uint64_t seq = 1;
  std::string prev = kZeroHash;
  if (!last.empty()) {
    prev = ToHex(Sha256(last));
    json rec = ParseRecord(last);
    seq = (rec.is_object() && Seq(rec) ? Seq(rec) : line_count) + 1;
  }
  json rec = {{"seq", seq},
              {"time", clock_->Now().ToRfc3339()},
              {"os_user", os_user_},
              {"operator", operator_},
              {"action", event.action},
              {"entry", event.entry},
              {"customer", event.customer},
              {"ticket", event.ticket},
              {"result", event.result},
              {"detail", event.detail},
              {"prev", prev},
              {"mac", ""}};
  if (const Secret* key = KeyFor(keys_, seq)) {
    RN_ASSIGN_OR_RETURN(std::string mac, RecordMac(*key, rec));
    rec["mac"] = mac;
  } else if (event.action != kFailedUnlock) {
    return Status::Internal("audit record '" + event.action +
                                "' written before the vault was unlocked",
                            "保管庫を開く前に監査記録 '" + event.action +
                                "' を書こうとしました（内部エラー）");
  }
  return Dump(rec);
}

Result<AuditAnchor> AuditLog::Append(const AuditEvent& event) {
  return AppendAll({event});
}

Result<AuditAnchor> AuditLog::AppendAll(const std::vector<AuditEvent>& events) {
  std::lock_guard<std::mutex> l(mu_);
  RN_ASSIGN_OR_RETURN(auto lock, fs_->Lock(path_ + ".lock", /*wait=*/true));
  std::string existing;
  if (fs_->Exists(path_)) {
    RN_RETURN_IF_ERROR(CheckPrivateFile(fs_, path_));
    RN_ASSIGN_OR_RETURN(existing, fs_->ReadFile(path_));
  }
  std::string last = LastLine(existing);
  size_t count = std::count(existing.begin(), existing.end(), '\n') +
                 (!existing.empty() && existing.back() != '\n' ? 1 : 0);
  if (events.empty()) return AnchorOf(existing);
  // A torn last line (a crash mid-append) stays on its own line.
  std::string text = !existing.empty() && existing.back() != '\n' ? "\n" : "";
  std::vector<std::string> lines;
  for (const AuditEvent& event : events) {
    RN_ASSIGN_OR_RETURN(last, BuildLine(event, last, count++));
    text += last + "\n";
    lines.push_back(last);
  }
  const AuditAnchor anchor{count, HashLine(last)};
  RN_ASSIGN_OR_RETURN(auto file, fs_->OpenAppend(path_, 0600));
  Status s = file->Append(text);
  if (s.ok()) s = file->Sync();
  Status c = file->Close();
  if (s.ok()) s = c;
  if (s.ok() && existing.empty()) s = fs_->SyncDir(DirName(path_));
  if (!s.ok())
    return s.Annotate("cannot write the vault audit log '" + path_ + "'",
                      "保管庫の監査ログ '" + path_ + "' に書き込めません");
  if (copy_)
    RN_RETURN_IF_ERROR(copy_(lines).Annotate(
        "cannot copy the vault audit record of '" + path_ +
            "' to the campaign store",
        "保管庫の監査記録 '" + path_ + "' を作業記録の共有ストアに写せません"));
  return anchor;
}

Result<AuditVerdict> VerifyAuditLog(const std::string& text,
                                    const AuditKeys& keys,
                                    const std::optional<AuditAnchor>& anchor) {
  AuditVerdict v;
  std::string prev = kZeroHash;
  std::vector<std::string> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    json rec = ParseRecord(lines[i]);
    bool unauth = false;
    std::string why = rec.is_object()
                          ? CheckRecord(rec, keys, i + 1, prev, &unauth)
                          : "it is not a JSON record (torn or edited)";
    if (!why.empty()) {
      v.first_broken = i + 1;
      v.reason = why;
      return v;
    }
    ++v.records;
    if (unauth) {
      ++v.unauthenticated;
      v.unauthenticated_lines.push_back(i + 1);
    }
    prev = HashLine(lines[i]);
  }
  if (anchor) {
    v.anchored = true;
    if (Status s = CheckAuditAnchor(text, *anchor); !s.ok()) {
      v.first_broken = std::min<size_t>(lines.size() + 1, anchor->records);
      v.reason = s.message();
      return v;
    }
    v.after_anchor = lines.size() - anchor->records;
  }
  return v;
}

std::vector<AuditRecord> ParseAuditLog(const std::string& text) {
  std::vector<AuditRecord> out;
  for (const std::string& line : SplitLines(text)) {
    json j = ParseRecord(line);
    AuditRecord r;
    if (!j.is_object()) {
      r.action = "<unreadable>";
    } else {
      r = {Seq(j),
           Str(j, "time"),
           Str(j, "os_user"),
           Str(j, "operator"),
           Str(j, "action"),
           Str(j, "entry"),
           Str(j, "customer"),
           Str(j, "ticket"),
           Str(j, "result"),
           Str(j, "detail")};
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace renumber::vault
