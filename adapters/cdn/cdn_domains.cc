#include "adapters/cdn/cdn_domains.h"

#include <algorithm>

#include "src/core/dns_name.h"

namespace renumber::cdn {

Result<std::vector<std::string>> ReadActiveDomains(
    CdnClient* client, const std::vector<ServiceSnapshot>& services) {
  std::vector<std::string> out;
  for (const ServiceSnapshot& s : services) {
    if (s.details.active <= 0) continue;
    const std::string path = VersionPath(s.id, s.details.active) + "/domain";
    RN_ASSIGN_OR_RETURN(nlohmann::json list, client->Get(path));
    if (!list.is_array())
      return client->Error(Code::kInternal, "GET " + path,
                           "unexpected answer: not an array");
    for (const nlohmann::json& d : list) {
      if (!d.is_object() || !d.contains("name") || !d["name"].is_string())
        return client->Error(Code::kInternal, "GET " + path,
                             "unexpected answer: a domain without a name");
      const std::string name = NormalizeDnsName(d["name"].get<std::string>());
      if (!IsValidDnsName(name)) continue;
      if (std::find(out.begin(), out.end(), name) == out.end())
        out.push_back(name);
    }
  }
  return out;
}

}  // namespace renumber::cdn
