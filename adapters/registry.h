// The one list of adapters: a factory per service. Vendor classes stay
// hidden in their folders; only their factory functions are declared here.
// A vendor is its folder, its line in services.cc (name, credential
// fields) and its line in registry.cc (factory); a vendor outside the
// build (a test vendor) registers both at once with RegisterVendor.
#ifndef RENUMBER_ADAPTERS_REGISTRY_H_
#define RENUMBER_ADAPTERS_REGISTRY_H_

#include <functional>
#include <memory>

#include "adapters/adapter.h"
#include "src/core/random.h"
#include "src/core/resolver.h"
#include "src/core/time.h"
#include "src/http/transport.h"
#include "src/probe/http_probe.h"
#include "src/probe/smtp_probe.h"

namespace renumber {

// What an adapter needs from the outside world. Not owned; must outlive it.
struct AdapterDeps {
  AdapterDeps() = default;
  // The four every adapter needs; the optional ones are set by name.
  AdapterDeps(HttpTransport* t, Clock* c, Resolver* r, Random* rnd)
      : transport(t), clock(c), resolver(r), random(rnd) {}
  HttpTransport* transport = nullptr;  // already wrapped in retry + pacing
  Clock* clock = nullptr;
  Resolver* resolver = nullptr;
  Random* random = nullptr;
  // Our own probes of origin servers (CDN verify and cutover gate). Null:
  // the adapter reports that it cannot probe.
  HttpProber* http_prober = nullptr;
  // For an adapter that learns which vendor user its credentials belong
  // to (CDN: GET /tokens/self, once its answers show the budget low):
  // every credential of that user is then paced from one rate-limit
  // budget, which takes in what this credential's own answers told of it
  // (RateLimiter::Absorb). May be empty; thread-safe.
  std::function<void(const std::string& user_id)> share_rate_budget;
  // ESS verify: our own probe of the new mail server (reported, never a
  // gate). Null: no probe.
  SmtpProber* smtp_prober = nullptr;
  // Discover and Verify also list the account's domains
  // (Discovery::domains), for preflight. The CDN needs one more GET per
  // service for them, so only when asked.
  bool list_domains = false;
  // Discover also reads the vendor's own view of each staged change for
  // Discovery::appendix (CDN: the diff of a staged switch against the
  // active version, one GET per such service). Only the commands that show
  // it (plan, and prepare after its writes) need it; verify and cut over
  // leave it unset and save that read.
  bool staged_diffs = true;
};

using AdapterFactory = std::function<Result<std::unique_ptr<Adapter>>(
    const Credentials& credentials, const AdapterDeps& deps)>;

// kInvalidArgument when the credentials lack what the service needs.
Result<std::unique_ptr<Adapter>> NewAdapter(const Credentials& credentials,
                                            const AdapterDeps& deps);

// Registers a vendor not in the lists: its service (RegisterService) and
// its adapter factory. Call before the threads that use adapters start.
// kInvalidArgument for a bad or taken name.
Status RegisterVendor(ServiceSpec spec, AdapterFactory factory);

// Factories, defined in adapters/ess and adapters/cdn.
Result<std::unique_ptr<Adapter>> NewEssAdapter(const Credentials& credentials,
                                               const AdapterDeps& deps);
Result<std::unique_ptr<Adapter>> NewCdnAdapter(const Credentials& credentials,
                                               const AdapterDeps& deps);

}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_REGISTRY_H_
