// One vendor's simulated management API (ESS or CDN), served by SimHost.
//
// A SimApi implements its contract in ../shared/vendor-api/<vendor>.md on its
// own: it must not reuse the adapter's wire encoding or decoding code (so a
// misreading of the contract fails a test instead of hiding in both).
//
// Threads: Handle() is called from many server threads at once; the API
// guards its own state. Ownership: SimHost owns the SimApi.
#ifndef RENUMBER_SIM_SIM_API_H_
#define RENUMBER_SIM_SIM_API_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "src/core/status.h"
#include "src/http/server.h"
#include "src/sim/world.h"

namespace renumber {

// What the API tells the host about one request, for counters and faults.
struct SimCall {
  // Route template with method, e.g. "POST /v1/inbound-routes/{id}/delete";
  // "" when no route matched.
  std::string endpoint;
  // The authenticated account (customer id), "" when auth failed.
  std::string account;
  // True when the request changed stored state (a committed write).
  bool committed = false;
};

class SimApi {
 public:
  virtual ~SimApi() = default;
  // "ess" or "cdn".
  virtual std::string vendor() const = 0;
  // Serves one request of the contract. Never sees /_sim/ paths.
  virtual ServerResponse Handle(const ServerRequest& request,
                                SimCall* call) = 0;
  // The account a request's credentials belong to, without handling it
  // ("" when unknown or not authenticated). SimHost uses it to run a
  // customer_change fault before a write. Optional: by default the host
  // remembers which credentials headers earlier answers authenticated.
  virtual std::string AccountOf(const ServerRequest& request) {
    (void)request;
    return "";
  }
  // "The customer" changes the account in the console, so that the client's
  // next write conflicts (ESS: the collections' ETags change; CDN: a new
  // version is cloned and activated). kNotFound for an unknown account.
  virtual Status CustomerChange(const std::string& account) = 0;
  // Vendor settings changed at run time through /_sim/settings (e.g. CDN
  // rate-limit window and size, ESS check outcome). Unknown keys: error.
  virtual Status Configure(const nlohmann::json& settings) = 0;
  virtual nlohmann::json Settings() const = 0;
  // Whole state, for --state files and for tests to inspect exactly.
  virtual nlohmann::json SaveState() const = 0;
  virtual Status LoadState(const nlohmann::json& state) = 0;
  // The vendor's own admin paths under /_sim/ (e.g. ESS's delivery model,
  // GET /_sim/delivery/{account}; the CDN's routing model,
  // GET /_sim/route/{sid}, and GET /_sim/activations), reached after the admin
  // endpoint has checked the admin token, for paths the host does not serve
  // itself. nullopt: no such path (the host answers 404).
  virtual std::optional<ServerResponse> HandleAdmin(
      const ServerRequest& request) {
    (void)request;
    return std::nullopt;
  }
};

}  // namespace renumber

#endif  // RENUMBER_SIM_SIM_API_H_
