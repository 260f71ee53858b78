#include "adapters/cdn/cdn_plan.h"

#include "adapters/cdn/cdn_history.h"
#include "adapters/cdn/cdn_steps.h"
#include "adapters/cdn/cdn_text.h"

namespace renumber::cdn {
namespace {

Change MakeChange(std::string id, std::string kind, nlohmann::json params,
                  bool removes = false) {
  Change c;
  c.id = std::move(id);
  c.kind = std::move(kind);
  c.description = DescribeChange(c.kind, params);
  c.params = std::move(params);
  c.removes_reference = removes;
  return c;
}

nlohmann::json BaseParams(const ServiceSnapshot& s) {
  return {
      {"service_id", s.id}, {"service", s.label()}, {"service_name", s.name}};
}

const char* PhaseWord(Phase p) {
  return p == Phase::kPrepare ? "prepare" : "cutover";
}

void AddServicePlan(Phase phase, const ServiceSnapshot& s,
                    const ServiceSteps& steps, Plan* plan) {
  nlohmann::json base = BaseParams(s);
  nlohmann::json clone = base;
  clone["from_version"] = s.details.active;
  clone["known_latest"] = s.details.Latest();
  clone["phase"] = PhaseWord(phase);
  plan->changes.push_back(MakeChange(s.id + "/clone", "clone-version", clone));
  for (const Step& step : steps.steps) {
    nlohmann::json p = base;
    p.update(step.params);
    plan->changes.push_back(MakeChange(s.id + "/" + step.key, step.kind, p,
                                       step.removes_reference));
  }
  nlohmann::json activate = base;
  activate["from_version"] = s.details.active;
  activate["phase"] = PhaseWord(phase);
  plan->changes.push_back(
      MakeChange(s.id + "/activate", "activate-version", activate));
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

Result<Plan> PlanForward(Phase phase,
                         const std::vector<ServiceSnapshot>& services,
                         const Target& target, const std::string& account) {
  Plan plan;
  plan.phase = phase;
  const Addresses a{target.old_ip, target.new_ip};
  for (const ServiceSnapshot& s : services) {
    if (s.details.active == 0) continue;
    auto steps = phase == Phase::kPrepare
                     ? PrepareSteps(s.active_config, a, s.name)
                     : CutoverSteps(s.active_config, a);
    if (!steps.ok())
      return Status(
          steps.status().code(),
          account + ": service " + s.label() + ": " + steps.status().message(),
          account + ": サービス " + s.label() + ": " +
              steps.status().Message(true));
    if (steps->steps.empty()) continue;
    if (!steps->unprepared.empty()) {
      plan.projected = true;
      const std::string olds = Join(steps->unprepared);
      plan.notes.push_back(
          {s.label() + ": origin servers " + olds +
               " have no complete twin yet; this cut over is a projection "
               "(run prepare first)",
           s.label() + ": オリジンサーバー " + olds +
               " の新 IP 側がまだ揃っていません。この切替は見込みです"
               "（先に事前設定を実行してください）"});
    }
    AddServicePlan(phase, s, *steps, &plan);
  }
  if (plan.changes.empty())
    plan.notes.push_back(
        {"Nothing to change on the CDN services for this "
         "phase",
         "このフェーズで CDN サービスに変更はありません"});
  return plan;
}

Result<Plan> PlanRollback(Phase phase,
                          const std::vector<ServiceSnapshot>& services,
                          const PhaseContext& ctx, const std::string& account) {
  Plan plan;
  plan.phase = phase;
  const std::string undoes =
      phase == Phase::kRollbackPrepare ? "prepare" : "cutover";
  for (const ServiceHistory& h : ReadHistory(ctx.history)) {
    int prev = h.first_previous_active, ours = h.activated;
    if (!h.activate_done && h.activate_intent && h.draft > 0) {
      // The last switch may have happened: its draft may be live.
      if (prev == 0) prev = h.cloned_from;
      ours = h.draft;
    }
    const ServiceSnapshot* live = nullptr;
    for (const auto& s : services)
      if (s.id == h.sid) live = &s;
    const std::string label = live ? live->label() : h.sid;
    if (prev == 0 || ours == 0) {
      plan.notes.push_back(
          {label + ": " + undoes + " activated no version; nothing to undo",
           label + ": " + undoes +
               " では有効化したバージョンがないため、"
               "切り戻し不要です"});
      continue;
    }
    if (!live)
      return Status::NotFound(account + ": service " + h.sid +
                                  " of the journal is no longer listed",
                              account + ": ジャーナルにあるサービス " + h.sid +
                                  " が一覧にもうありません");
    const int now = live->details.active;
    if (now == prev) continue;  // already back
    if (h.foreign_between != 0 && !ctx.force)
      return Status::PreconditionFailed(
          account + ": service " + label + ": version " +
              std::to_string(h.foreign_between) +
              " was activated by someone else between two " + undoes +
              " runs; rolling back to version " + std::to_string(prev) +
              " would discard it: use --force to do it anyway",
          account + ": サービス " + label + ": 2 回の " + undoes +
              " の間に、ほかの人がバージョン " +
              std::to_string(h.foreign_between) +
              " を有効化しています。バージョン " + std::to_string(prev) +
              " に切り戻すとその変更が失われます。それでも行う場合は --force "
              "を指定してください");
    if (now != ours && !ctx.force)
      return Status::PreconditionFailed(
          account + ": service " + label + ": active version is " +
              std::to_string(now) + ", not version " + std::to_string(ours) +
              " that " + undoes +
              " activated (someone activated another version since); rolling "
              "back to version " +
              std::to_string(prev) +
              " would discard it: use --force to do it anyway",
          account + ": サービス " + label + ": 有効なバージョンが " + undoes +
              " で有効化した " + std::to_string(ours) + " ではなく " +
              std::to_string(now) +
              " です（その後にほかのバージョンが有効化されています）。バージョ"
              "ン " +
              std::to_string(prev) +
              " に切り戻すとその変更が失われます。それでも行う場合は --force "
              "を指定してください");
    nlohmann::json p = {{"service_id", h.sid}, {"service", label},
                        {"version", prev},     {"expect_active", ours},
                        {"live_active", now},  {"undoes", undoes}};
    plan.changes.push_back(
        MakeChange(h.sid + "/reactivate", "reactivate-version", p));
  }
  if (plan.changes.empty())
    plan.notes.push_back({"Nothing to roll back on the CDN services",
                          "CDN サービスで切り戻すものはありません"});
  return plan;
}

}  // namespace renumber::cdn
