// SimVendorSpec: what one vendor simulator declares so that the simulated
// world, the cluster, `renumber sim`, the demo and the benchmarks can run it
// without naming it. Each vendor's spec lives in its simulator folder
// (adapters/<vendor>/simulator/*_sim_vendor.cc); adapters/sim_vendors.cc
// lists them, one line each (sim_vendors.h).
//
// The functions are pure (thread-safe) except `make`, whose SimApi the
// caller owns; `clock` (not owned) must outlive it.
#ifndef RENUMBER_SIM_SIM_VENDOR_H_
#define RENUMBER_SIM_SIM_VENDOR_H_

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "src/core/time.h"
#include "src/model/model.h"
#include "src/sim/sim_api.h"
#include "src/sim/world.h"

namespace renumber {

// A web origin a simulator's state points at, at a customer's old IP
// (OriginFarm serves it there and at the new IP).
struct SimOrigin {
  std::string customer;
  std::string address;  // as the state holds it; OriginFarm keeps IPs only
  int port = 80;
  bool tls = false;
};

// A console login other than the customer's own credentials (e.g. ESS's
// read-only user), printed by `renumber sim`.
struct SimLogin {
  std::string customer;
  std::string role;  // "viewer": the key in `renumber sim --json`
  Text note;         // "read-only user (answers 403)"
  std::map<std::string, std::string> fields;
};

struct SimVendorSpec {
  // The registered service it simulates (ServiceSpec::name): "ess".
  std::string service;
  // Its management API's name for people: "ESS (Email Security.cloud)".
  Text title;
  // Where `renumber sim --<service>` listens by default.
  std::string default_listen;
  // Whether the seeded customer at 0-based `index` holds the service: the
  // world's mix of shapes.
  bool (*holds)(int index) = nullptr;
  // The simulator-only credentials seeded for `customer` (id, index set),
  // under the service's credential field names.
  std::map<std::string, std::string> (*credentials)(
      const SimCustomer& customer) = nullptr;
  // A new simulator holding the accounts of `customers` that hold the
  // service.
  std::unique_ptr<SimApi> (*make)(const std::vector<SimCustomer>& customers,
                                  Clock* clock) = nullptr;

  // What the cluster reads of this simulator's SaveState(), in the
  // simulator's own state format; nullptr: it holds none of it.
  // (customer, domain) for every domain an account serves now, in any
  // order and repeats allowed (the cluster groups them: the DNS
  // simulator's zones, preflight's tests).
  std::vector<std::pair<std::string, std::string>> (*domains)(
      const nlohmann::json& state) = nullptr;
  // (customer, address) for every server address the state names (routes,
  // backends): the hosts file puts host names at the customer's old IP.
  std::vector<std::pair<std::string, std::string>> (*addresses)(
      const nlohmann::json& state) = nullptr;
  // The web origins behind the customers' sites (OriginFarm).
  std::vector<SimOrigin> (*origins)(const nlohmann::json& state) = nullptr;
  // Other console logins (renumber sim prints them).
  std::vector<SimLogin> (*logins)(const nlohmann::json& state) = nullptr;

  // Whether a world seeded from `customers` holds accounts of this service
  // that are made to stay partial after cut over (references renumber
  // reports but leaves to people): the demo then expects exit 3 from its
  // last steps. nullptr: never.
  bool (*stays_partial)(const std::vector<SimCustomer>& customers) = nullptr;

  // A spec is written by role: its name, title and listen address as an
  // aggregate, then what seeds a world and what reads a state, e.g.
  //   SimVendorSpec spec{"ess", {"ESS (…)", "ESS（…）"}, "127.0.0.1:18025"};
  //   return spec.Seeds(Holds, Credentials, NewEssSimApi)
  //       .Reads(Domains, Addresses, /*origins=*/nullptr, Logins);
  SimVendorSpec& Seeds(decltype(holds) h, decltype(credentials) c,
                       decltype(make) m) {
    holds = h;
    credentials = c;
    make = m;
    return *this;
  }
  SimVendorSpec& Reads(decltype(domains) d, decltype(addresses) a,
                       decltype(origins) o, decltype(logins) l) {
    domains = d;
    addresses = a;
    origins = o;
    logins = l;
    return *this;
  }
};

}  // namespace renumber

#endif  // RENUMBER_SIM_SIM_VENDOR_H_
