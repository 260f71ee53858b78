#include "src/core/resolver.h"

#include <algorithm>

#include "src/core/config_lines.h"
#include "src/core/dns_name.h"

namespace renumber {

const char* RecordTypeName(RecordType type) {
  switch (type) {
    case RecordType::kA:
      return "A";
    case RecordType::kAaaa:
      return "AAAA";
    case RecordType::kMx:
      return "MX";
    case RecordType::kNs:
      return "NS";
    case RecordType::kTxt:
      return "TXT";
    case RecordType::kPtr:
      return "PTR";
  }
  return "?";
}

Result<std::vector<IpAddress>> Resolver::LookupAddresses(
    const std::string& name, RecordType a_or_aaaa) {
  RN_ASSIGN_OR_RETURN(DnsAnswer a, Lookup(name, a_or_aaaa));
  return std::move(a.addresses);
}

Result<std::vector<MxRecord>> Resolver::LookupMx(const std::string& name) {
  RN_ASSIGN_OR_RETURN(DnsAnswer a, Lookup(name, RecordType::kMx));
  return std::move(a.mx);
}

Result<std::vector<std::string>> Resolver::LookupNs(const std::string& name) {
  RN_ASSIGN_OR_RETURN(DnsAnswer a, Lookup(name, RecordType::kNs));
  return std::move(a.names);
}

Result<std::vector<std::string>> Resolver::LookupTxt(const std::string& name) {
  RN_ASSIGN_OR_RETURN(DnsAnswer a, Lookup(name, RecordType::kTxt));
  return std::move(a.texts);
}

Result<std::vector<std::string>> Resolver::LookupPtr(const IpAddress& ip) {
  RN_ASSIGN_OR_RETURN(DnsAnswer a,
                      Lookup(ReverseDnsName(ip), RecordType::kPtr));
  return std::move(a.names);
}

namespace {

class HostsFileResolver : public Resolver {
 public:
  HostsFileResolver(std::map<std::string, std::vector<IpAddress>> table,
                    Resolver* fallback)
      : table_(std::move(table)), fallback_(fallback) {}

  Result<std::vector<IpAddress>> Resolve(const std::string& host) override {
    auto it = table_.find(NormalizeDnsName(host));
    if (it != table_.end()) return it->second;
    if (fallback_) return fallback_->Resolve(host);
    return Status::NotFound("host name '" + host + "' does not resolve",
                            "ホスト名 '" + host + "' の名前解決ができません");
  }

  Result<DnsAnswer> Lookup(const std::string& name, RecordType type) override {
    auto it = table_.find(NormalizeDnsName(name));
    bool address = type == RecordType::kA || type == RecordType::kAaaa;
    if (it != table_.end() && address) return FromFile(name, it->second, type);
    if (fallback_) return fallback_->Lookup(name, type);
    return Status::NotFound(
        std::string("no ") + RecordTypeName(type) + " record for '" + name +
            "'",
        "'" + name + "' の " + RecordTypeName(type) + " レコードがありません");
  }

 private:
  static Result<DnsAnswer> FromFile(const std::string& name,
                                    const std::vector<IpAddress>& ips,
                                    RecordType type) {
    auto want = type == RecordType::kA ? IpAddress::Family::kV4
                                       : IpAddress::Family::kV6;
    DnsAnswer a;
    for (const IpAddress& ip : ips)
      if (ip.EffectiveFamily() == want) a.addresses.push_back(ip);
    if (a.addresses.empty())
      return Status::NotFound(
          std::string("no ") + RecordTypeName(type) + " record for '" + name +
              "' in the hosts file",
          "hosts ファイルに '" + name + "' の " + RecordTypeName(type) +
              " レコードがありません");
    return a;
  }

  std::map<std::string, std::vector<IpAddress>> table_;
  Resolver* fallback_;
};

}  // namespace

Result<std::unique_ptr<Resolver>> NewHostsFileResolver(
    const std::string& text, const std::string& origin, Resolver* fallback) {
  std::map<std::string, std::vector<IpAddress>> table;
  for (const ConfigLine& l : ConfigLines(text)) {
    const std::vector<std::string>& words = l.words;
    auto ip = IpAddress::Parse(words[0]);
    if (!ip.ok() || words.size() < 2)
      return Status::InvalidArgument(
          origin + ":" + std::to_string(l.number) +
              ": expected 'ADDRESS NAME...'",
          origin + ":" + std::to_string(l.number) +
              ": 'アドレス ホスト名…' の形で書いてください");
    for (size_t w = 1; w < words.size(); ++w) {
      auto& ips = table[NormalizeDnsName(words[w])];
      if (std::find(ips.begin(), ips.end(), *ip) == ips.end())
        ips.push_back(*ip);
    }
  }
  return std::unique_ptr<Resolver>(
      new HostsFileResolver(std::move(table), fallback));
}

}  // namespace renumber
