#include "src/sim/counters.h"

#include "src/sim/faults.h"

namespace renumber {

void SimCounters::Record(const RequestRecord& r) {
  std::lock_guard<std::mutex> l(mu_);
  ++requests_;
  bool write = IsWriteMethod(r.method);
  if (write) ++writes_;
  if (r.committed) ++committed_;
  if (r.status == 429) ++rate_limited_;
  ++by_endpoint_[r.endpoint.empty() ? "(not handled)" : r.endpoint];
  ++by_status_[r.status == 0 ? "dropped" : std::to_string(r.status)];
  if (!r.account.empty()) {
    ++by_account_[r.account];
    if (write) ++writes_by_account_[r.account];
    if (r.committed) ++committed_by_account_[r.account];
  }
  for (const std::string& f : r.faults) ++faults_[f];
}

nlohmann::json SimCounters::ToJson() const {
  std::lock_guard<std::mutex> l(mu_);
  auto map = [](const std::map<std::string, int64_t>& m) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : m) j[k] = v;
    return j;
  };
  return {{"requests", requests_},
          {"writes", writes_},
          {"committed_writes", committed_},
          {"rate_limited", rate_limited_},
          {"by_endpoint", map(by_endpoint_)},
          {"by_status", map(by_status_)},
          {"by_account", map(by_account_)},
          {"writes_by_account", map(writes_by_account_)},
          {"committed_by_account", map(committed_by_account_)},
          {"faults", map(faults_)}};
}

void SimCounters::Reset() {
  std::lock_guard<std::mutex> l(mu_);
  requests_ = writes_ = committed_ = rate_limited_ = 0;
  by_endpoint_.clear();
  by_status_.clear();
  by_account_.clear();
  writes_by_account_.clear();
  committed_by_account_.clear();
  faults_.clear();
}

}  // namespace renumber
