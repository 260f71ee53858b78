// The ZenlogicCDN adapter (docs/cdn-contract.md revision 2, "How
// renumber moves a CDN service"): NewCdnAdapter and the hidden
// CdnAdapter class. See README.md: one staged switch per service, built
// before the maintenance (nothing live changes) and activated after it,
// once the new origin answers for the site.
#include "adapters/cdn/cdn_apply.h"
#include "adapters/cdn/cdn_client.h"
#include "adapters/cdn/cdn_discover.h"
#include "adapters/cdn/cdn_domains.h"
#include "adapters/cdn/cdn_plan.h"
#include "adapters/cdn/cdn_read.h"
#include "adapters/cdn/cdn_verify.h"
#include "adapters/registry.h"

namespace renumber {
namespace cdn {
namespace {

constexpr char kDefaultBase[] = "https://api.fastly.com";

std::string Param(const Change& c, const char* key) {
  auto it = c.params.find(key);
  return it != c.params.end() && it->is_string() ? it->get<std::string>() : "";
}

class CdnAdapter : public Adapter {
 public:
  CdnAdapter(const Credentials& c, const AdapterDeps& deps)
      : account_(c.account.ToString()),
        client_(deps.transport, account_,
                c.api_base.empty() ? kDefaultBase : c.api_base,
                c.secret("api_token"), deps.clock),
        deps_(deps) {
    client_.SetBeforeWrite([this] { return ShareBudgetWhenLow(); });
  }

  Capabilities capabilities() const override {
    Capabilities caps;
    caps.atomic_activation = true;
    caps.rate_limit_headers = true;
    caps.origin_probes = true;
    return caps;
  }

  Result<Discovery> Discover(const Target& target) override {
    RN_ASSIGN_OR_RETURN(auto services,
                        ReadAccount(&client_, target, deps_.staged_diffs));
    Discovery d = BuildDiscovery(services, target, deps_.resolver);
    if (deps_.list_domains) d.domains = ActiveDomains(services);
    d.snapshot = MakeSnapshot(std::move(services));
    return d;
  }

  Result<Plan> PlanPhase(Phase phase, const Discovery& discovery,
                         const PhaseContext& ctx) override {
    const auto* services = SnapshotOf<std::vector<ServiceSnapshot>>(discovery);
    if (!services)
      return Status::Internal("not a CDN discovery snapshot",
                              "CDN の読み取り結果がありません（内部エラー）")
          .Annotate(account_);
    if (phase == Phase::kPrepare || phase == Phase::kCutover)
      return PlanForward(phase, *services, ctx, account_);
    return PlanRollback(phase, *services, ctx, account_);
  }

  Result<ApplyOutcome> Apply(const Change& change,
                             const PhaseContext& ctx) override {
    if (!applier_)
      applier_ = std::make_unique<ChangeApplier>(&client_, ctx.campaign);
    client_.NewChange();  // each change decides on what it reads now
    const int before = client_.writes();
    Result<nlohmann::json> r = applier_->Apply(change, ctx);
    const int writes = client_.writes() - before;
    if (!r.ok()) {
      if (writes == 0) return r.status();
      const Text draft = applier_->DraftNote(Param(change, "service_id"));
      return Status(r.status().code(),
                    r.status().message() + " [" + std::to_string(writes) +
                        " write(s) made by change " + change.id + draft.en +
                        "]",
                    r.status().Message(true) + "（変更 " + change.id + " で " +
                        std::to_string(writes) + " 件を書き込み済みです" +
                        draft.ja + "）");
    }
    ApplyOutcome out;
    out.writes = writes;
    out.wrote = writes > 0;
    out.result = std::move(*r);
    return out;
  }

  Result<VerifyReport> Verify(const Target& target,
                              const VerifyOptions& options) override {
    return VerifyAccount(&client_, deps_.http_prober, deps_.clock,
                         deps_.resolver, target, options, deps_.list_domains);
  }

 private:
  // The rate limit is per user, and every token of the user spends one
  // budget. While more than kShareBelow writes are left (the answers' own
  // count, which the user's other tokens spend too), this token writes on
  // its own budget; before its first write after the count fell below
  // that, it asks GET /tokens/self once and is paced from then on from its
  // user's budget, shared with the user's other tokens. Up to kShareBelow
  // accounts of one user in flight at once each send at most one write
  // after the count fell below it, so they all join before it runs out.
  static constexpr long long kShareBelow = 100;
  Status ShareBudgetWhenLow() {
    if (user_known_ || !deps_.share_rate_budget) return Status::Ok();
    const std::optional<long long> left = client_.budget_left();
    if (!left || *left >= kShareBelow) return Status::Ok();
    RN_ASSIGN_OR_RETURN(auto self, client_.Get("/tokens/self"));
    user_known_ = true;
    if (self.is_object() && self.contains("user_id") &&
        self["user_id"].is_string())
      deps_.share_rate_budget(self["user_id"].get<std::string>());
    return Status::Ok();
  }

  std::string account_;
  CdnClient client_;
  AdapterDeps deps_;
  std::unique_ptr<ChangeApplier> applier_;
  bool user_known_ = false;
};

}  // namespace
}  // namespace cdn

Result<std::unique_ptr<Adapter>> NewCdnAdapter(const Credentials& credentials,
                                               const AdapterDeps& deps) {
  const std::string account = credentials.account.ToString();
  if (credentials.account.service != Service("cdn"))
    return Status::InvalidArgument(
        account + ": not a CDN account",
        account + ": CDN のアカウントではありません");
  if (credentials.secret("api_token").empty())
    return Status::InvalidArgument(
        account + ": the credentials lack the CDN API token",
        account + ": 認証情報に CDN の API トークンがありません");
  if (!deps.transport)
    return Status::Internal(
        account + ": no HTTP transport for the adapter",
        account + ": CDN との通信に必要な準備ができていません（内部エラー）");
  return std::unique_ptr<Adapter>(
      std::make_unique<cdn::CdnAdapter>(credentials, deps));
}

}  // namespace renumber
