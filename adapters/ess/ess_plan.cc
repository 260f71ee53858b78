#include "adapters/ess/ess_plan.h"

#include "adapters/ess/ess_changes.h"
#include "adapters/ess/ess_discover.h"
#include "adapters/ess/ess_placement.h"
#include "adapters/ess/ess_text.h"

namespace renumber {
namespace ess {
namespace {

void NoteState(AccountState state, Plan* plan) {
  if (!plan->changes.empty()) return;
  switch (state) {
    case AccountState::kPrepared:
      plan->notes.push_back(MakeText("the account is already prepared",
                                     "このアカウントは事前設定済みです"));
      break;
    case AccountState::kCutOver:
      plan->notes.push_back(MakeText("the account is already cut over",
                                     "このアカウントは切替済みです"));
      break;
    case AccountState::kMissing:
      plan->notes.push_back(
          MakeText("neither the old nor the new IP is referenced (critical)",
                   "旧IPも新IPも設定されていません（重大）"));
      break;
    default:
      break;
  }
}

// The named routes holding `old_route` (a default route): the new route
// joins each one that lacks it, right after the old one.
void PlanJoins(const Snapshot& s, const Route& old_route, const Route* twin,
               const Target& t, Plan* plan) {
  for (const NamedRoute* n : NamedRoutesHolding(s.named, old_route.id)) {
    if (twin && IndexIn(*n, twin->id) >= 0) continue;
    plan->changes.push_back(
        JoinNamedRouteChange(n->name, t.new_ip.ToString(), old_route.port,
                             Anchor::After(old_route.address)));
  }
}

// Prepare of one collection: add the twin (a failover, old port), and put
// it where the order rule wants it (ess_placement.h).
void PlanPrepareCollection(const Snapshot& s, const RouteCollection& c,
                           const Target& t, Plan* plan) {
  const Route* old_route = FindRouteTo(c, t.old_ip);
  if (!old_route) return;
  const Route* twin = FindRouteTo(c, t.new_ip);
  if (twin && twin->port != old_route->port) {
    const Text where = CollectionText(c.domain);
    plan->notes.push_back(MakeText(
        where.en + " already routes to " + t.new_ip.ToString() + " on port " +
            std::to_string(twin->port) +
            " (old: " + std::to_string(old_route->port) + "): left as it is",
        where.ja + "には新IP " + t.new_ip.ToString() + " のルートが既に" +
            "ポート " + std::to_string(twin->port) +
            " で存在します: " + "変更しません"));
    return;
  }
  Route planned;  // the twin as it will stand once added
  if (!twin) {
    plan->changes.push_back(AddRouteChange(c.domain, *old_route, t));
    RouteCollection after = c;
    planned.id = "(new)";
    planned.address = t.new_ip.ToString();
    planned.port = old_route->port;
    planned.role = kFailover;
    after.routes.push_back(planned);  // a new failover goes last
    if (!NewRoutePlaced(after, *old_route, planned))
      plan->changes.push_back(
          PlaceRouteChange(c.domain, planned.address, planned.port, kFailover,
                           *NewRouteAnchor(*old_route, planned)));
  } else if (!twin->primary() && !NewRoutePlaced(c, *old_route, *twin)) {
    plan->changes.push_back(
        PlaceRouteChange(c.domain, twin->address, twin->port, kFailover,
                         *NewRouteAnchor(*old_route, *twin)));
  }
  if (c.domain.empty()) PlanJoins(s, *old_route, twin, t, plan);
}

// Cutover of one collection: check/promote the twin, then delete the old.
void PlanCutoverCollection(const Snapshot& s, const RouteCollection& c,
                           const Target& t, Timestamp now, Plan* plan) {
  const Route* old_route = FindRouteTo(c, t.old_ip);
  if (!old_route) return;
  const Route* twin = FindRouteTo(c, t.new_ip);
  const Text where = CollectionText(c.domain);
  if (!twin || twin->port != old_route->port) {
    plan->notes.push_back(MakeText(
        where.en + ": no route to " + t.new_ip.ToString() + " on port " +
            std::to_string(old_route->port) +
            " next to the old one; run prepare first (old route kept)",
        where.ja + ": 旧配送サーバーの隣に新IP " + t.new_ip.ToString() +
            " のルートがありません。先に事前設定を実行してください "
            "（旧ルートは残します）"));
    return;
  }
  const bool fresh = HasFreshPass(*twin, now) && twin->can_promote;
  // Where the twin stands once it holds the old one's role: promotion puts
  // a new primary first, so it is in place only beside a first primary.
  bool placed = NewRoutePlaced(c, *old_route, *twin);
  if (old_route->primary() && !twin->primary()) {
    plan->changes.push_back(PromoteRouteChange(c.domain, *twin, !fresh));
    placed = RolePosition(c, old_route->id) == 1;
  } else if (!HasFreshPass(*twin, now)) {
    plan->changes.push_back(CheckRouteChange(c.domain, *twin));
  }
  const std::string role = old_route->primary() ? kPrimary : twin->role;
  Route held = *twin;
  held.role = role;
  std::optional<Anchor> anchor = NewRouteAnchor(*old_route, held);
  if (!placed && anchor)
    plan->changes.push_back(
        PlaceRouteChange(c.domain, twin->address, twin->port, role, *anchor));
  if (c.domain.empty()) {
    PlanJoins(s, *old_route, twin, t, plan);
    for (const NamedRoute* n : NamedRoutesHolding(s.named, old_route->id))
      plan->changes.push_back(LeaveNamedRouteChange(
          n->name, *old_route, IndexIn(*n, old_route->id) + 1, twin->address));
  }
  plan->changes.push_back(DeleteRouteChange(c.domain, *old_route, *twin, t));
}

void PlanCutoverOutbound(const OutboundList& l, const Target& t, Plan* plan) {
  for (const OutboundServer& o : l.servers) {
    if (!AddressIs(o.address, t.old_ip)) continue;
    if (!OutboundCovers(l, t.new_ip, o.id)) {
      plan->notes.push_back(MakeText(
          "outbound server " + o.address + " kept: " + t.new_ip.ToString() +
              " is not among the outbound servers; run prepare first",
          "送信サーバー " + o.address + " は残します: 新IP " +
              t.new_ip.ToString() +
              " が送信サーバーにありません。"
              "先に事前設定を実行してください"));
      continue;
    }
    plan->changes.push_back(DeleteOutboundChange(o, t));
  }
}

// What cutover will do once prepare has run: shown, never applied.
Plan ProjectedCutover(const Snapshot& s, const Target& t) {
  Plan plan;
  plan.phase = Phase::kCutover;
  plan.projected = true;
  for (const RouteCollection& c : s.collections) {
    const Route* old_route = FindRouteTo(c, t.old_ip);
    if (!old_route) continue;
    Route twin;
    twin.id = "new";
    twin.address = t.new_ip.ToString();
    twin.port = old_route->port;
    twin.role = old_route->role;
    if (old_route->primary())
      plan.changes.push_back(PromoteRouteChange(c.domain, twin, true));
    if (c.domain.empty()) {
      for (const NamedRoute* n : NamedRoutesHolding(s.named, old_route->id))
        plan.changes.push_back(LeaveNamedRouteChange(
            n->name, *old_route, IndexIn(*n, old_route->id) + 1, twin.address));
    }
    plan.changes.push_back(DeleteRouteChange(c.domain, *old_route, twin, t));
  }
  const OutboundServer* old_server = FindOutboundExact(s.outbound, t.old_ip);
  if (old_server) plan.changes.push_back(DeleteOutboundChange(*old_server, t));
  plan.notes.push_back(
      MakeText("projected: the account is not prepared yet; run prepare first",
               "予定のみ: このアカウントはまだ事前設定されていません。"
               "先に事前設定を実行してください"));
  return plan;
}

}  // namespace

Plan PlanPrepare(const Snapshot& s, const Target& t) {
  Plan plan;
  plan.phase = Phase::kPrepare;
  for (const RouteCollection& c : s.collections)
    PlanPrepareCollection(s, c, t, &plan);
  if (OutboundCovers(s.outbound, t.old_ip) &&
      !OutboundCovers(s.outbound, t.new_ip)) {
    const OutboundServer* old_server = FindOutboundExact(s.outbound, t.old_ip);
    std::string note = old_server && !old_server->note.empty()
                           ? old_server->note
                           : "renumber: new server IP";
    plan.changes.push_back(AddOutboundChange(t.new_ip.ToString(), note));
  }
  NoteState(ClassifyState(s, t), &plan);
  return plan;
}

Plan PlanCutover(const Snapshot& s, const Target& t, Timestamp now) {
  const AccountState state = ClassifyState(s, t);
  if (state == AccountState::kNotStarted) return ProjectedCutover(s, t);
  Plan plan;
  plan.phase = Phase::kCutover;
  for (const RouteCollection& c : s.collections)
    PlanCutoverCollection(s, c, t, now, &plan);
  PlanCutoverOutbound(s.outbound, t, &plan);
  NoteState(state, &plan);
  return plan;
}

}  // namespace ess
}  // namespace renumber
