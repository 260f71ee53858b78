#include "src/engine/fake_adapter.h"

#include "src/http/pacing.h"

namespace renumber {
namespace {

using json = nlohmann::json;

class FakeAdapter : public Adapter {
 public:
  FakeAdapter(std::shared_ptr<FakeVendorState> s, std::string customer)
      : s_(std::move(s)), customer_(std::move(customer)) {}

  Capabilities capabilities() const override {
    std::lock_guard<std::mutex> l(s_->mu);
    Capabilities caps;
    caps.origin_probes = s_->accounts[customer_].gated;
    return caps;
  }

  Result<Discovery> Discover(const Target&) override {
    std::lock_guard<std::mutex> l(s_->mu);
    const auto& a = s_->accounts[customer_];
    Discovery d;
    if (a.old_ref && !a.new_ref)
      d.state = AccountState::kNotStarted;
    else if (a.old_ref && a.new_ref && !a.new_primary)
      d.state =
          a.stale ? AccountState::kPreparedStale : AccountState::kPrepared;
    else if (!a.old_ref && a.new_ref && a.new_primary)
      d.state = AccountState::kCutOver;
    else if (!a.old_ref && !a.new_ref)
      d.state = AccountState::kMissing;
    else
      d.state = AccountState::kPartial;
    if (a.old_ref)
      d.findings.push_back({Finding::Kind::kOldReference,
                            "route old",
                            {"old route", "旧ルート"}});
    return d;
  }

  Result<Plan> PlanPhase(Phase phase, const Discovery&,
                         const PhaseContext& ctx) override {
    std::lock_guard<std::mutex> l(s_->mu);
    const auto& a = s_->accounts[customer_];
    Plan p;
    p.phase = phase;
    auto add = [&](const char* kind, bool removes) {
      p.changes.push_back({customer_ + ":" + kind,
                           kind,
                           {kind, kind},
                           json{{"k", kind}},
                           removes});
    };
    switch (phase) {
      case Phase::kPrepare:
        if (!a.old_ref && !a.new_ref) break;
        if (!a.new_ref) add("add-new", false);
        break;
      case Phase::kCutover:
        if (!a.new_ref) {
          p.projected = true;
          add("promote-new", false);
          add("remove-old", true);
          break;
        }
        if (a.gated && ctx.gate.is_object() &&
            !ctx.gate.value("ready", false)) {
          p.waiting.push_back({customer_ + ": the new side is not ready",
                               customer_ + ": 新しい側の準備ができていません"});
          break;
        }
        if (!a.new_primary) add("promote-new", false);
        if (a.old_ref) add("remove-old", true);
        break;
      case Phase::kRollbackPrepare:
        for (const auto& h : ctx.history)
          if (h["change"]["kind"] == "add-new" && a.new_ref)
            add("remove-new", false);
        break;
      case Phase::kRollbackCutover:
        if (!a.old_ref) add("restore-old", false);
        if (a.new_primary) add("demote-new", false);
        break;
    }
    return p;
  }

  Result<ApplyOutcome> Apply(const Change& c, const PhaseContext&) override {
    std::lock_guard<std::mutex> l(s_->mu);
    if (s_->fail_changes.erase(c.id))
      return Status::Unavailable("POST /fake: 503 injected");
    auto& a = s_->accounts[customer_];
    if (a.paused)
      return PausedStatus(Timestamp::FromUnixSeconds(1796003600),
                          std::chrono::minutes(55))
          .Annotate(customer_ + ": POST /fake");
    if (c.kind == "add-new") a.new_ref = true;
    if (c.kind == "promote-new") {
      if (!a.new_verifies) return Status::PreconditionFailed("check FAIL");
      a.new_primary = true;
    }
    if (c.kind == "remove-old") {
      if (!a.new_primary)
        return Status::PreconditionFailed("replacement not primary");
      a.old_ref = false;
    }
    if (c.kind == "remove-new") a.new_ref = false;
    if (c.kind == "restore-old") a.old_ref = true;
    if (c.kind == "demote-new") a.new_primary = false;
    ++a.writes;
    ++s_->total_writes;
    return ApplyOutcome{true, 1, json{{"did", c.kind}}};
  }

  Result<VerifyReport> Verify(const Target& t,
                              const VerifyOptions& o) override {
    RN_ASSIGN_OR_RETURN(Discovery d, Discover(t));
    std::lock_guard<std::mutex> l(s_->mu);
    auto& a = s_->accounts[customer_];
    ++a.verifies;
    a.records_seen = o.records;
    VerifyReport v;
    v.state = d.state;
    v.checks.push_back({"fake.check new", a.new_verifies, {}});
    v.new_side_verified = a.new_ref && a.new_verifies;
    if (a.gated) {
      const bool ready = a.polls_until_ready <= 0;
      if (a.polls_until_ready > 0) --a.polls_until_ready;
      v.gate = {{"ready", ready}};
      v.new_side_verified = false;
    }
    if (!a.observation.empty())
      v.record = json::array({{{"seen", a.observation}}});
    return v;
  }

 private:
  std::shared_ptr<FakeVendorState> s_;
  std::string customer_;
};

}  // namespace

std::unique_ptr<Adapter> NewFakeAdapter(std::shared_ptr<FakeVendorState> s,
                                        const std::string& customer) {
  return std::make_unique<FakeAdapter>(std::move(s), customer);
}

}  // namespace renumber
