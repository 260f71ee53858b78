#include "adapters/cdn/cdn_sim_expect.h"

#include <gtest/gtest.h>

#include <set>

namespace renumber::cdn {
namespace {

bool At(const nlohmann::json& backend, const IpAddress& ip) {
  auto a = IpAddress::Parse(backend["address"].get<std::string>());
  return a.ok() && *a == ip;
}

std::string Text(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

bool InDirector(const nlohmann::json& dirs, const std::string& d,
                const std::string& b) {
  if (!dirs.contains(d)) return false;
  for (const auto& x : dirs[d])
    if (x == b) return true;
  return false;
}

}  // namespace

void ExpectPrepared(const nlohmann::json& before, const nlohmann::json& after,
                    const Target& t) {
  for (const auto& [sid, svc] : before.items()) {
    ASSERT_TRUE(after.contains(sid)) << sid;
    const nlohmann::json& now = after[sid];
    EXPECT_NE(now["active"], svc["active"]) << sid << " was not switched";
    for (const auto& [name, old] : svc["backends"].items()) {
      if (!At(old, t.old_ip)) {
        EXPECT_EQ(now["backends"][name], old) << sid << " " << name;
        continue;
      }
      const std::string twin = name + "_renumber_new";
      ASSERT_TRUE(now["backends"].contains(twin)) << sid << " " << twin;
      const nlohmann::json& tw = now["backends"][twin];
      const nlohmann::json& o = now["backends"][name];
      for (const auto& [f, v] : old.items()) {
        if (f == "name" || f == "address" || f == "comment" ||
            f == "healthcheck" || f == "auto_loadbalance")
          continue;
        EXPECT_EQ(tw[f], v) << twin << "." << f;
        EXPECT_EQ(o[f], v) << name << "." << f;
      }
      EXPECT_TRUE(At(tw, t.new_ip)) << twin;
      EXPECT_TRUE(At(o, t.old_ip)) << name;
      EXPECT_EQ(o["comment"], old["comment"]) << name;
      EXPECT_EQ(tw["auto_loadbalance"], true) << twin;
      EXPECT_EQ(o["auto_loadbalance"], true) << name;
      const std::string hc = Text(o, "healthcheck");
      EXPECT_FALSE(hc.empty()) << name;
      EXPECT_EQ(Text(tw, "healthcheck"), hc) << twin;
      if (!Text(old, "healthcheck").empty()) {
        EXPECT_EQ(hc, Text(old, "healthcheck"));
      }
      bool defined = false;
      for (const auto& h : now["healthchecks"]) defined |= h == hc;
      EXPECT_TRUE(defined) << hc;
      for (const auto& [d, members] : svc["directors"].items())
        if (InDirector(svc["directors"], d, name)) {
          EXPECT_TRUE(InDirector(now["directors"], d, twin)) << d;
        }
    }
  }
}

void ExpectCutOver(const nlohmann::json& before, const nlohmann::json& after,
                   const Target& t) {
  for (const auto& [sid, svc] : before.items()) {
    ASSERT_TRUE(after.contains(sid)) << sid;
    const nlohmann::json& now = after[sid];
    EXPECT_EQ(now["backends"].size(), svc["backends"].size()) << sid;
    for (const auto& [name, old] : svc["backends"].items()) {
      ASSERT_TRUE(now["backends"].contains(name)) << sid << " " << name;
      nlohmann::json expected = old;
      if (At(old, t.old_ip)) expected["address"] = t.new_ip.ToString();
      EXPECT_EQ(now["backends"][name], expected) << sid << " " << name;
    }
    EXPECT_EQ(now["directors"], svc["directors"]) << sid;
    for (const auto& h : svc["healthchecks"]) {
      bool kept = false;
      for (const auto& x : now["healthchecks"]) kept |= x == h;
      EXPECT_TRUE(kept) << h;
    }
  }
}

PhaseWrites ExpectedWrites(const nlohmann::json& before, const Target& t) {
  PhaseWrites w;
  for (const auto& [sid, svc] : before.items()) {
    int k = 0, u = 0, d = 0;
    std::set<std::string> hosts;
    for (const auto& [name, b] : svc["backends"].items()) {
      if (!At(b, t.old_ip)) continue;
      ++k;
      const bool no_hc = Text(b, "healthcheck").empty();
      if (no_hc || b["auto_loadbalance"] != true) ++u;
      if (no_hc) {
        std::string host = Text(b, "override_host");
        if (host.empty()) host = Text(b, "ssl_sni_hostname");
        if (host.empty()) host = Text(b, "ssl_cert_hostname");
        hosts.insert(host);  // "" stands for the service name
      }
      for (const auto& [dn, members] : svc["directors"].items())
        if (InDirector(svc["directors"], dn, name)) ++d;
    }
    if (k == 0) continue;
    w.prepare += 1 + static_cast<int>(hosts.size()) + k + u + d + 1;
    w.cutover += 1 + k + k + d + 1;
  }
  return w;
}

}  // namespace renumber::cdn
