#include "src/core/resolver_fault.h"

#include "src/core/dns_name.h"

namespace renumber {

void FaultInjectionResolver::Fail(const std::string& name, RecordType type,
                                  Status status) {
  std::lock_guard<std::mutex> l(mu_);
  failures_[{NormalizeDnsName(name), type}] = std::move(status);
}

int FaultInjectionResolver::Calls() const {
  std::lock_guard<std::mutex> l(mu_);
  return calls_;
}

Status FaultInjectionResolver::Check(const std::string& name, RecordType type) {
  std::lock_guard<std::mutex> l(mu_);
  ++calls_;
  auto it = failures_.find({NormalizeDnsName(name), type});
  return it == failures_.end() ? Status::Ok() : it->second;
}

Result<std::vector<IpAddress>> FaultInjectionResolver::Resolve(
    const std::string& host) {
  RN_RETURN_IF_ERROR(Check(host, RecordType::kA));
  {
    std::lock_guard<std::mutex> l(mu_);
    auto it = failures_.find({NormalizeDnsName(host), RecordType::kAaaa});
    if (it != failures_.end()) return it->second;
  }
  return base_->Resolve(host);
}

Result<DnsAnswer> FaultInjectionResolver::Lookup(const std::string& name,
                                                 RecordType type) {
  RN_RETURN_IF_ERROR(Check(name, type));
  return base_->Lookup(name, type);
}

}  // namespace renumber
