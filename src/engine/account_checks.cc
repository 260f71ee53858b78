// The read-only commands (plan, verify) and the cutover gates of
// AccountRun: everything that reads and decides but never writes a vendor
// setting. See account_run.h.
#include <algorithm>

#include "src/engine/account_run.h"
#include "src/engine/text.h"

namespace renumber {

using json = nlohmann::json;

std::vector<AccountState> Expectation::For(const Target& t,
                                           Timestamp now) const {
  if (!automatic) return states;
  if (now < t.maintenance_end) return {AccountState::kPrepared};
  if (now < t.maintenance_end + grace)
    return {AccountState::kPrepared, AccountState::kCutOver};
  return {AccountState::kCutOver};
}

Status AccountRun::Gates(const Discovery& d) {
  const Target& t = report_.row.target;
  Timestamp now = deps_.clock->Now();
  if (now < t.maintenance_end) {
    auto when = [&](const char* key) {
      return Text{Tr(Lang::kEn, key,
                     WhenText(t.maintenance_end, t.maintenance_end_offset, now,
                              Lang::kEn)),
                  Tr(Lang::kJa, key,
                     WhenText(t.maintenance_end, t.maintenance_end_offset, now,
                              Lang::kJa))};
    };
    if (options_.gates_report_only && !options_.ignore_window) {
      report_.notes.push_back(when("engine.before_window_preview"));
    } else if (!options_.ignore_window) {
      // Only staff are told of the override; a customer waits.
      Refuse(when(options_.offer_ignore_window ? "engine.before_window"
                                               : "engine.before_window_wait"));
      return Status::Ok();
    } else {
      report_.notes.push_back(when("engine.window_overridden"));
    }
    if (deps_.journal && options_.ignore_window) {
      json rec = JournalRecord(deps_.run, "override", t.account, report_.phase);
      rec["gate"] = "maintenance-window";
      rec["maintenance_end"] = t.maintenance_end.ToRfc3339();
      rec["at"] = now.ToRfc3339();
      RN_RETURN_IF_ERROR(deps_.journal->Append(rec));
    }
  }
  if (d.state == AccountState::kNotStarted) {
    Refuse(T("engine.not_ready", PhaseWord(report_.phase), StateWord(d.state)));
    return Status::Ok();
  }
  RN_ASSIGN_OR_RETURN(VerifyReport v,
                      adapter_->Verify(t, VerifyWith(options_.vendor_checks)));
  report_.checks = v.checks;
  Record(v);
  context_.gate = v.gate;
  // A gate per part (v.gate): PlanPhase holds back what is not ready.
  if (!v.new_side_verified && v.gate.is_null()) {
    std::string failing;
    for (const Check& c : v.checks)
      if (!c.ok && c.blocking)
        failing += (failing.empty() ? "" : "; ") + c.name;
    Text why = T(options_.gates_report_only ? "engine.unverified_preview"
                                            : "engine.new_side_unverified",
                 failing.empty() ? std::string("-") : failing);
    if (options_.gates_report_only)
      report_.notes.push_back(why);
    else
      Refuse(why);
  }
  return Status::Ok();
}

Status AccountRun::PlanCommand() {
  const Target& t = report_.row.target;
  RN_ASSIGN_OR_RETURN(Discovery d, adapter_->Discover(t));
  report_.state_before = d.state;
  report_.findings = d.findings;
  report_.appendix = d.appendix;
  report_.domains = d.domains;
  RN_ASSIGN_OR_RETURN(report_.plan,
                      adapter_->PlanPhase(Phase::kPrepare, d, context_));
  RN_ASSIGN_OR_RETURN(Plan cut,
                      adapter_->PlanPhase(Phase::kCutover, d, context_));
  report_.cutover_plan = std::move(cut);
  report_.waiting = report_.cutover_plan->waiting;
  bool consistent =
      d.state != AccountState::kPartial && d.state != AccountState::kMissing;
  report_.result =
      consistent ? AccountResult::kOk : AccountResult::kNotExpected;
  return Status::Ok();
}

Status AccountRun::VerifyCommand() {
  RN_ASSIGN_OR_RETURN(
      VerifyReport v,
      adapter_->Verify(report_.row.target, VerifyWith(options_.vendor_checks)));
  report_.state_before = v.state;
  report_.state_after = v.state;
  report_.findings = v.findings;
  report_.domains = v.domains;
  report_.checks = v.checks;
  Record(v);
  bool ok;
  if (options_.expect.active()) {
    report_.expected =
        options_.expect.For(report_.row.target, deps_.clock->Now());
    ok = std::find(report_.expected.begin(), report_.expected.end(), v.state) !=
         report_.expected.end();
    // A staged switch whose base the customer replaced is still prepared:
    // cut over rebuilds it. Accepted, with a warning.
    const bool prepared =
        std::find(report_.expected.begin(), report_.expected.end(),
                  AccountState::kPrepared) != report_.expected.end();
    if (!ok && prepared && v.state == AccountState::kPreparedStale) {
      ok = true;
      report_.notes.push_back(T("engine.prepared_stale"));
    }
    // The checks are about the new side; before prepare (or after its
    // rollback) there is none to check, and "missing twin" is expected.
    if (v.state != AccountState::kNotStarted)
      for (const Check& c : v.checks) ok = ok && (c.ok || !c.blocking);
  } else {
    ok = v.state != AccountState::kPartial && v.state != AccountState::kMissing;
  }
  if (v.state == AccountState::kPreparedStale && !options_.expect.active())
    report_.notes.push_back(T("engine.prepared_stale"));
  report_.result = ok ? AccountResult::kOk : AccountResult::kNotExpected;
  return Status::Ok();
}

VerifyOptions AccountRun::VerifyWith(bool run_checks) const {
  VerifyOptions o(run_checks);
  const AccountKey& account = report_.row.target.account;
  if (deps_.journal_index)
    o.records = AccountObservations(deps_.journal_index->Of(account), account);
  else if (deps_.journal_records)
    o.records = AccountObservations(*deps_.journal_records, account);
  return o;
}

void AccountRun::Record(const VerifyReport& v) {
  if (!deps_.observations || v.record.is_null() ||
      (v.record.is_array() && v.record.empty()))
    return;
  json rec = JournalRecord(deps_.run, "observation", report_.row.target.account,
                           report_.phase);
  rec["observations"] = v.record;
  Status s = deps_.observations->Append(rec);
  if (!s.ok())
    report_.notes.push_back(T("engine.observation_not_kept", s.message()));
}

Status AccountRun::ObserveAfterPrepare() {
  if (!adapter_->capabilities().origin_probes) return Status::Ok();
  RN_ASSIGN_OR_RETURN(VerifyReport v,
                      adapter_->Verify(report_.row.target, VerifyWith(false)));
  report_.checks = v.checks;
  Record(v);
  return Status::Ok();
}

Status AccountRun::Replan() {
  const Target& t = report_.row.target;
  RN_ASSIGN_OR_RETURN(Discovery d, adapter_->Discover(t));
  RN_ASSIGN_OR_RETURN(VerifyReport v, adapter_->Verify(t, VerifyWith(true)));
  report_.checks = v.checks;
  Record(v);
  context_.gate = v.gate;
  RN_ASSIGN_OR_RETURN(report_.plan,
                      adapter_->PlanPhase(report_.phase, d, context_));
  if (report_.plan.projected)
    return Status::PreconditionFailed(
        std::string("the account became ") + StateName(d.state) +
            " while waiting: " + PhaseName(report_.phase) + " stopped",
        "待機中にアカウントの状態が「" + StateWord(d.state).ja +
            "」になったため、" + PhaseWord(report_.phase).ja +
            "を中止しました");
  return Status::Ok();
}

void AccountRun::WaitForTheRest(Executor& executor) {
  using std::chrono::microseconds;
  const auto deadline = deps_.clock->Steady() + options_.wait_ready;
  microseconds backoff = std::chrono::seconds(2);
  while (!report_.plan.waiting.empty() && report_.error.ok()) {
    report_.waiting = report_.plan.waiting;
    if (deps_.on_waiting) deps_.on_waiting(report_);
    const auto now = deps_.clock->Steady();
    if (now >= deadline) break;
    deps_.clock->SleepFor(std::min<microseconds>(
        backoff, std::chrono::duration_cast<microseconds>(deadline - now)));
    backoff = std::min<microseconds>(backoff * 3 / 2, std::chrono::seconds(15));
    Status s = Replan();
    if (!s.ok()) return Fail(s);
    if (report_.plan.changes.empty()) continue;
    ExecutionReport more = executor.Execute(*adapter_, report_.plan, context_);
    for (ChangeReport& c : more.changes)
      report_.execution.changes.push_back(std::move(c));
    report_.execution.writes += more.writes;
    if (!more.status.ok()) {
      report_.execution.status = more.status;
      return Fail(more.status);
    }
  }
  report_.waiting = report_.plan.waiting;
}

}  // namespace renumber
