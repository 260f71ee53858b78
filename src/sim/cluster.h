// SimCluster: both vendor simulators, seeded from one customer list, on free
// loopback ports. Used by `renumber sim`, `renumber demo`, the end-to-end
// tests and the benchmarks.
//
// Threads: Start/Stop from one thread; the running hosts are thread-safe.
#ifndef RENUMBER_SIM_CLUSTER_H_
#define RENUMBER_SIM_CLUSTER_H_

#include <memory>
#include <string>
#include <vector>

#include "src/core/time.h"
#include "src/sim/host.h"
#include "src/sim/world.h"

namespace renumber {

struct SimClusterOptions {
  int seed = 6;  // number of customers (ignored when state_file has state)
  std::string maintenance_end = "2026-12-10T06:00:00+09:00";
  std::string ess_listen = "127.0.0.1:0";  // host:port, port 0 = free port
  std::string cdn_listen = "127.0.0.1:0";
  std::string admin_token;  // "" = random
  std::string state_file;   // loaded at start when it exists
  FaultConfig faults;       // for both hosts
  Clock* clock = nullptr;   // null = real clock
};

class SimCluster {
 public:
  static Result<std::unique_ptr<SimCluster>> Start(
      const SimClusterOptions& options);
  ~SimCluster();

  SimHost* ess() { return ess_.get(); }
  SimHost* cdn() { return cdn_.get(); }
  const std::vector<SimCustomer>& customers() const { return customers_; }

  Status WritePlan(const std::string& path) const;
  // Written 0600: it holds the simulator-only credentials.
  Status WriteCredentials(const std::string& path) const;
  // Customers + both vendors' state, as one JSON document.
  Status SaveState(const std::string& path) const;
  void Stop();

 private:
  SimCluster() = default;
  std::vector<SimCustomer> customers_;
  std::unique_ptr<SimHost> ess_;
  std::unique_ptr<SimHost> cdn_;
};

}  // namespace renumber

#endif  // RENUMBER_SIM_CLUSTER_H_
