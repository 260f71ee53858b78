#include "adapters/cdn/cdn_verify.h"

#include <map>
#include <tuple>

#include "adapters/cdn/cdn_discover.h"
#include "adapters/cdn/cdn_domains.h"
#include "adapters/cdn/cdn_probe.h"
#include "adapters/cdn/cdn_read.h"
#include "adapters/cdn/cdn_state.h"
#include "adapters/cdn/cdn_versions.h"

namespace renumber::cdn {
namespace {

using nlohmann::json;

using RequestKey = std::tuple<std::string, int, bool, std::string, std::string,
                              std::string, std::string, bool>;

RequestKey KeyOf(const OriginRequest& r) {
  return {r.ip,  r.port,      r.tls,  r.host,
          r.sni, r.cert_host, r.path, r.check_cert};
}

// Runs every distinct request once, at most kProbeParallel at a time.
std::map<RequestKey, Result<OriginAnswer>> ProbeEach(
    HttpProber* prober, const std::vector<OriginProbe>& probes) {
  std::vector<OriginRequest> requests;
  std::map<RequestKey, size_t> index;
  for (const OriginProbe& p : probes)
    for (const OriginRequest* r : {&p.at_new, &p.at_old})
      if (index.emplace(KeyOf(*r), requests.size()).second)
        requests.push_back(*r);
  auto answers = ProbeAll(prober, requests, kProbeParallel);
  std::map<RequestKey, Result<OriginAnswer>> out;
  for (const auto& [key, i] : index) out.emplace(key, answers[i]);
  return out;
}

std::string Endpoint(const OriginRequest& r) {
  return (r.ip.find(':') != std::string::npos ? "[" + r.ip + "]" : r.ip) + ":" +
         std::to_string(r.port);
}

}  // namespace

Result<VerifyReport> VerifyAccount(CdnClient* client, HttpProber* prober,
                                   Clock* clock, Resolver* resolver,
                                   const Target& target,
                                   const VerifyOptions& options,
                                   bool list_domains) {
  RN_ASSIGN_OR_RETURN(auto services, ReadAccount(client, target));
  Discovery d = BuildDiscovery(services, target, resolver);
  VerifyReport report;
  report.state = d.state;
  report.findings = d.findings;
  if (list_domains) report.domains = ActiveDomains(services);
  const Addresses a{target.old_ip, target.new_ip};
  const Timestamp now = clock ? clock->Now() : RealClock()->Now();
  const bool after = !(now < target.maintenance_end);
  bool all_valid = true, every_service_ready = true, all_open = true;
  std::vector<OriginProbe> probes;
  std::map<std::string, const ServiceSnapshot*> by_id;
  json gate_services = json::object();
  for (const ServiceSnapshot& s : services) {
    by_id[s.id] = &s;
    const ServiceView v = ViewService(s, a);
    if (v.state == ServiceState::kNone) continue;
    every_service_ready =
        every_service_ready && (v.state == ServiceState::kPrepared ||
                                v.state == ServiceState::kPreparedStale ||
                                v.state == ServiceState::kCutOver);
    // Validate the version that holds the switch.
    const int holder = v.state == ServiceState::kCutOver ? s.details.active
                       : s.staged.empty()                ? 0
                                                         : s.staged[0].number;
    if (holder > 0) {
      Status st = ValidateVersion(client, s.id, holder);
      all_valid = all_valid && st.ok();
      const std::string n = std::to_string(holder);
      report.checks.push_back(
          {"cdn.validate " + s.id + " v" + n, st.ok(),
           st.ok() ? Text{s.label() + ": version " + n + " validates",
                          s.label() + ": バージョン " + n + " の検証に成功"}
                   : Text{st.message(), s.label() + ": バージョン " + n +
                                            " の検証に失敗: " + st.message()}});
    }
    const auto& names =
        v.state == ServiceState::kCutOver ? v.new_backends : v.old_backends;
    std::vector<std::string> skipped;
    auto mine = ProbesFor(s, names, target, &skipped);
    for (const std::string& name : skipped)
      report.checks.push_back(
          {"cdn.origin " + s.id + " " + name,
           false,
           {s.label() + " " + name +
                ": no host name to probe with (no override_host and no "
                "domain)",
            s.label() + " " + name +
                ": 確認に使うホスト名がありません(override_host もドメインも"
                "未設定）"}});
    probes.insert(probes.end(), mine.begin(), mine.end());
    if (v.state != ServiceState::kCutOver)
      gate_services[s.id] = {{"ready", skipped.empty()},
                             {"why", skipped.empty() ? "" : "no host name"},
                             {"why_ja", skipped.empty() ? "" : "ホスト名なし"}};
  }
  json record = json::array();
  if (!probes.empty() && !prober) {
    report.checks.push_back({"cdn.origin probes",
                             false,
                             {"this run cannot probe origin servers",
                              "オリジンサーバーを確認できません"}});
    all_open = false;
    for (auto& [sid, g] : gate_services.items()) {
      g["ready"] = false;
      g["why"] = "origins cannot be probed";
      g["why_ja"] = "オリジンサーバーを確認できません";
    }
  } else if (!probes.empty()) {
    auto answers = ProbeEach(prober, probes);
    for (const OriginProbe& p : probes) {
      const auto& n = answers.at(KeyOf(p.at_new));
      const auto& o = answers.at(KeyOf(p.at_old));
      if (o.ok()) record.push_back(OldAnswerRecord(p, *o, now));
      ProbeOutcome c =
          CompareOrigins(p, n, o, RecordedBaseline(options.records, p), target);
      // Before the maintenance the old origin is the site: it must answer.
      const bool ok = after ? c.ready : o.ok();
      Text detail = c.detail;
      if (!after && c.kind != "same" && o.ok()) {
        detail.en += " — expected before the maintenance";
        detail.ja += "（基盤変更メンテナンス前のため想定どおり）";
      }
      if (after && !c.ready) {
        detail.en += "; not ready: " + c.why.en;
        detail.ja += "。切替の準備ができていません: " + c.why.ja;
      }
      Check check{"cdn.origin " + p.service + " " + p.backend + " " +
                      Endpoint(p.at_new),
                  ok, detail};
      // An address reserved for documentation and tests is never probed
      // (no real server has it): said, not counted as a failure; the gate
      // stays closed.
      if (NotProbed(n.status()) || NotProbed(o.status())) {
        check.ok = false;
        check.blocking = false;
        const Status& why = NotProbed(n.status()) ? n.status() : o.status();
        check.detail = {why.message(), "確認していません: " + why.message()};
      }
      if (n.ok()) check.latency = n->elapsed;
      if (!NotProbed(n.status()) && !NotProbed(o.status())) {
        check.comparison = c.kind;
        check.expected = !after && c.kind != "same" && o.ok();
      }
      report.checks.push_back(check);
      all_open = all_open && c.ready;
      auto g = gate_services.find(p.service_id);
      if (g != gate_services.end() && !c.ready && g->value("ready", false)) {
        (*g)["ready"] = false;
        (*g)["why"] = c.why.en;
        (*g)["why_ja"] = c.why.ja;
      }
    }
  }
  report.gate = {{"services", gate_services}};
  report.record = record.empty() ? json() : record;
  report.new_side_verified = all_valid && every_service_ready &&
                             !report.checks.empty() && (!after || all_open);
  return report;
}

}  // namespace renumber::cdn
