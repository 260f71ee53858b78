#include "src/engine/account_run.h"

#include <algorithm>

#include "src/engine/account_end_details.h"
#include "src/engine/text.h"
#include "src/http/pacing.h"
#include "src/log/log.h"

namespace renumber {
namespace {

using json = nlohmann::json;

// True when `state` already satisfies the end state of `phase`.
bool Satisfied(Phase phase, AccountState state) {
  switch (phase) {
    case Phase::kPrepare:
      return state == AccountState::kPrepared ||
             state == AccountState::kCutOver;
    case Phase::kCutover:
      return state == AccountState::kCutOver;
    case Phase::kRollbackPrepare:
      return state == AccountState::kNotStarted;
    case Phase::kRollbackCutover:
      return state == AccountState::kPrepared ||
             state == AccountState::kPreparedStale ||
             state == AccountState::kNotStarted;
  }
  return false;
}

// The old IP is left only where renumber never writes (hidden origins):
// what remains is manual work, not something a run can finish.
bool OnlyManualWorkLeft(const std::vector<Finding>& findings) {
  bool hidden = false;
  for (const Finding& f : findings) {
    if (f.kind == Finding::Kind::kOldReference) return false;
    hidden = hidden || f.kind == Finding::Kind::kHiddenOrigin;
  }
  return hidden;
}

std::string JoinTexts(const std::vector<Text>& texts, bool ja) {
  std::string out;
  for (const Text& t : texts)
    out += (out.empty() ? "" : "; ") + (ja && !t.ja.empty() ? t.ja : t.en);
  return out;
}

// The phase whose journal history a phase needs.
Phase HistoryPhase(Phase phase) {
  switch (phase) {
    case Phase::kRollbackPrepare:
      return Phase::kPrepare;
    case Phase::kRollbackCutover:
      return Phase::kCutover;
    default:
      return phase;
  }
}

}  // namespace

const char* CommandName(Command c) {
  switch (c) {
    case Command::kPlan:
      return "plan";
    case Command::kPrepare:
      return "prepare";
    case Command::kVerify:
      return "verify";
    case Command::kCutover:
      return "cutover";
    case Command::kRollback:
      return "rollback";
  }
  return "?";
}

const char* AccountResultName(AccountResult r) {
  switch (r) {
    case AccountResult::kOk:
      return "ok";
    case AccountResult::kDone:
      return "done";
    case AccountResult::kNothingToDo:
      return "nothing-to-do";
    case AccountResult::kWouldChange:
      return "would-change";
    case AccountResult::kNotExpected:
      return "not-expected";
    case AccountResult::kRefused:
      return "refused";
    case AccountResult::kFailed:
      return "failed";
    case AccountResult::kPaused:
      return "paused";
  }
  return "?";
}

Phase CommandPhase(const CommandOptions& o) {
  switch (o.command) {
    case Command::kCutover:
      return Phase::kCutover;
    case Command::kRollback:
      return o.rollback_of == Phase::kCutover ? Phase::kRollbackCutover
                                              : Phase::kRollbackPrepare;
    default:
      return Phase::kPrepare;
  }
}

AccountState ExpectedAfter(Phase phase) {
  switch (phase) {
    case Phase::kPrepare:
      return AccountState::kPrepared;
    case Phase::kCutover:
      return AccountState::kCutOver;
    case Phase::kRollbackPrepare:
      return AccountState::kNotStarted;
    case Phase::kRollbackCutover:
      return AccountState::kPrepared;
  }
  return AccountState::kMissing;
}

AccountRun::AccountRun(const EngineDeps& deps, const CommandOptions& options,
                       PlanRow row)
    : deps_(deps), options_(options) {
  report_.row = std::move(row);
  report_.phase = CommandPhase(options_);
  context_.target = report_.row.target;
  context_.force = options_.force;
  context_.campaign = deps.run.campaign;
}

AccountRun::~AccountRun() = default;

void AccountRun::Release() { lock_.reset(); }

void AccountRun::Close() {
  adapter_.reset();
  lock_.reset();
  context_ = PhaseContext{};  // its history and gate: the report has the rest
}

void AccountRun::Decline() {
  if (HasWork()) Refuse(T("engine.declined"));
  lock_.reset();
}

bool AccountRun::HasWork() const {
  const bool waits =
      options_.wait_ready.count() > 0 && !report_.plan.waiting.empty();
  return adapter_ && report_.error.ok() &&
         report_.result != AccountResult::kRefused &&
         report_.result != AccountResult::kNothingToDo &&
         report_.result != AccountResult::kNotExpected &&
         !report_.plan.projected && (!report_.plan.changes.empty() || waits);
}

void AccountRun::Fail(const Status& s) {
  report_.result = AccountResult::kFailed;
  const std::string account = report_.row.target.account.ToString();
  // Adapters already name the account; do not say it twice.
  report_.error =
      s.message().rfind(account + ":", 0) == 0 ? s : s.Annotate(account);
  // The vendor's budget is spent for longer than we wait: not a failure
  // of the change, a pause (nothing was sent).
  if (auto until = PausedUntil(s)) {
    report_.result = AccountResult::kPaused;
    report_.paused_until = *until;
  }
}

void AccountRun::Refuse(Text why) {
  report_.result = AccountResult::kRefused;
  report_.refusal = std::move(why);
}

void AccountRun::Stage1() {
  start_ = deps_.clock->Steady();
  report_.started_at = deps_.clock->Now();
  Status s = Stage1Inner();
  // Nothing has been written in stage 1, so an adapter's precondition (e.g.
  // "someone activated another version after ours") is a safety refusal.
  if (s.Is(Code::kPreconditionFailed)) {
    // The table prints the account before the reason: do not say it twice.
    Text why{s.message(), s.Message(true)};
    const std::string prefix = report_.row.target.account.ToString() + ": ";
    for (std::string* m : {&why.en, &why.ja})
      while (m->rfind(prefix, 0) == 0) m->erase(0, prefix.size());
    Refuse(T("engine.adapter_refused", why));
  } else if (!s.ok()) {
    Fail(s);
  }
  stage1_ = deps_.clock->Steady() - start_;
  report_.elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(stage1_);
  if (!HasWork()) {
    if (options_.command != Command::kPlan &&
        options_.command != Command::kVerify)
      JournalEnd();
    // Nothing to apply: the account is free for another run at once, not
    // after the question the others wait on.
    lock_.reset();
  }
}

Status AccountRun::Stage1Inner() {
  const Target& t = report_.row.target;
  if (deps_.locks) {
    auto lock =
        deps_.locks->Acquire(t.account, options_.lock_wait, &report_.held_by);
    if (!lock.ok()) {
      if (report_.held_by.en.empty()) return lock.status();  // an I/O error
      Refuse({Tr(Lang::kEn, "engine.locked", report_.held_by.en),
              Tr(Lang::kJa, "engine.locked", report_.held_by.ja)});
      return Status::Ok();
    }
    lock_ = std::move(*lock);
  }
  std::string purpose = std::string(CommandName(options_.command)) +
                        " campaign " + deps_.run.campaign;
  // A missing or expired credential fails this account only; the others
  // of the batch run (a monitoring job still checks them).
  auto creds = deps_.credentials->Get(t.account, purpose);
  if (!creds.ok()) {
    const std::string line = std::to_string(report_.row.line);
    Fail(report_.row.line > 0
             ? creds.status().Annotate("plan line " + line,
                                       "計画ファイル " + line + " 行目")
             : creds.status());
    return Status::Ok();
  }
  RN_ASSIGN_OR_RETURN(adapter_, deps_.make_adapter(*creds));
  if (options_.command == Command::kPlan) return PlanCommand();
  if (options_.command == Command::kVerify) return VerifyCommand();

  if (deps_.journal_index)
    context_.history = PhaseHistory(deps_.journal_index->Of(t.account),
                                    t.account, HistoryPhase(report_.phase));
  else if (deps_.journal_records)
    context_.history = PhaseHistory(*deps_.journal_records, t.account,
                                    HistoryPhase(report_.phase));
  RN_ASSIGN_OR_RETURN(Discovery d, adapter_->Discover(t));
  report_.state_before = d.state;
  report_.state_after = d.state;
  report_.findings = d.findings;
  report_.domains = d.domains;
  if (d.state == AccountState::kMissing) {
    Fail(Status::Internal(
        "critical: neither the old nor the new IP is referenced; renumber "
        "leaves this account alone — check it in the console",
        "重大: 旧 IP も新 IP も設定されていません。renumber はこのアカウントに"
        "触れません。管理画面で確認してください"));
    return Status::Ok();
  }
  if (Satisfied(report_.phase, d.state)) {
    report_.result = AccountResult::kNothingToDo;
    return Status::Ok();
  }
  bool rollback = report_.phase == Phase::kRollbackPrepare ||
                  report_.phase == Phase::kRollbackCutover;
  if (rollback && context_.history.empty()) {
    Refuse(T("engine.nothing_to_roll_back",
             PhaseWord(HistoryPhase(report_.phase))));
    return Status::Ok();
  }
  if (report_.phase == Phase::kCutover) {
    RN_RETURN_IF_ERROR(Gates(d));
    if (report_.result == AccountResult::kRefused) return Status::Ok();
  }
  RN_ASSIGN_OR_RETURN(report_.plan,
                      adapter_->PlanPhase(report_.phase, d, context_));
  report_.waiting = report_.plan.waiting;
  if (report_.plan.projected) {
    Refuse(T("engine.not_ready", PhaseWord(report_.phase), StateWord(d.state)));
  } else if (report_.plan.changes.empty() && !report_.waiting.empty()) {
    // Everything is held back by the gate: wait (--wait-ready) or say why.
    if (options_.wait_ready.count() == 0)
      Refuse(T("engine.waiting", JoinTexts(report_.waiting, false),
               JoinTexts(report_.waiting, true)));
  } else if (report_.plan.changes.empty() &&
             OnlyManualWorkLeft(report_.findings)) {
    report_.result = AccountResult::kNotExpected;
    report_.notes.push_back(T("engine.manual_work", StateWord(d.state)));
  } else if (report_.plan.changes.empty()) {
    return Status::Internal(
        "nothing was planned, but the account is " +
            std::string(StateName(d.state)) + ", not " +
            StateName(ExpectedAfter(report_.phase)),
        "変更は計画されませんでしたが、アカウントの状態は " +
            Tr(Lang::kJa, std::string("word.state.") + StateName(d.state)) +
            " で、" +
            Tr(Lang::kJa, std::string("word.state.") +
                              StateName(ExpectedAfter(report_.phase))) +
            " ではありません");
  }
  return Status::Ok();
}

void AccountRun::Stage2(Executor& executor, ProgressSink* progress) {
  const auto stage2_start = deps_.clock->Steady();
  const AccountKey& account = report_.row.target.account;
  const size_t total = report_.plan.changes.size();
  auto on_change = [&](size_t done) {
    if (progress)
      progress->Activity(account, "apply " + std::to_string(done) + "/" +
                                      std::to_string(total));
  };
  on_change(0);
  report_.execution =
      executor.Execute(*adapter_, report_.plan, context_, on_change);
  if (progress) progress->Activity(account, "read back");
  if (executor.dry_run()) {
    report_.result = AccountResult::kWouldChange;
  } else {
    if (!report_.execution.status.ok())
      Fail(report_.execution.status);
    else if (options_.wait_ready.count() > 0 && !report_.plan.waiting.empty())
      WaitForTheRest(executor);
    Finish(ExpectedAfter(report_.phase));
    if (report_.phase == Phase::kPrepare && report_.error.ok()) {
      Status s = ObserveAfterPrepare();
      if (!s.ok())
        report_.notes.push_back(T("engine.probe_failed", s.message()));
    }
  }
  report_.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      stage1_ + (deps_.clock->Steady() - stage2_start));
  if (!executor.dry_run()) JournalEnd();
  Close();
}

