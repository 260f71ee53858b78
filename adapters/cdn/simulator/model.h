// The CDN simulator's stored objects (cdn.md "Objects") and their JSON.
//
// One JSON shape serves both the wire and the state file: an object's wire
// form is its state form plus "service_id" and "version". FromJson functions
// read state files: missing optional fields take the create defaults, a
// missing required field or a wrong type is kInvalidArgument (never an
// exception).
//
// Values; not synchronized (CdnSimApi guards them with its mutex).
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_MODEL_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_MODEL_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "src/core/status.h"

namespace renumber::cdnsim {

// Defaults are those of a backend created with only name and address.
struct Backend {
  std::string name;
  std::string address;
  int port = 80;
  bool use_ssl = false;
  std::optional<std::string> override_host;
  std::optional<std::string> ssl_cert_hostname;
  std::optional<std::string> ssl_sni_hostname;
  bool ssl_check_cert = true;
  std::optional<std::string> healthcheck;
  bool auto_loadbalance = false;
  int weight = 100;
  std::optional<std::string> shield;
  std::string request_condition;
  int connect_timeout = 1000;
  int first_byte_timeout = 15000;
  int between_bytes_timeout = 10000;
  int max_conn = 200;
  std::string comment;
};

struct Healthcheck {
  std::string name;
  std::string host;
  std::string path = "/";
  std::string method = "HEAD";
  int expected_response = 200;
  int check_interval = 60000;
  int threshold = 1;
  int window = 2;
  int initial = 1;
  int timeout = 500;
  std::string comment;
};

struct Director {
  std::string name;
  int type = 1;  // 1 random, 3 hash, 4 client
  int quorum = 75;
  int retries = 5;
  std::vector<std::string> backends;  // backend names, in insertion order
  std::string comment;
};

// Not exposed by the contract's endpoints; backends name them in
// request_condition and validation checks the name exists.
struct Condition {
  std::string name;
  std::string statement;
  std::string type = "REQUEST";
  int priority = 10;
};

// A domain the version serves (cdn.md: `GET .../version/{v}/domain`).
// Like the backends, domains belong to a version and are copied by clone.
struct Domain {
  std::string name;  // "www.c10001.example.jp"
  std::string comment;
};

struct Version {
  int number = 1;
  bool active = false;
  bool locked = false;
  std::string comment;
  std::vector<Backend> backends;
  std::vector<Healthcheck> healthchecks;
  std::vector<Director> directors;
  std::vector<Condition> conditions;
  std::vector<Domain> domains;
};

struct Service {
  std::string id;                 // 22 characters, base62
  std::string name;               // e.g. "www.c10001.example.jp"
  std::string account;            // renumber customer id, "C-10001"
  std::vector<Version> versions;  // versions[i].number == i + 1

  Version* Find(int number);
  const Version* Find(int number) const;
  // The active version, or null.
  const Version* Active() const;
  int ActiveNumber() const;  // 0 when none
};

struct Token {
  std::string token;
  std::string scope;  // "global" (read and write) or "global:read"
};

struct Account {
  std::string id;           // "C-10001"
  std::string customer_id;  // Fastly-style 22-character customer id
  std::vector<Token> tokens;
};

nlohmann::json ToJson(const Backend& b);
nlohmann::json ToJson(const Healthcheck& h);
nlohmann::json ToJson(const Director& d);
nlohmann::json ToJson(const Condition& c);
nlohmann::json ToJson(const Domain& d);
// Wire form: "number","active","locked","comment","service_id".
nlohmann::json VersionToWire(const Version& v, const std::string& service_id);
// Adds "service_id" and "version" to an object's JSON.
nlohmann::json WithOwner(nlohmann::json j, const std::string& service_id,
                         int version);

// Whole objects for state files.
nlohmann::json VersionToState(const Version& v);
nlohmann::json ServiceToState(const Service& s);
nlohmann::json AccountToState(const Account& a);
Result<Service> ServiceFromState(const nlohmann::json& j);
Result<Account> AccountFromState(const nlohmann::json& j);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_MODEL_H_
