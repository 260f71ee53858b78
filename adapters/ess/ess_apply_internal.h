// Internals of ess_apply.cc shared with ess_apply_routes.cc and
// ess_apply_order.cc: the decoded change parameters and the per-kind
// appliers. Not part of the adapter's interface.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_APPLY_INTERNAL_H_
#define RENUMBER_ADAPTERS_ESS_ESS_APPLY_INTERNAL_H_

#include <string>

#include "adapters/adapter.h"
#include "adapters/ess/ess_client.h"
#include "adapters/ess/ess_write.h"
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
  std::string name;         // named route
  nlohmann::json anchor;    // place-route, join-named-route
  int position = 0;         // leave-named-route: where it stood
  std::string replacement;  // leave-named-route: the route that stays
};

Result<ChangeParams> DecodeParams(const Change& change);

// The body of a delete call: reason, note and (when set) ticket.
nlohmann::json DeleteBody(const ChangeParams& p);

struct ApplyEnv {
  EssClient* client;
  Clock* clock;
  const Target* target;
};

// Runs the write loop on `domain`'s route collection: each round reads it
// and asks `decide` (ess_write.h).
using RouteDecide =
    std::function<Result<Step>(const RouteCollection&, const Progress&)>;
Result<ApplyOutcome> OnRoutes(const ApplyEnv& env, const std::string& domain,
                              const RouteDecide& decide);

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

// The order rule (ess_apply_order.cc): move, and named-route add/remove.
Result<ApplyOutcome> ApplyPlaceRoute(const ApplyEnv& env,
                                     const ChangeParams& p);
Result<ApplyOutcome> ApplyJoinNamedRoute(const ApplyEnv& env,
                                         const ChangeParams& p);
Result<ApplyOutcome> ApplyLeaveNamedRoute(const ApplyEnv& env,
                                          const ChangeParams& p);

// A refusal naming the call that was not sent (kPreconditionFailed):
// "C-10001/ess: POST /v1/inbound-routes/r-1/delete not sent: <why>", and
// its Japanese with `why.ja`.
Status Refuse(const ApplyEnv& env, const std::string& path, const Text& why);
// "r-1 (198.18.0.1:25, primary)".
std::string Describe(const Route& r);

}  // namespace ess
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_APPLY_INTERNAL_H_
