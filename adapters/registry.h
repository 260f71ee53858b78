// The one list of adapters: a factory per service. Vendor classes stay
// hidden in their folders; only their factory functions are declared here.
#ifndef RENUMBER_ADAPTERS_REGISTRY_H_
#define RENUMBER_ADAPTERS_REGISTRY_H_

#include <functional>
#include <memory>

#include "adapters/adapter.h"
#include "src/core/random.h"
#include "src/core/resolver.h"
#include "src/core/time.h"
#include "src/http/transport.h"
#include "src/probe/smtp_probe.h"

namespace renumber {

// What an adapter needs from the outside world. Not owned; must outlive it.
struct AdapterDeps {
  HttpTransport* transport = nullptr;  // already wrapped in retry + pacing
  Clock* clock = nullptr;
  Resolver* resolver = nullptr;
  Random* random = nullptr;
  // ESS verify: our own probe of the new mail server (reported, never a
  // gate). Null: no probe.
  SmtpProber* smtp_prober = nullptr;
  // Discover and Verify also list the account's domains
  // (Discovery::domains), for preflight. The CDN needs one more GET per
  // service for them, so only when asked.
  bool list_domains = false;
};

using AdapterFactory = std::function<Result<std::unique_ptr<Adapter>>(
    const Credentials& credentials, const AdapterDeps& deps)>;

// kInvalidArgument when the credentials lack what the service needs.
Result<std::unique_ptr<Adapter>> NewAdapter(const Credentials& credentials,
                                            const AdapterDeps& deps);

// Factories, defined in adapters/ess and adapters/cdn.
Result<std::unique_ptr<Adapter>> NewEssAdapter(const Credentials& credentials,
                                               const AdapterDeps& deps);
Result<std::unique_ptr<Adapter>> NewCdnAdapter(const Credentials& credentials,
                                               const AdapterDeps& deps);

}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_REGISTRY_H_
