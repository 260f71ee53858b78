// Appliers of the order rule (ess_placement.h): `move` a route beside
// another, and add a route to / take one out of a named route. Each decides
// from a fresh read, so a move or an add already done writes nothing.
// Gates: a route leaves a named route only while the route that replaces it
// there is in it too (so no named route is left without a way to the
// server it served, and never empty).
#include "adapters/ess/ess_apply_internal.h"
#include "adapters/ess/ess_placement.h"
#include "adapters/ess/ess_read.h"
#include "adapters/ess/ess_text.h"

namespace renumber {
namespace ess {
namespace {

using nlohmann::json;
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

}  // namespace

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

}  // namespace ess
}  // namespace renumber
