// SimCluster: every vendor simulator (sim_vendors.h), seeded from one
// customer list, on free loopback ports. Used by `renumber sim`,
// `renumber demo`, the end-to-end tests and the benchmarks. It names no
// vendor: hosts are found by service name.
//
// Threads: Start/Stop from one thread; the running hosts are thread-safe.
#ifndef RENUMBER_SIM_CLUSTER_H_
#define RENUMBER_SIM_CLUSTER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "src/core/time.h"
#include "src/sim/host.h"
#include "src/sim/origin_farm.h"
#include "src/sim/sim_vendors.h"
#include "src/sim/world.h"

namespace renumber {

struct SimClusterOptions {
  int seed = 6;  // number of customers (ignored when state_file has state)
  std::string maintenance_end = "2026-12-10T06:00:00+09:00";
  // service -> host:port; a service not named listens on a free loopback
  // port ("127.0.0.1:0").
  std::map<std::string, std::string> listen;
  std::string admin_token;  // "" = random
  std::string state_file;   // loaded at start when it exists
  FaultConfig faults;       // for every host
  Clock* clock = nullptr;   // null = real clock
  // Real origin servers for the CDN customers' old and new addresses
  // (origin_farm.h): off by default.
  bool origins = false;
  OriginFarmOptions origin_options;  // maintenance_end and clock filled in
  // Non-empty: this world instead of SeedCustomers(seed) (tests that need
  // other addresses, e.g. new IPs on loopback). A state file still wins.
  std::vector<SimCustomer> customers;
};

// "127.0.0.1:18025", "[::1]:0", "localhost:8080" -> host and port.
struct ListenAddress {
  std::string host;
  int port = 0;
};
Result<ListenAddress> ParseListenAddress(const std::string& text);
// The base URL a host at `listen` serves ("http://127.0.0.1:18025");
// kInvalidArgument for port 0 (not known before the host starts).
Result<std::string> BaseUrlFor(const std::string& listen);

// The customers of options.state_file when it exists (kInvalidArgument when
// it is not a simulator state file), else options.customers when given, else
// SeedCustomers(seed, ...).
Result<std::vector<SimCustomer>> LoadOrSeedCustomers(
    const SimClusterOptions& options);
// The plan CSV (0644) and the credentials file (0600), written atomically.
Status WritePlanFile(const std::vector<SimCustomer>& customers,
                     const std::string& path);
// `api_bases`: service -> base URL (world.h CredentialsJson).
Status WriteCredentialsFile(const std::vector<SimCustomer>& customers,
                            const std::map<std::string, std::string>& api_bases,
                            const std::string& path);

// Errors of Start: kInvalidArgument for bad options or state file,
// kUnavailable when a listen address cannot be bound.
class SimCluster {
 public:
  static Result<std::unique_ptr<SimCluster>> Start(
      const SimClusterOptions& options);
  ~SimCluster();

  // The simulator of `service`; aborts when the cluster runs none (a
  // service name in code, not typed by people).
  SimHost* host(const std::string& service) const;
  // Every host, in the vendors' registration order.
  std::vector<SimHost*> hosts() const;
  // service -> base URL of its host.
  std::map<std::string, std::string> base_urls() const;
  // The origin servers; null unless options.origins.
  OriginFarm* origins() { return origins_.get(); }
  const std::vector<SimCustomer>& customers() const { return customers_; }

  Status WritePlan(const std::string& path) const;
  // Written 0600: it holds the simulator-only credentials.
  Status WriteCredentials(const std::string& path) const;
  // A hosts(5) file naming every host-name route and backend the
  // simulators seeded, each at its customer's old IP: with `--hosts` it
  // lets discovery report them as dns-dependent without asking DNS (the
  // names are not real).
  Status WriteHostsFile(const std::string& path) const;
  // Where the simulated origins listen (renumber --connect-to); needs
  // options.origins. The origins' CA is origins()->ca_file().
  Status WriteConnectTo(const std::string& path) const;
  // The domains each account serves, as the simulators hold them now
  // (SimVendorSpec::domains): "C-10001/ess" -> every ESS domain of the
  // account, "C-10001/cdn" -> the domains of each service's active version
  // (for the DNS simulator and for preflight's tests).
  std::map<std::string, std::vector<std::string>> AccountDomains() const;
  // Customers + every vendor's state, as one JSON document.
  Status SaveState(const std::string& path) const;
  void Stop();

 private:
  SimCluster() = default;
  std::vector<SimCustomer> customers_;
  struct Running {
    const SimVendorSpec* vendor;
    std::unique_ptr<SimHost> host;
  };
  std::vector<Running> hosts_;
  std::unique_ptr<OriginFarm> origins_;
};

}  // namespace renumber

#endif  // RENUMBER_SIM_CLUSTER_H_
