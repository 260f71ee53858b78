#include "adapters/cdn/cdn_plan.h"

#include "adapters/cdn/cdn_changes.h"
#include "adapters/cdn/cdn_history.h"
#include "adapters/cdn/cdn_state.h"
#include "adapters/cdn/cdn_text.h"

namespace renumber::cdn {
namespace {

using nlohmann::json;

json BaseParams(const ServiceSnapshot& s) {
  return {
      {"service_id", s.id}, {"service", s.label()}, {"service_name", s.name}};
}

const char* PhaseWord(Phase p) {
  return p == Phase::kPrepare ? "prepare" : "cutover";
}

// The prepare steps of one service (also the first part of a cut over that
// must build its switch again).
void StageSteps(Phase phase, const ServiceSnapshot& s, const ServiceView& v,
                const Addresses& a, Plan* plan) {
  const json base = BaseParams(s);
  std::vector<std::string> to_move = v.old_backends;
  if (!v.staged_usable) {
    json clone = base;
    clone["from_version"] = s.details.active;
    clone["known_latest"] = s.details.Latest();
    clone["phase"] = PhaseWord(phase);
    plan->changes.push_back(
        MakeChange(s.id + "/clone", ChangeKind::kCloneVersion, clone));
    json label = base;
    label["base"] = s.details.active;
    label["old_ip"] = a.old_ip.ToString();
    label["new_ip"] = a.new_ip.ToString();
    plan->changes.push_back(
        MakeChange(s.id + "/label", ChangeKind::kLabelStaged, label));
  } else {
    to_move = v.unstaged;
    for (size_t i = 1; i < s.staged.size(); ++i) {  // leftovers
      json p = base;
      p["version"] = s.staged[i].number;
      p["by"] = s.staged.front().number;
      plan->changes.push_back(
          MakeChange(s.id + "/supersede/" + std::to_string(s.staged[i].number),
                     ChangeKind::kSupersedeStaged, p));
    }
  }
  for (const std::string& name : to_move) {
    const Backend* b = s.active.FindBackend(name);
    json p = base;
    p["backend"] = name;
    p["old_address"] = b ? b->address : a.old_ip.ToString();
    p["new_ip"] = a.new_ip.ToString();
    p["base"] = s.details.active;
    plan->changes.push_back(
        MakeChange(s.id + "/address/" + name, ChangeKind::kSetAddress, p));
  }
  json validate = base;
  validate["base"] = s.details.active;
  plan->changes.push_back(
      MakeChange(s.id + "/validate", ChangeKind::kValidateStaged, validate));
}

// Is the cut-over gate open for `s`? Sets *why when it is not.
bool GateOpen(const json& gate, const ServiceSnapshot& s, Text* why) {
  if (!gate.is_object()) return true;  // no gate: plan everything
  const json services = gate.value("services", json::object());
  auto it = services.find(s.id);
  if (it == services.end() || !it->is_object()) {
    *why = {s.label() + ": the new origin was not probed",
            s.label() + ": 新しいオリジンサーバーを確認できていません"};
    return false;
  }
  if (it->value("ready", false)) return true;
  // The reason names the service and the backend already.
  *why = {it->value("why", s.label() + ": not ready"),
          it->value("why_ja", s.label() + ": 準備中です")};
  return false;
}

void HiddenNotes(const ServiceSnapshot& s, const ServiceView& v, Plan* plan) {
  for (const HiddenOrigin& h : v.hidden)
    plan->notes.push_back(HiddenOriginText(s.label(), h.where));
}

}  // namespace

Result<Plan> PlanForward(Phase phase,
                         const std::vector<ServiceSnapshot>& services,
                         const PhaseContext& ctx, const std::string& account) {
  (void)account;
  Plan plan;
  plan.phase = phase;
  const Addresses a{ctx.target.old_ip, ctx.target.new_ip};
  std::vector<ServiceView> views;
  for (const ServiceSnapshot& s : services) views.push_back(ViewService(s, a));
  const AccountState account_state = CombineStates(views);
  bool anything = false;
  for (size_t i = 0; i < services.size(); ++i) {
    const ServiceSnapshot& s = services[i];
    const ServiceView& v = views[i];
    HiddenNotes(s, v, &plan);
    anything = anything || v.state != ServiceState::kNone;
    switch (v.state) {
      case ServiceState::kNone:
      case ServiceState::kCutOver:
        break;
      case ServiceState::kPrepared:
        if (phase == Phase::kPrepare) break;
        [[fallthrough]];
      case ServiceState::kNotStarted:
      case ServiceState::kPreparedStale:
      case ServiceState::kPartial: {
        if (phase == Phase::kPrepare) {
          StageSteps(phase, s, v, a, &plan);
          break;
        }
        Text why;
        if (!GateOpen(ctx.gate, s, &why)) {
          plan.waiting.push_back(why);
          break;
        }
        // A not-started account's cut over is a projection of what it will
        // be after prepare: one switch per service.
        if (v.state != ServiceState::kPrepared &&
            account_state != AccountState::kNotStarted)
          StageSteps(phase, s, v, a, &plan);
        json activate = BaseParams(s);
        activate["base"] = s.details.active;
        activate["staged"] =
            v.state == ServiceState::kPrepared ? s.staged.front().number : 0;
        activate["old_ip"] = a.old_ip.ToString();
        activate["new_ip"] = a.new_ip.ToString();
        plan.changes.push_back(MakeChange(
            s.id + "/activate", ChangeKind::kActivateStaged, activate));
        break;
      }
    }
  }
  if (phase == Phase::kCutover && account_state == AccountState::kNotStarted &&
      !plan.changes.empty()) {
    plan.projected = true;
    plan.notes.push_back(ProjectedCutoverText());
  }
  if (!anything && phase == Phase::kPrepare && !plan.notes.empty())
    return Status::PreconditionFailed(
        "the old IP is only in hidden origins (custom VCL, snippets, pools "
        "or Compute services): manual work; renumber changes nothing",
        "旧 IP は隠れたオリジンサーバー（カスタム VCL、スニペット、プール、"
        "Compute サービス）にしかありません。手作業での変更が必要です"
        "（本ツールは何も変更しません）");
  if (plan.changes.empty() && plan.waiting.empty())
    plan.notes.push_back(NothingToChangeText());
  return plan;
}

namespace {

// The cutover was interrupted (journaled as an intent only) and the live
// version, at the new IP and no longer at the old one, is neither ours by
// the journal nor by its tag:
// someone else activated it during the cutover. There is no version to
// return to, with or without force.
Status NoVersionToReturnTo(const std::string& account,
                           const ServiceSnapshot& s) {
  const std::string v = std::to_string(s.details.active);
  return Status::PreconditionFailed(
      account + ": service " + s.label() + ": the active version " + v +
          " sends traffic to the new IP, but neither the journal nor its "
          "comment says which version our interrupted cutover replaced "
          "(someone else activated it during the cutover); --force cannot "
          "help: activate the version to return to in the console",
      account + ": サービス " + s.label() + ": 有効バージョン " + v +
          " は新 IP "
          "に通信を送っていますが、中断した切替がどのバージョンを置き換えたかは"
          "ジャーナルにもバージョンのコメントにもありません（切替中にほかの方が"
          "有効化"
          "しました）。--force "
          "でも切り戻せません。戻すバージョンを管理画面で有効化"
          "してください");
}

}  // namespace

Result<Plan> PlanRollback(Phase phase,
                          const std::vector<ServiceSnapshot>& services,
                          const PhaseContext& ctx, const std::string& account) {
  Plan plan;
  plan.phase = phase;
  const auto history = ReadHistory(ctx.history);
  for (const ServiceSnapshot& s : services) {
    if (s.details.active == 0) continue;
    const json base = BaseParams(s);
    const std::optional<Mark> live_mark = s.ActiveMark();
    if (phase == Phase::kRollbackPrepare) {
      // Live traffic already goes to the new IP — by our switch, or by a
      // version someone activated on top of it (a clone of our switch
      // carries its tag too, so the tag cannot tell them apart here):
      // undoing the staged draft cannot help; the cutover has to be rolled
      // back first.
      const bool ours_live =
          live_mark && live_mark->For(ctx.target.old_ip, ctx.target.new_ip);
      const ServiceView view =
          ViewService(s, Addresses{ctx.target.old_ip, ctx.target.new_ip});
      if (ours_live || !view.new_backends.empty())
        return Status::PreconditionFailed(
            account + ": service " + s.label() + ": the active version " +
                std::to_string(s.details.active) +
                " sends traffic to the new IP (cut over): roll back the "
                "cutover first (renumber rollback --phase cutover)",
            account + ": サービス " + s.label() + ": 有効バージョン " +
                std::to_string(s.details.active) +
                " は新 IP に通信を送っています（切替済み）。"
                "先に切替を切り戻してください"
                "（renumber rollback --phase cutover）");
      for (const StagedVersion& st : s.staged) {
        json p = base;
        p["version"] = st.number;
        plan.changes.push_back(
            MakeChange(s.id + "/abandon/" + std::to_string(st.number),
                       ChangeKind::kAbandonStaged, p));
      }
      continue;
    }
    const ServiceHistory* h = FindHistory(history, s.id);
    if (!h || !h->activate_intent) continue;
    int previous = h->first_previous_active;
    int ours = h->activated;
    // A switch journaled as an intent only: the live version's tag says
    // whether it is ours and what it replaced.
    if (live_mark && live_mark->For(ctx.target.old_ip, ctx.target.new_ip)) {
      if (previous == 0) previous = live_mark->base;
      if (ours == 0) ours = s.details.active;
    }
    // (A live version with old backends too was never switched: partial
    // before the cutover, which stopped before its activation.)
    if (previous == 0 &&
        ViewService(s, Addresses{ctx.target.old_ip, ctx.target.new_ip}).state ==
            ServiceState::kCutOver)
      return NoVersionToReturnTo(account, s);
    if (previous == 0 || s.details.active == previous) continue;
    const bool ours_live = s.details.active == ours;
    if ((!ours_live || h->foreign_between) && !ctx.force) {
      const Text what =
          !ours_live
              ? Text{"version " + std::to_string(s.details.active) +
                         " is active: someone activated it after our "
                         "cutover switched to version " +
                         std::to_string(ours),
                     "バージョン " + std::to_string(s.details.active) +
                         " が有効です。本ツールの切替でバージョン " +
                         std::to_string(ours) +
                         " に切り替えた後に、ほかの方が有効化しました"}
              : Text{"version " + std::to_string(h->foreign_between) +
                         " was activated by someone else between two of "
                         "our switches",
                     "バージョン " + std::to_string(h->foreign_between) +
                         " が、本ツールによる 2 回の切替の間にほかの方によって"
                         "有効化されました"};
      return Status::PreconditionFailed(
          account + ": service " + s.label() + ": " + what.en +
              "; not rolling back to version " + std::to_string(previous) +
              " without --force",
          account + ": サービス " + s.label() + ": " + what.ja +
              "。--force を指定しない限り、バージョン " +
              std::to_string(previous) + " には切り戻しません");
    }
    json p = base;
    p["version"] = previous;
    p["expect_active"] = s.details.active;
    p["live_active"] = s.details.active;
    p["ours"] = ours;  // our switch: restaged from it, never from theirs
    p["undoes"] = "cutover";
    plan.changes.push_back(
        MakeChange(s.id + "/reactivate", ChangeKind::kReactivateVersion, p));
  }
  if (plan.changes.empty()) plan.notes.push_back(NothingToChangeText());
  return plan;
}

}  // namespace renumber::cdn
