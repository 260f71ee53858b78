// Internal to the CDN simulator: the state behind the API, one request as
// the handlers see it, and the handlers of cdn.md's endpoints.
//
// Contract: every handler runs with CdnSimApi's mutex held, after
// authentication, rate limiting and the write-scope check; it returns the
// status and JSON body to send and whether stored state changed. Errors are
// replies ({"msg","detail"} with a 4xx status), never exceptions.
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_HANDLERS_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_HANDLERS_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapters/cdn/simulator/form.h"
#include "adapters/cdn/simulator/model.h"
#include "adapters/cdn/simulator/rate_limit.h"
#include "src/http/server.h"

namespace renumber::cdnsim {

struct CdnState {
  std::vector<Account> accounts;
  std::vector<Service> services;
  RateLimiter limiter;
};

struct ApiRequest {
  const ServerRequest* http = nullptr;
  std::map<std::string, std::string> params;  // sid, v, name, dname, bname
  const Account* account = nullptr;
  Form form;  // parsed body of POST and PUT
};

struct ApiReply {
  int status = 200;
  nlohmann::json body;
  bool committed = false;
};

ApiReply ErrorReply(int status, const std::string& msg,
                    const std::string& detail);
ApiReply BadRequest(const std::string& detail);
ApiReply NotFound(const std::string& detail);

// The caller's service params["sid"] (404 for an unknown service and for
// another customer's service alike), then its version params["v"] (400 if
// not a number, 404 if absent). Null with *error set on failure.
Service* FindService(CdnState& state, const ApiRequest& req, ApiReply* error);
Version* FindVersion(CdnState& state, const ApiRequest& req, Service** service,
                     ApiReply* error);
// As FindVersion, and the version must be writable (not active, not
// locked): 400 "Version 'N' for service '...' is locked" otherwise.
Version* FindDraft(CdnState& state, const ApiRequest& req, Service** service,
                   ApiReply* error);

// Appends a copy of version `from` as an unlocked, inactive draft.
Version& CloneVersionOf(Service& service, int from);
// Locks and activates `number`; the previously active one becomes inactive.
void ActivateVersionOf(Service& service, int number);

using Handler = ApiReply (*)(CdnState&, const ApiRequest&);

// handlers_version.cc
ApiReply ListServices(CdnState& state, const ApiRequest& req);
ApiReply ServiceDetails(CdnState& state, const ApiRequest& req);
ApiReply ListVersions(CdnState& state, const ApiRequest& req);
ApiReply CloneVersion(CdnState& state, const ApiRequest& req);
ApiReply ActivateVersion(CdnState& state, const ApiRequest& req);
ApiReply ValidateVersionEndpoint(CdnState& state, const ApiRequest& req);
// handlers_domain.cc
ApiReply ListDomains(CdnState& state, const ApiRequest& req);
// handlers_backend.cc
ApiReply ListBackends(CdnState& state, const ApiRequest& req);
ApiReply GetBackend(CdnState& state, const ApiRequest& req);
ApiReply CreateBackend(CdnState& state, const ApiRequest& req);
ApiReply UpdateBackend(CdnState& state, const ApiRequest& req);
ApiReply DeleteBackend(CdnState& state, const ApiRequest& req);
// handlers_director.cc
ApiReply ListHealthchecks(CdnState& state, const ApiRequest& req);
ApiReply CreateHealthcheck(CdnState& state, const ApiRequest& req);
ApiReply ListDirectors(CdnState& state, const ApiRequest& req);
ApiReply AddDirectorBackend(CdnState& state, const ApiRequest& req);
ApiReply RemoveDirectorBackend(CdnState& state, const ApiRequest& req);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_HANDLERS_H_
