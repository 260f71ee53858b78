#include "adapters/ess/ess_verify.h"

#include "adapters/ess/ess_discover.h"
#include "adapters/ess/ess_placement.h"
#include "adapters/ess/ess_probe_checks.h"
#include "adapters/ess/ess_read.h"
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

// Whether the twin stands where the order rule puts it, beside the old.
Check OrderCheck(const RouteCollection& c, const Route& old_route,
                 const Route& twin) {
  Check check;
  check.name = "ess.order " + RouteObject(c.domain, twin.id);
  const Text where = CollectionText(c.domain);
  check.ok = NewRoutePlaced(c, old_route, twin);
  const std::string ep = Endpoint(twin.address, twin.port);
  if (check.ok) {
    check.detail = MakeText(
        where.en + ": " + ep + " stands next in line after " +
            Endpoint(old_route.address, old_route.port),
        where.ja + ": " + ep + " は " +
            Endpoint(old_route.address, old_route.port) + " の次の順番です");
    return check;
  }
  std::string ahead;  // the failover mail would reach first
  for (const Route& r : c.routes)
    if (!r.primary() && r.id != old_route.id && r.id != twin.id &&
        ahead.empty() && RolePosition(c, r.id) < RolePosition(c, twin.id))
      ahead = Endpoint(r.address, r.port);
  check.detail = MakeText(
      where.en + ": " + ep + " stands behind " + ahead +
          ": when the old server stops, mail would go there first; run "
          "prepare again",
      where.ja + ": " + ep + " は " + ahead +
          " の後ろにあります。旧サーバー停止時にメールが先にそちらへ配送され"
          "ます。事前設定を再実行してください");
  return check;
}

// Whether every named route holding the old default route holds the twin.
void NamedChecks(const Snapshot& s, const Target& t, std::vector<Check>* out) {
  const RouteCollection* def = FindCollection(s, "");
  const Route* old_route = def ? FindRouteTo(*def, t.old_ip) : nullptr;
  if (!old_route) return;
  const Route* twin = FindRouteTo(*def, t.new_ip);
  for (const NamedRoute* n : NamedRoutesHolding(s.named, old_route->id)) {
    Check check;
    check.name = "ess.named " + n->name;
    check.ok = twin && IndexIn(*n, twin->id) >= 0;
    const std::string ep = Endpoint(t.new_ip.ToString(), old_route->port);
    check.detail =
        check.ok ? MakeText("named route " + n->name + " holds " + ep,
                            "名前付きルート " + n->name + " に " + ep +
                                " が含まれます")
                 : MakeText("named route " + n->name + " holds the old " +
                                Endpoint(old_route->address, old_route->port) +
                                " but not " + ep + "; run prepare again",
                            "名前付きルート " + n->name + " に旧配送サーバー" +
                                "はありますが " + ep +
                                " がありません。事前設定を再実行してください");
    out->push_back(std::move(check));
  }
}

}  // namespace

Result<VerifyReport> VerifyAccount(EssClient* client, Clock* clock,
                                   Resolver* resolver, SmtpProber* prober,
                                   const Target& t, bool run_checks) {
  RN_ASSIGN_OR_RETURN(Snapshot s, ReadSnapshot(client));
  VerifyReport report;
  report.domains = s.domains;
  bool all_ok = true;
  bool any_new = false;
  std::vector<SmtpProbeTarget> probes;
  std::vector<Check> order_checks;
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
    probes.push_back({t.new_ip, twin->port});
    if (old_route && twin->port == old_route->port && !twin->primary())
      order_checks.push_back(OrderCheck(c, *old_route, *twin));
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
  for (Check& c : order_checks) report.checks.push_back(std::move(c));
  NamedChecks(s, t, &report.checks);
  Classification cl = Classify(s, t, resolver);
  report.state = cl.state;
  report.findings = std::move(cl.findings);
  report.new_side_verified = all_ok && any_new;
  if (run_checks) ProbeNewServer(prober, probes, &report);
  return report;
}

}  // namespace ess
}  // namespace renumber
