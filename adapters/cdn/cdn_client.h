// CdnClient: the wire side of the ZenlogicCDN management API (a Fastly
// subset, docs/cdn-contract.md) for one account.
//
// It builds URLs from the account's api_base, adds the Fastly-Key header
// (the token is revealed only there), sends writes form-encoded, parses JSON
// answers without exceptions, follows `Link: <…>; rel="next"` paging only
// within the api_base (a Link elsewhere would carry the token away: it is
// an error), reads the three error-body shapes of the real service
// ({"msg","detail"}, {"errors":[{"title","detail"}]}, problem+json
// {"title","detail","status"}); the shared VendorClient base
// (adapters/vendor_client.h) builds its requests, maps statuses to codes and
// turns every failure into a Status whose message names the account and the
// call:
//   "C-10001/cdn: PUT /service/SU1.../version/4/activate: 400 Bad request: ..."
// The token never appears in a message.
//
// Writes are classified for the caller, who must read back a write whose
// outcome is unknown (5xx, timeout, dropped connection, a 2xx with a body
// that is not JSON) before repeating it. GETs whose body is not JSON are
// re-read (bounded) since reading has no effect.
//
// Reads are kept (read_cache.h) under the CDN's rule: activation is not
// conditional on what was read, so an answer about anything that can change
// (details, a draft's lists) is served again only until the
// next write (forgotten before it is sent, whatever its answer: a lost
// answer is read back from the vendor) or a NewChange() that finds the
// oldest of them more than kFreshFor old (issue 15: a change that follows
// a read-only one, moments later, decides on what that one read — it is as
// fresh as a new read would be, and its own read-back after a write still
// goes to the vendor). The objects of a locked version, which the contract
// makes read-only ("every write to it fails with 422"), are kept for the
// run; a version is known locked from a `…/details` answer this client
// read. The service list (`/service?…` pages) is kept for the run too:
// renumber never creates or deletes a service, and a service the customer
// adds during a run is not in that run's plan (the next run, or verify,
// finds it). So are a pool's servers (`/service/{sid}/pool/{id}/servers`),
// for at most kReportOnlyFor: they belong to no version, no write of
// renumber's changes them and no change decides on them (a pool is a hidden
// origin, moved by hand), so the read back after a switch takes them from
// the run's first read. They do decide what the run reports: a cut over's
// read back, and the account state it journals, may show a pool as the run
// read it up to kReportOnlyFor before (a `cutover --wait-ready` of hours
// reads it again after that); verify reads it anew.
//
// Ownership: does not own the transport. Threads: one thread at a time.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_CLIENT_H_
#define RENUMBER_ADAPTERS_CDN_CDN_CLIENT_H_

#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "adapters/read_cache.h"
#include "adapters/vendor_client.h"
#include "src/core/secret.h"
#include "src/core/status.h"
#include "src/core/time.h"
#include "src/http/transport.h"

namespace renumber::cdn {

// An application/x-www-form-urlencoded body, fields in order.
using Form = std::vector<std::pair<std::string, std::string>>;
std::string EncodeForm(const Form& form);

class CdnClient : public VendorClient {
 public:
  // `account` labels messages ("C-10001/cdn"); `base` is the api_base.
  // `clock` (may be null: no waiting) paces repeated writes.
  CdnClient(HttpTransport* transport, std::string account, std::string base,
            Secret token, Clock* clock = nullptr);

  // A GET answered 2xx with JSON. 404 is kNotFound; the rest are named.
  Result<nlohmann::json> Get(const std::string& path);
  // Same, with 404 as an empty optional.
  Result<std::optional<nlohmann::json>> GetIfExists(const std::string& path);
  // One page of a list: the body and the path of rel="next" ("" when the
  // Link header has none). kForbidden when the next link leaves api_base.
  struct Page {
    nlohmann::json body;
    std::string next;
  };
  Result<Page> GetPage(const std::string& path);
  // One write (POST, PUT, DELETE). Counted in writes(). `mode` kNever keeps
  // the transport from repeating a PUT that is not idempotent in effect
  // (clone, activate): its lost answer comes back here to be read back.
  // The answer is classified as VendorReply (vendor_client.h); a 412 is
  // kStale, which the CDN treats as any other refusal.
  VendorReply Write(const std::string& method, const std::string& path,
                    const Form& form = {},
                    RetryMode mode = RetryMode::kByMethod);

