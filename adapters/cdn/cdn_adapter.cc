// The ZenlogicCDN adapter (../shared/vendor-api/cdn.md, "How renumber
// migrates a CDN service"): NewCdnAdapter and the hidden CdnAdapter class.
// See README.md for the conventions (twin names and markers), the writes
// per phase and how lost answers, crashes and concurrent changes are met.
#include <map>

#include "adapters/cdn/cdn_client.h"
#include "adapters/cdn/cdn_discover.h"
#include "adapters/cdn/cdn_domains.h"
#include "adapters/cdn/cdn_finish.h"
#include "adapters/cdn/cdn_history.h"
#include "adapters/cdn/cdn_plan.h"
#include "adapters/cdn/cdn_read.h"
#include "adapters/cdn/cdn_versions.h"
#include "adapters/registry.h"

namespace renumber {
namespace cdn {
namespace {

constexpr char kDefaultBase[] = "https://api.fastly.com";

std::string Param(const Change& c, const char* key) {
  auto it = c.params.find(key);
  return it != c.params.end() && it->is_string() ? it->get<std::string>() : "";
}

int IntParam(const Change& c, const char* key) {
  auto it = c.params.find(key);
  return it != c.params.end() && it->is_number_integer() ? it->get<int>() : 0;
}

class CdnAdapter : public Adapter {
 public:
  CdnAdapter(const Credentials& c, const AdapterDeps& deps)
      : account_(c.account.ToString()),
        client_(deps.transport, account_,
                c.api_base.empty() ? kDefaultBase : c.api_base, c.api_token,
                deps.clock),
        resolver_(deps.resolver),
        list_domains_(deps.list_domains) {}

  Capabilities capabilities() const override {
    Capabilities caps;
    caps.atomic_activation = true;
    caps.rate_limit_headers = true;
    return caps;
  }

  Result<Discovery> Discover(const Target& target) override {
    RN_ASSIGN_OR_RETURN(auto services, ReadAccount(&client_));
    Discovery d = BuildDiscovery(services, target, resolver_);
    if (list_domains_) {
      RN_ASSIGN_OR_RETURN(d.domains, ReadActiveDomains(&client_, services));
    }
    return d;
  }

  Result<Plan> PlanPhase(Phase phase, const Discovery& discovery,
                         const PhaseContext& ctx) override {
    auto services = SnapshotFromJson(discovery.snapshot);
    if (!services.ok()) return services.status().Annotate(account_);
    if (phase == Phase::kPrepare || phase == Phase::kCutover)
      return PlanForward(phase, *services, ctx.target, account_);
    return PlanRollback(phase, *services, ctx, account_);
  }

  Result<ApplyOutcome> Apply(const Change& change,
                             const PhaseContext& ctx) override {
    const int before = client_.writes();
    Result<nlohmann::json> r = ApplyChange(change, ctx);
    const int writes = client_.writes() - before;
    if (!r.ok()) {
      if (writes == 0) return r.status();
      return Status(r.status().code(),
                    r.status().message() + " [" + std::to_string(writes) +
                        " write(s) made by change " + change.id +
                        DraftNote(Param(change, "service_id")) + "]");
    }
    ApplyOutcome out;
    out.writes = writes;
    out.wrote = writes > 0;
    out.result = std::move(*r);
    return out;
  }

  Result<VerifyReport> Verify(const Target& target, bool run_checks) override;

 private:
  Result<nlohmann::json> ApplyChange(const Change& c, const PhaseContext& ctx);
  Result<nlohmann::json> ApplyReactivate(const Change& c,
                                         const PhaseContext& ctx);
  Result<DraftState*> EnsureDraft(const std::string& sid,
                                  const PhaseContext& ctx, bool may_clone);
  bool AdoptFromHistory(const ServiceHistory& h, const ServiceDetails& d,
                        DraftState* ds);
  std::string DraftNote(const std::string& sid) const {
    auto it = drafts_.find(sid);
    if (it == drafts_.end()) return "";
    return "; draft version " + std::to_string(it->second.ref.number) +
           " of service " + sid + " is not active";
  }

