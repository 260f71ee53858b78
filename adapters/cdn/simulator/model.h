// The CDN simulator's stored objects (docs/cdn-contract.md "Objects") and their
// JSON.
//
// Two JSON forms:
// - the state form (ToJson, *ToState): what a state file holds, only the
//   stored fields;
// - the wire form (wire.h): what the API answers, shaped like the real
//   service's answers — every field present, null for unset ones, derived
//   fields (ipv4/ipv6/hostname from address), timestamps, owner fields.
// FromState functions read state files: missing optional fields take the
// create defaults, a missing required field or a wrong type is
// kInvalidArgument (never an exception).
//
// Values; not synchronized (CdnSimApi guards them with its mutex).
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_MODEL_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_MODEL_H_

#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "src/core/status.h"

namespace renumber::cdnsim {

// The upper bound of an integer field a form may set without a limit.
inline constexpr int kNoMax = std::numeric_limits<int>::max();

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
  std::optional<std::string> share_key;
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

// Every field of a backend and of a healthcheck, listed once for all that
// reads or writes them whole (the state form in model.cc and
// model_state.cc, the forms of fields.cc): `v` is told each field with its
// API name, through one of
//   v.Name(key, field)      the object's name (required in state; the
//                           form callers handle it themselves)
//   v.Address(key, field)   required in state, checked in forms
//   v.Str / v.OptStr / v.Bool(key, field)
//   v.Int(key, field, min, max)   the range a form may set
// `B` is Backend or const Backend (and the same for Healthcheck).
template <typename B, typename V>
void VisitBackendFields(B& b, V& v) {
  v.Name("name", &b.name);
  v.Address("address", &b.address);
  v.Int("port", &b.port, 1, 65535);
  v.Bool("use_ssl", &b.use_ssl);
  v.OptStr("override_host", &b.override_host);
  v.OptStr("ssl_cert_hostname", &b.ssl_cert_hostname);
  v.OptStr("ssl_sni_hostname", &b.ssl_sni_hostname);
  v.Bool("ssl_check_cert", &b.ssl_check_cert);
  v.OptStr("healthcheck", &b.healthcheck);
  v.Bool("auto_loadbalance", &b.auto_loadbalance);
  v.Int("weight", &b.weight, 1, 100);
  v.OptStr("shield", &b.shield);
  v.Str("request_condition", &b.request_condition);
  v.OptStr("share_key", &b.share_key);
  v.Int("connect_timeout", &b.connect_timeout, 0, kNoMax);
  v.Int("first_byte_timeout", &b.first_byte_timeout, 0, kNoMax);
  v.Int("between_bytes_timeout", &b.between_bytes_timeout, 0, kNoMax);
  v.Int("max_conn", &b.max_conn, 1, kNoMax);
  v.Str("comment", &b.comment);
}

template <typename H, typename V>
void VisitHealthcheckFields(H& h, V& v) {
  v.Name("name", &h.name);
  v.Str("host", &h.host);
  v.Str("path", &h.path);
  v.Str("method", &h.method);
  v.Int("expected_response", &h.expected_response, 100, 599);
  v.Int("check_interval", &h.check_interval, 1, kNoMax);
  v.Int("threshold", &h.threshold, 0, kNoMax);
  v.Int("window", &h.window, 1, kNoMax);
  v.Int("initial", &h.initial, 0, kNoMax);
  v.Int("timeout", &h.timeout, 1, kNoMax);
  v.Str("comment", &h.comment);
}

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

struct Domain {
  std::string name;
  std::string comment;
};

struct Vcl {
  std::string name;
  std::string content;
  bool main = false;
};

struct Snippet {
  std::string name;
  std::string type = "recv";  // init, recv, fetch, deliver, ...
  std::string content;
  int dynamic = 0;  // 0 versioned, 1 dynamic
  int priority = 100;
};

// A dynamic server pool of a version. Its servers are not versioned: they
// live on the service, under the pool's id (PoolServers).
struct Pool {
  std::string id;  // 22 characters, kept by clones
  std::string name;
  int quorum = 75;
  bool use_tls = false;
  std::optional<std::string> tls_cert_hostname;
  std::string comment;
};

struct PoolServer {
  std::string id;
  std::string address;
  int port = 80;
  int weight = 100;
  int max_conn = 200;
  bool disabled = false;
  std::string comment;
};

struct Version {
  int number = 1;
  bool active = false;
  bool locked = false;
  std::string comment;
  std::string created_at;  // RFC 3339 UTC
  std::string updated_at;
  std::vector<Backend> backends;
  std::vector<Healthcheck> healthchecks;
  std::vector<Director> directors;
  std::vector<Condition> conditions;
  std::vector<Domain> domains;
  std::vector<Vcl> vcls;
  std::vector<Snippet> snippets;
  std::vector<Pool> pools;
};

struct Service {
  std::string id;                 // 22 characters, base62
  std::string name;               // a free-text label, e.g. "Production"
  std::string account;            // renumber customer id, "C-10001"
  std::string type = "vcl";       // "vcl" or "wasm" (Compute)
  int backend_limit = 5;          // backends one version may hold
  std::string created_at;         // RFC 3339 UTC
  std::vector<Version> versions;  // versions[i].number == i + 1
  // Pool servers by pool id (not versioned, like the real service).
  std::map<std::string, std::vector<PoolServer>> pool_servers;

  Version* Find(int number);
  const Version* Find(int number) const;
  // The active version, or null.
  const Version* Active() const;
  int ActiveNumber() const;  // 0 when none
};

struct Token {
  std::string token;
  std::string scope;    // "global" (read and write) or "global:read"
  std::string user_id;  // the user it belongs to: the rate-limit budget
  std::string id;       // the token's own id (GET /tokens/self)
};

struct Account {
  std::string id;           // "C-10001"
  std::string customer_id;  // Fastly-style 22-character customer id
  std::vector<Token> tokens;
};

// State form of each object.
nlohmann::json ToJson(const Backend& b);
nlohmann::json ToJson(const Healthcheck& h);
nlohmann::json ToJson(const Director& d);
nlohmann::json ToJson(const Condition& c);
nlohmann::json ToJson(const Domain& d);
nlohmann::json ToJson(const Vcl& v);
nlohmann::json ToJson(const Snippet& s);
nlohmann::json ToJson(const Pool& p);
nlohmann::json ToJson(const PoolServer& p);
nlohmann::json ToJson(const Token& t);

// Whole objects for state files.
nlohmann::json VersionToState(const Version& v);
nlohmann::json ServiceToState(const Service& s);
nlohmann::json AccountToState(const Account& a);
Result<Service> ServiceFromState(const nlohmann::json& j);
Result<Account> AccountFromState(const nlohmann::json& j);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_MODEL_H_
