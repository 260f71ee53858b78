// OriginFarm: real HTTP(S) origin servers for the simulated CDN customers,
// one for every address and port their backends use — the old server and
// the new one — so that origin probes, the cut-over gate and
// `cutover --wait-ready` run against something real.
//
// Every (ip, port) listens on a free loopback port; connect_to() says where
// (renumber --connect-to). A customer's HTTPS origins present a certificate
// signed by the farm's own CA (ca_file(): pass it with --ca-file) naming
// that customer's domain and "*.<domain>" only, as a real site's does (one
// naming every site would outgrow what TLS clients accept).
//
// What each origin answers, by phase:
//              old server            new server
//   kBefore    the site              a placeholder page ("being prepared")
//   kSynced    the site              the site (the data is synced)
//   kAfter     down (cuts the        the site
//              connection)
//   kTimed     the site until        the placeholder until maintenance_end
//              maintenance_end, then  + the customer's delay, then the site
//              down
//   kStaleCopy the site              an older copy of the site (the same
//                                    title, another body: the final sync
//                                    did not run)
// "The site" is a page whose title names the host and whose body is the
// same on both servers (the same bytes, so the same SHA-256); "/health"
// answers "OK" as text/plain. kTimed staggers the new servers: the n-th
// CDN customer's comes back n × stagger after maintenance_end.
//
// Threads: SetPhase and the accessors are thread-safe; the servers answer
// on HTTP library threads. Stop() before main returns.
#ifndef RENUMBER_SIM_ORIGIN_FARM_H_
#define RENUMBER_SIM_ORIGIN_FARM_H_

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/core/status.h"
#include "src/core/time.h"
#include "src/probe/connect_to.h"
#include "src/sim/sim_vendor.h"
#include "src/sim/world.h"

namespace renumber {

enum class OriginPhase { kBefore, kSynced, kAfter, kTimed, kStaleCopy };
const char* OriginPhaseName(OriginPhase phase);
Result<OriginPhase> ParseOriginPhase(const std::string& text);

struct OriginFarmOptions {
  OriginPhase phase = OriginPhase::kSynced;
  Timestamp maintenance_end;                // for kTimed
  std::chrono::milliseconds stagger{2000};  // kTimed: per customer
  Clock* clock = nullptr;                   // null = real clock
};

class OriginFarm {
 public:
  // One origin per old and new address and port of `origins` at their
  // customer's old IP (what the simulators' states point at:
  // SimVendorSpec::origins); other addresses are not served.
  static Result<std::unique_ptr<OriginFarm>> Start(
      const std::vector<SimCustomer>& customers,
      const std::vector<SimOrigin>& origins, const OriginFarmOptions& options);
  virtual ~OriginFarm() = default;

  virtual void SetPhase(OriginPhase phase) = 0;
  // kTimed's maintenance_end (the demo starts the clock when it is ready).
  virtual void SetMaintenanceEnd(Timestamp end) = 0;
  virtual OriginPhase phase() const = 0;
  virtual const ConnectToMap& connect_to() const = 0;
  virtual std::string ca_file() const = 0;
  // The title of the site page for `host` (what a probe of it finds).
  static std::string SiteTitle(const std::string& host);
  static std::string PlaceholderTitle();
  // Requests answered so far (all origins).
  virtual long requests() const = 0;
  virtual void Stop() = 0;
};

}  // namespace renumber

#endif  // RENUMBER_SIM_ORIGIN_FARM_H_
