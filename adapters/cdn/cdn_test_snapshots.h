// Test support for the CDN adapter's unit tests: service snapshots built
// from hand-written answers (the shapes the API returns), one migration
// 198.18.0.5 -> 198.19.0.5.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_TEST_SNAPSHOTS_H_
#define RENUMBER_ADAPTERS_CDN_CDN_TEST_SNAPSHOTS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapters/cdn/cdn_marker.h"
#include "adapters/cdn/cdn_read.h"

namespace renumber::cdn::testing {

inline Target TestTarget() {
  Target t;
  t.account = {"C-1", Service("cdn")};
  t.old_ip = *IpAddress::Parse("198.18.0.5");
  t.new_ip = *IpAddress::Parse("198.19.0.5");
  t.maintenance_end = *Timestamp::ParseRfc3339("2026-12-10T06:00:00+09:00");
  t.ticket = "ZL-1";
  return t;
}

inline nlohmann::json BackendJ(
    const std::string& name, const std::string& address,
    nlohmann::json extra = nlohmann::json::object()) {
  nlohmann::json b = {{"name", name},
                      {"address", address},
                      {"port", 80},
                      {"use_ssl", false},
                      {"override_host", nullptr},
                      {"request_condition", ""},
                      {"healthcheck", nullptr}};
  b.update(extra);
  return b;
}

inline nlohmann::json VersionJ(int n, bool active, bool locked,
                               const std::string& comment = "") {
  return {{"number", n},
          {"active", active},
          {"locked", locked},
          {"comment", comment}};
}

// A staged comment of the test migration built on `base`.
inline std::string Staged(int base) {
  const Target t = TestTarget();
  return StagedComment(base, t.old_ip, t.new_ip, t.ticket, "c");
}

// One service's raw answers: `versions` (VersionJ), the active one's
// backends, and optionally the staged version's backends (number, list).
struct RawService {
  std::string id = "S1";
  std::string name = "www.example.jp";
  std::string type = "vcl";
  std::vector<nlohmann::json> versions;
  nlohmann::json backends = nlohmann::json::array();
  nlohmann::json domains =
      nlohmann::json::array({{{"name", "www.example.jp"}}});
  nlohmann::json vcls = nlohmann::json::array();
  nlohmann::json snippets = nlohmann::json::array();
  nlohmann::json pools = nlohmann::json::array();
  nlohmann::json pool_servers = nlohmann::json::object();
  int staged_number = 0;
  nlohmann::json staged_backends = nlohmann::json::array();

  nlohmann::json Raw() const {
    int active = 0;
    for (const auto& v : versions)
      if (v.value("active", false)) active = v["number"];
    nlohmann::json raw = {
        {"details",
         {{"id", id},
          {"name", name},
          {"type", type},
          {"active_version",
           active ? nlohmann::json{{"number", active}} : nlohmann::json()},
          {"versions", versions}}},
        {"backends", backends},
        {"domains", domains},
        {"directors", nlohmann::json::array()},
        {"vcls", vcls},
        {"snippets", snippets},
        {"pools", pools},
        {"pool_servers", pool_servers}};
    if (staged_number)
      raw["staged"] = {{"number", staged_number},
                       {"backends", staged_backends},
                       {"diff",
                        {{"from", "1"},
                         {"to", "2"},
                         {"format", "text"},
                         {"diff",
                          " backends:\n - name: origin_1\n-  address: "
                          "198.18.0.5\n+  address: 198.19.0.5\n"}}}};
    return raw;
  }
};

// The services' snapshots; empty when any answer is of the wrong shape.
inline std::vector<ServiceSnapshot> Snapshots(
    const std::vector<RawService>& services) {
  std::vector<ServiceSnapshot> out;
  for (const RawService& s : services) {
    auto snap = ServiceFromAnswers(s.id, s.name, s.Raw(), TestTarget());
    if (!snap.ok()) return {};
    out.push_back(std::move(*snap));
  }
  return out;
}

}  // namespace renumber::cdn::testing

#endif  // RENUMBER_ADAPTERS_CDN_CDN_TEST_SNAPSHOTS_H_
