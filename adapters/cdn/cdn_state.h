// Where one CDN service stands in the migration, read from a snapshot
// (pure functions), and the account state over all services.
//
// A VCL service:
//   old and new IP both in active backends      -> partial
//   only the new IP                             -> cut-over
//   only the old IP, no staged switch           -> not-started
//   staged switch built on another version      -> prepared-stale
//   staged switch on the active version, every old backend at the new IP
//   in it, no leftover staged switch            -> prepared
//   otherwise (a switch being built)            -> partial
//   neither IP                                  -> none
// The old IP in custom VCL, a snippet or a pool server, and any backend at
// the old IP in a Compute service, is a hidden origin: reported, never
// changed. Account: the common state of the services that reference either
// IP (prepared and prepared-stale combine to prepared-stale), partial when
// they differ; never cut-over while a hidden origin remains; not-started
// when only hidden origins reference the old IP; missing when nothing does.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_STATE_H_
#define RENUMBER_ADAPTERS_CDN_CDN_STATE_H_

#include <string>
#include <vector>

#include "adapters/cdn/cdn_read.h"
#include "src/core/ip.h"
#include "src/model/model.h"

namespace renumber::cdn {

struct Addresses {
  IpAddress old_ip;
  IpAddress new_ip;
};

enum class ServiceState {
  kNone,
  kNotStarted,
  kPrepared,
  kPreparedStale,
  kCutOver,
  kPartial,
};
const char* ServiceStateName(ServiceState s);

struct HiddenOrigin {
  std::string where;  // "custom VCL main", "snippet debug", "pool app_pool",
                      // "Compute service backend app_origin"
};

struct ServiceView {
  ServiceState state = ServiceState::kNone;
  std::vector<std::string> old_backends;  // active version, at the old IP
  std::vector<std::string> new_backends;  // active version, at the new IP
  // Old backends not yet at the new IP in the staged switch ([0]).
  std::vector<std::string> unstaged;
  bool staged_usable = false;  // staged[0] built on the active version
  std::vector<HiddenOrigin> hidden;
};

ServiceView ViewService(const ServiceSnapshot& s, const Addresses& a);
AccountState CombineStates(const std::vector<ServiceView>& views);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_STATE_H_
