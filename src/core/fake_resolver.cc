// FakeResolver (declared in resolver.h): answers from tables a test fills.
#include <algorithm>

#include "src/core/dns_name.h"
#include "src/core/resolver.h"

namespace renumber {

void FakeResolver::Set(const std::string& host, std::vector<IpAddress> ips) {
  std::lock_guard<std::mutex> l(mu_);
  const std::string name = NormalizeDnsName(host);
  DnsAnswer v4, v6;
  for (const IpAddress& ip : ips)
    (ip.EffectiveFamily() == IpAddress::Family::kV4 ? v4 : v6)
        .addresses.push_back(ip);
  records_[{name, RecordType::kA}] = std::move(v4);
  records_[{name, RecordType::kAaaa}] = std::move(v6);
}

void FakeResolver::SetMx(const std::string& name,
                         std::vector<MxRecord> records) {
  std::lock_guard<std::mutex> l(mu_);
  for (MxRecord& r : records) r.host = NormalizeDnsName(r.host);
  records_[{NormalizeDnsName(name), RecordType::kMx}].mx = std::move(records);
}

void FakeResolver::SetNs(const std::string& name,
                         std::vector<std::string> hosts) {
  std::lock_guard<std::mutex> l(mu_);
  for (std::string& h : hosts) h = NormalizeDnsName(h);
  records_[{NormalizeDnsName(name), RecordType::kNs}].names = std::move(hosts);
}

void FakeResolver::SetTxt(const std::string& name,
                          std::vector<std::string> texts) {
  std::lock_guard<std::mutex> l(mu_);
  records_[{NormalizeDnsName(name), RecordType::kTxt}].texts = std::move(texts);
}

void FakeResolver::SetPtr(const IpAddress& ip, std::vector<std::string> names) {
  std::lock_guard<std::mutex> l(mu_);
  for (std::string& n : names) n = NormalizeDnsName(n);
  records_[{ReverseDnsName(ip), RecordType::kPtr}].names = std::move(names);
}

std::vector<std::string> FakeResolver::Queries() const {
  std::lock_guard<std::mutex> l(mu_);
  return queries_;
}

Result<std::vector<IpAddress>> FakeResolver::Resolve(const std::string& host) {
  std::vector<IpAddress> out;
  for (RecordType t : {RecordType::kA, RecordType::kAaaa}) {
    auto a = Lookup(host, t);
    if (a.ok()) out.insert(out.end(), a->addresses.begin(), a->addresses.end());
  }
  if (out.empty())
    return Status::NotFound("host name '" + host + "' does not resolve",
                            "ホスト名 '" + host + "' の名前解決ができません");
  return out;
}

Result<DnsAnswer> FakeResolver::Lookup(const std::string& name,
                                       RecordType type) {
  std::lock_guard<std::mutex> l(mu_);
  const std::string key = NormalizeDnsName(name);
  queries_.push_back(std::string(RecordTypeName(type)) + " " + key);
  auto it = records_.find({key, type});
  if (it != records_.end() && it->second.size() > 0) return it->second;
  bool exists = std::any_of(records_.begin(), records_.end(), [&](auto& r) {
    return r.first.first == key && r.second.size() > 0;
  });
  if (exists)
    return Status::NotFound("'" + name + "' has no " + RecordTypeName(type) +
                            " record");
  return Status::NotFound("'" + name + "' does not exist (NXDOMAIN)");
}

}  // namespace renumber
