// Executors apply a plan's changes to one account. The live executor
// journals an intent before each change, applies it through the adapter and
// journals the outcome; the dry-run executor applies nothing and records
// what would have been done. Commands choose an executor; nothing else in
// the engine knows whether a run is a dry run.
//
// Threads: one executor call per account at a time; the journal it writes
// to is shared and thread-safe.
#ifndef RENUMBER_ENGINE_EXECUTOR_H_
#define RENUMBER_ENGINE_EXECUTOR_H_

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapters/adapter.h"
#include "src/engine/journal.h"

namespace renumber {

// Who and what a run is, stamped on every journal record.
struct RunInfo {
  std::string run_id;  // random per process run
  std::string campaign;
  std::string command;  // "prepare"
  std::string user;     // OS user
  std::string operator_name;
};

struct ChangeReport {
  Change change;
  bool applied = false;  // false: dry run, or not reached
  bool wrote = false;
  int writes = 0;
  Status status;
};

struct ExecutionReport {
  std::vector<ChangeReport> changes;
  int writes = 0;
  Status status;  // first failure; later changes are not attempted
};

// Called after each change of a plan with the number done so far.
using ChangeDone = std::function<void(size_t done)>;

class Executor {
 public:
  virtual ~Executor() = default;
  virtual ExecutionReport Execute(Adapter& adapter, const Plan& plan,
                                  const PhaseContext& context,
                                  const ChangeDone& done = {}) = 0;
  virtual bool dry_run() const = 0;
};

// `journal` is not owned and must outlive the executor.
std::unique_ptr<Executor> NewLiveExecutor(JournalSink* journal, RunInfo run);
std::unique_ptr<Executor> NewDryRunExecutor();

// The common fields of a journal record for `account` and `phase`.
nlohmann::json JournalRecord(const RunInfo& run, const std::string& type,
                             const AccountKey& account, Phase phase);
// {"code", "message"} of a failure, its message scrubbed of registered
// secrets (it may quote a vendor that echoed a credential).
nlohmann::json JournalStatus(const Status& s);

}  // namespace renumber

#endif  // RENUMBER_ENGINE_EXECUTOR_H_
