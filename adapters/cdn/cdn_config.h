// The parts of one CDN service version that renumber reads and changes
// (backends, directors, healthchecks), parsed from the API's JSON, and the
// conventions renumber uses inside a version:
// - the twin of backend "origin_1" is named "origin_1_renumber_new";
// - a twin's `comment` records what cut over must restore on it, as
//   "renumber-twin " + {"of","auto_loadbalance","healthcheck","comment"}
//   (the old backend's name and original values), so cut over can be
//   planned from live state alone;
// - a healthcheck renumber adds is named "renumber_hc_" + the probed host.
// Values; thread-safe. Parse errors are kInternal values, never exceptions.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_CONFIG_H_
#define RENUMBER_ADAPTERS_CDN_CDN_CONFIG_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "src/core/ip.h"
#include "src/core/status.h"

namespace renumber::cdn {

struct Backend {
  std::string name;
  std::string address;
  std::string healthcheck;  // "" when none (null on the wire)
  std::string comment;
  bool auto_loadbalance = false;
  nlohmann::json raw;  // every field as read, for copying
};

struct Director {
  std::string name;
  std::vector<std::string> backends;
  bool Has(const std::string& backend) const;
};

struct Healthcheck {
  std::string name;
  std::string host;
  std::string path;
};

struct VersionConfig {
  std::vector<Backend> backends;
  std::vector<Director> directors;
  std::vector<Healthcheck> healthchecks;
  const Backend* FindBackend(const std::string& name) const;
  const Healthcheck* FindHealthcheck(const std::string& name) const;
};

// From the three list answers. kInternal naming `what` when an entry lacks
// a name or has a field of the wrong type.
Result<VersionConfig> ParseVersionConfig(const nlohmann::json& backends,
                                         const nlohmann::json& directors,
                                         const nlohmann::json& healthchecks,
                                         const std::string& what);
Result<Backend> ParseBackend(const nlohmann::json& j);
Result<Director> ParseDirector(const nlohmann::json& j);

// Where a backend address points relative to the migration.
enum class AddressKind { kOld, kNew, kOtherIp, kHostName };
AddressKind ClassifyAddress(const std::string& address, const IpAddress& old_ip,
                            const IpAddress& new_ip);

// What cut over restores on a twin.
struct TwinMarker {
  std::string of;  // the old backend's name
  bool auto_loadbalance = false;
  std::string healthcheck;
  std::string comment;
};
std::string TwinName(const std::string& old_name);
std::string EncodeTwinComment(const TwinMarker& marker);
std::optional<TwinMarker> DecodeTwinComment(const std::string& comment);

// The host a new healthcheck probes for `b`: override_host, else the SNI or
// certificate host name, else the service name.
std::string ProbeHost(const Backend& b, const std::string& service_name);
std::string HealthcheckName(const std::string& host);

// Service details: the version list and which one is active.
struct VersionInfo {
  int number = 0;
  bool active = false;
  bool locked = false;
};
struct ServiceDetails {
  std::string id;
  std::string name;
  int active = 0;  // 0: none
  std::vector<VersionInfo> versions;
  int Latest() const;
  const VersionInfo* Find(int number) const;
};
Result<ServiceDetails> ParseDetails(const nlohmann::json& j);
// From GET /service/{sid}/version (an array of Version).
Result<std::vector<VersionInfo>> ParseVersions(const nlohmann::json& j);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_CONFIG_H_
