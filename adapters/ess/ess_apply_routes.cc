// Appliers of the route changes (see ess_apply.h for the rules).
#include "adapters/ess/ess_apply_internal.h"
#include "adapters/ess/ess_read.h"
#include "adapters/ess/ess_text.h"

namespace renumber {
namespace ess {
namespace {

using nlohmann::json;

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

}  // namespace

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

std::string Describe(const Route& r) {
  return r.id + " (" + Endpoint(r.address, r.port) + ", " + r.role + ")";
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
          return Step::Done({{"route_id", p.route_id},
                             {"domain", p.domain},
                             {"address", p.address},
                             {"port", p.port},
                             {"role", seen_role},
                             {"deleted", pr.wrote()}});
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
          return Step::Done({{"route_id", p.route_id},
                             {"domain", p.domain},
                             {"address", p.address},
                             {"port", p.port},
                             {"deleted", pr.wrote()}});
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

}  // namespace ess
}  // namespace renumber
