// SimCounters: what a simulator saw, for tests and benchmarks to assert on
// ("no account got more than one write", "the client paced itself: no 429").
//
// JSON shape (GET /_sim/counters):
//   {"requests": 12, "writes": 3, "committed_writes": 2, "rate_limited": 0,
//    "by_endpoint": {"GET /v1/inbound-routes": 5, ...},
//    "by_status": {"200": 9, "412": 1, ...},
//    "by_account": {"C-10001": 7, ...},
//    "writes_by_account": {...}, "committed_by_account": {...},
//    "faults": {"drop": 1, ...}}
// "writes" counts non-GET/HEAD requests; "rate_limited" counts 429 answers
// sent; a request never handled by the API (dropped, 5xx fault) is counted
// under the endpoint "(not handled)".
//
// Threads: thread-safe.
#ifndef RENUMBER_SIM_COUNTERS_H_
#define RENUMBER_SIM_COUNTERS_H_

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace renumber {

struct RequestRecord {
  std::string method;
  std::string endpoint;  // template from SimCall; "" = not handled
  std::string account;   // "" = unknown
  int status = 0;        // as answered (0 when the connection was dropped)
  bool committed = false;
  std::vector<std::string> faults;  // FaultKindName of each fault fired
};

class SimCounters {
 public:
  void Record(const RequestRecord& r);
  nlohmann::json ToJson() const;
  void Reset();

 private:
  mutable std::mutex mu_;
  int64_t requests_ = 0;
  int64_t writes_ = 0;
  int64_t committed_ = 0;
  int64_t rate_limited_ = 0;
  std::map<std::string, int64_t> by_endpoint_;
  std::map<std::string, int64_t> by_status_;
  std::map<std::string, int64_t> by_account_;
  std::map<std::string, int64_t> writes_by_account_;
  std::map<std::string, int64_t> committed_by_account_;
  std::map<std::string, int64_t> faults_;
};

}  // namespace renumber

#endif  // RENUMBER_SIM_COUNTERS_H_
