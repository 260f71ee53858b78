#include "src/engine/executor.h"

#include "src/engine/crash_hook.h"
#include "src/log/log.h"

namespace renumber {
namespace {

using json = nlohmann::json;

class LiveExecutor : public Executor {
 public:
  LiveExecutor(JournalSink* journal, RunInfo run)
      : journal_(journal), run_(std::move(run)) {}
  bool dry_run() const override { return false; }

  ExecutionReport Execute(Adapter& adapter, const Plan& plan,
                          const PhaseContext& ctx,
                          const ChangeDone& done) override {
    ExecutionReport report;
    if (plan.projected) {
      report.status =
          Status::Internal("a projected plan cannot be applied",
                           "見込みの計画は適用できません（内部エラー）");
      return report;
    }
    const AccountKey& account = ctx.target.account;
    for (const Change& change : plan.changes) {
      ChangeReport cr{change, false, false, 0, Status::Ok()};
      json intent = JournalRecord(run_, "intent", account, plan.phase);
      intent["change"] = ChangeToJson(change);
      Status js = journal_->Append(intent);
      if (!js.ok()) {  // never write to a vendor without an intent on disk
        cr.status = js;
        report.changes.push_back(cr);
        report.status = js;
        return report;
      }
      CrashPoint("intent");
      auto outcome = adapter.Apply(change, ctx);
      CrashPoint("write");
      json rec = JournalRecord(run_, "outcome", account, plan.phase);
      rec["change_id"] = change.id;
      rec["ok"] = outcome.ok();
      if (outcome.ok()) {
        rec["wrote"] = outcome->wrote;
        rec["writes"] = outcome->writes;
        rec["result"] = outcome->result;
        cr.applied = true;
        cr.wrote = outcome->wrote;
        cr.writes = outcome->writes;
        report.writes += outcome->writes;
      } else {
        rec["error"] = JournalStatus(outcome.status());
        cr.status = outcome.status();
      }
      Status jo = journal_->Append(rec);
      if (cr.status.ok() && !jo.ok()) cr.status = jo;
      report.changes.push_back(cr);
      if (!cr.status.ok()) {
        report.status = cr.status;
        return report;
      }
      if (done) done(report.changes.size());
    }
    return report;
  }

 private:
  JournalSink* journal_;
  RunInfo run_;
};

class DryRunExecutor : public Executor {
 public:
  bool dry_run() const override { return true; }
  ExecutionReport Execute(Adapter&, const Plan& plan, const PhaseContext&,
                          const ChangeDone&) override {
    ExecutionReport report;
    for (const Change& c : plan.changes)
      report.changes.push_back({c, false, false, 0, Status::Ok()});
    return report;
  }
};

}  // namespace

json JournalStatus(const Status& s) {
  json j = {{"code", CodeName(s.code())},
            {"message", ScrubSecrets(s.message())}};
  if (!s.message_ja().empty()) j["message_ja"] = ScrubSecrets(s.message_ja());
  return j;
}

json JournalRecord(const RunInfo& run, const std::string& type,
                   const AccountKey& account, Phase phase) {
  return {{"type", type},
          {"run", run.run_id},
          {"campaign", run.campaign},
          {"command", run.command},
          {"account", account.ToString()},
          {"phase", PhaseName(phase)},
          {"user", run.user},
          {"operator", run.operator_name}};
}

std::unique_ptr<Executor> NewLiveExecutor(JournalSink* journal, RunInfo run) {
  return std::make_unique<LiveExecutor>(journal, std::move(run));
}

std::unique_ptr<Executor> NewDryRunExecutor() {
  return std::make_unique<DryRunExecutor>();
}

}  // namespace renumber
