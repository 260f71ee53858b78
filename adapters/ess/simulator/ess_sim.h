// EssSim: the ESS management API of docs/ess-contract.md as a SimApi
// (internal to the simulator; the factory is NewEssSimApi in
// ess_sim_vendor.h). Choices where the contract is silent: README.md.
//
// Threads: Handle() runs on many server threads; one mutex guards all
// accounts. The check endpoint releases it while it probes a real SMTP
// server, then re-finds the route (it may have been deleted meanwhile).
#ifndef RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_SIM_H_
#define RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_SIM_H_

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "adapters/ess/simulator/ess_delivery.h"
#include "adapters/ess/simulator/ess_model.h"
#include "src/core/time.h"
#include "src/sim/sim_api.h"

namespace renumber::ess_sim {

struct EssSettings {
  std::string check_outcome = "PASS";  // for non-loopback addresses
  int check_timeout_ms = 2000;         // SMTP connect / greeting timeout
  // Loopback addresses get a real SMTP check; false: they get
  // check_outcome too (ESS's own ranges may reach a server that refuses
  // everyone else, e.g. the operator's probe).
  bool check_loopback_smtp = true;
  int rate_limit_size = 0;  // POSTs per window; 0 = no limit
  int rate_limit_window_s = 60;
};

class EssSim : public SimApi {
 public:
  EssSim(const std::vector<SimCustomer>& customers, Clock* clock);

  std::string vendor() const override { return "ess"; }
  ServerResponse Handle(const ServerRequest& request, SimCall* call) override;
  std::string AccountOf(const ServerRequest& request) override;
  Status CustomerChange(const std::string& account) override;
  Status Configure(const nlohmann::json& settings) override;
  nlohmann::json Settings() const override;
  nlohmann::json SaveState() const override;
  Status LoadState(const nlohmann::json& state) override;
  // GET /_sim/delivery/{account}?down=ADDR,... (ess_delivery.h).
  std::optional<ServerResponse> HandleAdmin(
      const ServerRequest& request) override;

 private:
  // One request being served; `account` is valid while `lock` is held.
  struct Req {
    const ServerRequest& http;
    SimCall* call;
    std::vector<std::string> segs;  // path segments after "/v1"
    std::unique_lock<std::mutex>* lock;
    Account* account = nullptr;
    std::string actor;
    nlohmann::json body;
  };
  using Handler = ServerResponse (EssSim::*)(Req&);
  struct Match {
    std::string endpoint;  // "POST /v1/inbound-routes/{id}/check"; "" = none
    Handler handler = nullptr;  // null on a wrong method
    std::string allow;          // the path's method
  };
  static Match MatchPath(const std::string& method,
                         const std::vector<std::string>& segs);
  std::optional<ServerResponse> Authenticate(Req& r);
  std::optional<ServerResponse> RateLimit(Req& r);
  // 428 / 412 unless If-Match carries `etag`.
  std::optional<ServerResponse> CheckIfMatch(const Req& r,
                                             const std::string& etag);
  void Log(Req& r, const std::string& action, const std::string& object,
           const std::string& address, const std::string& reason = "",
           const std::string& note = "",
           const std::optional<std::string>& ticket = std::nullopt);
  nlohmann::json SetJson(const RouteSet& set);

  // ess_collections.cc
  ServerResponse ListDomains(Req& r);
  ServerResponse ListOutbound(Req& r);
  ServerResponse AddOutbound(Req& r);
  ServerResponse DeleteOutbound(Req& r);
  ServerResponse ChangeLog(Req& r);
  // ess_routes.cc
  ServerResponse ListRoutes(Req& r);
  ServerResponse AddRoute(Req& r);
  ServerResponse CheckRoute(Req& r);
  ServerResponse PromoteRoute(Req& r);
  ServerResponse DemoteRoute(Req& r);
  ServerResponse DeleteRoute(Req& r);
  ServerResponse MoveRoute(Req& r);
  // ess_named_routes.cc
  ServerResponse ListNamed(Req& r);
  ServerResponse AddToNamed(Req& r);
  ServerResponse RemoveFromNamed(Req& r);
  // The default set, or a custom domain's set with its collection name;
  // a ready 404 / 409 NOT_CUSTOM otherwise.
  std::optional<ServerResponse> SetOf(Req& r, RouteSet** set,
                                      std::string* collection);
  // Finds route segs[1]; a ready 404 when unknown.
  std::optional<ServerResponse> RouteOf(Req& r, RouteRef* ref);

  Clock* const clock_;
  mutable std::mutex mu_;
  std::map<std::string, Account> accounts_;  // by customer id
  struct Login {
    std::string customer;
    std::string password;
    bool admin;
  };
  std::map<std::string, Login> logins_;  // by username
  struct Window {
    Timestamp start;
    int used = 0;
  };
  std::map<std::string, Window> windows_;  // rate limit, by customer
  EssSettings settings_;
  DeliveryHistory history_;

  void IndexLogins();
};

}  // namespace renumber::ess_sim

#endif  // RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_SIM_H_
