#include "tests/bench/bench_minimum.h"

#include <string>

namespace renumber::bench {
namespace {

using json = nlohmann::json;

constexpr long kPerPage = 100;
// GET …/version/{v}/domain, backend, director, vcl, snippet, pool: every
// list of a VCL version that can hold the old IP or that the switch must
// keep (a healthcheck holds no address); a Compute service has only
// domains and backends.
constexpr long kVclLists = 6;
constexpr long kComputeLists = 2;

long Pages(long items) {
  return items == 0 ? 1 : (items + kPerPage - 1) / kPerPage;
}

LearnCost EssAccountCost(const json& account) {
  const json domains = account.value("domains", json::array());
  long custom = 0;
  for (const json& d : domains)
    if (d.value("route_mode", "") == "custom") ++custom;
  LearnCost c;
  // default routes + domain pages + custom routes + named routes + outbound
  c.reads = 1 + Pages(static_cast<long>(domains.size())) + custom + 1 + 1;
  c.depth = custom > 0 ? 2 : 1;
  return c;
}

bool IsStagedSwitch(const json& version) {
  return !version.value("locked", false) && !version.value("active", false) &&
         version.value("comment", "").find("[renumber-staged ") !=
             std::string::npos;
}

// details + the active version's lists + its pools' servers + a staged
// switch's backends.
LearnCost CdnServiceCost(const json& service) {
  LearnCost c{1, 2};
  const bool vcl = service.value("type", "") == "vcl";
  for (const json& v : service.value("versions", json::array())) {
    if (v.value("active", false)) {
      const long pools =
          static_cast<long>(v.value("pools", json::array()).size());
      c.reads += (vcl ? kVclLists : kComputeLists) + pools;
      c.depth = pools > 0 ? 4 : 3;
    } else if (IsStagedSwitch(v)) {
      c.reads += 1;
    }
  }
  return c;
}

// The objects of an ESS account a write can change, by name.
std::map<std::string, json> EssObjects(const json& account) {
  std::map<std::string, json> out = {
      {"default", account.value("default_routes", json())},
      {"named", account.value("named_routes", json())},
      {"outbound", account.value("outbound", json())}};
  for (const json& d : account.value("domains", json::array()))
    if (d.value("route_mode", "") == "custom")
      out["domain:" + d.value("name", "")] = d.value("routes", json());
  return out;
}

std::map<std::string, json> EssAccounts(const json& state) {
  std::map<std::string, json> out;
  for (const json& a : state.value("accounts", json::array()))
    out[a.value("customer", "")] = a;
  return out;
}

std::map<std::string, json> CdnServices(const json& state) {
  std::map<std::string, json> out;
  for (const json& s : state.value("services", json::array()))
    out[s.value("id", "")] = s;
  return out;
}

}  // namespace

std::map<std::string, LearnCost> EssLearnCosts(const json& state) {
  std::map<std::string, LearnCost> out;
  for (const auto& [customer, account] : EssAccounts(state))
    out[customer] = EssAccountCost(account);
  return out;
}

std::map<std::string, LearnCost> CdnLearnCosts(const json& state) {
  std::map<std::string, LearnCost> out;
  std::map<std::string, long> services;
  for (const json& a : state.value("accounts", json::array()))
    out[a.value("id", "")] = LearnCost{0, 1};
  for (const auto& [id, s] : CdnServices(state)) {
    const std::string account = s.value("account", "");
    ++services[account];
    LearnCost c = CdnServiceCost(s);
    out[account].reads += c.reads;
    if (c.depth > out[account].depth) out[account].depth = c.depth;
  }
  for (auto& [account, cost] : out) cost.reads += Pages(services[account]);
  return out;
}

std::map<std::string, long> EssChangedObjects(const json& before,
                                              const json& after) {
  std::map<std::string, long> out;
  const auto old_accounts = EssAccounts(before);
  for (const auto& [customer, account] : EssAccounts(after)) {
    auto was = old_accounts.find(customer);
    if (was == old_accounts.end()) continue;
    const auto then = EssObjects(was->second);
    long changed = 0;
    for (const auto& [name, object] : EssObjects(account)) {
      auto it = then.find(name);
      if (it == then.end() || it->second != object) ++changed;
    }
    out[customer] = changed;
  }
  return out;
}

std::map<std::string, long> CdnChangedObjects(const json& before,
                                              const json& after) {
  std::map<std::string, long> out;
  const auto old_services = CdnServices(before);
  for (const auto& [id, service] : CdnServices(after)) {
    auto was = old_services.find(id);
    const bool changed =
        was == old_services.end() || was->second.value("versions", json()) !=
                                         service.value("versions", json());
    out[service.value("account", "")] += changed ? 1 : 0;
  }
  return out;
}

}  // namespace renumber::bench
