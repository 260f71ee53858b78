// EssClient: the HTTP calls of one ESS account, over an HttpTransport, on
// the shared VendorClient base (adapters/vendor_client.h: requests, the
// status -> Code mapping, named and scrubbed errors, write replies); this
// file holds the ESS dialect: Basic auth, {"code","message"} errors,
// "status": "SUCCESS" bodies, JSON writes with If-Match, domain paging.
//
// - GETs return decoded objects; any failure is an error that names the
//   account and the call: "C-10001/ess: GET /v1/inbound-routes: 401
//   UNAUTHORIZED: ...". A body that is not the contract's JSON is kInternal
//   ("malformed JSON ..."), never a guess.
// - Post() sorts the answer to a write into what the caller must do next:
//   VendorReply: kOk (done), kStale (412: re-read and re-plan; kConflict,
//   never a safety refusal), kUnknown (5xx, timeout,
//   dropped connection or a 2xx with an unreadable body: the effect may or
//   may not be there, so read back before anything else), kRefused (any
//   other 4xx; `code` holds the vendor code, e.g. "DUPLICATE").
//   A 428 is kRefused with kInternal: the adapter forgot If-Match (a bug).
// - Reads are kept for the run (read_cache.h) and served again until a
//   write may have changed them: every POST forgets, before it is sent and
//   whatever its answer, the collection it writes (a route action: the
//   collection holding that route, or every route collection when none
//   known holds it; a check changes no ETag but a route's last check, so it
//   forgets that collection too). Safe because every collection write is
//   conditional on the ETag read with it: a kept answer that went stale
//   costs a 412, which the caller answers by reading again (from the
//   vendor: the POST forgot it). The domain pages are never written.
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
#include "adapters/read_cache.h"
#include "adapters/vendor_client.h"
#include "src/core/secret.h"
#include "src/core/status.h"
#include "src/http/transport.h"

namespace renumber {
namespace ess {

// One write's answer, as both vendors classify it (vendor_client.h).
using PostReply = VendorReply;

class EssClient : public VendorClient {
 public:
  // `api_base` like "https://ess.example.net" (a trailing '/' is dropped);
  // `account` like "C-10001/ess", used in every error message.
  EssClient(HttpTransport* transport, std::string api_base, std::string account,
            const std::string& username, const Secret& password);

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

  // account() and CallName() ("C-10001/ess: POST /v1/inbound-routes", the
  // prefix of every error) come from VendorClient.

  // Reads answered from what this client had read (see above).
  long cached_reads() const { return cache_.hits(); }

 protected:
  std::string ErrorWords(const nlohmann::json& body) const override;
  std::string ErrorCode(const nlohmann::json& body) const override;
  bool IsSuccessBody(const nlohmann::json& body) const override;

 private:
  // A GET with status 200 and a SUCCESS body; `etag` gets the ETag header.
  Result<nlohmann::json> GetJson(const std::string& path, std::string* etag);
  // The named error for a non-2xx response (`call` "GET path"); a 428 is
  // our bug.
  Status ResponseError(const std::string& call,
                       const HttpResponse& response) const;
  // Forgets the kept answers a POST to `path` may change.
  void ForgetWrittenBy(const std::string& path);

  ReadCache cache_;
};

}  // namespace ess
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_CLIENT_H_
