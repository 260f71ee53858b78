// CdnSimVendor: which seeded customers hold the CDN, their simulator-only
// API tokens, and what the cluster reads of the CDN simulator's state (its
// own format: state.cc).
#include "adapters/cdn/simulator/cdn_sim_vendor.h"

#include "adapters/cdn/simulator/seed_shapes.h"

namespace renumber {
namespace {

using json = nlohmann::json;

// Services by index: both, ESS only, CDN only, both, ... (the other half of
// the mix is ess_sim_vendor.cc's).
bool Holds(int index) { return index % 4 == 0 || index % 4 >= 2; }

std::map<std::string, std::string> SeededCredentials(const SimCustomer& c) {
  return {{"api_token", "sim-cdn-" + SimDerivedHex("cdn|" + c.id, 16)}};
}

json Services(const json& state) {
  return state.value("services", json::array());
}

// The domains of each service's active version.
std::vector<std::pair<std::string, std::string>> Domains(const json& state) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& s : Services(state))
    for (const auto& v : s.value("versions", json::array()))
      if (v.value("active", false))
        for (const auto& d : v.value("domains", json::array()))
          out.emplace_back(s.value("account", ""), d.value("name", ""));
  return out;
}

std::vector<SimOrigin> Origins(const json& state) {
  std::vector<SimOrigin> out;
  for (const auto& s : Services(state))
    for (const auto& v : s.value("versions", json::array()))
      for (const auto& b : v.value("backends", json::array()))
        out.push_back({s.value("account", ""), b.value("address", ""),
                       b.value("port", 80), b.value("use_ssl", false)});
  return out;
}

std::vector<std::pair<std::string, std::string>> Addresses(const json& state) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const SimOrigin& o : Origins(state))
    out.emplace_back(o.customer, o.address);
  return out;
}

// The shapes "hidden" (the old IP in custom VCL, a snippet, a pool) and
// "compute" (a Compute service) hold references renumber reports but does
// not change, so their accounts stay partial after cut over. A customer's
// shape is its rank among the CDN customers (seed.h).
bool StaysPartial(const std::vector<SimCustomer>& customers) {
  int rank = 0;
  for (const SimCustomer& c : customers) {
    if (!c.Has("cdn")) continue;
    const std::string shape = cdnsim::ShapeName(rank++);
    if (shape == "hidden" || shape == "compute") return true;
  }
  return false;
}

}  // namespace

// One API token per account: no console logins.
SimVendorSpec CdnSimVendor() {
  SimVendorSpec spec{
      "cdn", {"CDN (ZenlogicCDN)", "CDN（ZenlogicCDN）"}, "127.0.0.1:18080"};
  spec.stays_partial = StaysPartial;
  return spec.Seeds(Holds, SeededCredentials, NewCdnSimApi)
      .Reads(Domains, Addresses, Origins, /*logins=*/nullptr);
}

}  // namespace renumber
