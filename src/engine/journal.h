// The campaign journal: an append-only log of what renumber did to vendor
// accounts, one file per campaign in <state-dir>/journal/<campaign>.journal.
// The format is documented in JOURNAL_FORMAT.md beside this file.
//
// Every record is one line "<crc32c hex8> <json>\n", written and fsync'd
// before Append returns. Records from concurrent accounts share their
// writes and fsyncs (group commit, issue 15): an Append that finds another
// in progress queues its line; the next one to go writes every queued line
// in one write(2) and fsyncs once for all of them, and each waiting Append
// returns when the fsync covering its own line has succeeded (or with its
// error). One account alone still costs one write and one fsync a record. An
// intent record is written before each vendor write and an outcome record after
// it, so after a crash (kill -9 anywhere) the next run knows what may have
// happened and reconciles with the live state. No secret is ever written
// (records hold change params and ids).
//
// Threads: Append is thread-safe (one writer object per process and file;
// several processes may append to the same file: each batch of whole lines
// is one write(2) on an O_APPEND descriptor). Only one thread at a time
// touches the file (WritableFile is not thread-safe). Reading is independent of
// writing.
#ifndef RENUMBER_ENGINE_JOURNAL_H_
#define RENUMBER_ENGINE_JOURNAL_H_

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "src/core/fs.h"
#include "src/core/status.h"
#include "src/core/time.h"
#include "src/model/model.h"

namespace renumber {

uint32_t Crc32c(const void* data, size_t n);

// Encodes one record line (with the trailing newline).
std::string EncodeJournalLine(const nlohmann::json& record);
// Decodes one line (without newline): kCorruption on a bad checksum or JSON.
Result<nlohmann::json> DecodeJournalLine(const std::string& line);

// Where a run's journal records go: the local file (JournalWriter) or a
// shared campaign store (src/store). Append returns only once the record is
// durable (fsync'd, or committed); an error means the caller must not do
// what the record announces. Implementations are thread-safe.
class JournalSink {
 public:
  virtual ~JournalSink() = default;
  // Appends one record. The record gets "t" (time) if missing.
  virtual Status Append(nlohmann::json record) = 0;
};

class JournalWriter : public JournalSink {
 public:
  // Creates the file (0600) and its directory (0700) when missing, and
  // fsyncs the directory after creating the file. A torn last line left by
  // a crash is closed with a newline so it stays a single corrupt line,
  // skipped by readers.
  static Result<std::unique_ptr<JournalWriter>> Open(
      FileSystem* fs, const std::string& path, Clock* clock = RealClock());
  // Appends and fsyncs one record (with others in flight: see above). The
  // record gets "t" (time) if missing.
  Status Append(nlohmann::json record) override;
  const std::string& path() const { return path_; }
  // fsyncs made by Append so far (for tests and the benchmark).
  long syncs() const;

 private:
  JournalWriter(std::unique_ptr<WritableFile> f, std::string path, Clock* clock)
      : file_(std::move(f)), path_(std::move(path)), clock_(clock) {}
  // Writes and fsyncs `lines` (the caller holds no lock, and is the only
  // one touching the file).
  Status Commit(const std::string& lines);

  mutable std::mutex mu_;
  std::condition_variable done_cv_;
  std::string queued_;      // lines waiting for the next commit
  uint64_t queued_to_ = 0;  // the sequence number of the last queued line
  uint64_t next_seq_ = 0;   // the last sequence number handed out
  uint64_t done_to_ = 0;    // every line up to here is committed or failed
  bool committing_ = false;
  // Each commit whose lines are not all returned yet, by its last sequence
  // number (commits cover consecutive numbers, in order): its result and
  // how many of its Appends have yet to return it.
  struct Committed {
    Status status;
    uint64_t waiting = 0;
  };
  std::map<uint64_t, Committed> committed_;
  long syncs_ = 0;
  std::unique_ptr<WritableFile> file_;
  std::string path_;
  Clock* clock_;
};

struct JournalContents {
  std::vector<nlohmann::json> records;  // valid records, in file order
  std::vector<int> corrupt_lines;       // 1-based line numbers skipped
  bool torn_tail = false;               // last line corrupt (crash mid-write)
};

// How much of each record a reader keeps. kWhatRunsRead keeps what a
// migration run reads of them: JournalIndex (account), PhaseHistory (type,
// account, phase, run, result; an intent's change id, kind and params; an
// outcome's change_id, ok and result), AccountObservations (observations)
// and LastChanges (an outcome's wrote and t). Descriptions, findings,
// targets and who ran what go: at 500 accounts after a cut over they were
// half the journal's memory. Records of other types are kept whole. Each
// record is trimmed as its line is decoded, so that a campaign's whole
// journal is never in memory untrimmed (issue 15: peak RSS). For a run's
// own copy only; the file is never rewritten.
enum class JournalRead { kWhole, kWhatRunsRead };

// Decodes one journal line (without newline) into `out`: its record,
// trimmed as `read` says, or `line_no` among the corrupt lines.
void DecodeJournalLineInto(const std::string& line, int line_no,
                           JournalRead read, JournalContents* out);

// How large a journal renumber reads (ReadJournal, JournalWriter::Open):
// a campaign's own file, far larger than other inputs (kMaxReadBytes):
// 10,000 accounts passed 64 MiB after plan and prepare.
inline constexpr size_t kMaxJournalBytes = size_t{1} << 30;

Result<JournalContents> ReadJournal(FileSystem* fs, const std::string& path,
                                    JournalRead read = JournalRead::kWhole);

// The records of each account, in file order, built once per run so that
// each account reads only its own: PhaseHistory over every record for each
// account made a campaign's start quadratic in its size (2,000 accounts
// after a prepare: tens of millions of records looked at). Records that
// name no account are left out. `records` (not owned) must outlive the
// index and not change. Thread-safe once built.
class JournalIndex {
 public:
  explicit JournalIndex(const std::vector<nlohmann::json>& records);
  // `account`'s records ("C-10001/ess"); empty when it has none.
  const std::vector<const nlohmann::json*>& Of(const AccountKey& account) const;

 private:
  std::unordered_map<std::string, std::vector<const nlohmann::json*>> by_;
  const std::vector<const nlohmann::json*> none_;
};

// The intent/outcome pairs of `phase` (prepare or cutover) for `account`
// since the last successful rollback of that phase, oldest first, in the
// shape PhaseContext::history expects: [{"change": {...}, "outcome": {...}
// or null, "run": "...", "ok": true|false|null}]. `records` may hold other
// accounts' records too (JournalIndex::Of gives only its own).
nlohmann::json PhaseHistory(const std::vector<const nlohmann::json*>& records,
                            const AccountKey& account, Phase phase);
nlohmann::json PhaseHistory(const std::vector<nlohmann::json>& records,
                            const AccountKey& account, Phase phase);

// The "observations" of every "observation" record of `account`, oldest
// first (VerifyOptions::records).
nlohmann::json AccountObservations(
    const std::vector<const nlohmann::json*>& records,
    const AccountKey& account);
nlohmann::json AccountObservations(const std::vector<nlohmann::json>& records,
                                   const AccountKey& account);

}  // namespace renumber

#endif  // RENUMBER_ENGINE_JOURNAL_H_