  std::string account_;
  CdnClient client_;
  Resolver* resolver_;
  bool list_domains_ = false;
  std::map<std::string, DraftState> drafts_;  // per service, this run
};

Result<nlohmann::json> CdnAdapter::ApplyChange(const Change& c,
                                               const PhaseContext& ctx) {
  const std::string sid = Param(c, "service_id");
  if (sid.empty())
    return Status::InvalidArgument(account_ + ": change " + c.id +
                                   " has no service_id");
  if (c.kind == "reactivate-version") return ApplyReactivate(c, ctx);
  const Addresses a{ctx.target.old_ip, ctx.target.new_ip};
  const bool is_clone = c.kind == "clone-version";
  RN_ASSIGN_OR_RETURN(DraftState * ds, EnsureDraft(sid, ctx, is_clone));
  if (is_clone)
    return nlohmann::json{{"service_id", sid},
                          {"cloned_from", ds->ref.base},
                          {"draft", ds->ref.number},
                          {"left_behind", ds->left_behind}};
  if (c.kind == "activate-version") {
    const std::string phase = Param(c, "phase");
    if (phase != "prepare" && phase != "cutover")
      return Status::InvalidArgument(account_ + ": change " + c.id +
                                     " has no phase");
    ServicePhase sp(&client_, a, Param(c, "service_name"));
    RN_ASSIGN_OR_RETURN(
        auto result,
        sp.Finish(ds, phase == "prepare" ? Phase::kPrepare : Phase::kCutover));
    drafts_.erase(sid);
    return result;
  }
  StepRunner runner(&client_, a);
  RN_ASSIGN_OR_RETURN(auto result, runner.Run(ds->ref, c.kind, c.params));
  result["service_id"] = sid;
  result["draft"] = ds->ref.number;
  return result;
}

bool CdnAdapter::AdoptFromHistory(const ServiceHistory& h,
                                  const ServiceDetails& d, DraftState* ds) {
  auto usable = [&d](int n) {
    const VersionInfo* v = d.Find(n);
    return v && !v->locked && !v->active;
  };
  if (h.draft > 0) {  // the interrupted run journaled its draft
    if (!usable(h.draft)) return false;
    if (d.active == h.cloned_from) {
      ds->ref.base = h.cloned_from;
      ds->ref.number = h.draft;
      return true;
    }
    ds->left_behind.push_back(h.draft);  // cloned from a replaced version
    return false;
  }
  // Intent only: a clone may have happened; its answer was never journaled.
  // Only an untouched copy of the version it cloned can be ours (no step
  // ran after it), never a customer's edited draft.
  auto drafts =
      CopiesAbove(&client_, ds->ref.sid, h.clone_from, h.clone_known_latest);
  if (!drafts.ok() || drafts->empty()) return false;
  if (d.active != h.clone_from) {
    for (int v : *drafts) ds->left_behind.push_back(v);
    return false;
  }
  ds->ref.base = h.clone_from;
  ds->ref.number = drafts->back();
  for (int v : *drafts)
    if (v != ds->ref.number) ds->left_behind.push_back(v);
  return true;
}

Result<DraftState*> CdnAdapter::EnsureDraft(const std::string& sid,
                                            const PhaseContext& ctx,
                                            bool may_clone) {
  auto it = drafts_.find(sid);
  if (it != drafts_.end()) return &it->second;
  RN_ASSIGN_OR_RETURN(auto details, ReadDetails(&client_, sid));
  if (details.active == 0)
    return client_.Error(Code::kPreconditionFailed, "service " + sid,
                         "no active version to clone");
  DraftState ds;
  ds.ref.sid = sid;
  ds.phase_start_active = details.active;
  const auto history = ReadHistory(ctx.history);
  const ServiceHistory* h = FindHistory(history, sid);
  const bool adopted =
      h && h->clone_intent && AdoptFromHistory(*h, details, &ds);
  if (!adopted) {
    if (!may_clone)
      return client_.Error(Code::kPreconditionFailed, "service " + sid,
                           "no draft version in this run: its clone-version "
                           "change must be applied first");
    RN_ASSIGN_OR_RETURN(auto cloned, CloneVersion(&client_, sid, details.active,
                                                  details.Latest()));
    ds.ref.base = details.active;
    ds.ref.number = cloned.number;
    for (int v : cloned.appeared) ds.left_behind.push_back(v);
  }
  return &drafts_.emplace(sid, std::move(ds)).first->second;
}

Result<nlohmann::json> CdnAdapter::ApplyReactivate(const Change& c,
                                                   const PhaseContext& ctx) {
  const std::string sid = Param(c, "service_id");
  const int version = IntParam(c, "version");
  const int expect = IntParam(c, "expect_active");
  if (version <= 0)
    return Status::InvalidArgument(account_ + ": change " + c.id +
                                   " has no version");
  RN_ASSIGN_OR_RETURN(auto details, ReadDetails(&client_, sid));
  if (details.active == version)
    return nlohmann::json{
        {"service_id", sid}, {"present", true}, {"activated", version}};
  if (details.active != expect && !ctx.force)
    return client_.Error(
        Code::kPreconditionFailed, "service " + sid,
        "active version is " + std::to_string(details.active) +
            ", not version " + std::to_string(expect) +
            " that the phase activated; not rolling back to version " +
            std::to_string(version) + " without --force");
  RN_RETURN_IF_ERROR(ActivateVersion(&client_, sid, version));
  return nlohmann::json{{"service_id", sid},
                        {"activated", version},
                        {"replaced", details.active}};
}

Result<VerifyReport> CdnAdapter::Verify(const Target& target, bool run_checks) {
  (void)run_checks;  // validate is a read: always run
  RN_ASSIGN_OR_RETURN(auto services, ReadAccount(&client_));
  Discovery d = BuildDiscovery(services, target, resolver_);
  VerifyReport report;
  report.state = d.state;
  report.findings = d.findings;
  if (list_domains_) {
    RN_ASSIGN_OR_RETURN(report.domains, ReadActiveDomains(&client_, services));
  }
  const Addresses a{target.old_ip, target.new_ip};
  bool all_ok = true;
  // The new side is verified when every service that references either IP
  // is prepared or cut over (an account whose cutover was interrupted
  // between two services is `partial` but each service is whole) and every
  // such active version validates.
  bool every_service_ready = true;
  for (const ServiceSnapshot& s : services) {
    if (s.details.active == 0) continue;
    ServiceState state = ClassifyService(s.active_config, a, s.name);
    if (state == ServiceState::kNone) continue;
    every_service_ready = every_service_ready &&
                          (state == ServiceState::kPrepared ||
                           state == ServiceState::kCutOver);
    const std::string v = std::to_string(s.details.active);
    Status st = ValidateVersion(&client_, s.id, s.details.active);
    all_ok = all_ok && st.ok();
    report.checks.push_back(
        {"cdn.validate " + s.id + " v" + v, st.ok(),
         st.ok() ? Text{s.label() + ": active version " + v + " validates",
                        s.label() + ": 有効バージョン " + v + " の検証に成功"}
                 : Text{st.message(), s.label() + ": 有効バージョン " + v +
                                          " の検証に失敗: " + st.message()}});
  }
  report.new_side_verified =
      all_ok && every_service_ready && !report.checks.empty();
  return report;
}

}  // namespace
}  // namespace cdn

Result<std::unique_ptr<Adapter>> NewCdnAdapter(const Credentials& credentials,
                                               const AdapterDeps& deps) {
  const std::string account = credentials.account.ToString();
  if (credentials.account.service != Service::kCdn)
    return Status::InvalidArgument(account + ": not a CDN account");
  if (credentials.api_token.empty())
    return Status::InvalidArgument(account +
                                   ": the credentials lack the "
                                   "CDN API token");
  if (!deps.transport)
    return Status::Internal(account + ": no HTTP transport for the adapter");
  return std::unique_ptr<Adapter>(
      std::make_unique<cdn::CdnAdapter>(credentials, deps));
}

}  // namespace renumber
