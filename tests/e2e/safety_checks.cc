#include "tests/e2e/safety_checks.h"

#include <algorithm>
#include <map>
#include <set>

namespace renumber {

using json = nlohmann::json;

json Entries(const json& moment, const Via& via) {
  const json& routes = moment["routes"];
  if (via.kind == "default") return routes["default"];
  if (via.kind == "custom") return routes["custom"].value(via.name, json());
  return routes["named"].value(via.name, json());
}

json To(const json& moment, const Via& via) {
  const json& d = moment["delivery"];
  if (via.kind == "default") return d["default"]["to"];
  if (via.kind == "custom") return d["domains"][via.name]["to"];
  return d["named"][via.name]["to"];
}

std::vector<Via> AllVias(const json& moment) {
  std::vector<Via> out = {{"default", ""}};
  for (const auto& [name, list] : moment["routes"]["custom"].items())
    out.push_back({"custom", name});
  for (const auto& [name, list] : moment["routes"]["named"].items())
    out.push_back({"named", name});
  return out;
}

json Untouched(const json& entries, const std::string& old_ip,
               const std::string& new_ip) {
  json out = json::array();
  for (const json& e : entries)
    if (e["address"] != old_ip && e["address"] != new_ip) out.push_back(e);
  return out;
}

namespace {

bool Holds(const json& entries, const std::string& ip) {
  for (const json& e : entries)
    if (e["address"] == ip) return true;
  return false;
}

bool Contains(const json& list, const std::string& ip) {
  return list.is_array() && std::find(list.begin(), list.end(), ip) != list.end();
}

std::string At(size_t m, const json& moment) {
  return " at moment " + std::to_string(m) + " (" + moment["write"].dump() +
         ")\n";
}

// The rules of one moment against the first one.
std::string MomentViolations(const json& start, const json& now, size_t m,
                             const std::string& old_ip,
                             const std::string& new_ip) {
  std::string out;
  for (const Via& via : AllVias(start)) {
    const json was = Entries(start, via), is = Entries(now, via);
    if (is.is_null()) {
      out += via.Text() + " vanished" + At(m, now);
      continue;
    }
    if (via.kind == "named" && is.empty())
      out += via.Text() + " is empty" + At(m, now);
    if (via.kind != "named" && !is.empty()) {
      bool primary = false;
      for (const json& e : is) primary = primary || e["role"] == "primary";
      if (!primary) out += via.Text() + " has no primary" + At(m, now);
    }
    if (Holds(was, old_ip) && !Holds(is, old_ip) && !Holds(is, new_ip))
      out += via.Text() + " lost the old route before the new one was in" +
             At(m, now);
    if (Untouched(is, old_ip, new_ip) != Untouched(was, old_ip, new_ip))
      out += via.Text() + " changed beyond the old and new routes" + At(m, now);
  }
  return out;
}

std::string NewGetsMailEarly(const json& history, size_t cutover_from,
                             const std::string& new_ip, const char* down) {
  std::string out;
  for (size_t m = 0; m < std::min(cutover_from, history.size()); ++m)
    for (const Via& via : AllVias(history[m]))
      if (Contains(To(history[m], via), new_ip))
        out += via.Text() + " delivers to the new server before the cut over" +
               " with " + down + " down" + At(m, history[m]);
  return out;
}

}  // namespace

std::string MailSafetyViolations(const json& history,
                                 const json& history_others_down,
                                 const std::string& old_ip,
                                 const std::string& new_ip,
                                 size_t cutover_from) {
  if (!history.is_array() || history.empty()) return "no delivery history\n";
  std::string out;
  for (size_t m = 0; m < history.size(); ++m)
    out += MomentViolations(history[0], history[m], m, old_ip, new_ip);
  out += NewGetsMailEarly(history, cutover_from, new_ip, "nothing");
  out += NewGetsMailEarly(history_others_down, cutover_from, new_ip,
                          "every other server");
  return out;
}

std::string OriginSafetyViolations(const json& activations,
                                   const std::vector<std::string>& services,
                                   const std::string& old_ip,
                                   const std::string& new_ip,
                                   long cutover_from_seq) {
  std::string out;
  std::map<std::string, bool> reached;  // by service: old or new reachable
  const std::set<std::string> ours(services.begin(), services.end());
  for (const json& a : activations) {
    const std::string sid = a.value("service_id", "");
    if (!ours.count(sid)) continue;
    const json addresses = a["routes"].value("addresses", json::array());
    const bool reaches =
        Contains(addresses, old_ip) || Contains(addresses, new_ip);
    const std::string what = sid + " version " + a["version"].dump() +
                             " activated by " + a["by"].dump() + " (seq " +
                             a["seq"].dump() + ")";
    if (a.value("seq", 0L) < cutover_from_seq && Contains(addresses, new_ip))
      out += what + " sends requests to the new server before the cut over\n";
    auto was = reached.find(sid);
    if (was != reached.end() && was->second && !reaches)
      out += what + " reaches neither the old nor the new server\n";
    reached[sid] = reaches;
  }
  return out;
}

}  // namespace renumber
