#include "src/engine/journal.h"

#include <cstdio>
#include <initializer_list>

#include "src/core/json_depth.h"
#include "src/core/time.h"

namespace renumber {
namespace {

using json = nlohmann::json;

struct Crc32cTable {
  uint32_t t[256];
  Crc32cTable() {
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = c & 1 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
  }
};

// The phase whose rollback undoes `phase`.
Phase RollbackOf(Phase phase) {
  return phase == Phase::kPrepare ? Phase::kRollbackPrepare
                                  : Phase::kRollbackCutover;
}

bool IsFor(const json& r, const std::string& account, const char* phase) {
  return r.value("account", "") == account && r.value("phase", "") == phase;
}

}  // namespace

uint32_t Crc32c(const void* data, size_t n) {
  static const Crc32cTable table;
  const auto* p = static_cast<const uint8_t*>(data);
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; ++i) c = table.t[(c ^ p[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::string EncodeJournalLine(const json& record) {
  std::string body =
      record.dump(-1, ' ', false, json::error_handler_t::replace);
  char crc[16];
  std::snprintf(crc, sizeof crc, "%08x", Crc32c(body.data(), body.size()));
  return std::string(crc) + " " + body + "\n";
}

Result<json> DecodeJournalLine(const std::string& line) {
  if (line.size() < 10 || line[8] != ' ')
    return Status::Corruption("journal line too short or malformed",
                              "ジャーナルの行が短すぎるか、形式が壊れています");
  std::string body = line.substr(9);
  char crc[16];
  std::snprintf(crc, sizeof crc, "%08x", Crc32c(body.data(), body.size()));
  if (line.compare(0, 8, crc) != 0)
    return Status::Corruption("journal line checksum mismatch",
                              "ジャーナルの行のチェックサムが一致しません");
  // Bounded: a record nested deeper than any we write is corrupt, and
  // copying or dumping it would recurse once per level.
  auto j = ParseBoundedJson(body);
  if (!j.ok() || !j->is_object())
    return Status::Corruption(
        "journal line is not a JSON object",
        "ジャーナルの行が JSON オブジェクトではありません");
  return j;
}

Result<std::unique_ptr<JournalWriter>> JournalWriter::Open(
    FileSystem* fs, const std::string& path, Clock* clock) {
  RN_RETURN_IF_ERROR(fs->CreateDirs(DirName(path), 0700));
  bool torn = false;
  const bool created = !fs->Exists(path);
  if (!created) {
    // Its last byte only: the journal may be long (kMaxJournalBytes).
    RN_ASSIGN_OR_RETURN(std::string last, fs->ReadTail(path, 1));
    torn = !last.empty() && last.back() != '\n';
  }
  RN_ASSIGN_OR_RETURN(auto file, fs->OpenAppend(path, 0600));
  // A new file's name is durable only once its directory is: without this,
  // a crash can lose the whole journal, intents that were fsynced included.
  if (created)
    RN_RETURN_IF_ERROR(fs->SyncDir(DirName(path))
                           .Annotate("journal " + path, "ジャーナル " + path));
  if (torn) {
    RN_RETURN_IF_ERROR(file->Append("\n"));
    RN_RETURN_IF_ERROR(file->Sync());
  }
  return std::unique_ptr<JournalWriter>(
      new JournalWriter(std::move(file), path, clock));
}

Status JournalWriter::Append(json record) {
  if (!record.contains("t")) record["t"] = clock_->Now().ToRfc3339();
  const std::string line = EncodeJournalLine(record);
  std::unique_lock<std::mutex> l(mu_);
  const uint64_t mine = ++next_seq_;
  queued_ += line;
  queued_to_ = mine;
  // Leader/follower: whoever finds no commit running commits everything
  // queued so far; the others wait for a commit that covers their line.
  while (done_to_ < mine) {
    if (committing_) {
      done_cv_.wait(l);
      continue;
    }
    committing_ = true;
    std::string batch;
    batch.swap(queued_);
    const uint64_t first = done_to_ + 1, last = queued_to_;
    l.unlock();
    Status s = Commit(batch);
    l.lock();
    committing_ = false;
    if (s.ok()) ++syncs_;
    committed_[last] = {s, last - first + 1};
    done_to_ = last;
    done_cv_.notify_all();
  }
  // The commit that covered `mine`: the first one ending at or after it.
  auto it = committed_.lower_bound(mine);
  Status result = it->second.status;
  if (--it->second.waiting == 0) committed_.erase(it);
  return result;
}

Status JournalWriter::Commit(const std::string& lines) {
  RN_RETURN_IF_ERROR(
      file_->Append(lines).Annotate("journal " + path_, "ジャーナル " + path_));
  return file_->Sync().Annotate("journal " + path_, "ジャーナル " + path_);
}

long JournalWriter::syncs() const {
  std::lock_guard<std::mutex> l(mu_);
  return syncs_;
}

Result<JournalContents> ReadJournal(FileSystem* fs, const std::string& path,
                                    JournalRead read) {
  JournalContents out;
  if (!fs->Exists(path)) return out;
  RN_ASSIGN_OR_RETURN(std::string text, fs->ReadFile(path, kMaxJournalBytes));
  size_t pos = 0;
  int line_no = 0, last_line = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    bool last = nl == std::string::npos;
    std::string line = text.substr(pos, last ? std::string::npos : nl - pos);
    pos = last ? text.size() : nl + 1;
    ++line_no;
    if (line.empty()) continue;
    last_line = line_no;
    DecodeJournalLineInto(line, line_no, read, &out);
  }
  out.torn_tail =
      !out.corrupt_lines.empty() && out.corrupt_lines.back() == last_line;
  return out;
}

namespace {

// The fields of `from` named in `keys` that it holds.
json Only(const json& from, std::initializer_list<const char*> keys) {
  json out = json::object();
  for (const char* k : keys) {
    auto it = from.find(k);
    if (it != from.end()) out[k] = *it;
  }
  return out;
}

json Trimmed(const json& r) {
  const std::string type = r.value("type", "");
  if (type == "intent") {
    json out = Only(r, {"type", "account", "phase", "run"});
    auto change = r.find("change");
    if (change != r.end())
      out["change"] =
          change->is_object()
              ? Only(*change, {"id", "kind", "params", "removes_reference"})
              : *change;
    return out;
  }
  if (type == "outcome")
    return Only(r, {"type", "account", "phase", "run", "change_id", "ok",
                    "result", "wrote", "t"});
  if (type == "account-end")
    return Only(r, {"type", "account", "phase", "run", "result"});
  if (type == "observation")
    return Only(r, {"type", "account", "phase", "run", "observations"});
  return r;
}

std::vector<const json*> Pointers(const std::vector<json>& records) {
  std::vector<const json*> out;
  out.reserve(records.size());
  for (const json& r : records) out.push_back(&r);
  return out;
}

}  // namespace

void DecodeJournalLineInto(const std::string& line, int line_no,
                           JournalRead read, JournalContents* out) {
  auto rec = DecodeJournalLine(line);
  if (!rec.ok()) {
    out->corrupt_lines.push_back(line_no);
    return;
  }
  out->records.push_back(read == JournalRead::kWhatRunsRead ? Trimmed(*rec)
                                                            : std::move(*rec));
}

JournalIndex::JournalIndex(const std::vector<json>& records) {
  for (const json& r : records) {
    auto account = r.find("account");
    if (account != r.end() && account->is_string())
      by_[account->get<std::string>()].push_back(&r);
  }
}

const std::vector<const json*>& JournalIndex::Of(
    const AccountKey& account) const {
  auto it = by_.find(account.ToString());
  return it == by_.end() ? none_ : it->second;
}

json PhaseHistory(const std::vector<json>& records, const AccountKey& account,
                  Phase phase) {
  return PhaseHistory(Pointers(records), account, phase);
}

json AccountObservations(const std::vector<json>& records,
                         const AccountKey& account) {
  return AccountObservations(Pointers(records), account);
}

json PhaseHistory(const std::vector<const json*>& records,
                  const AccountKey& account, Phase phase) {
  const std::string acct = account.ToString();
  const char* name = PhaseName(phase);
  const char* undo = PhaseName(RollbackOf(phase));
  // Start after the last successful rollback of this phase.
  size_t start = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    const json& r = *records[i];
    if (r.value("type", "") == "account-end" && IsFor(r, acct, undo) &&
        r.value("result", "") == "done")
      start = i + 1;
  }
  json history = json::array();
  for (size_t i = start; i < records.size(); ++i) {
    const json& r = *records[i];
    if (!IsFor(r, acct, name)) continue;
    const std::string type = r.value("type", "");
    if (type == "intent") {
      history.push_back({{"change", r.value("change", json())},
                         {"outcome", nullptr},
                         {"ok", nullptr},
                         {"run", r.value("run", "")}});
    } else if (type == "outcome") {
      // Pair with the latest open intent of the same run and change.
      for (auto it = history.rbegin(); it != history.rend(); ++it) {
        if ((*it)["run"] == r.value("run", "") &&
            (*it)["change"].value("id", "") == r.value("change_id", "") &&
            (*it)["ok"].is_null()) {
          (*it)["ok"] = r.value("ok", false);
          (*it)["outcome"] = r.value("result", json());
          break;
        }
      }
    }
  }
  return history;
}

json AccountObservations(const std::vector<const json*>& records,
                         const AccountKey& account) {
  const std::string acct = account.ToString();
  json out = json::array();
  for (const json* r : records)
    if (r->value("type", "") == "observation" &&
        r->value("account", "") == acct && r->contains("observations"))
      out.push_back((*r)["observations"]);
  return out;
}

}  // namespace renumber
