// The toy vendor's service, adapter and registration (toy_vendor.h). The
// contract it speaks is in toy_simulator.h; prepare adds the new address,
// cutover removes the old one once the new one is there.
#include <algorithm>
#include <mutex>

#include "tests/toy_vendor/toy_vendor.h"

namespace renumber {
namespace {

using json = nlohmann::json;

bool Has(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// What Discover read, for PlanPhase and Verify.
struct ToyState {
  bool has_old = false;
  bool has_new = false;
};

class ToyAdapter : public Adapter {
 public:
  ToyAdapter(const Credentials& c, const AdapterDeps& deps)
      : transport_(deps.transport),
        url_(c.api_base + "/accounts/" + c.account.customer + "/targets"),
        who_(c.account.ToString()),
        login_(c.field("login")),
        key_(c.secret("key")) {}

  Capabilities capabilities() const override { return {}; }

  Result<Discovery> Discover(const Target& target) override {
    RN_ASSIGN_OR_RETURN(std::vector<std::string> targets, Read());
    const std::string old_ip = target.old_ip.ToString();
    const std::string new_ip = target.new_ip.ToString();
    bool has_old = Has(targets, old_ip), has_new = Has(targets, new_ip);
    Discovery d;
    d.state = has_old && has_new ? AccountState::kPrepared
              : has_old          ? AccountState::kNotStarted
              : has_new          ? AccountState::kCutOver
                                 : AccountState::kMissing;
    if (has_old)
      d.findings.push_back(
          {Finding::Kind::kOldReference,
           "target " + old_ip,
           {"old target " + old_ip, "旧ターゲット " + old_ip}});
    if (has_new)
      d.findings.push_back(
          {Finding::Kind::kNewReference,
           "target " + new_ip,
           {"new target " + new_ip, "新ターゲット " + new_ip}});
    d.snapshot = MakeSnapshot(ToyState{has_old, has_new});
    return d;
  }

  Result<Plan> PlanPhase(Phase phase, const Discovery& discovery,
                         const PhaseContext& context) override {
    const ToyState* state = SnapshotOf<ToyState>(discovery);
    if (state == nullptr)
      return Status::Internal(
          who_ + ": no toy snapshot to plan from",
          who_ + ": 計画の元になる読み取り結果がありません");
    const bool has_old = state->has_old, has_new = state->has_new;
    const std::string old_ip = context.target.old_ip.ToString();
    const std::string new_ip = context.target.new_ip.ToString();
    Plan plan;
    plan.phase = phase;
    switch (phase) {
      case Phase::kPrepare:
        if (!has_new) plan.changes.push_back(Add(new_ip));
        break;
      case Phase::kCutover:
        if (!has_new) plan.changes.push_back(Add(new_ip));
        if (has_old) plan.changes.push_back(Remove(old_ip));
        break;
      case Phase::kRollbackPrepare:
        if (has_old && has_new) plan.changes.push_back(Remove(new_ip));
        break;
      case Phase::kRollbackCutover:
        if (!has_old) plan.changes.push_back(Add(old_ip));
        break;
    }
    return plan;
  }

  Result<ApplyOutcome> Apply(const Change& change,
                             const PhaseContext&) override {
    const std::string address = change.params.value("address", "");
    RN_ASSIGN_OR_RETURN(std::vector<std::string> targets, Read());
    ApplyOutcome out;
    if (change.kind == "add-target") {
      if (Has(targets, address)) return out;  // already there
      targets.push_back(address);
    } else if (change.kind == "remove-target") {
      if (!Has(targets, address)) return out;  // already gone
      targets.erase(std::find(targets.begin(), targets.end(), address));
      if (targets.empty())
        return Status::PreconditionFailed(
            who_ + ": removing " + address + " would leave no target",
            who_ + ": " + address + " を外すとターゲットがなくなります");
    } else {
      return Status::InvalidArgument(who_ + ": unknown change " + change.kind,
                                     who_ + ": 不明な変更 " + change.kind);
    }
    RN_RETURN_IF_ERROR(Write(targets));
    out.wrote = true;
    out.writes = 1;
    out.result = {{"targets", targets}};
    return out;
  }

  Result<VerifyReport> Verify(const Target& target,
                              const VerifyOptions&) override {
    RN_ASSIGN_OR_RETURN(Discovery d, Discover(target));
    VerifyReport v;
    v.state = d.state;
    v.findings = d.findings;
    Check check;
    check.name = "toy.target " + target.new_ip.ToString();
    check.ok = SnapshotOf<ToyState>(d)->has_new;
    check.detail =
        check.ok ? Text{"present", "あります"} : Text{"missing", "ありません"};
    v.checks.push_back(check);
    v.new_side_verified = check.ok;
    return v;
  }

 private:
  static Change Add(const std::string& address) {
    return {"add-" + address,
            "add-target",
            {"add target " + address, "ターゲット " + address + " を追加"},
            {{"address", address}},
            false};
  }
  static Change Remove(const std::string& address) {
    return {"remove-" + address,
            "remove-target",
            {"remove target " + address, "ターゲット " + address + " を削除"},
            {{"address", address}},
            true};
  }

  Result<HttpResponse> Send(const std::string& method, std::string body) {
    HttpRequest r;
    r.method = method;
    r.url = url_;
    r.headers.Set("X-Toy-Login", login_);
    r.headers.Set("X-Toy-Key", key_.reveal());
    r.body = std::move(body);
    RN_ASSIGN_OR_RETURN(HttpResponse response, transport_->Send(r));
    if (response.status == 401)
      return Status::Unauthorized(who_ + ": " + method + " targets: 401",
                                  who_ + ": " + method + " targets: 401");
    if (response.status != 200)
      return Status::Unavailable(
          who_ + ": " + method + " targets: " + std::to_string(response.status),
          who_ + ": " + method +
              " targets: " + std::to_string(response.status));
    return response;
  }

  Result<std::vector<std::string>> Read() {
    RN_ASSIGN_OR_RETURN(HttpResponse r, Send("GET", ""));
    json body = json::parse(r.body, nullptr, false);
    if (!body.is_object() || !body.contains("targets") ||
        !body["targets"].is_array())
      return Status::Internal(who_ + ": GET targets: unexpected body",
                              who_ + ": GET targets: 想定外の応答です");
    std::vector<std::string> out;
    for (const json& t : body["targets"])
      if (t.is_string()) out.push_back(t.get<std::string>());
    return out;
  }

  Status Write(const std::vector<std::string>& targets) {
    return Send("PUT", json{{"targets", targets}}.dump()).status();
  }

  HttpTransport* transport_;
  std::string url_, who_, login_;
  Secret key_;
};

}  // namespace

ServiceSpec ToyServiceSpec() {
  return {"toy",
          {{"login", /*secret=*/false, /*required=*/true, ""},
           {"key", /*secret=*/true, /*required=*/true, "vault.prompt_token"}},
          DomainUse::kWeb};
}

Result<std::unique_ptr<Adapter>> NewToyAdapter(const Credentials& credentials,
                                               const AdapterDeps& deps) {
  const std::string who = credentials.account.ToString();
  if (credentials.account.service.name() != "toy")
    return Status::InvalidArgument(who + ": not a toy account",
                                   who + ": toy のアカウントではありません");
  if (credentials.field("login").empty() || credentials.secret("key").empty())
    return Status::InvalidArgument(who + ": toy needs a login and a key",
                                   who + ": toy には login と key が必要です");
  return std::unique_ptr<Adapter>(new ToyAdapter(credentials, deps));
}

Status RegisterToyVendor() {
  static const Status* status =
      new Status(RegisterVendor(ToyServiceSpec(), NewToyAdapter));
  return *status;
}

}  // namespace renumber
