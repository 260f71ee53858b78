// One account through one command: lock → credentials → adapter → discover
// → gates → plan (stage 1), then execute → read back (stage 2). The two
// stages let a command show every account's plan and ask once before
// anything is written.
//
// Rules enforced here (docs/design.md "Account states", "Rules that never
// bend"): a phase already done makes no writes; cutover is refused before
// maintenance_end unless overridden (and the override is journaled) and refused
// when the new side does not verify (an adapter that gates parts of the account
// — CDN services — holds the parts that are not ready back in Plan::waiting;
// with wait_ready the account polls its gate and switches each part when it is
// ready); a `missing` account is never touched; every write is journaled. A
// write the vendor's rate limit would delay past what the run waits leaves the
// account `paused` until the budget resets (not failed). What the adapter's
// Verify asks to keep (VerifyReport::record) is journaled as an
// "observation" by prepare and verify, and handed back to later runs.
//
// Threads: an AccountRun is used by one thread at a time; different
// accounts run in parallel and share only thread-safe dependencies.
#ifndef RENUMBER_ENGINE_ACCOUNT_RUN_H_
#define RENUMBER_ENGINE_ACCOUNT_RUN_H_

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "adapters/adapter.h"
#include "src/core/fs.h"
#include "src/core/time.h"
#include "src/engine/account_lock.h"
#include "src/engine/executor.h"
#include "src/engine/plan_file.h"
#include "src/engine/progress_sink.h"
#include "src/model/credential_source.h"

