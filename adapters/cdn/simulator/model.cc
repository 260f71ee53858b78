#include "adapters/cdn/simulator/model.h"

#include <climits>

namespace renumber::cdnsim {
namespace {

using nlohmann::json;

json OptString(const std::optional<std::string>& s) {
  return s ? json(*s) : json(nullptr);
}

// Reads fields of one JSON object with type checks; the first problem is
// kept in status() and later reads do nothing.
class Reader {
 public:
  Reader(const json& j, std::string what) : j_(j), what_(std::move(what)) {
    if (!j_.is_object()) Fail("", "is not an object");
  }
  void Str(const char* key, std::string* out, bool required = false) {
    if (const json* v = Get(key, required)) {
      if (v->is_string())
        *out = v->get<std::string>();
      else
        Fail(key, "must be a string");
    }
  }
  void OptStr(const char* key, std::optional<std::string>* out) {
    if (const json* v = Get(key, false)) {
      if (v->is_null())
        *out = std::nullopt;
      else if (v->is_string())
        *out = v->get<std::string>();
      else
        Fail(key, "must be a string or null");
    }
  }
  void Int(const char* key, int* out, bool required = false) {
    if (const json* v = Get(key, required)) {
      if (v->is_number_integer() && v->get<int64_t>() >= INT_MIN &&
          v->get<int64_t>() <= INT_MAX)
        *out = v->get<int>();
      else
        Fail(key, "must be an integer");
    }
  }
  void Bool(const char* key, bool* out) {
    if (const json* v = Get(key, false)) {
      if (v->is_boolean())
        *out = v->get<bool>();
      else
        Fail(key, "must be a boolean");
    }
  }
  const json* Array(const char* key) {
    const json* v = Get(key, false);
    if (v && !v->is_array()) {
      Fail(key, "must be an array");
      return nullptr;
    }
    return v;
  }
  const Status& status() const { return status_; }

