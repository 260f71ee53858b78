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
      Refuse(when("engine.before_window"));
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
    Refuse(T("engine.not_ready", PhaseName(report_.phase), StateName(d.state)));
    return Status::Ok();
  }
  RN_ASSIGN_OR_RETURN(VerifyReport v,
                      adapter_->Verify(t, options_.vendor_checks));
  report_.checks = v.checks;
  if (!v.new_side_verified) {
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
  report_.domains = d.domains;
  RN_ASSIGN_OR_RETURN(report_.plan,
                      adapter_->PlanPhase(Phase::kPrepare, d, context_));
  RN_ASSIGN_OR_RETURN(Plan cut,
                      adapter_->PlanPhase(Phase::kCutover, d, context_));
  report_.cutover_plan = std::move(cut);
  bool consistent =
      d.state != AccountState::kPartial && d.state != AccountState::kMissing;
  report_.result =
      consistent ? AccountResult::kOk : AccountResult::kNotExpected;
  return Status::Ok();
}

Status AccountRun::VerifyCommand() {
  RN_ASSIGN_OR_RETURN(VerifyReport v, adapter_->Verify(report_.row.target,
                                                       options_.vendor_checks));
  report_.state_before = v.state;
  report_.state_after = v.state;
  report_.findings = v.findings;
  report_.domains = v.domains;
  report_.checks = v.checks;
  bool ok;
  if (options_.expect.active()) {
    report_.expected =
        options_.expect.For(report_.row.target, deps_.clock->Now());
    ok = std::find(report_.expected.begin(), report_.expected.end(), v.state) !=
         report_.expected.end();
    // The checks are about the new side; before prepare (or after its
    // rollback) there is none to check, and "missing twin" is expected.
    if (v.state != AccountState::kNotStarted)
      for (const Check& c : v.checks) ok = ok && (c.ok || !c.blocking);
  } else {
    ok = v.state != AccountState::kPartial && v.state != AccountState::kMissing;
  }
  report_.result = ok ? AccountResult::kOk : AccountResult::kNotExpected;
  return Status::Ok();
}

}  // namespace renumber
