#include "adapters/ess/ess_verify.h"

#include "adapters/ess/ess_classify.h"
#include "adapters/ess/ess_snapshot.h"
#include "adapters/ess/ess_text.h"

namespace renumber {
namespace ess {
namespace {

// Runs the vendor check on `route` and updates it from the answer. Returns
// the error text when the check could not run.
std::string RunCheck(EssClient* client, Route* route) {
  PostReply reply = client->Post(RouteActionPath(route->id, "check"),
                                 nlohmann::json::object(), "");
  if (reply.kind != PostReply::Kind::kOk) return reply.error.message();
  auto it = reply.body.find("route");
  if (it == reply.body.end())
    return client->CallName("POST", RouteActionPath(route->id, "check")) +
           ": no route in the answer";
  auto updated = RouteFromJson(*it);
  if (!updated.ok()) return updated.status().message();
  *route = std::move(*updated);
  return "";
}

Check RouteCheck(const RouteCollection& c, const Route& r,
                 const std::string& error) {
  Check check;
  check.name = "ess.check " + r.id + " (" + Endpoint(r.address, r.port) + ")";
  const Text where = CollectionText(c.domain);
  if (!error.empty()) {
    check.detail =
        MakeText("in " + where.en + ": the check did not run: " + error,
                 where.ja + ": 配送チェックを実行できません: " + error);
    return check;
  }
  if (!r.last_check) {
    check.detail = MakeText("in " + where.en + ": never checked",
                            where.ja + ": 配送チェック未実施");
    return check;
  }
  const LastCheck& lc = *r.last_check;
  check.ok = lc.result == "PASS";
  const std::string tail = lc.result + " at " + lc.at.ToRfc3339() +
                           (lc.detail.empty() ? "" : ": " + lc.detail);
  check.detail = MakeText("in " + where.en + ": " + tail,
                          where.ja + ": 配送チェック " + tail);
  return check;
}

Check MissingTwin(const RouteCollection& c, const Route& old_route,
                  const Target& t) {
  Check check;
  check.name = "ess.twin " + RouteObject(c.domain, old_route.id);
  const Text where = CollectionText(c.domain);
  const std::string ep = Endpoint(t.new_ip.ToString(), old_route.port);
  check.detail = MakeText(
      where.en + ": no route to " + ep + " next to " +
          Endpoint(old_route.address, old_route.port),
      where.ja + ": 旧配送サーバーの隣に " + ep + " のルートがありません");
  return check;
}

}  // namespace

Result<VerifyReport> VerifyAccount(EssClient* client, Clock* clock,
                                   Resolver* resolver, const Target& t,
                                   bool run_checks) {
  RN_ASSIGN_OR_RETURN(Snapshot s, ReadSnapshot(client));
  VerifyReport report;
  bool all_ok = true;
  bool any_new = false;
  for (RouteCollection& c : s.collections) {
    const Route* old_route = FindRouteTo(c, t.old_ip);
    Route* twin = nullptr;
    for (Route& r : c.routes)
      if (!twin && AddressIs(r.address, t.new_ip)) twin = &r;
    if (old_route && (!twin || twin->port != old_route->port)) {
      report.checks.push_back(MissingTwin(c, *old_route, t));
      all_ok = false;
    }
    if (!twin) continue;
    any_new = true;
    std::string error;
    if (run_checks && !HasFreshPass(*twin, clock->Now()))
      error = RunCheck(client, twin);
    report.checks.push_back(RouteCheck(c, *twin, error));
    all_ok = all_ok && report.checks.back().ok;
  }
  if (OutboundCovers(s.outbound, t.old_ip) &&
      !OutboundCovers(s.outbound, t.new_ip)) {
    Check check;
    check.name = "ess.outbound " + t.new_ip.ToString();
    check.detail = MakeText("the new IP is not among the outbound servers",
                            "新IPが送信サーバーに登録されていません");
    report.checks.push_back(check);
    all_ok = false;
  }
  Classification cl = Classify(s, t, resolver);
  report.state = cl.state;
  report.findings = std::move(cl.findings);
  report.new_side_verified = all_ok && any_new;
  return report;
}

}  // namespace ess
}  // namespace renumber
