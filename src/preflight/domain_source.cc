#include "src/preflight/domain_source.h"

#include <algorithm>

#include "src/core/config_lines.h"
#include "src/core/dns_name.h"

namespace renumber {
namespace {

void AddUnique(std::vector<std::string>* names, const std::string& name) {
  if (std::find(names->begin(), names->end(), name) == names->end())
    names->push_back(name);
}

// Keys: "C-10001" (every account of the customer) or "C-10001/ess".
class MapDomainSource : public DomainSource {
 public:
  explicit MapDomainSource(std::map<std::string, std::vector<std::string>> m)
      : by_key_(std::move(m)) {}
  Result<std::vector<std::string>> Domains(const AccountKey& account) override {
    std::vector<std::string> out;
    bool known = false;
    for (const std::string& key : {account.customer, account.ToString()}) {
      auto it = by_key_.find(key);
      if (it == by_key_.end()) continue;
      known = true;
      for (const std::string& d : it->second) AddUnique(&out, d);
    }
    if (!known)
      return Status::NotFound(
          "no domains listed for " + account.ToString(),
          account.ToString() + " のドメイン名が一覧にありません");
    return out;
  }

 private:
  const std::map<std::string, std::vector<std::string>> by_key_;
};

class FixedDomainSource : public DomainSource {
 public:
  explicit FixedDomainSource(std::vector<std::string> names)
      : names_(std::move(names)) {}
  Result<std::vector<std::string>> Domains(const AccountKey&) override {
    return names_;
  }

 private:
  const std::vector<std::string> names_;
};

}  // namespace

Result<std::string> ParseDomainName(const std::string& text) {
  std::string name = NormalizeDnsName(text);
  if (!IsValidDnsName(name) || name.find('.') == std::string::npos)
    return Status::InvalidArgument(
        "'" + PrintableDnsText(text, 80) +
            "' is not a domain name (e.g. example.jp)",
        "'" + PrintableDnsText(text, 80) +
            "' はドメイン名ではありません（例: example.jp）");
  return name;
}

Result<std::unique_ptr<DomainSource>> NewDomainsFileSource(
    const std::string& text, const std::string& origin) {
  std::map<std::string, std::vector<std::string>> by_key;
  for (const ConfigLine& l : ConfigLines(text)) {
    const std::vector<std::string>& words = l.words;
    const std::string where = origin + ":" + std::to_string(l.number) + ": ";
    std::string key = words[0];
    if (size_t slash = key.find('/'); slash != std::string::npos) {
      auto service = ParseService(key.substr(slash + 1));
      if (!service.ok() || slash == 0)
        return Status::InvalidArgument(
            where + "'" + key + "': use CUSTOMER or CUSTOMER/ess|cdn",
            where + "'" + key +
                "': CUSTOMER または CUSTOMER/ess|cdn の形で指定してください");
    }
    if (words.size() < 2)
      return Status::InvalidArgument(
          where +
              "expected 'CUSTOMER DOMAIN...' (e.g. "
              "C-10001 example.jp www.example.jp)",
          where +
              "'CUSTOMER DOMAIN...' の形で記述してください（例: "
              "C-10001 example.jp www.example.jp）");
    for (size_t w = 1; w < words.size(); ++w) {
      auto name = ParseDomainName(words[w]);
      if (!name.ok())
        return Status::InvalidArgument(where + name.status().message(),
                                       where + name.status().Message(true));
      AddUnique(&by_key[key], *name);
    }
  }
  return std::unique_ptr<DomainSource>(new MapDomainSource(std::move(by_key)));
}

Result<std::unique_ptr<DomainSource>> NewFixedDomainSource(
    const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& n : names) {
    RN_ASSIGN_OR_RETURN(std::string name, ParseDomainName(n));
    AddUnique(&out, name);
  }
  return std::unique_ptr<DomainSource>(new FixedDomainSource(std::move(out)));
}

}  // namespace renumber
