// Applying one planned ESS change: one applier per change kind, each
// deciding from a fresh read through the write loop (ess_write.h), with the
// safety gates of ess_apply.h. Sections: the change parameters and
// refusals; the route changes (add, check, promote, demote, delete);
// the order rule (ess_placement.h: move, named-route add/remove, where a
// route leaves a named route only while its replacement is in it too);
// the outbound entries; the table of kinds (journal name, ids, applier)
// and the dispatcher.
#include "adapters/ess/ess_apply.h"

#include <functional>

#include "adapters/ess/ess_changes.h"
#include "adapters/ess/ess_placement.h"
#include "adapters/ess/ess_read.h"
#include "adapters/ess/ess_text.h"
#include "adapters/ess/ess_write.h"
#include "adapters/kind_names.h"

namespace renumber {
namespace ess {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

// Change::params of any kind, decoded (absent fields stay empty).
struct ChangeParams {
  std::string domain;
  std::string route_id;
  std::string server_id;
  std::string address;
  int port = 25;
  std::string role;
  std::string reason;
  std::string note;
  std::string ticket;
  std::string server_note;
  bool cidr_ok = false;
  std::string name;         // named route
  nlohmann::json anchor;    // place-route, join-named-route
  int position = 0;         // leave-named-route: where it stood
  std::string replacement;  // leave-named-route: the route that stays
};

struct ApplyEnv {
  EssClient* client;
  Clock* clock;
  const Target* target;
};

// ---- parameters and refusals

// A refusal naming the call that was not sent (kPreconditionFailed):
// "C-10001/ess: POST /v1/inbound-routes/r-1/delete not sent: <why>", and
// its Japanese with `why.ja`.
Status Refuse(const ApplyEnv& env, const std::string& path, const Text& why) {
  const std::string call = env.client->CallName("POST", path);
  return Status::PreconditionFailed(call + " not sent: " + why.en,
                                    call + " は送信していません: " + why.ja);
}

Result<ChangeParams> DecodeParams(const Change& change) {
  const json& j = change.params;
  if (!j.is_object())
    return Status::Internal(
        "ESS change " + change.id + ": params not an object",
        "ESS の変更 " + change.id + ": 内容がオブジェクトではありません");
  ChangeParams p;
  p.domain = Str(j, "domain");
  p.route_id = Str(j, "route_id");
  p.server_id = Str(j, "server_id");
  p.address = Str(j, "address");
  p.role = Str(j, "role");
  p.reason = Str(j, "reason");
  p.note = Str(j, "note");
  p.ticket = Str(j, "ticket");
  p.server_note = Str(j, "server_note");
  auto port = j.find("port");
  if (port != j.end() && port->is_number_integer()) p.port = port->get<int>();
  p.name = Str(j, "name");
  p.replacement = Str(j, "replacement");
  if (auto a = j.find("anchor"); a != j.end()) p.anchor = *a;
  if (auto pos = j.find("position"); pos != j.end() && pos->is_number_integer())
    p.position = pos->get<int>();
  auto cidr_ok = j.find("cidr_ok");
  p.cidr_ok =
      cidr_ok != j.end() && cidr_ok->is_boolean() && cidr_ok->get<bool>();
  return p;
}

// The body of a delete call: reason, note and (when set) ticket.
json DeleteBody(const ChangeParams& p) {
  json body = {{"reason", p.reason}, {"note", p.note}};
  if (!p.ticket.empty()) body["ticket"] = p.ticket;
  return body;
}

// ---- the route changes

// "r-1 (198.18.0.1:25, primary)".
std::string Describe(const Route& r) {
  return r.id + " (" + Endpoint(r.address, r.port) + ", " + r.role + ")";
}

// Like OnRoutes; for the default collection the named routes are read too
// (each round), since a route a named route holds cannot be deleted.
using DeleteDecide = std::function<Result<Step>(
    const RouteCollection&, const NamedRouteList&, const Progress&)>;
Result<ApplyOutcome> OnRoutesForDelete(const ApplyEnv& env,
                                       const std::string& domain,
                                       const DeleteDecide& decide) {
  RouteCollection fresh;
  NamedRouteList named;
  ReadFn read = [&]() -> Result<std::string> {
    if (domain.empty()) {
      RN_ASSIGN_OR_RETURN(named, env.client->GetNamedRoutes());
    }
    RN_ASSIGN_OR_RETURN(fresh, env.client->GetRoutes(domain));
    return fresh.etag;
  };
  return RunWriteLoop(env.client, read, [&](const Progress& p) {
    return decide(fresh, named, p);
  });
}

// "still in the named routes dp-a, dp-b"; "" when none holds `id`.
// The named routes that still hold route `id` ("" when none).
std::string HeldBy(const NamedRouteList& named, const std::string& id) {
  std::string names;
  for (const NamedRoute* n : NamedRoutesHolding(named, id))
    names += (names.empty() ? "" : ", ") + n->name;
  return names;
}

Text HeldText(const Text& what, const std::string& names) {
  return {what.en + ": it is still in the named route(s) " + names,
          what.ja + ": まだ名前付きルート " + names + " に含まれています"};
}

Text CheckText(const Route& r) {
  if (!r.last_check) return {"never checked", "未確認"};
  const std::string at = r.last_check->at.ToRfc3339();
  const std::string detail =
      r.last_check->detail.empty() ? "" : ": " + r.last_check->detail;
  return {r.last_check->result + " at " + at + detail,
          at + " に " + r.last_check->result + detail};
}

json CheckJson(const Route& r) {
  if (!r.last_check) return nullptr;
  return {{"at", r.last_check->at.ToRfc3339()},
          {"result", r.last_check->result},
          {"detail", r.last_check->detail}};
}

json RouteResult(const std::string& domain, const Route& r) {
  return {{"route_id", r.id}, {"domain", domain}, {"address", r.address},
          {"port", r.port},   {"role", r.role},   {"last_check", CheckJson(r)}};
}

bool RecentFail(const Route& r, Timestamp now) {
  return r.last_check && r.last_check->result != "PASS" &&
         now - r.last_check->at <= kCheckFreshness;
}

// What to do about a route that needs a fresh PASS: check it, or stop.
Result<Step> CheckOrStop(const ApplyEnv& env, const Route& r,
                         const Progress& p) {
  const std::string path = RouteActionPath(r.id, "check");
  if (p.checks >= 1 && RecentFail(r, env.clock->Now()))
    return Refuse(env, path,
                  {"the delivery check of " + Describe(r) + " gave " +
                       CheckText(r).en + "; nothing removed",
                   Describe(r) + " の配送チェックの結果は " + CheckText(r).ja +
                       " でした。何も削除していません"});
  if (p.checks >= 2)
    return Refuse(
        env, path,
        {"no usable delivery check of " + Describe(r) + " after " +
             std::to_string(p.checks) + " tries (" + CheckText(r).en + ")",
         std::to_string(p.checks) + " 回試みましたが、" + Describe(r) +
             " の配送チェックの結果が得られません（" + CheckText(r).ja + "）"});
  return Step::Check(path);
}

// Runs the write loop on `domain`'s route collection: each round reads it
// and asks `decide` (ess_write.h).
using RouteDecide =
    std::function<Result<Step>(const RouteCollection&, const Progress&)>;
Result<ApplyOutcome> OnRoutes(const ApplyEnv& env, const std::string& domain,
                              const RouteDecide& decide) {
  RouteCollection fresh;
  ReadFn read = [&]() -> Result<std::string> {
    RN_ASSIGN_OR_RETURN(fresh, env.client->GetRoutes(domain));
    return fresh.etag;
  };
  return RunWriteLoop(env.client, read,
                      [&](const Progress& p) { return decide(fresh, p); });
}

Result<ApplyOutcome> ApplyAddRoute(const ApplyEnv& env, const ChangeParams& p) {
  auto ip = IpAddress::Parse(p.address);
  if (!ip.ok())
    return ip.status().Annotate("ESS add-route params",
                                "ESS の配送サーバー追加の内容");
  return OnRoutes(
      env, p.domain,
      [&](const RouteCollection& c, const Progress& pr) -> Result<Step> {
        const Route* r = FindRouteTo(c, *ip);
        if (!r)
          return Step::Post(
              CollectionPath(p.domain),
              {{"address", p.address}, {"port", p.port}, {"role", p.role}});
        if (r->port != p.port)
          return Status::Conflict(
              env.client->CallName("POST", CollectionPath(p.domain)) +
                  " not sent: " + CollectionText(p.domain).en +
                  " already routes to " + r->address + " on port " +
                  std::to_string(r->port),
              env.client->CallName("POST", CollectionPath(p.domain)) +
                  " は送信していません: " + CollectionText(p.domain).ja +
                  " にはすでに " + r->address + " のポート " +
                  std::to_string(r->port) + " への配送サーバーがあります");
        json result = RouteResult(p.domain, *r);
        result["created"] = pr.wrote();
        return Step::Done(result);
      });
}

Result<ApplyOutcome> ApplyCheckRoute(const ApplyEnv& env,
                                     const ChangeParams& p) {
  return OnRoutes(
      env, p.domain,
      [&](const RouteCollection& c, const Progress& pr) -> Result<Step> {
        const Route* r = FindRouteById(c, p.route_id);
        if (!r)
          return Refuse(env, RouteActionPath(p.route_id, "check"),
                        {"route " + p.route_id + " is gone",
                         "配送サーバー " + p.route_id + " がなくなっています"});
        if (HasFreshPass(*r, env.clock->Now())) {
          json result = RouteResult(p.domain, *r);
          result["checked"] = pr.checks > 0;
          return Step::Done(result);
        }
        return CheckOrStop(env, *r, pr);
      });
}

Result<ApplyOutcome> ApplyPromoteRoute(const ApplyEnv& env,
                                       const ChangeParams& p) {
  return OnRoutes(
      env, p.domain,
      [&](const RouteCollection& c, const Progress& pr) -> Result<Step> {
        const std::string path = RouteActionPath(p.route_id, "promote");
        const Route* r = FindRouteById(c, p.route_id);
        if (!r)
          return Refuse(
              env, path,
              {"the new route " + p.route_id + " is gone; run prepare again",
               "新しい配送サーバー " + p.route_id +
                   " がなくなっています。prepare を再実行してください"});
        if (r->primary()) {
          json result = RouteResult(p.domain, *r);
          result["promoted"] = pr.wrote();
          result["checked"] = pr.checks > 0;
          return Step::Done(result);
        }
        const bool need_check = !HasFreshPass(*r, env.clock->Now()) ||
                                !r->can_promote ||
                                pr.checks < pr.check_required;
        if (need_check) return CheckOrStop(env, *r, pr);
        return Step::Post(path, json::object());
      });
}

Result<ApplyOutcome> ApplyDemoteRoute(const ApplyEnv& env,
                                      const ChangeParams& p) {
  return OnRoutes(
      env, p.domain,
      [&](const RouteCollection& c, const Progress& pr) -> Result<Step> {
        const std::string path = RouteActionPath(p.route_id, "demote");
        const Route* r = FindRouteById(c, p.route_id);
        if (!r)
          return Refuse(env, path,
                        {"route " + p.route_id + " is gone",
                         "配送サーバー " + p.route_id + " がなくなっています"});
        if (!r->primary()) {
          json result = RouteResult(p.domain, *r);
          result["demoted"] = pr.wrote();
          return Step::Done(result);
        }
        if (PrimaryCount(c) < 2)
          return Refuse(
              env, path,
              {Describe(*r) + " is the only primary route",
               Describe(*r) + " は唯一のプライマリの配送サーバーです"});
        return Step::Post(path, json::object());
      });
}

// A delete's result once the route is gone: what was asked, and whether
// this run's write removed it.
json DeletedRoute(const ChangeParams& p, bool wrote) {
  return {{"route_id", p.route_id},
          {"domain", p.domain},
          {"address", p.address},
          {"port", p.port},
          {"deleted", wrote}};
}

Result<ApplyOutcome> ApplyDeleteOldRoute(const ApplyEnv& env,
                                         const ChangeParams& p) {
  std::string seen_role = p.role;
  return OnRoutesForDelete(
      env, p.domain,
      [&](const RouteCollection& c, const NamedRouteList& named,
          const Progress& pr) -> Result<Step> {
        const std::string path = RouteActionPath(p.route_id, "delete");
        const Route* old_route = FindRouteById(c, p.route_id);
        if (!old_route) {
          json done = DeletedRoute(p, pr.wrote());
          done["role"] = seen_role;
          return Step::Done(done);
        }
        seen_role = old_route->role;
        const Route* twin = FindRouteTo(c, env.target->new_ip);
        const Text what{"old route " + Describe(*old_route),
                        "旧 IP の配送サーバー " + Describe(*old_route)};
        const std::string twin_at =
            Endpoint(env.target->new_ip.ToString(), old_route->port);
        if (!twin || twin->port != old_route->port)
          return Refuse(
              env, path,
              {what.en + ": its replacement " + twin_at + " is missing",
               what.ja + ": 置き換え先の " + twin_at + " がありません"});
        if (old_route->primary() && !twin->primary())
          return Refuse(env, path,
                        {what.en + ": its replacement " + Describe(*twin) +
                             " is not primary yet",
                         what.ja + ": 置き換え先の " + Describe(*twin) +
                             " がまだプライマリではありません"});
        if (!HasFreshPass(*twin, env.clock->Now()))
          return Refuse(
              env, path,
              {what.en + ": its replacement " + Describe(*twin) +
                   " is not verified (" + CheckText(*twin).en + ")",
               what.ja + ": 置き換え先の " + Describe(*twin) +
                   " の確認が取れていません（" + CheckText(*twin).ja + "）"});
        if (old_route->primary() && PrimaryCount(c) < 2)
          return Refuse(env, path,
                        {what.en + " is the only primary route",
                         what.ja + " は唯一のプライマリの配送サーバーです"});
        if (std::string held = HeldBy(named, old_route->id); !held.empty())
          return Refuse(env, path, HeldText(what, held));
        return Step::Post(path, DeleteBody(p));
      });
}

Result<ApplyOutcome> ApplyRemoveAddedRoute(const ApplyEnv& env,
                                           const ChangeParams& p) {
  return OnRoutesForDelete(
      env, p.domain,
      [&](const RouteCollection& c, const NamedRouteList& named,
          const Progress& pr) -> Result<Step> {
        const std::string path = RouteActionPath(p.route_id, "delete");
        const Route* r = FindRouteById(c, p.route_id);
        if (!r) {
          return Step::Done(DeletedRoute(p, pr.wrote()));
        }
        if (!AddressIs(r->address, env.target->new_ip))
          return Refuse(
              env, path,
              {"route " + Describe(*r) + " no longer points at the new IP",
               "配送サーバー " + Describe(*r) +
                   " はもう新 IP を指していません"});
        if (r->primary() && PrimaryCount(c) < 2)
          return Refuse(
              env, path,
              {Describe(*r) + " is the only primary route",
               Describe(*r) + " は唯一のプライマリの配送サーバーです"});
        if (std::string held = HeldBy(named, r->id); !held.empty())
          return Refuse(env, path,
                        HeldText({Describe(*r), Describe(*r)}, held));
        return Step::Post(path, DeleteBody(p));
      });
}

// ---- the order rule

using NamedDecide = std::function<Result<Step>(
    const RouteCollection&, const NamedRouteList&, const Progress&)>;

// Reads the default routes and the named routes each round; writes go to
// the named-routes collection, with its ETag.
Result<ApplyOutcome> OnNamed(const ApplyEnv& env, const NamedDecide& decide) {
  RouteCollection def;
  NamedRouteList named;
  ReadFn read = [&]() -> Result<std::string> {
    RN_ASSIGN_OR_RETURN(def, env.client->GetRoutes(""));
    RN_ASSIGN_OR_RETURN(named, env.client->GetNamedRoutes());
    return named.etag;
  };
  return RunWriteLoop(env.client, read,
                      [&](const Progress& p) { return decide(def, named, p); });
}

const Route* RouteTo(const RouteCollection& c, const std::string& address) {
  auto ip = IpAddress::Parse(address);
  if (ip.ok()) return FindRouteTo(c, *ip);
  for (const Route& r : c.routes)
    if (r.address == address) return &r;
  return nullptr;
}

std::string RelationText(const Anchor& a) {
  switch (a.relation) {
    case Anchor::Relation::kFirst:
      return "first";
    case Anchor::Relation::kAfter:
      return "right after " + a.address;
    case Anchor::Relation::kBefore:
      return "right before " + a.address;
  }
  return "";
}

Result<ApplyOutcome> ApplyPlaceRoute(const ApplyEnv& env,
                                     const ChangeParams& p) {
  auto anchor = AnchorFromJson(p.anchor);
  if (!anchor.ok())
    return anchor.status().Annotate("ESS place-route params",
                                    "ESS の配送サーバー配置の内容");
  return OnRoutes(
      env, p.domain,
      [&](const RouteCollection& c, const Progress& pr) -> Result<Step> {
        const Route* r = RouteTo(c, p.address);
        const std::string where = CollectionText(p.domain).en;
        if (!r)
          return Refuse(env, CollectionPath(p.domain),
                        {"no route to " + p.address + " in " + where,
                         where + " に " + p.address +
                             " への配送サーバーが"
                             "ありません"});
        const std::string path = RouteActionPath(r->id, "move");
        if (r->role != p.role)
          return Refuse(env, path,
                        {Describe(*r) + " is no longer a " + p.role + " route",
                         Describe(*r) + " はもう " + p.role +
                             " の配送サーバーではありません"});
        const int position = PositionFor(c, *r, *anchor);
        if (position == 0)
          return Step::Done({{"route_id", r->id},
                             {"domain", p.domain},
                             {"address", r->address},
                             {"port", r->port},
                             {"role", r->role},
                             {"position", RolePosition(c, r->id)},
                             {"moved", pr.wrote()}});
        if (position < 0)
          return Refuse(
              env, path,
              {"cannot stand " + RelationText(*anchor) + ": " +
                   anchor->address + " is not a " + p.role + " route of " +
                   where,
               anchor->address + " が " + where + " の " + p.role +
                   " の配送サーバーではないため、その位置に置けません"});
        return Step::Post(path, {{"position", position}});
      });
}

Result<ApplyOutcome> ApplyJoinNamedRoute(const ApplyEnv& env,
                                         const ChangeParams& p) {
  auto anchor = AnchorFromJson(p.anchor);
  if (!anchor.ok())
    return anchor.status().Annotate("ESS join-named-route params",
                                    "ESS の名前付きルート追加の内容");
  return OnNamed(
      env,
      [&](const RouteCollection& def, const NamedRouteList& named,
          const Progress& pr) -> Result<Step> {
        const std::string path = NamedRouteAddPath(p.name);
        const NamedRoute* n = FindNamedRoute(named, p.name);
        if (!n)
          return Refuse(env, path,
                        {"the named route " + p.name + " is gone",
                         "名前付きルート " + p.name + " がなくなっています"});
        const Route* r = RouteTo(def, p.address);
        if (!r)
          return Refuse(env, path,
                        {"no default route to " + p.address,
                         "既定のルートに " + p.address + " がありません"});
        if (const int at = IndexIn(*n, r->id); at >= 0)
          return Step::Done({{"name", p.name},
                             {"route_id", r->id},
                             {"address", r->address},
                             {"position", at + 1},
                             {"joined", pr.wrote()}});
        int position = static_cast<int>(n->routes.size()) + 1;
        if (anchor->relation != Anchor::Relation::kFirst) {
          const Route* beside = RouteTo(def, anchor->address);
          position =
              beside ? NamedPositionFor(*n, anchor->relation, beside->id) : -1;
          if (position < 0)
            return Refuse(
                env, path,
                {anchor->address + " is not in the named route " + p.name +
                     ", so " + p.address + " has no place beside it",
                 anchor->address + " が名前付きルート " + p.name +
                     " にないため、" + p.address + " を置く位置がありません"});
        } else {
          position = 1;
        }
        return Step::Post(path, {{"route_id", r->id}, {"position", position}});
      });
}

Result<ApplyOutcome> ApplyLeaveNamedRoute(const ApplyEnv& env,
                                          const ChangeParams& p) {
  int seen_position = p.position;
  return OnNamed(
      env,
      [&](const RouteCollection& def, const NamedRouteList& named,
          const Progress& pr) -> Result<Step> {
        const std::string path = NamedRouteRemovePath(p.name, p.route_id);
        const NamedRoute* n = FindNamedRoute(named, p.name);
        const int at = n ? IndexIn(*n, p.route_id) : -1;
        if (at < 0)
          return Step::Done({{"name", p.name},
                             {"route_id", p.route_id},
                             {"address", p.address},
                             {"port", p.port},
                             {"position", seen_position},
                             {"left", pr.wrote()}});
        seen_position = at + 1;
        if (!p.replacement.empty()) {
          const Route* stays = RouteTo(def, p.replacement);
          if (!stays || IndexIn(*n, stays->id) < 0)
            return Refuse(env, path,
                          {p.replacement + " is not in the named route " +
                               p.name + ": taking " + p.address +
                               " out would leave it without a replacement",
                           p.replacement + " が名前付きルート " + p.name +
                               " にないため、" + p.address +
                               " を外すと代わりがなくなります"});
        }
        if (n->routes.size() < 2)
          return Refuse(
              env, path,
              {p.address + " is the only route of the named route " + p.name,
               p.address + " は名前付きルート " + p.name +
                   " の唯一の配送サーバーです"});
        return Step::Post(path, json::object());
      });
}

// ---- the outbound entries

using OutboundDecide =
    std::function<Result<Step>(const OutboundList&, const Progress&)>;

Result<ApplyOutcome> OnOutbound(const ApplyEnv& env,
                                const OutboundDecide& decide) {
  OutboundList fresh;
  ReadFn read = [&]() -> Result<std::string> {
    RN_ASSIGN_OR_RETURN(fresh, env.client->GetOutbound());
    return fresh.etag;
  };
  return RunWriteLoop(env.client, read,
                      [&](const Progress& p) { return decide(fresh, p); });
}

json ServerResult(const OutboundServer& s) {
  return {{"server_id", s.id}, {"address", s.address}, {"note", s.note}};
}

// add-outbound and restore-outbound.
Result<ApplyOutcome> ApplyAddOutbound(const ApplyEnv& env,
                                      const ChangeParams& p) {
  auto ip = IpAddress::Parse(p.address);
  if (!ip.ok())
    return ip.status().Annotate("ESS add-outbound params",
                                "ESS の送信サーバー追加の内容");
  return OnOutbound(
      env, [&](const OutboundList& l, const Progress& pr) -> Result<Step> {
        if (const OutboundServer* s = FindOutboundExact(l, *ip)) {
          json result = ServerResult(*s);
          result["created"] = pr.wrote();
          return Step::Done(result);
        }
        if (p.cidr_ok && OutboundCovers(l, *ip))
          return Step::Done({{"address", p.address},
                             {"created", false},
                             {"covered_by_cidr", true}});
        json body = {{"address", p.address}};
        if (!p.note.empty()) body["note"] = p.note;
        return Step::Post(kOutboundPath, body);
      });
}

// delete-outbound (old) and remove-added-outbound (rollback of prepare).
Result<ApplyOutcome> ApplyDeleteOutbound(const ApplyEnv& env,
                                         const ChangeParams& p, bool old_side) {
  std::string seen_note = p.server_note;
  return OnOutbound(
      env, [&](const OutboundList& l, const Progress& pr) -> Result<Step> {
        const std::string path = OutboundDeletePath(p.server_id);
        const OutboundServer* s = FindOutboundById(l, p.server_id);
        if (!s) {
          return Step::Done({{"server_id", p.server_id},
                             {"address", p.address},
                             {"note", seen_note},
                             {"deleted", pr.wrote()}});
        }
        seen_note = s->note;
        const IpAddress& expected =
            old_side ? env.target->old_ip : env.target->new_ip;
        if (!AddressIs(s->address, expected))
          return Refuse(env, path,
                        {"outbound server " + s->id + " (" + s->address +
                             ") changed address",
                         "送信サーバー " + s->id + "（" + s->address +
                             "）のアドレスが変わっています"});
        if (old_side && !OutboundCovers(l, env.target->new_ip, s->id))
          return Refuse(env, path,
                        {"the new IP " + env.target->new_ip.ToString() +
                             " is not among the outbound servers",
                         "新 IP " + env.target->new_ip.ToString() +
                             " が送信サーバーに含まれていません"});
        if (l.servers.size() < 2)
          return Refuse(env, path,
                        {"it is the last outbound server",
                         "最後の送信サーバーのため削除できません"});
        return Step::Post(path, DeleteBody(p));
      });
}

Result<ApplyOutcome> ApplyDeleteOldOutbound(const ApplyEnv& env,
                                            const ChangeParams& p) {
  return ApplyDeleteOutbound(env, p, /*old_side=*/true);
}

Result<ApplyOutcome> ApplyRemoveAddedOutbound(const ApplyEnv& env,
                                              const ChangeParams& p) {
  return ApplyDeleteOutbound(env, p, /*old_side=*/false);
}

// The one table of the kinds: journal name, the ids a change must carry
// (IdsNeeded), and the applier.
struct KindRow {
  ChangeKind kind;
  const char* name;
  unsigned ids;
  Result<ApplyOutcome> (*apply)(const ApplyEnv& env, const ChangeParams& p);
};

using K = ChangeKind;
constexpr KindRow kKinds[] = {
    {K::kAddRoute, "add-route", kNoIds, ApplyAddRoute},
    {K::kRestoreRoute, "restore-route", kNoIds, ApplyAddRoute},
    {K::kAddOutbound, "add-outbound", kNoIds, ApplyAddOutbound},
    {K::kRestoreOutbound, "restore-outbound", kNoIds, ApplyAddOutbound},
    {K::kCheckRoute, "check-route", kRouteId, ApplyCheckRoute},
    {K::kPromoteRoute, "promote-route", kRouteId, ApplyPromoteRoute},
    {K::kDemoteRoute, "demote-route", kRouteId, ApplyDemoteRoute},
    {K::kDeleteRoute, "delete-route", kRouteId, ApplyDeleteOldRoute},
    {K::kDeleteOutbound, "delete-outbound", kServerId, ApplyDeleteOldOutbound},
    {K::kRemoveAddedRoute, "remove-added-route", kRouteId,
     ApplyRemoveAddedRoute},
    {K::kRemoveAddedOutbound, "remove-added-outbound", kServerId,
     ApplyRemoveAddedOutbound},
    {K::kPlaceRoute, "place-route", kNoIds, ApplyPlaceRoute},
    {K::kJoinNamedRoute, "join-named-route", kRouteName, ApplyJoinNamedRoute},
    {K::kLeaveNamedRoute, "leave-named-route", kRouteId | kRouteName,
     ApplyLeaveNamedRoute},
};

const KindRow* RowOf(ChangeKind kind) {
  for (const KindRow& row : kKinds)
    if (row.kind == kind) return &row;
  return nullptr;
}

}  // namespace

const KindNames<ChangeKind>& ChangeKinds() {
  static const KindNames<ChangeKind> names(kKinds);
  return names;
}

unsigned IdsNeededBy(ChangeKind kind) {
  const KindRow* row = RowOf(kind);
  return row ? row->ids : kNoIds;
}

Result<ApplyOutcome> ApplyChange(EssClient* client, Clock* clock,
                                 const Change& change, const Target& target) {
  const std::optional<ChangeKind> kind = ChangeKinds().Parse(change.kind);
  const KindRow* row = kind ? RowOf(*kind) : nullptr;
  if (!row) return UnknownKind(client->account(), "ESS", change.kind);
  RN_ASSIGN_OR_RETURN(ChangeParams p, DecodeParams(change));
  if (((row->ids & kRouteId) && p.route_id.empty()) ||
      ((row->ids & kServerId) && p.server_id.empty()) ||
      ((row->ids & kRouteName) && p.name.empty()))
    return Status::Internal(
        "ESS change " + change.id + ": no object id",
        "ESS の変更 " + change.id + ": 対象の ID がありません");
  return row->apply(ApplyEnv{client, clock, &target}, p);
}

}  // namespace ess
}  // namespace renumber
