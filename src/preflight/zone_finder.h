// Which name servers serve a name, and whether they are the provider's.
//
// Find(name) asks NS at the name, then at each parent, until one has NS
// records (the zone that holds the name: "www.c10001.example.jp" is in
// zone "c10001.example.jp"); it stops above two labels, so a domain that
// does not exist is "not found", not "served by the .jp servers". A name
// server is the provider's when it equals one of `provider_ns` or lies
// below one ("zenlogic.jp" covers ns1.zenlogic.jp). A zone is
// "provider" when all its name servers are the provider's, "other" when
// any is not, "unknown" when the lookups failed or found nothing.
//
// Answers are cached per name: one ZoneFinder serves one customer's
// checks, on one thread (not thread-safe).
#ifndef RENUMBER_PREFLIGHT_ZONE_FINDER_H_
#define RENUMBER_PREFLIGHT_ZONE_FINDER_H_

#include <map>
#include <string>
#include <vector>

#include "src/core/resolver.h"

namespace renumber {

struct ZoneInfo {
  std::string zone;  // "" when none was found
  std::vector<std::string> name_servers;
  std::string managed_by = "unknown";  // "provider" | "other" | "unknown"
  Status status;  // kTimeout / kUnavailable when a lookup failed
};

class ZoneFinder {
 public:
  ZoneFinder(Resolver* dns, std::vector<std::string> provider_ns);
  const ZoneInfo& Find(const std::string& name);
  bool IsProviderNs(const std::string& name_server) const;

 private:
  ZoneInfo Walk(const std::string& name);
  Resolver* dns_;
  std::vector<std::string> provider_ns_;
  std::map<std::string, ZoneInfo> cache_;
};

}  // namespace renumber

#endif  // RENUMBER_PREFLIGHT_ZONE_FINDER_H_
