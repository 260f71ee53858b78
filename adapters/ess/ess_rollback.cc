// Rollback planning (declared in ess_plan.h): the undo of a prepare or a
// cutover run, from its journal records plus the live state.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "adapters/ess/ess_changes.h"
#include "adapters/ess/ess_placement.h"
#include "adapters/ess/ess_plan.h"
#include "adapters/ess/ess_text.h"

namespace renumber {
namespace ess {
namespace {

using nlohmann::json;

struct Record {
  Change change;
  std::optional<ChangeKind> kind;  // nullopt: not a kind this adapter writes
  bool has_outcome = false;
  json outcome;
};

Result<std::vector<Record>> ParseHistory(const json& history) {
  std::vector<Record> out;
  if (history.is_null()) return out;
  if (!history.is_array())
    return Status::Corruption("ESS rollback: history is not a list",
                              "ESS の切り戻し: 履歴がリストではありません");
  for (const json& item : history) {
    if (!item.is_object() || !item.contains("change"))
      return Status::Corruption(
          "ESS rollback: a history record has no change",
          "ESS の切り戻し: 変更のない履歴の記録があります");
    const json& cj = item.at("change");
    if (!cj.is_object() || !cj.contains("kind") || !cj.at("kind").is_string())
      return Status::Corruption(
          "ESS rollback: a history change has no kind",
          "ESS の切り戻し: 種類のない変更が履歴にあります");
    Change c;
    c.id = cj.value("id", "");
    c.kind = cj.at("kind").get<std::string>();
    c.params = cj.value("params", json::object());
    const std::optional<ChangeKind> kind = ChangeKinds().Parse(c.kind);
    Record r{std::move(c), kind, false, nullptr};
    auto outcome = item.find("outcome");
    if (outcome != item.end() && outcome->is_object()) {
      r.has_outcome = true;
      r.outcome = *outcome;
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

int Int(const json& j, const char* key, int dflt) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : dflt;
}

Text CollectionGone(const std::string& domain) {
  const Text where = CollectionText(domain);
  return MakeText(where.en + " can no longer be read: nothing undone there",
                  where.ja + "を読み取れません: 変更しません");
}

// The route a prepare record added, as it is now (nullptr when gone or
// when the record says the route was there before).
const Route* AddedRoute(const Record& r, const RouteCollection& c,
                        const Target& t, Plan* plan) {
  if (r.has_outcome) {
    if (!r.outcome.value("created", false)) return nullptr;
    return FindRouteById(c, Str(r.outcome, "route_id"));
  }
  const Route* route = FindRouteTo(c, t.new_ip);
  if (!route || route->port != Int(r.change.params, "port", 25)) return nullptr;
  const Text where = CollectionText(c.domain);
  plan->notes.push_back(
      MakeText(where.en + ": route " + route->id +
                   " identified by address and port (its add was interrupted "
                   "before the outcome was journaled)",
               where.ja + ": ルート " + route->id +
                   " はアドレスとポートで特定しました "
                   "（追加の記録が中断されていました）"));
  return route;
}

Status PlanRemoveRoutes(const std::vector<Record>& records, const Snapshot& s,
                        const PhaseContext& ctx, Plan* plan) {
  const Target& t = ctx.target;
  std::set<std::string> planned;
  for (const Record& r : records) {
    if (r.kind != ChangeKind::kAddRoute) continue;
    const std::string domain = Str(r.change.params, "domain");
    const RouteCollection* c = FindCollection(s, domain);
    if (!c) {
      plan->notes.push_back(CollectionGone(domain));
      continue;
    }
    const Route* route = AddedRoute(r, *c, t, plan);
    if (!route || !AddressIs(route->address, t.new_ip) ||
        !planned.insert(route->id).second)
      continue;
    const std::string what = t.account.ToString() + "/" +
                             RouteObject(domain, route->id) + " (" +
                             route->address + ")";
    if (!ctx.force && route->primary())
      return Status::PreconditionFailed(
          what + " was promoted after prepare; roll back the cutover first",
          what +
              " は事前設定の後にプライマリに昇格しています。先に切替を切り戻し"
              "てください");
    if (!ctx.force && !FindRouteTo(*c, t.old_ip))
      return Status::PreconditionFailed(
          what + ": the old route is gone; roll back the cutover first",
          what +
              ": 旧 IP "
              "の配送サーバーがなくなっています。先に切替を切り戻してください");
    plan->changes.push_back(RemoveAddedRouteChange(domain, *route, t));
  }
  return Status::Ok();
}

// The named routes prepare added the new route to (joined, or an intent
// whose outcome was lost): the new route leaves each one that holds it.
// Another named route holding it (the customer's doing) is left alone
// unless forced; then the delete would be refused (IN_USE), so refuse now.
Status PlanLeaveNamed(const std::vector<Record>& records, const Snapshot& s,
                      const PhaseContext& ctx, Plan* plan) {
  const Target& t = ctx.target;
  const RouteCollection* def = FindCollection(s, "");
  const Route* added = def ? FindRouteTo(*def, t.new_ip) : nullptr;
  if (!added) return Status::Ok();
  const Route* old_route = FindRouteTo(*def, t.old_ip);
  std::set<std::string> ours;
  for (const Record& r : records) {
    if (r.kind != ChangeKind::kJoinNamedRoute) continue;
    if (r.has_outcome && !r.outcome.value("joined", false)) continue;
    ours.insert(Str(r.change.params, "name"));
  }
  for (const NamedRoute* n : NamedRoutesHolding(s.named, added->id)) {
    const std::string what = t.account.ToString() + "/named route " + n->name;
    const bool has_old = old_route && IndexIn(*n, old_route->id) >= 0;
    if (!ctx.force && !ours.count(n->name))
      return Status::PreconditionFailed(
          what + " holds " + added->address +
              ", which prepare did not add there: take it out in the console "
              "first, or use --force",
          what + " には事前設定で追加していない " + added->address +
              " が含まれています。先に管理画面で外すか、--force "
              "を指定してください");
    if (!ctx.force && !has_old)
      return Status::PreconditionFailed(
          what +
              ": the old route is no longer in it; roll back the cutover first",
          what +
              ": 旧 IP "
              "の配送サーバーが含まれていません。先に切替を切り戻してください");
    plan->changes.push_back(
        LeaveNamedRouteChange(n->name, *added, IndexIn(*n, added->id) + 1,
                              has_old ? old_route->address : ""));
  }
  return Status::Ok();
}

Status PlanRemoveOutbound(const std::vector<Record>& records, const Snapshot& s,
                          const PhaseContext& ctx, Plan* plan) {
  const Target& t = ctx.target;
  std::set<std::string> planned;
  for (const Record& r : records) {
    if (r.kind != ChangeKind::kAddOutbound) continue;
    const OutboundServer* server = nullptr;
    if (r.has_outcome) {
      if (!r.outcome.value("created", false)) continue;
      server = FindOutboundById(s.outbound, Str(r.outcome, "server_id"));
    } else {
      server = FindOutboundExact(s.outbound, t.new_ip);
    }
    if (!server || !AddressIs(server->address, t.new_ip) ||
        !planned.insert(server->id).second)
      continue;
    if (!ctx.force && !OutboundCovers(s.outbound, t.old_ip))
      return Status::PreconditionFailed(
          t.account.ToString() + "/outbound server " + server->id +
              ": the old IP is no longer an outbound server; roll back the "
              "cutover first",
          t.account.ToString() + "/送信サーバー " + server->id +
              ": 旧 IP "
              "がもう送信サーバーにありません。先に切替を切り戻してください");
    plan->changes.push_back(RemoveAddedOutboundChange(*server, t));
  }
  return Status::Ok();
}

bool HasKind(const std::vector<Record>& records,
             std::initializer_list<ChangeKind> kinds) {
  for (const Record& r : records)
    for (ChangeKind k : kinds)
      if (r.kind == k) return true;
  return false;
}

struct Removed {
  std::string address;
  int port = 25;
  std::string role;
};

// The old route back into each named route the cutover run took it out of,
// right before the twin (as prepare left them).
void PlanRejoinNamed(const std::vector<Record>& records, const Snapshot& s,
                     const Target& t, Plan* plan) {
  const RouteCollection* def = FindCollection(s, "");
  const Route* old_live = def ? FindRouteTo(*def, t.old_ip) : nullptr;
  std::set<std::string> planned;
  for (const Record& r : records) {
    if (r.kind != ChangeKind::kLeaveNamedRoute) continue;
    const json& p = r.change.params;
    const std::string name = Str(p, "name");
    if (!AddressIs(Str(p, "address"), t.old_ip) || !planned.insert(name).second)
      continue;
    const NamedRoute* n = FindNamedRoute(s.named, name);
    if (!n) {
      plan->notes.push_back(
          MakeText("named route " + name + " is gone: nothing restored there",
                   "名前付きルート " + name + " はありません: 戻しません"));
      continue;
    }
    if (old_live && IndexIn(*n, old_live->id) >= 0) continue;
    plan->changes.push_back(
        JoinNamedRouteChange(name, Str(p, "address"), Int(p, "port", 25),
                             Anchor::Before(Str(p, "replacement"))));
  }
}

// Per collection touched by the cutover run: restore the old route if it
// is gone, put it back into the named routes it left (default routes),
// move it back beside the twin (right after a primary twin, which the
// demotion then puts behind it; right before a failover twin), then return
// the twin of an old primary to failover. The move or the demotion comes
// last: it is what makes the collection `prepared` again, so a rollback
// killed before it is still seen as unfinished (a prepared account is not
// rolled back again).
void PlanRestoreCollection(const std::string& domain, const Removed* removed,
                           const std::vector<Record>& records,
                           const Snapshot& s, const Target& t, Plan* plan) {
  const RouteCollection* c = FindCollection(s, domain);
  if (!c) {
    plan->notes.push_back(CollectionGone(domain));
    return;
  }
  const Route* old_live = FindRouteTo(*c, t.old_ip);
  const Route* twin = FindRouteTo(*c, t.new_ip);
  bool old_primary = old_live && old_live->primary();
  std::optional<Change> place;
  if (!old_live && removed) {
    plan->changes.push_back(RestoreRouteChange(domain, removed->address,
                                               removed->port, removed->role));
    old_primary = removed->role == kPrimary;
    // Re-added last of its role while the twin holds the old one's place:
    // moved beside the twin, unless being last puts it there already (a
    // re-added primary after a twin that is the last primary).
    const bool last_already =
        old_primary && twin && RolePosition(*c, twin->id) == PrimaryCount(*c);
    if (twin && twin->port == removed->port && twin->primary() == old_primary &&
        !last_already) {
      place = PlaceRouteChange(domain, removed->address, removed->port,
                               removed->role,
                               old_primary ? Anchor::After(twin->address)
                                           : Anchor::Before(twin->address));
    }
  }
  if (old_live && twin && twin->port == old_live->port &&
      twin->primary() == old_primary) {
    // Back from an interrupted rollback: the old route may still be where
    // its re-add put it.
    const Anchor beside = old_primary ? Anchor::After(twin->address)
                                      : Anchor::Before(twin->address);
    if (PositionFor(*c, *old_live, beside) > 0)
      place = PlaceRouteChange(domain, old_live->address, old_live->port,
                               old_live->role, beside);
  }
  if (domain.empty()) PlanRejoinNamed(records, s, t, plan);
  if (place) plan->changes.push_back(*place);
  if (twin && twin->primary() && old_primary)
    plan->changes.push_back(DemoteRouteChange(domain, *twin));
}

}  // namespace

Result<Plan> PlanRollbackPrepare(const Snapshot& s, const PhaseContext& ctx) {
  RN_ASSIGN_OR_RETURN(std::vector<Record> records, ParseHistory(ctx.history));
  Plan plan;
  plan.phase = Phase::kRollbackPrepare;
  if (!HasKind(records, {ChangeKind::kAddRoute, ChangeKind::kAddOutbound,
                         ChangeKind::kJoinNamedRoute})) {
    plan.notes.push_back(MakeText(
        "no journal of a prepare run that added anything: nothing to roll "
        "back (renumber only removes what it added)",
        "追加を行った事前設定の記録がありません: 切り戻すものはありません "
        "（renumber は自分が追加したものだけを削除します）"));
    return plan;
  }
  RN_RETURN_IF_ERROR(PlanLeaveNamed(records, s, ctx, &plan));
  RN_RETURN_IF_ERROR(PlanRemoveRoutes(records, s, ctx, &plan));
  RN_RETURN_IF_ERROR(PlanRemoveOutbound(records, s, ctx, &plan));
  if (plan.changes.empty())
    plan.notes.push_back(MakeText("what prepare added is already gone",
                                  "事前設定で追加したものは既にありません"));
  return plan;
}

Result<Plan> PlanRollbackCutover(const Snapshot& s, const PhaseContext& ctx) {
  RN_ASSIGN_OR_RETURN(std::vector<Record> records, ParseHistory(ctx.history));
  const Target& t = ctx.target;
  Plan plan;
  plan.phase = Phase::kRollbackCutover;
  std::vector<std::string> domains;
  std::map<std::string, Removed> removed;
  std::vector<std::pair<std::string, std::string>> outbound;  // address, note
  for (const Record& r : records) {
    const json& p = r.change.params;
    const std::string domain = Str(p, "domain");
    if (r.kind == ChangeKind::kDeleteRoute ||
        r.kind == ChangeKind::kPromoteRoute ||
        r.kind == ChangeKind::kPlaceRoute) {
      if (std::find(domains.begin(), domains.end(), domain) == domains.end())
        domains.push_back(domain);
    }
    if (r.kind == ChangeKind::kDeleteRoute &&
        AddressIs(Str(p, "address"), t.old_ip)) {
      const json& seen = r.has_outcome ? r.outcome : p;
      removed[domain] = {
          Str(p, "address"), Int(p, "port", 25),
          Str(seen, "role").empty() ? Str(p, "role") : Str(seen, "role")};
    }
    if (r.kind == ChangeKind::kDeleteOutbound &&
        AddressIs(Str(p, "address"), t.old_ip))
      outbound.emplace_back(Str(p, "address"), Str(p, "server_note"));
  }
  if (domains.empty() && outbound.empty() &&
      !HasKind(records, {ChangeKind::kLeaveNamedRoute})) {
    plan.notes.push_back(
        MakeText("no journal of a cutover run: nothing to roll back",
                 "切替の記録がありません: 切り戻すものはありません"));
    return plan;
  }
  // Outbound first: with the old routes still gone the account cannot look
  // prepared, so a rollback killed anywhere is resumed, never skipped.
  std::set<std::string> restored;
  for (const auto& [address, note] : outbound) {
    if (FindOutboundExact(s.outbound, t.old_ip) ||
        !restored.insert(address).second)
      continue;
    plan.changes.push_back(RestoreOutboundChange(address, note));
  }
  if (HasKind(records, {ChangeKind::kLeaveNamedRoute}) &&
      std::find(domains.begin(), domains.end(), "") == domains.end())
    domains.insert(domains.begin(), "");
  for (const std::string& domain : domains) {
    auto it = removed.find(domain);
    PlanRestoreCollection(domain, it == removed.end() ? nullptr : &it->second,
                          records, s, t, &plan);
  }
  return plan;
}

}  // namespace ess
}  // namespace renumber
