#include "adapters/cdn/cdn_domains.h"

#include <algorithm>

#include "src/core/dns_name.h"

namespace renumber::cdn {

std::vector<std::string> ActiveDomains(
    const std::vector<ServiceSnapshot>& services) {
  std::vector<std::string> out;
  for (const ServiceSnapshot& s : services) {
    if (s.details.active <= 0) continue;
    for (const std::string& raw : s.active.domains) {
      const std::string name = NormalizeDnsName(raw);
      if (!IsValidDnsName(name)) continue;
      if (std::find(out.begin(), out.end(), name) == out.end())
        out.push_back(name);
    }
  }
  return out;
}

}  // namespace renumber::cdn
