// EssSimVendor: which seeded customers hold ESS, their simulator-only
// console logins, and what the cluster reads of the ESS simulator's state
// (its own format: ess_sim.cc SaveState).
#include "adapters/ess/simulator/ess_sim_vendor.h"

namespace renumber {
namespace {

using json = nlohmann::json;

// Services by index: both, ESS only, CDN only, both, ... (the CDN's
// cdn_sim_vendor.cc holds the other half of the mix).
bool Holds(int index) { return index % 4 != 2; }

std::map<std::string, std::string> SeededCredentials(const SimCustomer& c) {
  return {
      {"username", "admin@c" + std::to_string(10001 + c.index) + ".example.jp"},
      {"password", "sim-ess-" + SimDerivedHex("ess|" + c.id, 8)}};
}

json Accounts(const json& state) {
  return state.value("accounts", json::array());
}

std::map<std::string, std::vector<std::string>> Domains(const json& state) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& a : Accounts(state)) {
    std::vector<std::string>& names = out[a.value("customer", "")];
    for (const auto& d : a.value("domains", json::array()))
      names.push_back(d.value("name", ""));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> Addresses(const json& state) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& a : Accounts(state)) {
    const std::string customer = a.value("customer", "");
    auto collect = [&](const json& routes) {
      if (!routes.is_array()) return;
      for (const auto& r : routes)
        out.emplace_back(customer, r.value("address", ""));
    };
    collect(a["default_routes"]["routes"]);
    for (const auto& d : a.value("domains", json::array()))
      collect(d["routes"]["routes"]);
  }
  return out;
}

std::vector<SimLogin> Logins(const json& state) {
  std::vector<SimLogin> out;
  for (const auto& a : Accounts(state)) {
    for (const auto& u : a.value("users", json::array())) {
      if (u.value("admin", true)) continue;
      out.push_back({a.value("customer", ""),
                     "viewer",
                     {"read-only user (answers 403)",
                      "閲覧専用ユーザー（403 になります）"},
                     {{"username", u.value("username", "")},
                      {"password", u.value("password", "")}}});
    }
  }
  return out;
}

}  // namespace

SimVendorSpec EssSimVendor() {
  return {"ess",
          {"ESS (Email Security.cloud)", "ESS（Email Security.cloud）"},
          "127.0.0.1:18025",
          Holds,
          SeededCredentials,
          NewEssSimApi,
          Domains,
          Addresses,
          /*origins=*/nullptr,  // mail: no web origins
          Logins};
}

}  // namespace renumber
