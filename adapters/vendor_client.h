// VendorClient: what every vendor adapter's HTTP client shares, modelled on
// ccache's RemoteStorage (one base, one Backend::Failure vocabulary, the
// wire dialect in each backend). It holds one account's transport, API
// base and credential header, and gives both adapters:
//
// - one HTTP status -> Code mapping (CodeForVendorStatus). A 412 is
//   kConflict: for a vendor it is an optimistic-lock race with a concurrent
//   editor (ESS OPTIMISTIC_LOCK; Fastly's version locks), which the adapters
//   answer by re-reading. It is never kPreconditionFailed, which means "a
//   safety gate refused" and which the engine turns into a refusal (exit 4);
//   400 and 422 (the vendor refused the request as the object stands) are
//   kConflict as well;
// - one way to build an authenticated request (NewRequest: the credential
//   header, Accept: application/json; the vendor encodes its own body);
// - one way to name a call and to turn an error answer into a Status
//   (ErrorFromResponse): "<account>: <METHOD path>: <status> <words>" and in
//   Japanese "<account>: <METHOD path>: <VendorStatusJa>: <words>", where
//   <words> are the vendor's own (ErrorWords, else an excerpt of the body),
//   scrubbed of every secret as a whole *before* they are cut;
// - one classification of a write's answer (VendorReply::Kind: ok / stale
//   412 / unknown / refused), so that each adapter knows when to read back.
//
// What stays in each vendor folder: the error body's shape (ErrorWords),
// what a successful body is (IsSuccessBody), body encodings, paging.
//
// Ownership: the transport is not owned and must outlive the client; the
// credential lives in a Secret, is registered with the scrubber, and only
// ever appears in the credential header. Threads: one thread at a time (the
// engine's rule for an adapter). Errors are values; nothing throws.
#ifndef RENUMBER_ADAPTERS_VENDOR_CLIENT_H_
#define RENUMBER_ADAPTERS_VENDOR_CLIENT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "src/core/secret.h"
#include "src/core/status.h"
#include "src/http/transport.h"

namespace renumber {

// The Code of a vendor's non-2xx HTTP status (see the header comment).
Code CodeForVendorStatus(int http_status);

// A short, single-line excerpt of vendor text: scrubbed of our secrets
// first, then cut to `max_bytes` (the cut is marked), control characters
// turned into spaces.
std::string VendorExcerpt(const std::string& text, size_t max_bytes);

// How the caller must treat one write (ccache's Backend::Failure, with the
// cases a configuration write needs).
struct VendorReply {
  enum class Kind {
    kOk,       // 2xx with a body the vendor's dialect accepts: applied
    kStale,    // 412: someone else changed the object; re-read, decide again
    kUnknown,  // 5xx, timeout, dropped connection, unreadable 2xx: the
               // effect may be there; read back before anything else
    kRefused,  // a definite answer that it was not applied (other 4xx, 3xx,
               // refused before sending)
  };
  Kind kind = Kind::kUnknown;
  int http_status = 0;  // 0 when no answer arrived
  bool sent = true;     // false when refused before reaching the vendor
  nlohmann::json body;  // kOk: the decoded body; otherwise null
  std::string code;     // the vendor's error code, when its body names one
  Status error;         // not kOk: a message naming the account and call
  Headers headers;      // the answer's headers (none when no answer arrived)
};

class VendorClient {
 public:
  // `api_base` like "https://ess.example.net" (trailing '/' dropped);
  // `account` like "C-10001/ess", the prefix of every message; `vendor`
  // names the service in Japanese text ("ESS", "CDN"); `credential` is the
  // value of the header `credential_header` ("Authorization", "Fastly-Key").
  VendorClient(HttpTransport* transport, std::string api_base,
               std::string account, std::string vendor,
               std::string credential_header, Secret credential);
  virtual ~VendorClient() = default;
  VendorClient(const VendorClient&) = delete;
  VendorClient& operator=(const VendorClient&) = delete;

  const std::string& account() const { return account_; }
  const std::string& api_base() const { return api_base_; }
  // "C-10001/ess: POST /v1/inbound-routes" (the prefix of every error).
  std::string CallName(const std::string& method,
                       const std::string& path) const;
  // "<account>: <what>: <detail>" with `code`; in Japanese with
  // `detail_ja`, or, when that is "", as an unexpected answer of the vendor
  // quoting `detail` (which may quote the vendor: both are scrubbed).
  Status Error(Code code, const std::string& what, const std::string& detail,
               const std::string& detail_ja = "") const;

 protected:
  // The request to api_base + path with the credential and Accept: JSON.
  HttpRequest NewRequest(const std::string& method,
                         const std::string& path) const;
  // The named error of a non-2xx answer (`call` is "METHOD path").
  Status ErrorFromResponse(const std::string& call,
                           const HttpResponse& response) const;
  // A 3xx: never followed (it would carry the credential away).
  Status RedirectError(const std::string& call,
                       const HttpResponse& response) const;
  // A 2xx whose body the dialect cannot read.
  Status UnreadableBodyError(const std::string& call,
                             const HttpResponse& response) const;
  // Sends one write and classifies its answer.
  VendorReply SendWrite(const HttpRequest& request);

  // The vendor's dialect. The vendor's words in an error body ("" when it
  // has none of its shapes); not yet scrubbed or cut.
  virtual std::string ErrorWords(const nlohmann::json& body) const = 0;
  // The vendor's error code in an error body ("" when none).
  virtual std::string ErrorCode(const nlohmann::json& body) const;
  // Whether a parsed 2xx body is a success (default: any JSON value).
  virtual bool IsSuccessBody(const nlohmann::json& body) const;

  HttpTransport* transport() const { return transport_; }

 private:
  // The request's path below api_base (its URL when elsewhere).
  std::string RequestPath(const HttpRequest& request) const;

  HttpTransport* transport_;
  std::string api_base_;
  std::string account_;
  std::string vendor_;
  std::string credential_header_;
  Secret credential_;
};

// The body as bounded JSON (src/core/json_depth.h), or a "discarded" value
// when it is not JSON.
nlohmann::json ParseVendorJson(const std::string& body);

}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_VENDOR_CLIENT_H_
