#include "adapters/cdn/cdn_finish.h"

#include <set>

#include "adapters/cdn/cdn_read.h"
#include "adapters/cdn/cdn_versions.h"

namespace renumber::cdn {
namespace {

constexpr int kRounds = 3;
constexpr int kConvergePasses = 3;

std::set<int> Locked(const ServiceDetails& d) {
  std::set<int> out;
  for (const auto& v : d.versions)
    if (v.locked || v.active) out.insert(v.number);
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

Result<int> ServicePhase::Converge(const DraftRef& d, Phase phase) {
  const std::string where =
      "service " + d.sid + " draft version " + std::to_string(d.number);
  int applied = 0;
  for (int pass = 0; pass < kConvergePasses; ++pass) {
    RN_ASSIGN_OR_RETURN(auto cfg, ReadConfig(client_, d.sid, d.number));
    auto steps = phase == Phase::kPrepare ? PrepareSteps(cfg, a_, name_)
                                          : CutoverSteps(cfg, a_);
    if (!steps.ok())
      return client_->Error(steps.status().code(), where,
                            steps.status().message());
    if (!steps->unprepared.empty())
      return client_->Error(Code::kPreconditionFailed, where,
                            "old origin server(s) " + Join(steps->unprepared) +
                                " have no complete twin: run prepare first");
    if (steps->steps.empty()) return applied;
    for (const Step& s : steps->steps) {
      RN_RETURN_IF_ERROR(runner_.Run(d, s.kind, s.params).status());
      ++applied;
    }
  }
  return client_->Error(Code::kInternal, where,
                        "does not reach the desired state after " +
                            std::to_string(kConvergePasses) + " passes");
}

Status ServicePhase::CheckRules(const DraftRef& d, Phase phase) {
  const std::string where =
      "service " + d.sid + " draft version " + std::to_string(d.number);
  RN_ASSIGN_OR_RETURN(auto cfg, ReadConfig(client_, d.sid, d.number));
  RN_ASSIGN_OR_RETURN(auto base, ReadConfig(client_, d.sid, d.base));
  auto refuse = [&](const std::string& why) {
    return client_->Error(Code::kPreconditionFailed, where,
                          "not activating: " + why);
  };
  if (cfg.backends.empty()) return refuse("it has no origin server");
  for (const Director& dir : cfg.directors) {
    for (const std::string& b : dir.backends)
      if (!cfg.FindBackend(b))
        return refuse("director " + dir.name + " names missing backend " + b);
    if (!dir.backends.empty()) continue;
    for (const Director& was : base.directors)
      if (was.name == dir.name && !was.backends.empty())
        return refuse("director " + dir.name + " lost all its backends");
  }
  auto steps = phase == Phase::kPrepare ? PrepareSteps(cfg, a_, name_)
                                        : CutoverSteps(cfg, a_);
  if (!steps.ok() || !steps->steps.empty())
    return refuse("the draft is not in the desired state");
  if (phase == Phase::kCutover)
    for (const Backend& b : cfg.backends)
      if (ClassifyAddress(b.address, a_.old_ip, a_.new_ip) == AddressKind::kOld)
        return refuse("backend " + b.name + " is still at the old IP");
  return Status::Ok();
}

Status ServicePhase::Replan(DraftState* draft, int new_base) {
  RN_ASSIGN_OR_RETURN(auto details, ReadDetails(client_, draft->ref.sid));
  RN_ASSIGN_OR_RETURN(auto cloned, CloneVersion(client_, draft->ref.sid,
                                                new_base, details.Latest()));
  for (int v : cloned.appeared) draft->left_behind.push_back(v);
  draft->ref.base = new_base;
  draft->ref.number = cloned.number;
  return Status::Ok();
}

Result<nlohmann::json> ServicePhase::Finish(DraftState* draft, Phase phase) {
  const std::string sid = draft->ref.sid;
  int expect = draft->ref.base;  // what must be active when we activate
  std::vector<int> superseded;
  for (int round = 1; round <= kRounds; ++round) {
    RN_RETURN_IF_ERROR(Converge(draft->ref, phase).status());
    RN_RETURN_IF_ERROR(CheckRules(draft->ref, phase));
    RN_RETURN_IF_ERROR(ValidateVersion(client_, sid, draft->ref.number));
    RN_ASSIGN_OR_RETURN(auto before, ReadDetails(client_, sid));
    if (before.active != draft->ref.number) {
      if (before.active != expect) {  // a concurrent change: not on top of it
        draft->left_behind.push_back(draft->ref.number);
        expect = before.active;
        RN_RETURN_IF_ERROR(Replan(draft, before.active));
        continue;
      }
      RN_RETURN_IF_ERROR(ActivateVersion(client_, sid, draft->ref.number));
    }
    RN_ASSIGN_OR_RETURN(auto after, ReadDetails(client_, sid));
    int newer = after.active != draft->ref.number ? after.active : 0;
    const std::set<int> was_locked = Locked(before);
    for (int v : Locked(after))
      if (!was_locked.count(v) && v != draft->ref.number && v > newer &&
          after.active == draft->ref.number)
        newer = v;  // the customer activated v just before our activation
    if (newer == 0) {
      return nlohmann::json{{"service_id", sid},
                            {"previous_active", draft->ref.base},
                            {"activated", draft->ref.number},
                            {"phase_start_active", draft->phase_start_active},
                            {"left_behind", draft->left_behind},
                            {"superseded", superseded}};
    }
    superseded.push_back(draft->ref.number);
    expect = after.active;
    RN_RETURN_IF_ERROR(Replan(draft, newer));
  }
  return client_->Error(
      Code::kConflict, "service " + sid,
      "the active version kept changing while we worked (" +
          std::to_string(kRounds) + " rounds); last draft version " +
          std::to_string(draft->ref.number) + " was not activated");
}

}  // namespace renumber::cdn
