// Reading a CDN account: the service list (paginated), one service's
// details and one version's configuration, and the account snapshot that
// Discover keeps for PlanPhase. GETs only.
//
// Errors name the account and the call (from CdnClient); an answer of the
// wrong shape is kInternal naming the call. Threads: one at a time.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_READ_H_
#define RENUMBER_ADAPTERS_CDN_CDN_READ_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapters/cdn/cdn_client.h"
#include "adapters/cdn/cdn_config.h"

namespace renumber::cdn {

// "/service/SU1.../version/4"
std::string VersionPath(const std::string& sid, int version);

Result<ServiceDetails> ReadDetails(CdnClient* client, const std::string& sid);
Result<VersionConfig> ReadConfig(CdnClient* client, const std::string& sid,
                                 int version);
// A version's backends, directors and healthchecks as comparable JSON: each
// list sorted by name, without the fields naming the service or version.
// Two versions with equal content are copies of each other.
Result<nlohmann::json> ReadContent(CdnClient* client, const std::string& sid,
                                   int version);

// One service as discovered: its details and, when it has an active
// version, that version's configuration.
struct ServiceSnapshot {
  std::string id;
  std::string name;
  ServiceDetails details;
  VersionConfig active_config;  // empty when details.active == 0
  // The answers as read: {"details","backends","directors","healthchecks"}.
  nlohmann::json raw;
  std::string label() const;
  // The newest version when it is an unlocked, inactive draft above the
  // active one (a customer's work in progress); 0 otherwise.
  int PendingDraft() const;
};

// Every service of the account (pages of 100; a shorter page is the last).
Result<std::vector<ServiceSnapshot>> ReadAccount(CdnClient* client);

// The adapter-private Discovery.snapshot and back.
nlohmann::json SnapshotToJson(const std::vector<ServiceSnapshot>& services);
Result<std::vector<ServiceSnapshot>> SnapshotFromJson(const nlohmann::json& j);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_READ_H_
