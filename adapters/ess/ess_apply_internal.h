// Internals of ess_apply.cc shared with ess_apply_routes.cc: the decoded
// change parameters and the per-kind appliers. Not part of the adapter's
// interface.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_APPLY_INTERNAL_H_
#define RENUMBER_ADAPTERS_ESS_ESS_APPLY_INTERNAL_H_

#include <string>

#include "adapters/adapter.h"
#include "adapters/ess/ess_client.h"
#include "adapters/ess/ess_write_loop.h"
#include "src/core/time.h"

namespace renumber {
namespace ess {

// Change::params of any kind, decoded (absent fields stay empty).
struct ChangeParams {
  std::string domain;
  std::string route_id;
  std::string server_id;
  std::string address;
  int port = 25;
  std::string role;
  std::string reason;
  std::string note;
  std::string ticket;
  std::string server_note;
  bool cidr_ok = false;
};

Result<ChangeParams> DecodeParams(const Change& change);

// The body of a delete call: reason, note and (when set) ticket.
nlohmann::json DeleteBody(const ChangeParams& p);

struct ApplyEnv {
  EssClient* client;
  Clock* clock;
  const Target* target;
};

// add-route and restore-route.
Result<ApplyOutcome> ApplyAddRoute(const ApplyEnv& env, const ChangeParams& p);
Result<ApplyOutcome> ApplyCheckRoute(const ApplyEnv& env,
                                     const ChangeParams& p);
Result<ApplyOutcome> ApplyPromoteRoute(const ApplyEnv& env,
                                       const ChangeParams& p);
Result<ApplyOutcome> ApplyDemoteRoute(const ApplyEnv& env,
                                      const ChangeParams& p);
Result<ApplyOutcome> ApplyDeleteOldRoute(const ApplyEnv& env,
                                         const ChangeParams& p);
Result<ApplyOutcome> ApplyRemoveAddedRoute(const ApplyEnv& env,
                                           const ChangeParams& p);

}  // namespace ess
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_APPLY_INTERNAL_H_
