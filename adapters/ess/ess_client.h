// EssClient: the HTTP calls of one ESS account, over an HttpTransport.
//
// - GETs return decoded objects; any failure is an error that names the
//   account and the call: "C-10001/ess: GET /v1/inbound-routes: 401
//   UNAUTHORIZED: ...". A body that is not the contract's JSON is kInternal
//   ("malformed JSON ..."), never a guess.
// - Post() sorts the answer to a write into what the caller must do next:
//   kOk (done), kStale (412: re-read and re-plan), kUnknown (5xx, timeout,
//   dropped connection or a 2xx with an unreadable body: the effect may or
//   may not be there, so read back before anything else), kRefused (any
//   other 4xx; `code` holds the vendor code, e.g. "DUPLICATE").
//   A 428 is kRefused with kInternal: the adapter forgot If-Match (a bug).
// - The transport is not owned and must outlive the client; the password
//   lives in a Secret and only ever appears in the Authorization header.
//   Error messages carry no secret.
// - One thread at a time (the engine's rule for an adapter).
#ifndef RENUMBER_ADAPTERS_ESS_ESS_CLIENT_H_
#define RENUMBER_ADAPTERS_ESS_ESS_CLIENT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapters/ess/ess_wire.h"
#include "src/core/secret.h"
#include "src/core/status.h"
#include "src/http/transport.h"

namespace renumber {
namespace ess {

struct PostReply {
  enum class Kind { kOk, kStale, kUnknown, kRefused };
  Kind kind = Kind::kUnknown;
  int http_status = 0;  // 0 when no response arrived
  nlohmann::json body;  // kOk: the decoded body
  std::string code;     // kRefused/kStale: the vendor's error code
  Status error;         // not kOk: a message naming account and call
};

class EssClient {
 public:
  // `api_base` like "https://ess.example.net" (a trailing '/' is dropped);
  // `account` like "C-10001/ess", used in every error message.
  EssClient(HttpTransport* transport, std::string api_base, std::string account,
            const std::string& username, const Secret& password);

  const std::string& account() const { return account_; }

  // Every domain, page by page (per_page=100) until `total` are seen.
  Result<std::vector<Domain>> ListDomains();
  // domain "" = the default collection. A custom domain that vanished is
  // kNotFound, one that is no longer custom is kConflict (NOT_CUSTOM).
  Result<RouteCollection> GetRoutes(const std::string& domain);
  Result<OutboundList> GetOutbound();
  Result<NamedRouteList> GetNamedRoutes();

  // POST `path` with a JSON body; `if_match` "" sends no If-Match.
  PostReply Post(const std::string& path, const nlohmann::json& body,
                 const std::string& if_match);

  // "C-10001/ess: POST /v1/inbound-routes" (the prefix of every error).
  std::string CallName(const std::string& method,
                       const std::string& path) const;

 private:
  // A GET with status 200 and a SUCCESS body; `etag` gets the ETag header.
  Result<nlohmann::json> GetJson(const std::string& path, std::string* etag);
  HttpRequest NewRequest(const std::string& method,
                         const std::string& path) const;
  // The named error for a non-2xx response.
  Status ResponseError(const std::string& call,
                       const HttpResponse& response) const;

  HttpTransport* transport_;
  std::string api_base_;
  std::string account_;
  Secret authorization_;  // "Basic ..."
};

}  // namespace ess
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_CLIENT_H_
