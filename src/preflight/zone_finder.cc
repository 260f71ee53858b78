#include "src/preflight/zone_finder.h"

#include <algorithm>

#include "src/core/dns_name.h"

namespace renumber {

ZoneFinder::ZoneFinder(Resolver* dns, std::vector<std::string> provider_ns)
    : dns_(dns), provider_ns_(std::move(provider_ns)) {
  for (std::string& p : provider_ns_) p = NormalizeDnsName(p);
}

bool ZoneFinder::IsProviderNs(const std::string& name_server) const {
  const std::string ns = NormalizeDnsName(name_server);
  return std::any_of(provider_ns_.begin(), provider_ns_.end(),
                     [&](const std::string& p) { return IsAtOrBelow(ns, p); });
}

const ZoneInfo& ZoneFinder::Find(const std::string& name) {
  const std::string key = NormalizeDnsName(name);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  return cache_[key] = Walk(key);
}

ZoneInfo ZoneFinder::Walk(const std::string& name) {
  ZoneInfo info;
  std::string at = name;
  while (std::count(at.begin(), at.end(), '.') >= 1) {
    auto cached = cache_.find(at);
    if (cached != cache_.end() && at != name) return cached->second;
    auto ns = dns_->LookupNs(at);
    if (ns.ok()) {
      info.zone = at;
      info.name_servers = *ns;
      std::sort(info.name_servers.begin(), info.name_servers.end());
      bool all = std::all_of(ns->begin(), ns->end(),
                             [this](const auto& n) { return IsProviderNs(n); });
      info.managed_by = all ? "provider" : "other";
      return info;
    }
    if (!ns.status().Is(Code::kNotFound)) {
      info.status = ns.status();
      return info;
    }
    at = at.substr(at.find('.') + 1);
  }
  info.status = Status::NotFound(
      "no name servers found for " + name + " (does the domain exist?)",
      name +
          " のネームサーバーが見つかりません（ドメイン名が存在するか"
          "ご確認ください）");
  return info;
}

}  // namespace renumber
