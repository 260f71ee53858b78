// Internal to the CDN simulator: the state behind the API, one request as
// the handlers see it, and the handlers of cdn.md's endpoints.
//
// Contract: every handler runs with CdnSimApi's mutex held, after
// authentication, rate limiting and the write-scope check; it returns the
// status, headers and JSON body to send and whether stored state changed.
// Errors are replies in one of the contract's three error shapes (see
// ErrorReply, ErrorsReply, ProblemReply), never exceptions.
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_HANDLERS_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_HANDLERS_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "adapters/cdn/simulator/form.h"
#include "adapters/cdn/simulator/model.h"
#include "adapters/cdn/simulator/rate_limit.h"
#include "src/core/time.h"
#include "src/http/server.h"

namespace renumber::cdnsim {

// One activation, as the routing model saw it (GET /_sim/activations).
struct Activation {
  int seq = 0;
  std::string service_id;
  std::string account;
  int version = 0;
  int previous = 0;                // the version active before (0: none)
  std::string at;                  // RFC 3339
  std::string by;                  // "seed", "console" or the API user's id
  nlohmann::json routes;           // RouteToJson with every backend up
  nlohmann::json routes_old_down;  // ... with the account's old IP down
  nlohmann::json config;           // VersionToState of the activated version
};

struct CdnSettings {
  int max_per_page = 50;  // the server's cap on GET /service per_page
};

struct CdnState {
  std::vector<Account> accounts;
  std::vector<Service> services;
  RateLimiter limiter;
  CdnSettings settings;
  std::map<std::string, std::string> old_ips;  // account -> its old IP
  std::vector<Activation> history;
  Clock* clock = nullptr;  // not owned

  std::string Now() const;
  const Account* FindAccount(const std::string& id) const;
};

struct ApiRequest {
  const ServerRequest* http = nullptr;
  std::map<std::string, std::string> params;  // sid, v, name, dname, ...
  const Account* account = nullptr;
  const Token* token = nullptr;
  Form form;  // parsed body of POST and PUT
};

struct ApiReply {
  int status = 200;
  nlohmann::json body;
  bool committed = false;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

// {"msg","detail"}: the classic configuration API's errors.
ApiReply ErrorReply(int status, const std::string& msg,
                    const std::string& detail);
// {"errors":[{"title","detail"}]} (the newer JSON:API endpoints).
ApiReply ErrorsReply(int status, const std::string& title,
                     const std::string& detail);
// application/problem+json {"title","detail","status"}.
ApiReply ProblemReply(int status, const std::string& title,
                      const std::string& detail);
ApiReply BadRequest(const std::string& detail);
ApiReply NotFound(const std::string& detail);

// The caller's service params["sid"] (404 for an unknown service and for
// another customer's service alike), then its version params["v"] (400 if
// not a number, 404 if absent). Null with *error set on failure.
Service* FindService(CdnState& state, const ApiRequest& req, ApiReply* error);
Version* FindVersion(CdnState& state, const ApiRequest& req, Service** service,
                     ApiReply* error);
// As FindVersion, and the version must be writable (not locked): 422
// {"msg":"Version locked"} otherwise.
Version* FindDraft(CdnState& state, const ApiRequest& req, Service** service,
                   ApiReply* error);
// Marks a draft changed (its updated_at).
void Touch(CdnState& state, Version* v);

// Appends a copy of version `from` (comment included) as an unlocked,
// inactive draft.
Version& CloneVersionOf(CdnState& state, Service& service, int from);
// Locks and activates `number`; the previously active one becomes
// inactive; the activation is recorded in state.history.
void ActivateVersionOf(CdnState& state, Service& service, int number,
                       const std::string& by);

using Handler = ApiReply (*)(CdnState&, const ApiRequest&);

// handlers_version.cc
ApiReply ListServices(CdnState& state, const ApiRequest& req);
ApiReply ServiceDetails(CdnState& state, const ApiRequest& req);
ApiReply ListVersions(CdnState& state, const ApiRequest& req);
ApiReply UpdateVersion(CdnState& state, const ApiRequest& req);
ApiReply CloneVersion(CdnState& state, const ApiRequest& req);
ApiReply LockVersion(CdnState& state, const ApiRequest& req);
ApiReply ActivateVersion(CdnState& state, const ApiRequest& req);
ApiReply ValidateVersionEndpoint(CdnState& state, const ApiRequest& req);
ApiReply DiffVersions(CdnState& state, const ApiRequest& req);
// handlers_backend.cc
ApiReply ListBackends(CdnState& state, const ApiRequest& req);
ApiReply GetBackend(CdnState& state, const ApiRequest& req);
ApiReply CreateBackend(CdnState& state, const ApiRequest& req);
ApiReply UpdateBackend(CdnState& state, const ApiRequest& req);
ApiReply DeleteBackend(CdnState& state, const ApiRequest& req);
// handlers_director.cc
ApiReply ListHealthchecks(CdnState& state, const ApiRequest& req);
ApiReply CreateHealthcheck(CdnState& state, const ApiRequest& req);
ApiReply DeleteHealthcheck(CdnState& state, const ApiRequest& req);
ApiReply ListDirectors(CdnState& state, const ApiRequest& req);
ApiReply AddDirectorBackend(CdnState& state, const ApiRequest& req);
ApiReply RemoveDirectorBackend(CdnState& state, const ApiRequest& req);
// handlers_config.cc
ApiReply ListDomains(CdnState& state, const ApiRequest& req);
ApiReply ListVcls(CdnState& state, const ApiRequest& req);
ApiReply ListSnippets(CdnState& state, const ApiRequest& req);
ApiReply ListPools(CdnState& state, const ApiRequest& req);
ApiReply ListPoolServers(CdnState& state, const ApiRequest& req);
ApiReply TokenSelf(CdnState& state, const ApiRequest& req);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_HANDLERS_H_