void AccountRun::Finish(AccountState expected) {
  auto d = adapter_->Discover(report_.row.target);
  if (!d.ok()) {
    if (report_.error.ok())
      Fail(d.status().Annotate("read back", "変更後の読み取り"));
    return;
  }
  report_.state_after = d->state;
  report_.findings = d->findings;
  report_.appendix = d->appendix;
  if (!report_.error.ok()) return;
  if (!report_.waiting.empty()) {  // parts the gate still holds back
    report_.result = AccountResult::kRefused;
    report_.refusal =
        T("engine.still_waiting", JoinTexts(report_.waiting, false),
          JoinTexts(report_.waiting, true));
    return;
  }
  if (Satisfied(report_.phase, d->state)) {
    report_.result = AccountResult::kDone;
  } else if (OnlyManualWorkLeft(d->findings)) {
    report_.result = AccountResult::kNotExpected;
    report_.notes.push_back(T("engine.manual_work", StateName(d->state)));
  } else {
    Fail(Status::Internal(
        std::string("read back: the account is ") + StateName(d->state) +
            ", expected " + StateName(expected),
        "変更後の読み取り: アカウントの状態は " +
            Tr(Lang::kJa, std::string("word.state.") + StateName(d->state)) +
            " で、想定した " +
            Tr(Lang::kJa, std::string("word.state.") + StateName(expected)) +
            " ではありません"));
  }
}

