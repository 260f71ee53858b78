#include "adapters/cdn/cdn_apply.h"

#include <algorithm>
#include <set>

#include "adapters/cdn/cdn_changes.h"
#include "adapters/cdn/cdn_history.h"
#include "adapters/cdn/cdn_marker.h"
#include "adapters/cdn/cdn_read.h"
#include "adapters/cdn/cdn_versions.h"
#include "adapters/cdn/cdn_write.h"
#include "adapters/kind_names.h"

namespace renumber::cdn {
namespace {

using nlohmann::json;

constexpr int kRounds = 3;

std::string Param(const Change& c, const char* key) {
  auto it = c.params.find(key);
  return it != c.params.end() && it->is_string() ? it->get<std::string>() : "";
}

int IntParam(const Change& c, const char* key) {
  auto it = c.params.find(key);
  return it != c.params.end() && it->is_number_integer() ? it->get<int>() : 0;
}

// A backend's settings other than where it points and when it changed.
json Settings(const Backend& b) {
  json j = b.raw;
  for (const char* k :
       {"address", "ipv4", "ipv6", "hostname", "version", "service_id",
        "created_at", "updated_at", "deleted_at", "locked"})
    j.erase(k);
  return j;
}

// Why `draft` is not `active` with its old backends at the new IP ("" when
// it is exactly that).
std::string Difference(const std::vector<Backend>& active,
                       const std::vector<Backend>& draft, const Target& t) {
  if (active.size() != draft.size())
    return "it has " + std::to_string(draft.size()) + " backends, not " +
           std::to_string(active.size());
  for (const Backend& a : active) {
    const Backend* d = nullptr;
    for (const Backend& x : draft)
      if (x.name == a.name) d = &x;
    if (!d) return "backend " + a.name + " is missing";
    if (Settings(*d) != Settings(a))
      return "backend " + a.name + " has other settings";
    const AddressKind ka = ClassifyBackend(a, t.old_ip, t.new_ip);
    const AddressKind kd = ClassifyBackend(*d, t.old_ip, t.new_ip);
    if (ka == AddressKind::kOld && kd != AddressKind::kNew)
      return "backend " + a.name + " is not at the new IP";
    if (ka != AddressKind::kOld && d->address != a.address)
      return "backend " + a.name + " points elsewhere";
  }
  return "";
}

// Whether any of `backends` is at the old (kOld) or new (kNew) IP.
bool AnyAt(const std::vector<Backend>& backends, AddressKind kind,
           const Target& t) {
  return std::any_of(backends.begin(), backends.end(), [&](const Backend& b) {
    return ClassifyBackend(b, t.old_ip, t.new_ip) == kind;
  });
}

// Whether `v` is another staged switch of this pair that a new one
// (`draft`) replaces: unlocked, inactive, tagged staged for old → new.
bool OlderSwitch(const VersionInfo& v, int draft, const Target& t) {
  auto mark = ParseMark(v.comment);
  return v.number != draft && !v.locked && !v.active && mark &&
         mark->kind == MarkKind::kStaged && mark->For(t.old_ip, t.new_ip);
}

// The other staged switches of this pair in `d` (number and comment).
std::vector<std::pair<int, std::string>> OlderSwitches(const ServiceDetails& d,
                                                       int draft,
                                                       const Target& t) {
  std::vector<std::pair<int, std::string>> out;
  for (const VersionInfo& v : d.versions)
    if (OlderSwitch(v, draft, t)) out.push_back({v.number, v.comment});
  return out;
}

std::set<int> LockedVersions(const ServiceDetails& d) {
  std::set<int> out;
  for (const VersionInfo& v : d.versions)
    if (v.locked) out.insert(v.number);
  return out;
}

}  // namespace

Text ChangeApplier::DraftNote(const std::string& sid) const {
  auto it = drafts_.find(sid);
  if (it == drafts_.end()) return {};
  const std::string n = std::to_string(it->second.number);
  return {"; staged version " + n + " of service " + sid + " is not active",
          "。サービス " + sid + " の切替用バージョン " + n +
              " はまだ有効化されていません"};
}

Result<json> ChangeApplier::Apply(const Change& c, const PhaseContext& ctx) {
  if (Param(c, "service_id").empty())
    return Status::InvalidArgument(
        client_->account() + ": change " + c.id + " has no service_id",
        client_->account() + ": 変更 " + c.id + " に service_id がありません");
  const std::optional<ChangeKind> kind = ChangeKinds().Parse(c.kind);
  if (!kind) return UnknownKind(client_->account(), "CDN", c.kind);
  auto run = [&]() -> Result<json> {
    switch (*kind) {
      case ChangeKind::kCloneVersion:
        return Clone(c, ctx);
      case ChangeKind::kLabelStaged:
        return Label(c, ctx);
      case ChangeKind::kSetAddress:
        return SetAddress(c, ctx);
      case ChangeKind::kValidateStaged:
        return Validate(c, ctx);
      case ChangeKind::kActivateStaged:
        return Activate(c, ctx);
      case ChangeKind::kReactivateVersion:
        return Reactivate(c, ctx);
      case ChangeKind::kAbandonStaged:
        return Relabel(c, ctx, /*abandon=*/true);
      case ChangeKind::kSupersedeStaged:
        return Relabel(c, ctx, /*abandon=*/false);
    }
    return Status::Internal("CDN change kind out of range",
                            "CDN の変更の種類が範囲外です（内部エラー）");
  };
  Result<json> r = run();
  if (r.ok()) (*r)["service_id"] = Param(c, "service_id");
  return r;
}

Result<ChangeApplier::Draft> ChangeApplier::Current(const std::string& sid,
                                                    const Target& t,
                                                    bool any_base) {
  auto it = drafts_.find(sid);
  if (it != drafts_.end()) return it->second;
  RN_ASSIGN_OR_RETURN(ServiceDetails d, ReadDetails(client_, sid));
  Draft found;
  for (const VersionInfo& v : d.versions) {
    auto mark = ParseMark(v.comment);
    if (v.locked || v.active || !mark || mark->kind != MarkKind::kStaged ||
        !mark->For(t.old_ip, t.new_ip))
      continue;
    if (!any_base && mark->base != d.active) continue;
    if (v.number > found.number) {
      found.number = v.number;
      found.base = mark->base;
    }
  }
  if (found.number == 0)
    return client_->Error(Code::kPreconditionFailed, "service " + sid,
                          "no staged version for " + t.old_ip.ToString() +
                              " -> " + t.new_ip.ToString() +
                              " on the active version (run prepare)");
  drafts_[sid] = found;
  return found;
}

Result<json> ChangeApplier::Clone(const Change& c, const PhaseContext& ctx) {
  const std::string sid = Param(c, "service_id");
  RN_ASSIGN_OR_RETURN(ServiceDetails d, ReadDetails(client_, sid));
  if (d.active == 0)
    return client_->Error(Code::kPreconditionFailed, "service " + sid,
                          "no active version to clone");
  json out = {{"cloned_from", d.active}, {"left_behind", json::array()}};
  auto done = [&](int draft, const char* how) {
    Draft& kept = drafts_[sid] = Draft{};
    kept.number = draft;
    kept.base = d.active;
    kept.fresh = std::string(how) == "cloned";
    out["draft"] = draft;
    out["how"] = how;
    return out;
  };
  if (drafts_.count(sid) && drafts_[sid].base == d.active)
    return done(drafts_[sid].number, "this run");
  // A staged version of this pair on the active version is ours already.
  auto staged = Current(sid, ctx.target, false);
  if (staged.ok()) return done(staged->number, "staged");
  // The clone of an interrupted run.
  const auto history = ReadHistory(ctx.history);
  const ServiceHistory* h = FindHistory(history, sid);
  const VersionInfo* active = d.Find(d.active);
  if (h && h->draft > 0) {
    const VersionInfo* v = d.Find(h->draft);
    const bool untouched = v && active && v->comment == active->comment;
    if (v && !v->locked && !v->active && h->clone_from == d.active && untouched)
      return done(h->draft, "journal");
    if (v && !v->locked && !v->active) out["left_behind"].push_back(h->draft);
  }
  if (h && h->unresolved_above > 0) {
    RN_ASSIGN_OR_RETURN(
        auto copies, CopiesAbove(client_, sid, d.active, h->unresolved_above));
    if (!copies.empty() && h->clone_from == d.active) {
      for (int v : copies)
        if (v != copies.back()) out["left_behind"].push_back(v);
      return done(copies.back(), "untouched copy");
    }
    for (int v : copies) out["left_behind"].push_back(v);
  }
  RN_ASSIGN_OR_RETURN(Cloned cloned,
                      CloneVersion(client_, sid, d.active, d.Latest()));
  for (int v : cloned.appeared) out["left_behind"].push_back(v);
  done(cloned.number, "cloned");
  drafts_[sid].older = OlderSwitches(d, cloned.number, ctx.target);
  return out;
}

Result<json> ChangeApplier::Label(const Change& c, const PhaseContext& ctx) {
  const std::string sid = Param(c, "service_id");
  auto it = drafts_.find(sid);
  if (it == drafts_.end())
    return client_->Error(Code::kPreconditionFailed, "service " + sid,
                          "no staged version in this run: its clone-version "
                          "change must be applied first");
  const Draft draft = it->second;
  const Target& t = ctx.target;
  // The older switches of the pair, to relabel: for a clone this run just
  // made, as the clone's own read listed them (issue 15: no read here; a
  // customer locking one of them since makes its relabel fail with 422,
  // nothing else); otherwise from one read that also answers SetComment's
  // check (kept, cdn_client.h). Our write to the draft changes neither.
  std::vector<std::pair<int, std::string>> older = draft.older;
  if (!draft.fresh) {
    RN_ASSIGN_OR_RETURN(ServiceDetails d, ReadDetails(client_, sid));
    older = OlderSwitches(d, draft.number, t);
  }
  RN_RETURN_IF_ERROR(SetComment(
      client_, sid, draft.number,
      StagedComment(draft.base, t.old_ip, t.new_ip, t.ticket, campaign_),
      /*known_other=*/draft.fresh));
  json superseded = json::array();
  RN_RETURN_IF_ERROR(Supersede(sid, older, draft.number, &superseded));
  return json{{"draft", draft.number},
              {"base", draft.base},
              {"superseded", superseded}};
}

Status ChangeApplier::Supersede(
    const std::string& sid,
    const std::vector<std::pair<int, std::string>>& older, int by,
    json* superseded) {
  for (const auto& [number, comment] : older) {
    RN_RETURN_IF_ERROR(SetComment(client_, sid, number,
                                  SupersededComment(*ParseMark(comment), by)));
    superseded->push_back(number);
  }
  return Status::Ok();
}

Result<Backend> ChangeApplier::DraftBackend(const std::string& sid,
                                            const Draft& draft,
                                            const std::string& name) {
  const std::string path =
      VersionPath(sid, draft.number) + "/backend/" + PathPart(name);
  auto missing = [&] {
    return client_->Error(Code::kPreconditionFailed, "GET " + path,
                          "backend " + name + " is not in staged version " +
                              std::to_string(draft.number));
  };
  if (draft.fresh) {  // a copy of its locked source: no read (issue 15)
    RN_ASSIGN_OR_RETURN(std::vector<Backend> base,
                        ReadBackends(client_, sid, draft.base));
    for (const Backend& b : base)
      if (b.name == name) return b;
    return missing();
  }
  RN_ASSIGN_OR_RETURN(auto j, client_->GetIfExists(path));
  if (!j) return missing();
  auto b = ParseBackend(*j);
  if (!b.ok())
    return client_->Error(Code::kInternal, "GET " + path, b.status().message());
  return b;
}

Status ChangeApplier::MoveBackend(const std::string& sid, const Draft& draft,
                                  const std::string& name, const Target& t) {
  const std::string path =
      VersionPath(sid, draft.number) + "/backend/" + PathPart(name);
  auto at_new = [&]() -> Result<bool> {
    RN_ASSIGN_OR_RETURN(auto j, client_->GetIfExists(path));
    if (!j) return false;
    auto b = ParseBackend(*j);
    return b.ok() &&
           ClassifyBackend(*b, t.old_ip, t.new_ip) == AddressKind::kNew;
  };
  RN_ASSIGN_OR_RETURN(Backend b, DraftBackend(sid, draft, name));
  switch (ClassifyBackend(b, t.old_ip, t.new_ip)) {
    case AddressKind::kNew:
      return Status::Ok();
    case AddressKind::kOld:
      // kNever: a lost answer is read back by us, not repeated blindly.
      return WriteConfirmed(client_, "PUT", path,
                            {{"address", t.new_ip.ToString()}}, at_new, {},
                            RetryMode::kNever)
          .status();
    default:
      return client_->Error(Code::kPreconditionFailed, "GET " + path,
                            "backend " + name + " of staged version " +
                                std::to_string(draft.number) + " points at " +
                                b.address + ", neither the old nor the new IP");
  }
}

Result<json> ChangeApplier::SetAddress(const Change& c,
                                       const PhaseContext& ctx) {
  const std::string sid = Param(c, "service_id");
  RN_ASSIGN_OR_RETURN(Draft draft, Current(sid, ctx.target, false));
  const int before = client_->writes();
  RN_RETURN_IF_ERROR(MoveBackend(sid, draft, Param(c, "backend"), ctx.target));
  return json{{"draft", draft.number},
              {"backend", Param(c, "backend")},
              {"address", ctx.target.new_ip.ToString()},
              {"updated", client_->writes() > before}};
}

Status ChangeApplier::CheckDraft(const std::string& sid, const Draft& d,
                                 const Target& t, bool validate) {
  RN_ASSIGN_OR_RETURN(std::vector<Backend> active,
                      ReadBackends(client_, sid, d.base));
  RN_ASSIGN_OR_RETURN(std::vector<Backend> staged,
                      ReadBackends(client_, sid, d.number));
  const std::string why = Difference(active, staged, t);
  if (!why.empty())
    return client_->Error(Code::kPreconditionFailed, "service " + sid,
                          "staged version " + std::to_string(d.number) +
                              " is not version " + std::to_string(d.base) +
                              " with the old backends at the new IP: " + why);
  return validate ? ValidateVersion(client_, sid, d.number) : Status::Ok();
}

Result<json> ChangeApplier::Validate(const Change& c, const PhaseContext& ctx) {
  const std::string sid = Param(c, "service_id");
  RN_ASSIGN_OR_RETURN(Draft draft, Current(sid, ctx.target, true));
  RN_ASSIGN_OR_RETURN(ServiceDetails d, ReadDetails(client_, sid));
  if (d.active != draft.base)
    return client_->Error(
        Code::kConflict, "service " + sid,
        "version " + std::to_string(d.active) +
            " was activated while the switch was staged on version " +
            std::to_string(draft.base) + "; run prepare again");
  RN_RETURN_IF_ERROR(CheckDraft(sid, draft, ctx.target, true));
  return json{{"draft", draft.number}, {"valid", true}};
}

Status ChangeApplier::NothingToSwitch(const std::string& sid, int base,
                                      int live, const Target& t,
                                      bool at_new) const {
  const std::string b = std::to_string(base), l = std::to_string(live);
  const std::string why =
      at_new ? "most likely a copy of our switch, at the new IP already"
             : "it points at neither the old nor the new IP";
  const std::string why_ja =
      at_new ? "本ツールの切替の複製で、すでに新 IP を向いている可能性が高い"
               "バージョンです"
             : "旧 IP も新 IP も向いていません";
  return client_->Error(
      Code::kConflict, "service " + sid,
      "version " + b +
          ", activated by someone else since the switch was staged, has no "
          "backend at the old IP " +
          t.old_ip.ToString() + " (" + why +
          "): the switch is not built on it, nor is it recorded as the "
          "version to roll back to; version " +
          l +
          " is live. Check the service in the console before running cutover "
          "or rollback again",
      "バージョン " + b +
          " (切替の準備後にほかの方が有効化したもの) には旧 IP " +
          t.old_ip.ToString() + " を向くバックエンドがありません (" + why_ja +
          ")。このバージョンを土台に切替を作らず、切り戻し先としても記録"
          "しません。現在の有効バージョンは " +
          l +
          " です。切替または切り戻しを再実行する前に、管理画面でサービスを"
          "確認してください");
}

Result<ChangeApplier::Draft> ChangeApplier::Build(const std::string& sid,
                                                  int base, const Target& t,
                                                  json* superseded) {
  RN_ASSIGN_OR_RETURN(ServiceDetails d, ReadDetails(client_, sid));
  RN_ASSIGN_OR_RETURN(std::vector<Backend> backends,
                      ReadBackends(client_, sid, base));
  if (!AnyAt(backends, AddressKind::kOld, t))
    return NothingToSwitch(sid, base, d.active, t,
                           AnyAt(backends, AddressKind::kNew, t));
  RN_ASSIGN_OR_RETURN(Cloned cloned,
                      CloneVersion(client_, sid, base, d.Latest()));
  Draft draft;
  draft.number = cloned.number;
  draft.base = base;
  draft.fresh = true;
  drafts_[sid] = draft;
  RN_RETURN_IF_ERROR(
      SetComment(client_, sid, draft.number,
                 StagedComment(base, t.old_ip, t.new_ip, t.ticket, campaign_)));
  RN_RETURN_IF_ERROR(Supersede(sid, OlderSwitches(d, draft.number, t),
                               draft.number, superseded));
  for (const Backend& b : backends)
    if (ClassifyBackend(b, t.old_ip, t.new_ip) == AddressKind::kOld)
      RN_RETURN_IF_ERROR(MoveBackend(sid, draft, b.name, t));
  return draft;
}

Result<json> ChangeApplier::Activate(const Change& c, const PhaseContext& ctx) {
  const std::string sid = Param(c, "service_id");
  const Target& t = ctx.target;
  RN_ASSIGN_OR_RETURN(Draft draft, Current(sid, t, true));
  json out = {{"rebuilt", json::array()}, {"superseded", json::array()}};
  int ours_live = 0;     // a switch this change activated and then replaced
  bool invalid = false;  // the vendor refused to activate it: not valid
  for (int round = 1; round <= kRounds; ++round) {
    RN_ASSIGN_OR_RETURN(ServiceDetails d, ReadDetails(client_, sid));
    if (d.active == draft.number) {  // activated already (a lost answer)
      out["previous_active"] = draft.base;
      out["activated"] = draft.number;
      return out;
    }
    // Built on another version (the customer activated one since), or
    // changed by someone: build the switch again on the customer's
    // version: the active one, or, when our own switch of this change is
    // live, the version it replaced (being live is no reason by itself).
    // The vendor validates a version as it activates it (contract: an
    // invalid version is refused; go-fastly #114), so the draft's own
    // validation is asked only when an activation was refused.
    const bool on_live = d.active == draft.base || d.active == ours_live;
    // (A switch the vendor found invalid is as unusable as a stale one.)
    Status usable = on_live && !invalid ? CheckDraft(sid, draft, t, false)
                                        : Status::Conflict("stale");
    invalid = false;
    if (!usable.ok()) {
      if (!usable.Is(Code::kPreconditionFailed) && !usable.Is(Code::kConflict))
        return usable;
      // On the customer's version: the active one, or, when the live one
      // is our own switch that replaced theirs, theirs (the draft's base),
      // since our live switch lacks their change.
      const int base =
          ours_live != 0 && d.active == ours_live ? draft.base : d.active;
      json superseded = json::array();
      RN_ASSIGN_OR_RETURN(draft, Build(sid, base, t, &superseded));
      out["rebuilt"].push_back(draft.number);
      for (const auto& v : superseded) out["superseded"].push_back(v);
      RN_RETURN_IF_ERROR(CheckDraft(sid, draft, t, true));
      RN_ASSIGN_OR_RETURN(d, ReadDetails(client_, sid));
      if (d.active != draft.base && d.active != ours_live) continue;
    }
    const std::set<int> locked_before = LockedVersions(d);
    if (Status activated = ActivateVersion(client_, sid, draft.number);
        !activated.ok()) {
      // Refused for not validating (someone changed the draft beyond its
      // backends): build it again, as a failed check would.
      if (round == kRounds || !ValidateVersion(client_, sid, draft.number)
                                   .Is(Code::kPreconditionFailed))
        return activated;
      invalid = true;
      continue;
    }
    RN_ASSIGN_OR_RETURN(ServiceDetails after, ReadDetails(client_, sid));
    // A version someone activated just before ours (now locked, replaced
    // by our switch): build the switch on it, so their change is kept.
    int theirs = 0;
    for (int v : LockedVersions(after))
      if (!locked_before.count(v) && v != draft.number)
        theirs = std::max(theirs, v);
    if (theirs == 0 && after.active == draft.number) {
      out["previous_active"] = draft.base;
      out["activated"] = draft.number;
      return out;
    }
    if (theirs == 0)
      return client_->Error(Code::kConflict, "service " + sid,
                            "version " + std::to_string(after.active) +
                                " is active after activating staged version " +
                                std::to_string(draft.number));
    ours_live = draft.number;
    json superseded = json::array();
    RN_ASSIGN_OR_RETURN(draft, Build(sid, theirs, t, &superseded));
    out["rebuilt"].push_back(draft.number);
    for (const auto& v : superseded) out["superseded"].push_back(v);
    out["built_on_customer_version"] = theirs;
  }
  return client_->Error(Code::kConflict, "service " + sid,
                        "the active version kept changing; the switch was "
                        "tried " +
                            std::to_string(kRounds) + " times");
}

Result<json> ChangeApplier::Reactivate(const Change& c,
                                       const PhaseContext& ctx) {
  const std::string sid = Param(c, "service_id");
  const int version = IntParam(c, "version");
  const int expect = IntParam(c, "expect_active");
  if (version <= 0)
    return Status::InvalidArgument(
        client_->account() + ": change " + c.id + " has no version",
        client_->account() + ": 変更 " + c.id + " に version がありません");
  RN_ASSIGN_OR_RETURN(auto d, ReadDetails(client_, sid));
  if (d.active != version && d.active != expect && !ctx.force)
    return client_->Error(Code::kPreconditionFailed, "service " + sid,
                          "active version is " + std::to_string(d.active) +
                              ", not version " + std::to_string(expect) +
                              " that our cutover activated; not "
                              "rolling back to version " +
                              std::to_string(version) + " without --force");
  // Our switch becomes the staged switch again, *before* the old version
  // is active: a run killed in between leaves the service cut over with
  // its next staged switch ready (adopted by the next run), never rolled
  // back without it — which would look done ("not-started" satisfies a
  // cutover rollback) and lose the switch for good.
  const int ours = c.params.value("ours", d.active);
  RN_ASSIGN_OR_RETURN(std::optional<int> restaged,
                      Restage(sid, d, ours, version, ctx));
  json out = {{"activated", version}};
  if (restaged) out["restaged"] = *restaged;
  if (d.active == version) {
    out["present"] = true;
    return out;
  }
  RN_RETURN_IF_ERROR(ActivateVersion(client_, sid, version));
  out["replaced"] = d.active;
  return out;
}

// The staged switch of `ours` (built on `base`) again: an unlocked clone
// of it, the newest one that an earlier, interrupted run made, or a new
// one. Cloned from the version our cutover activated — never from a
// version someone activated on top of it (forced), whose own changes would
// ride along. Nothing when `ours` is not our staged switch built on `base`.
Result<std::optional<int>> ChangeApplier::Restage(const std::string& sid,
                                                  const ServiceDetails& d,
                                                  int ours, int base,
                                                  const PhaseContext& ctx) {
  auto ours_switch = [&](const VersionInfo& v) {
    auto mark = ParseMark(v.comment);
    return mark && mark->kind == MarkKind::kStaged &&
           mark->For(ctx.target.old_ip, ctx.target.new_ip) &&
           mark->base == base;
  };
  const VersionInfo* switch_version = d.Find(ours);
  if (!switch_version || !ours_switch(*switch_version))
    return std::optional<int>();
  for (auto v = d.versions.rbegin(); v != d.versions.rend(); ++v)
    if (v->number > ours && !v->locked && !v->active && ours_switch(*v))
      return std::optional<int>(v->number);
  RN_ASSIGN_OR_RETURN(Cloned restaged,
                      CloneVersion(client_, sid, ours, d.Latest()));
  return std::optional<int>(restaged.number);
}

Result<json> ChangeApplier::Relabel(const Change& c, const PhaseContext& ctx,
                                    bool abandon) {
  const std::string sid = Param(c, "service_id");
  const int version = IntParam(c, "version");
  RN_ASSIGN_OR_RETURN(ServiceDetails d, ReadDetails(client_, sid));
  const VersionInfo* v = d.Find(version);
  auto mark = v ? ParseMark(v->comment) : std::nullopt;
  if (!v || !mark || !mark->For(ctx.target.old_ip, ctx.target.new_ip))
    return client_->Error(Code::kPreconditionFailed, "service " + sid,
                          "version " + std::to_string(version) +
                              " is not a staged switch of this migration");
  if (mark->kind != MarkKind::kStaged)
    return json{{"version", version}, {"present", true}};
  if (v->active)
    return client_->Error(Code::kPreconditionFailed, "service " + sid,
                          "staged version " + std::to_string(version) +
                              " is active: roll back the cutover first");
  if (v->locked)
    return client_->Error(Code::kPreconditionFailed, "service " + sid,
                          "staged version " + std::to_string(version) +
                              " is locked; its comment cannot change");
  const std::string comment = abandon
                                  ? AbandonedComment(*mark)
                                  : SupersededComment(*mark, IntParam(c, "by"));
  RN_RETURN_IF_ERROR(SetComment(client_, sid, version, comment));
  return json{{"version", version},
              {abandon ? "abandoned" : "superseded", true}};
}

}  // namespace renumber::cdn