 private:
  const json* Get(const char* key, bool required) {
    if (!status_.ok() || !j_.is_object()) return nullptr;
    auto it = j_.find(key);
    if (it == j_.end()) {
      if (required) Fail(key, "is missing");
      return nullptr;
    }
    return &*it;
  }
  void Fail(const char* key, const char* problem) {
    if (!status_.ok()) return;
    std::string where = what_ + (*key ? std::string(".") + key : "");
    status_ = Status::InvalidArgument("cdn state: " + where + " " + problem);
  }
  const json& j_;
  std::string what_;
  Status status_;
};

template <typename T, typename F>
Status ReadList(Reader& r, const char* key, std::vector<T>* out, F from) {
  const json* list = r.Array(key);
  RN_RETURN_IF_ERROR(r.status());
  if (!list) return Status::Ok();
  for (const json& item : *list) {
    T value;
    RN_RETURN_IF_ERROR(from(item, &value));
    out->push_back(std::move(value));
  }
  return Status::Ok();
}

Status FromState(const json& j, Backend* b) {
  Reader r(j, "backend");
  r.Str("name", &b->name, true);
  r.Str("address", &b->address, true);
  r.Int("port", &b->port);
  r.Bool("use_ssl", &b->use_ssl);
  r.OptStr("override_host", &b->override_host);
  r.OptStr("ssl_cert_hostname", &b->ssl_cert_hostname);
  r.OptStr("ssl_sni_hostname", &b->ssl_sni_hostname);
  r.Bool("ssl_check_cert", &b->ssl_check_cert);
  r.OptStr("healthcheck", &b->healthcheck);
  r.Bool("auto_loadbalance", &b->auto_loadbalance);
  r.Int("weight", &b->weight);
  r.OptStr("shield", &b->shield);
  r.Str("request_condition", &b->request_condition);
  r.Int("connect_timeout", &b->connect_timeout);
  r.Int("first_byte_timeout", &b->first_byte_timeout);
  r.Int("between_bytes_timeout", &b->between_bytes_timeout);
  r.Int("max_conn", &b->max_conn);
  r.Str("comment", &b->comment);
  return r.status();
}

Status FromState(const json& j, Healthcheck* h) {
  Reader r(j, "healthcheck");
  r.Str("name", &h->name, true);
  r.Str("host", &h->host);
  r.Str("path", &h->path);
  r.Str("method", &h->method);
  r.Int("expected_response", &h->expected_response);
  r.Int("check_interval", &h->check_interval);
  r.Int("threshold", &h->threshold);
  r.Int("window", &h->window);
  r.Int("initial", &h->initial);
  r.Int("timeout", &h->timeout);
  r.Str("comment", &h->comment);
  return r.status();
}

Status FromState(const json& j, std::string* s) {
  if (!j.is_string())
    return Status::InvalidArgument("cdn state: a name must be a string");
  *s = j.get<std::string>();
  return Status::Ok();
}

Status FromState(const json& j, Director* d) {
  Reader r(j, "director");
  r.Str("name", &d->name, true);
  r.Int("type", &d->type);
  r.Int("quorum", &d->quorum);
  r.Int("retries", &d->retries);
  r.Str("comment", &d->comment);
  return ReadList(
      r, "backends", &d->backends,
      [](const json& x, std::string* s) { return FromState(x, s); });
}

Status FromState(const json& j, Condition* c) {
  Reader r(j, "condition");
  r.Str("name", &c->name, true);
  r.Str("statement", &c->statement);
  r.Str("type", &c->type);
  r.Int("priority", &c->priority);
  return r.status();
}

Status FromState(const json& j, Version* v) {
  Reader r(j, "version");
  r.Int("number", &v->number, true);
  r.Bool("active", &v->active);
  r.Bool("locked", &v->locked);
  r.Str("comment", &v->comment);
  auto each = [](const json& x, auto* out) { return FromState(x, out); };
  RN_RETURN_IF_ERROR(ReadList(r, "backends", &v->backends, each));
  RN_RETURN_IF_ERROR(ReadList(r, "healthchecks", &v->healthchecks, each));
  RN_RETURN_IF_ERROR(ReadList(r, "directors", &v->directors, each));
  return ReadList(r, "conditions", &v->conditions, each);
}

Status FromState(const json& j, Token* t) {
  Reader r(j, "token");
  r.Str("token", &t->token, true);
  r.Str("scope", &t->scope, true);
  RN_RETURN_IF_ERROR(r.status());
  if (t->scope != "global" && t->scope != "global:read")
    return Status::InvalidArgument("cdn state: unknown token scope '" +
                                   t->scope + "'");
  return Status::Ok();
}

template <typename T>
json ListToJson(const std::vector<T>& items) {
  json out = json::array();
  for (const T& item : items) out.push_back(ToJson(item));
  return out;
}

}  // namespace

Version* Service::Find(int number) {
  if (number < 1 || number > static_cast<int>(versions.size())) return nullptr;
  return &versions[number - 1];
}

const Version* Service::Find(int number) const {
  return const_cast<Service*>(this)->Find(number);
}

const Version* Service::Active() const {
  for (const Version& v : versions)
    if (v.active) return &v;
  return nullptr;
}

int Service::ActiveNumber() const {
  const Version* v = Active();
  return v ? v->number : 0;
}

json ToJson(const Backend& b) {
  return {{"name", b.name},
          {"address", b.address},
          {"port", b.port},
          {"use_ssl", b.use_ssl},
          {"override_host", OptString(b.override_host)},
          {"ssl_cert_hostname", OptString(b.ssl_cert_hostname)},
          {"ssl_sni_hostname", OptString(b.ssl_sni_hostname)},
          {"ssl_check_cert", b.ssl_check_cert},
          {"healthcheck", OptString(b.healthcheck)},
          {"auto_loadbalance", b.auto_loadbalance},
          {"weight", b.weight},
          {"shield", OptString(b.shield)},
          {"request_condition", b.request_condition},
          {"connect_timeout", b.connect_timeout},
          {"first_byte_timeout", b.first_byte_timeout},
          {"between_bytes_timeout", b.between_bytes_timeout},
          {"max_conn", b.max_conn},
          {"comment", b.comment}};
}

json ToJson(const Healthcheck& h) {
  return {{"name", h.name},
          {"host", h.host},
          {"path", h.path},
          {"method", h.method},
          {"expected_response", h.expected_response},
          {"check_interval", h.check_interval},
          {"threshold", h.threshold},
          {"window", h.window},
          {"initial", h.initial},
          {"timeout", h.timeout},
          {"comment", h.comment}};
}

json ToJson(const Director& d) {
  return {{"name", d.name},         {"type", d.type},
          {"quorum", d.quorum},     {"retries", d.retries},
          {"backends", d.backends}, {"comment", d.comment}};
}

json ToJson(const Condition& c) {
  return {{"name", c.name},
          {"statement", c.statement},
          {"type", c.type},
          {"priority", c.priority}};
}

json VersionToWire(const Version& v, const std::string& service_id) {
  return {{"number", v.number},
          {"active", v.active},
          {"locked", v.locked},
          {"comment", v.comment},
          {"service_id", service_id}};
}

json WithOwner(json j, const std::string& service_id, int version) {
  j["service_id"] = service_id;
  j["version"] = version;
  return j;
}

json VersionToState(const Version& v) {
  return {{"number", v.number},
          {"active", v.active},
          {"locked", v.locked},
          {"comment", v.comment},
          {"backends", ListToJson(v.backends)},
          {"healthchecks", ListToJson(v.healthchecks)},
          {"directors", ListToJson(v.directors)},
          {"conditions", ListToJson(v.conditions)}};
}

json ServiceToState(const Service& s) {
  json versions = json::array();
  for (const Version& v : s.versions) versions.push_back(VersionToState(v));
  return {{"id", s.id},
          {"name", s.name},
          {"account", s.account},
          {"versions", versions}};
}

json AccountToState(const Account& a) {
  json tokens = json::array();
  for (const Token& t : a.tokens)
    tokens.push_back({{"token", t.token}, {"scope", t.scope}});
  return {{"id", a.id}, {"customer_id", a.customer_id}, {"tokens", tokens}};
}

Result<Service> ServiceFromState(const json& j) {
  Service s;
  Reader r(j, "service");
  r.Str("id", &s.id, true);
  r.Str("name", &s.name, true);
  r.Str("account", &s.account, true);
  RN_RETURN_IF_ERROR(
      ReadList(r, "versions", &s.versions,
               [](const json& x, Version* v) { return FromState(x, v); }));
  int active = 0;
  for (size_t i = 0; i < s.versions.size(); ++i) {
    if (s.versions[i].number != static_cast<int>(i) + 1)
      return Status::InvalidArgument("cdn state: service " + s.id +
                                     ": versions must be numbered 1, 2, ...");
    if (s.versions[i].active) ++active;
  }
  if (active > 1)
    return Status::InvalidArgument("cdn state: service " + s.id +
                                   " has more than one active version");
  return s;
}

Result<Account> AccountFromState(const json& j) {
  Account a;
  Reader r(j, "account");
  r.Str("id", &a.id, true);
  r.Str("customer_id", &a.customer_id, true);
  RN_RETURN_IF_ERROR(
      ReadList(r, "tokens", &a.tokens,
               [](const json& x, Token* t) { return FromState(x, t); }));
  return a;
}

}  // namespace renumber::cdnsim
