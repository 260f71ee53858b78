// Fault injection for DNS: wraps a Resolver (usually a FakeResolver) and
// makes chosen lookups fail the way a real name server fails — a timeout
// (silent server), SERVFAIL (kUnavailable) — so tests reach the
// temperror and check-failed paths without a network.
//
// Thread-safe. Owns nothing: `base` must outlive the wrapper.
#ifndef RENUMBER_CORE_RESOLVER_FAULT_H_
#define RENUMBER_CORE_RESOLVER_FAULT_H_

#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "src/core/resolver.h"

namespace renumber {

class FaultInjectionResolver : public Resolver {
 public:
  explicit FaultInjectionResolver(Resolver* base) : base_(base) {}

  // Every later Lookup of `type` at `name` (and Resolve of `name`, for A
  // and AAAA) fails with `status`.
  void Fail(const std::string& name, RecordType type, Status status);
  // Lookups and resolves that reached this wrapper.
  int Calls() const;

  Result<std::vector<IpAddress>> Resolve(const std::string& host) override;
  Result<DnsAnswer> Lookup(const std::string& name, RecordType type) override;

 private:
  Status Check(const std::string& name, RecordType type);

  Resolver* base_;
  mutable std::mutex mu_;
  int calls_ = 0;
  std::map<std::pair<std::string, RecordType>, Status> failures_;
};

}  // namespace renumber

#endif  // RENUMBER_CORE_RESOLVER_FAULT_H_
