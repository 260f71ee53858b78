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

// Calls `visit(customer, account)` for each account of the state.
template <typename F>
void ForEachAccount(const json& state, F visit) {
  for (const auto& a : state.value("accounts", json::array()))
    visit(a.value("customer", ""), a);
}

std::vector<std::pair<std::string, std::string>> Domains(const json& state) {
  std::vector<std::pair<std::string, std::string>> out;
  ForEachAccount(state, [&](const std::string& customer, const json& a) {
    for (const auto& d : a.value("domains", json::array()))
      out.emplace_back(customer, d.value("name", ""));
  });
  return out;
}

// Every route's address: the default routes and the domains' own.
std::vector<std::pair<std::string, std::string>> Addresses(const json& state) {
  std::vector<std::pair<std::string, std::string>> out;
  ForEachAccount(state, [&](const std::string& customer, const json& a) {
    auto collect = [&](const json& routes) {
      if (!routes.is_array()) return;
      for (const auto& r : routes)
        out.emplace_back(customer, r.value("address", ""));
    };
    collect(a["default_routes"]["routes"]);
    for (const auto& d : a.value("domains", json::array()))
      collect(d["routes"]["routes"]);
  });
  return out;
}

// The read-only console users (every user not an admin).
std::vector<SimLogin> Logins(const json& state) {
  std::vector<SimLogin> out;
  ForEachAccount(state, [&](const std::string& customer, const json& a) {
    for (const auto& u : a.value("users", json::array())) {
      if (u.value("admin", true)) continue;
      out.push_back({customer,
                     "viewer",
                     {"read-only user (answers 403)",
                      "閲覧専用ユーザー（403 になります）"},
                     {{"username", u.value("username", "")},
                      {"password", u.value("password", "")}}});
    }
  });
  return out;
}

}  // namespace

// Mail: no web origins; every account reaches its end state.
SimVendorSpec EssSimVendor() {
  SimVendorSpec spec{
      "ess",
      {"ESS (Email Security.cloud)", "ESS（Email Security.cloud）"},
      "127.0.0.1:18025"};
  return spec.Seeds(Holds, SeededCredentials, NewEssSimApi)
      .Reads(Domains, Addresses, /*origins=*/nullptr, Logins);
}

}  // namespace renumber
