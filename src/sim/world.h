// The simulated customers: who they are, their old and new server IPs and
// their simulator-only credentials. Both vendor simulators build their
// accounts from the same list, so one plan file covers both.
//
// SeedCustomers(n) is deterministic: the same n gives the same customers,
// IPs, shapes and credentials on every machine.
#ifndef RENUMBER_SIM_WORLD_H_
#define RENUMBER_SIM_WORLD_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/core/status.h"

namespace renumber {

struct SimCustomer {
  std::string id;      // "C-10001"
  int index = 0;       // 0-based position; vendor sims derive shapes from it
  std::string old_ip;  // canonical text
  std::string new_ip;  // canonical text, same family as old_ip
  bool has_ess = false;
  bool has_cdn = false;
  std::string maintenance_end;  // RFC 3339
  std::string ticket;           // "ZL-2026-10001"
  // Simulator-only credentials (printed by `renumber sim`; never real).
  std::string ess_username;
  std::string ess_password;
  std::string cdn_token;
};

// n customers: a mix of ESS only, CDN only and both; about one in six on
// IPv6. Old IPs from 198.18.0.0/16 (2001:db8:a::/48), new IPs from
// 198.19.0.0/16 (2001:db8:b::/48). maintenance_end is `maintenance_end`.
std::vector<SimCustomer> SeedCustomers(int n,
                                       const std::string& maintenance_end);

nlohmann::json CustomersToJson(const std::vector<SimCustomer>& customers);
Result<std::vector<SimCustomer>> CustomersFromJson(const nlohmann::json& j);

// The plan CSV (customer,service,old_ip,new_ip,maintenance_end,ticket).
std::string PlanCsv(const std::vector<SimCustomer>& customers);
// A credentials file in the credentials-template format.
nlohmann::json CredentialsJson(const std::vector<SimCustomer>& customers,
                               const std::string& ess_base,
                               const std::string& cdn_base);

}  // namespace renumber

#endif  // RENUMBER_SIM_WORLD_H_
