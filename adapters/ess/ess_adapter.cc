// The ESS adapter: NewEssAdapter (adapters/registry.h) and the Adapter that
// joins the snapshot reader, the classifier, the planners, the applier and
// the verifier. Contract in adapters/adapter.h; the ESS rules in README.md.
#include <memory>

#include "adapters/ess/ess_apply.h"
#include "adapters/ess/ess_client.h"
#include "adapters/ess/ess_discover.h"
#include "adapters/ess/ess_plan.h"
#include "adapters/ess/ess_read.h"
#include "adapters/ess/ess_verify.h"
#include "adapters/registry.h"

namespace renumber {
namespace {

class EssAdapter : public Adapter {
 public:
  EssAdapter(const Credentials& credentials, const AdapterDeps& deps)
      : deps_(deps),
        client_(deps.transport, credentials.api_base,
                credentials.account.ToString(), credentials.field("username"),
                credentials.secret("password")) {}

  Capabilities capabilities() const override {
    Capabilities c;
    c.optimistic_locking = true;
    c.vendor_delivery_check = true;
    return c;
  }

  Result<Discovery> Discover(const Target& target) override {
    RN_ASSIGN_OR_RETURN(ess::Snapshot s, ess::ReadSnapshot(&client_));
    ess::Classification c = ess::Classify(s, target, deps_.resolver);
    Discovery d;
    d.state = c.state;
    d.findings = std::move(c.findings);
    d.domains = s.domains;
    d.snapshot = MakeSnapshot(std::move(s));
    return d;
  }

  Result<Plan> PlanPhase(Phase phase, const Discovery& discovery,
                         const PhaseContext& ctx) override {
    const ess::Snapshot* s = SnapshotOf<ess::Snapshot>(discovery);
    if (!s)
      return Status::Internal("not an ESS discovery snapshot",
                              "ESS の読み取り結果がありません（内部エラー）")
          .Annotate(client_.account());
    switch (phase) {
      case Phase::kPrepare:
        return ess::PlanPrepare(*s, ctx.target);
      case Phase::kCutover:
        return ess::PlanCutover(*s, ctx.target, deps_.clock->Now());
      case Phase::kRollbackPrepare:
        return ess::PlanRollbackPrepare(*s, ctx);
      case Phase::kRollbackCutover:
        return ess::PlanRollbackCutover(*s, ctx);
    }
    return Status::Internal("ESS adapter: unknown phase",
                            "ESS: 不明な工程です（内部エラー）");
  }

  Result<ApplyOutcome> Apply(const Change& change,
                             const PhaseContext& ctx) override {
    return ess::ApplyChange(&client_, deps_.clock, change, ctx.target);
  }

  Result<VerifyReport> Verify(const Target& target,
                              const VerifyOptions& options) override {
    return ess::VerifyAccount(&client_, deps_.clock, deps_.resolver,
                              deps_.smtp_prober, target, options.run_checks);
  }

 private:
  AdapterDeps deps_;
  ess::EssClient client_;
};

}  // namespace

Result<std::unique_ptr<Adapter>> NewEssAdapter(const Credentials& credentials,
                                               const AdapterDeps& deps) {
  const std::string who = credentials.account.ToString();
  if (!deps.transport || !deps.clock || !deps.resolver)
    return Status::Internal(
        who + ": ESS adapter dependencies are missing",
        who + ": ESS の処理に必要な準備ができていません（内部エラー）");
  if (credentials.account.service != Service("ess"))
    return Status::InvalidArgument(who + ": not an ESS account",
                                   who + ": ESS のアカウントではありません");
  if (credentials.api_base.empty())
    return Status::InvalidArgument(who + ": api_base is missing",
                                   who + ": api_base がありません");
  if (credentials.field("username").empty() ||
      credentials.secret("password").empty())
    return Status::InvalidArgument(
        who + ": ESS needs a username and a password",
        who + ": ESS にはユーザー名とパスワードが必要です");
  return std::unique_ptr<Adapter>(new EssAdapter(credentials, deps));
}

}  // namespace renumber
