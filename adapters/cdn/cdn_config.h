// What renumber reads of a CDN service (cdn.md "Objects"), parsed from the
// API's JSON as the real service answers it: every field may be null,
// numbers and booleans may come as strings ("quorum": "75", "1"), fields
// the contract does not name are kept in `raw`.
//
// Values; thread-safe. Parse errors are kInternal values naming what was
// wrong, never exceptions.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_CONFIG_H_
#define RENUMBER_ADAPTERS_CDN_CDN_CONFIG_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/core/ip.h"
#include "src/core/status.h"

namespace renumber::cdn {

struct Backend {
  std::string name;
  std::string address;               // IP or host name
  std::string ipv4, ipv6, hostname;  // derived by the vendor; "" when null
  int port = 80;
  bool use_ssl = false;
  std::string override_host;      // "" when null
  std::string ssl_cert_hostname;  // "" when null
  std::string ssl_sni_hostname;   // "" when null
  bool ssl_check_cert = true;
  std::string request_condition;
  nlohmann::json raw;  // the answer as read
};

struct Director {
  std::string name;
  int quorum = 0;
  std::vector<std::string> backends;
};

struct Pool {
  std::string id, name;
  std::vector<std::string> server_addresses;  // its servers' addresses
};

struct Named {  // a custom VCL file or a snippet
  std::string name;
  std::string content;
};

// The parts of one version renumber reads.
struct VersionConfig {
  std::vector<Backend> backends;
  std::vector<Director> directors;
  std::vector<std::string> domains;
  std::vector<Named> vcls;
  std::vector<Named> snippets;
  std::vector<Pool> pools;
  const Backend* FindBackend(const std::string& name) const;
};

struct VersionInfo {
  int number = 0;
  bool active = false;
  bool locked = false;
  std::string comment;
};

// GET /service/{sid}/details.
struct ServiceDetails {
  std::string id;
  std::string name;
  std::string type = "vcl";  // "vcl" or "wasm" (Compute)
  int active = 0;            // 0: none
  std::vector<VersionInfo> versions;
  int Latest() const;
  const VersionInfo* Find(int number) const;
};

Result<Backend> ParseBackend(const nlohmann::json& j);
Result<std::vector<Backend>> ParseBackends(const nlohmann::json& j);
Result<std::vector<Director>> ParseDirectors(const nlohmann::json& j);
Result<std::vector<std::string>> ParseDomains(const nlohmann::json& j);
// Custom VCL ("content") and snippets ("content"; dynamic ones may be null).
Result<std::vector<Named>> ParseNamed(const nlohmann::json& j);
Result<std::vector<Pool>> ParsePools(const nlohmann::json& j);
Result<ServiceDetails> ParseDetails(const nlohmann::json& j);
Result<std::vector<VersionInfo>> ParseVersions(const nlohmann::json& j);

// Where a backend points relative to the migration: the old or new IP in
// `address` (or, for an IP address, its derived ipv4/ipv6), another IP, or
// a host name.
enum class AddressKind { kOld, kNew, kOtherIp, kHostName };
AddressKind ClassifyBackend(const Backend& b, const IpAddress& old_ip,
                            const IpAddress& new_ip);

// True when `text` (VCL, a snippet) names `ip` as an address: the literal,
// not followed or preceded by another address character (198.18.0.1 is not
// in 198.18.0.10).
bool MentionsIp(const std::string& text, const IpAddress& ip);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_CONFIG_H_
