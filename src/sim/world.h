// The simulated customers: who they are, their old and new server IPs, the
// services they hold and their simulator-only credentials. Every vendor
// simulator builds its accounts from the same list, so one plan file covers
// them all. Nothing here names a vendor: which customers hold a service and
// what credentials they get is the vendor simulator's SimVendorSpec
// (sim_vendor.h); sim_vendors.h seeds over the registered ones.
//
// SeedCustomers is deterministic: the same n and vendors give the same
// customers, IPs, services and credentials on every machine.
#ifndef RENUMBER_SIM_WORLD_H_
#define RENUMBER_SIM_WORLD_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/core/status.h"

namespace renumber {

struct SimVendorSpec;

// One service a customer holds, with its simulator-only credentials under
// the service's credential field names (printed by `renumber sim`; never
// real): "ess" -> {username, password}.
struct SimService {
  std::string name;
  std::map<std::string, std::string> credentials;
};

struct SimCustomer {
  std::string id;      // "C-10001"
  int index = 0;       // 0-based position; vendor sims derive shapes from it
  std::string old_ip;  // canonical text
  std::string new_ip;  // canonical text, same family as old_ip
  std::string maintenance_end;  // RFC 3339
  std::string ticket;           // "ZL-2026-10001"
  // The services the customer holds, in the vendors' registration order
  // (the plan's rows follow it).
  std::vector<SimService> services;

  bool Has(const std::string& service) const;
  // The credential `field` of `service`; "" when either is missing.
  std::string Credential(const std::string& service,
                         const std::string& field) const;
};

// n customers, each holding the services of `vendors` whose holds(index)
// says so (with the credentials that vendor derives); about one in six on
// IPv6. Old IPs from 198.18.0.0/16 (2001:db8:a::/48), new IPs from
// 198.19.0.0/16 (2001:db8:b::/48). maintenance_end is `maintenance_end`.
// sim_vendors.h has the form over every registered vendor simulator.
std::vector<SimCustomer> SeedCustomers(
    int n, const std::string& maintenance_end,
    const std::vector<SimVendorSpec>& vendors);

// `bytes` random-looking bytes in hex, derived only from `purpose` (stable
// across processes and machines): seeded simulator-only credentials.
std::string SimDerivedHex(const std::string& purpose, size_t bytes);

nlohmann::json CustomersToJson(const std::vector<SimCustomer>& customers);
Result<std::vector<SimCustomer>> CustomersFromJson(const nlohmann::json& j);

// The plan CSV (customer,service,old_ip,new_ip,maintenance_end,ticket),
// a row per service a customer holds, in its order.
std::string PlanCsv(const std::vector<SimCustomer>& customers);
// A credentials file in the credentials-template format; `api_bases` maps
// a service to its simulator's base URL (a service missing from it is
// left out).
nlohmann::json CredentialsJson(
    const std::vector<SimCustomer>& customers,
    const std::map<std::string, std::string>& api_bases);

}  // namespace renumber

#endif  // RENUMBER_SIM_WORLD_H_