  // Called at the start of every Write, before anything is sent (the CDN
  // adapter learns its vendor user there when the budget runs low); an
  // error refuses the write unsent. May call Get. Empty: nothing.
  void SetBeforeWrite(std::function<Status()> hook) {
    before_write_ = std::move(hook);
  }
  // Writes left in this token's rate-limit window, from the
  // `Fastly-RateLimit-Remaining` header of the latest write answer that
  // carried one (0 after a 429 without it); none before such an answer.
  std::optional<long long> budget_left() const { return budget_left_; }

  // Write requests handed to the transport so far, less those it refused
  // before sending (a bad request, TLS, the pacer pausing the account); its
  // own retries of a PUT/DELETE are not seen here.
  int writes() const { return writes_; }
  // How old kept answers about changeable objects may be at the start of a
  // change and still be used by it.
  static constexpr std::chrono::milliseconds kFreshFor{1000};
  // How long a pool's servers are kept (none of our writes or decisions
  // depends on them, only the report): longer than a batch's phase takes
  // from reading a service to reading it back (at most the phase's wall:
  // 4.6 to 5.2 minutes at 10,000 accounts, README.md). No limit without a
  // clock.
  static constexpr std::chrono::minutes kReportOnlyFor{10};
  // The start of one change's Apply: its decisions read the vendor again,
  // except the read-only objects of locked versions, the service list and
  // a pool's servers, unless what is kept was read within kFreshFor (always
  // again without a clock).
  void NewChange();
  // Reads answered from what this client had read.
  long cached_reads() const { return cache_.hits(); }
  // Whether a GET of `path` would be answered from what was read (no
  // request), as it stands now.
  bool Keeps(const std::string& path) const { return cache_.Has(path); }
  Clock* clock() const { return clock_; }
  // account(), CallName() and Error() come from VendorClient.

 protected:
  // The Fastly error shapes (ErrorBodyText).
  std::string ErrorWords(const nlohmann::json& body) const override;

 private:
  Result<HttpResponse> GetResponse(const std::string& path, bool* missing);
  // Takes budget_left from a write's answer.
  void NoteBudget(const VendorReply& reply);
  // Notes the locked versions a `…/details` answer lists.
  void NoteLocked(const std::string& path, const std::string& body);
  // Forgets every kept answer but the read-only ones (ReadOnly).
  void ForgetChangeable();
  // Forgets a pool's servers read more than kReportOnlyFor ago.
  void ForgetOldReportOnly();
  bool ReadOnly(const std::string& path) const;

  Clock* clock_;
  std::function<Status()> before_write_;
  std::optional<long long> budget_left_;
  int writes_ = 0;
  ReadCache cache_;
  // "/service/{sid}/version/{n}/" of every version seen locked.
  std::set<std::string> locked_;
  // When the oldest kept answer about a changeable object was read.
  std::optional<std::chrono::steady_clock::time_point> changeable_since_;
  // When each kept pool's servers were read (with a clock).
  std::map<std::string, std::chrono::steady_clock::time_point>
      report_only_read_at_;
};

// Path segment encoding (names may hold any character).
std::string PathPart(const std::string& s);

// The message of an error body in any of the three shapes: "msg: detail",
// "title: detail"; "" when the body is none of them.
std::string ErrorBodyText(const nlohmann::json& body);
// The URL of rel="next" in a Link header, "" when none.
std::string NextLink(const std::string& link_header);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_CLIENT_H_