namespace renumber {

enum class Command { kPlan, kPrepare, kVerify, kCutover, kRollback };
const char* CommandName(Command c);

// verify --expect: the states an account may be in. With `automatic`, the
// state it should be in by now: prepared before its maintenance_end,
// cut-over after it, and either during `grace` after it (the night's
// cutover is under way; monitoring warns instead of going critical).
struct Expectation {
  std::vector<AccountState> states;
  bool automatic = false;
  std::chrono::seconds grace{3600};
  bool active() const { return automatic || !states.empty(); }
  std::vector<AccountState> For(const Target& target, Timestamp now) const;
};

struct CommandOptions {
  Command command = Command::kPlan;
  // Whether a refusal before maintenance_end mentions --ignore-window:
  // staff running a plan file are told of it; a customer moving their one
  // account (--customer …) is only told to wait.
  bool offer_ignore_window = true;
  Phase rollback_of = Phase::kPrepare;  // for kRollback
  bool ignore_window = false;           // cutover before maintenance_end
  bool force = false;                   // rollback over later changes
  Expectation expect;                   // verify --expect
  bool vendor_checks = true;            // ask vendors to run checks
  // A preview (the CLI sets it with the dry-run executor): the cutover gates
  // say that they would refuse, as notes, and the plan is still shown.
  bool gates_report_only = false;
  std::chrono::milliseconds lock_wait{0};
  // cutover --wait-ready: how long to keep polling the gate of parts held
  // back (0: report them and stop).
  std::chrono::milliseconds wait_ready{0};
};

using AdapterMaker =
    std::function<Result<std::unique_ptr<Adapter>>(const Credentials&)>;

struct AccountReport;

// Shared by all accounts of a command. Pointers are not owned.
struct EngineDeps {
  Clock* clock = nullptr;
  CredentialSource* credentials = nullptr;
  AdapterMaker make_adapter;
  JournalSink* journal = nullptr;  // null for read-only commands and dry runs
  // Where prepare and verify keep VerifyReport::record ("observation"
  // records): the journal, also for verify; null for dry runs.
  JournalSink* observations = nullptr;
  AccountLocker* locks = nullptr;  // null for read-only commands and dry runs
  const std::vector<nlohmann::json>* journal_records = nullptr;
  // journal_records by account; RunCampaign builds it when it is null.
  const JournalIndex* journal_index = nullptr;
  RunInfo run;
  // Told, from worker threads, each time an account waits for parts of
  // its phase (AccountReport::waiting). May be empty.
  std::function<void(const AccountReport&)> on_waiting;
};

enum class AccountResult {
  kOk,           // plan/verify: in a consistent or the expected state
  kDone,         // changes applied and read back as expected
  kNothingToDo,  // already in the phase's end state: zero writes
  kWouldChange,  // dry run: changes listed, nothing written
  kNotExpected,  // plan/verify: not in the expected state
  kRefused,      // a safety gate refused (or held parts back); see refusal
  kFailed,       // an error; see error
  kPaused,       // the vendor's rate limit: run again after paused_until
};
const char* AccountResultName(AccountResult r);

struct AccountReport {
  PlanRow row;
  Phase phase = Phase::kPrepare;
  AccountResult result = AccountResult::kOk;
  std::optional<AccountState> state_before;
  std::optional<AccountState> state_after;
  std::vector<Finding> findings;
  // The account's domains as discovery read them (Discovery::domains;
  // empty unless the adapter was asked to list them), for preflight.
  std::vector<std::string> domains;
  Plan plan;                         // the command's phase
  std::optional<Plan> cutover_plan;  // `plan` shows prepare and cutover
  std::vector<Check> checks;
  // verify --expect: the states accepted for this account at this run.
  std::vector<AccountState> expected;
  ExecutionReport execution;
  Status error;
  Text refusal;  // why a gate refused
  // When another run holds the account's lock: who (the refusal says the
  // same in words). Accounts held elsewhere are not in this run.
  Text held_by;
  std::vector<Text> notes;     // e.g. window overridden
  std::vector<Text> waiting;   // parts held back by a gate, and why
  std::vector<Text> appendix;  // Discovery::appendix (CDN: staged diffs)
  std::optional<Timestamp> paused_until;  // kPaused
  Timestamp started_at;                   // when this run read the account
  std::chrono::milliseconds elapsed{0};
};

class AccountRun {
 public:
  AccountRun(const EngineDeps& deps, const CommandOptions& options,
             PlanRow row);
  ~AccountRun();
  // Lock, discover, gates, plan. Read-only commands finish here.
  void Stage1();
  // True when stage 1 left changes to apply.
  bool HasWork() const;
  // Applies the plan with `executor`, then reads back and classifies;
  // tells `progress` (may be null) of each change.
  void Stage2(Executor& executor, ProgressSink* progress = nullptr);
  // Releases the lock early.
  void Release();
  // Frees what the account holds for the vendor (the adapter and the
  // answers it keeps) and its lock; the report stays. For an account
  // stage 2 will not run (Stage2 frees them itself when it ends), so that a
  // campaign's memory does not grow with the accounts it has finished.
  void Close();
  // The user declined the confirmation: nothing is applied.
  void Decline();
  const AccountReport& report() const { return report_; }
  // The report, moved out once the campaign is over (the run is of no
  // further use).
  AccountReport TakeReport() { return std::move(report_); }

 private:
  Status Stage1Inner();
  Status PlanCommand();
  Status VerifyCommand();
  Status Gates(const Discovery& d);
  VerifyOptions VerifyWith(bool run_checks) const;
  void Record(const VerifyReport& v);
  Status ObserveAfterPrepare();
  void WaitForTheRest(Executor& executor);
  Status Replan();
  void Fail(const Status& s);
  void Refuse(Text why);
  void JournalEnd();
  void Finish(AccountState expected);

  const EngineDeps& deps_;
  CommandOptions options_;
  AccountReport report_;
  PhaseContext context_;
  std::unique_ptr<FileLock> lock_;
  std::unique_ptr<Adapter> adapter_;
  // Time spent working, without the wait at the confirmation question.
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::duration stage1_{0};
};

// The phase a command runs.
Phase CommandPhase(const CommandOptions& options);
// The state an account should be in after the command's phase.
AccountState ExpectedAfter(Phase phase);

}  // namespace renumber

#endif  // RENUMBER_ENGINE_ACCOUNT_RUN_H_
