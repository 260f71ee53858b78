// The CDN simulator's answers on the wire (cdn.md "Objects"), shaped like
// the real service's recorded answers (fastly/go-fastly's fixtures): every
// field present, null for unset ones, the owner fields, timestamps, and the
// derived backend fields ipv4 / ipv6 / hostname (set from `address`, only
// the one that fits). Pools answer their numbers and booleans as strings,
// as the real service does ("quorum": "75", "use_tls": "0").
//
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_WIRE_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_WIRE_H_

#include <nlohmann/json.hpp>
#include <string>

#include "adapters/cdn/simulator/model.h"

namespace renumber::cdnsim {

nlohmann::json BackendWire(const Backend& b, const Service& s,
                           const Version& v);
nlohmann::json HealthcheckWire(const Healthcheck& h, const Service& s,
                               const Version& v);
nlohmann::json DirectorWire(const Director& d, const Service& s,
                            const Version& v);
nlohmann::json DomainWire(const Domain& d, const Service& s, const Version& v);
nlohmann::json VclWire(const Vcl& x, const Service& s, const Version& v);
nlohmann::json SnippetWire(const Snippet& x, const Service& s,
                           const Version& v);
nlohmann::json PoolWire(const Pool& p, const Service& s, const Version& v);
nlohmann::json PoolServerWire(const PoolServer& p, const std::string& pool_id,
                              const Service& s);
// number, active, locked, comment, service_id, timestamps, deployed, ...
nlohmann::json VersionWire(const Version& v, const Service& s);
// A GET /service entry: the service, its active version number and every
// version.
nlohmann::json ServiceListWire(const Service& s,
                               const std::string& customer_id);
// GET /service/{sid}/details.
nlohmann::json ServiceDetailsWire(const Service& s,
                                  const std::string& customer_id);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_WIRE_H_