void AccountRun::JournalEnd() {
  if (!deps_.journal) return;
  const Target& t = report_.row.target;
  json rec = JournalRecord(deps_.run, "account-end", t.account, report_.phase);
  rec["result"] = AccountResultName(report_.result);
  if (report_.state_after) rec["state"] = StateName(*report_.state_after);
  rec["writes"] = report_.execution.writes;
  rec["ms"] = report_.elapsed.count();
  // Messages may quote a vendor, who may echo a credential: journaled only
  // scrubbed (the CLI scrubs what it prints, the log sink what it logs).
  if (!report_.error.ok()) rec["error"] = JournalStatus(report_.error);
  if (report_.result == AccountResult::kRefused) {
    rec["refusal"] = ScrubSecrets(report_.refusal.en);
    if (!report_.refusal.ja.empty())
      rec["refusal_ja"] = ScrubSecrets(report_.refusal.ja);
  }
  AddAccountEndDetails(report_, &rec);  // target, findings, checks
  if (report_.paused_until)
    rec["paused_until"] = report_.paused_until->ToRfc3339();
  if (!report_.waiting.empty()) {
    json waiting = json::array(), waiting_ja = json::array();
    for (const Text& w : report_.waiting) {
      waiting.push_back(ScrubSecrets(w.en));
      waiting_ja.push_back(ScrubSecrets(w.ja.empty() ? w.en : w.ja));
    }
    rec["waiting"] = waiting;
    rec["waiting_ja"] = waiting_ja;
  }
  Status s = deps_.journal->Append(rec);
  if (!s.ok() && report_.error.ok()) Fail(s);
}

}  // namespace renumber
