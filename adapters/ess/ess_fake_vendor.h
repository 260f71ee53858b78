// FakeEssVendor: an in-memory ESS account for the adapter's unit tests,
// served as an HttpTransport (no sockets). It follows
// ../shared/vendor-api/ess.md for the calls the adapter makes (domains
// paging, collections with ETags and If-Match, add/check/promote/demote/
// move/delete, named routes with their own ETag and IN_USE / LAST_ROUTE,
// outbound servers) and can inject faults per call.
//
// Test-only; written from the contract for these tests. The real simulator
// (adapters/ess/simulator) is separate and is what the integration tests
// use. Thread-safe (one mutex).
#ifndef RENUMBER_ADAPTERS_ESS_ESS_FAKE_VENDOR_H_
#define RENUMBER_ADAPTERS_ESS_ESS_FAKE_VENDOR_H_

#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/core/time.h"
#include "src/http/transport.h"

namespace renumber {
namespace ess_test {

struct FakeRoute {
  std::string id;
  std::string address;
  int port = 25;
  std::string role = "primary";
  bool checked = false;
  Timestamp check_at;
  std::string check_result;  // "PASS" / "FAIL"
};

struct FakeFault {
  enum Kind {
    kDrop,            // kUnavailable, nothing committed
    kError503,        // 503 before handling, nothing committed
    kLostResponse,    // handled (committed), then 500
    kTimeoutAfter,    // handled (committed), then kTimeout
    kMalformed,       // handled, body truncated
    kCustomerChange,  // the collection's ETag changes just before handling
    kRateLimited,     // 429 with Retry-After: 1, nothing committed
  };
  Kind kind;
  std::string match;  // substring of "METHOD /path"
  int count = 1;      // how many matching calls it hits
  int skip = 0;       // matching calls let through first
};

class FakeEssVendor : public HttpTransport {
 public:
  FakeEssVendor(Clock* clock, std::string user, std::string password);

  // Set-up (domain "" = the default collection).
  std::string AddRoute(const std::string& domain, const std::string& address,
                       int port, const std::string& role);
  void SetDomain(const std::string& name, const std::string& mode);
  std::string AddOutbound(const std::string& address, const std::string& note);
  // A named route holding these default-route ids, in order.
  void AddNamedRoute(const std::string& name, std::vector<std::string> ids);
  // The result the next checks of `address` record (default PASS).
  void SetCheckResult(const std::string& address, const std::string& result);
  void MarkChecked(const std::string& route_id, Timestamp at,
                   const std::string& result);
  void AddFault(FakeFault fault);

  Result<HttpResponse> Send(const HttpRequest& request) override;

  // Inspection.
  std::vector<FakeRoute> Routes(const std::string& domain) const;
  std::vector<nlohmann::json> Outbound() const;
  // Every collection, for equality checks: "routes:<domain>" (in order),
  // "named:<name>" (addresses in order), "outbound".
  nlohmann::json Dump() const;
  int writes() const;                             // non-GET requests received
  int committed() const;                          // writes that changed state
  std::vector<nlohmann::json> deletions() const;  // delete bodies seen
  std::vector<std::string> calls() const;         // "POST /v1/..." in order

 private:
  struct Collection {
    int version = 1;
    std::vector<FakeRoute> routes;
  };
  HttpResponse Handle(const HttpRequest& req, const std::string& path,
                      bool* committed);
  HttpResponse HandleRouteAction(const HttpRequest& req, const std::string& id,
                                 const std::string& action, bool* committed);
  HttpResponse HandleOutbound(const HttpRequest& req, const std::string& path,
                              bool* committed);
  HttpResponse AddToCollection(const std::string& domain,
                               const HttpRequest& req, bool* committed);
  HttpResponse HandleNamed(const HttpRequest& req, const std::string& path,
                           bool* committed);
  HttpResponse MoveRoute(const HttpRequest& req, Collection* c, FakeRoute* r,
                         const std::string& domain, bool* committed);
  std::string NamedEtag() const;
  nlohmann::json RouteJson(const FakeRoute& r) const;
  nlohmann::json CollectionJson(const std::string& domain) const;
  // nullptr + a response when If-Match is missing or stale.
  bool CheckIfMatch(const HttpRequest& req, const std::string& etag,
                    HttpResponse* error) const;
  std::string EtagOf(const std::string& domain) const;
  FakeRoute* FindRoute(const std::string& id, std::string* domain);
  void Reorder(Collection* c);
  bool TakeFault(FakeFault::Kind kind, const std::string& call);

  Clock* clock_;
  std::string auth_;
  mutable std::mutex mu_;
  std::map<std::string, Collection> collections_;
  std::vector<std::pair<std::string, std::string>> domains_;  // name, mode
  int outbound_version_ = 1;
  int named_version_ = 1;
  std::vector<std::pair<std::string, std::vector<std::string>>> named_;
  std::vector<nlohmann::json> outbound_;
  std::map<std::string, std::string> check_results_;
  std::deque<FakeFault> faults_;
  int next_id_ = 1;
  int writes_ = 0;
  int committed_ = 0;
  std::vector<nlohmann::json> deletions_;
  std::vector<std::string> calls_;
};

// Shared by the fake's two source files.
namespace fake_internal {
HttpResponse Reply(int status, nlohmann::json body);
HttpResponse Failure(int status, const std::string& code,
                     const std::string& message);
}  // namespace fake_internal

}  // namespace ess_test
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_FAKE_VENDOR_H_
