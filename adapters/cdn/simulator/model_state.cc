// Reading the CDN simulator's objects back from a state file (model.h).
#include <climits>

#include "adapters/cdn/simulator/model.h"

namespace renumber::cdnsim {
namespace {

using nlohmann::json;

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
  // The field visitors' vocabulary (model.h VisitBackendFields): a name
  // and an address are required; a form's range does not bind a state.
  void Name(const char* key, std::string* out) { Str(key, out, true); }
  void Address(const char* key, std::string* out) { Str(key, out, true); }
  void Int(const char* key, int* out, int /*min*/, int /*max*/) {
    Int(key, out);
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
  VisitBackendFields(*b, r);
  return r.status();
}

Status FromState(const json& j, Healthcheck* h) {
  Reader r(j, "healthcheck");
  VisitHealthcheckFields(*h, r);
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

Status FromState(const json& j, Domain* d) {
  Reader r(j, "domain");
  r.Str("name", &d->name, true);
  r.Str("comment", &d->comment);
  return r.status();
}

Status FromState(const json& j, Vcl* v) {
  Reader r(j, "vcl");
  r.Str("name", &v->name, true);
  r.Str("content", &v->content);
  r.Bool("main", &v->main);
  return r.status();
}

Status FromState(const json& j, Snippet* s) {
  Reader r(j, "snippet");
  r.Str("name", &s->name, true);
  r.Str("type", &s->type);
  r.Str("content", &s->content);
  r.Int("dynamic", &s->dynamic);
  r.Int("priority", &s->priority);
  return r.status();
}

Status FromState(const json& j, Pool* p) {
  Reader r(j, "pool");
  r.Str("id", &p->id, true);
  r.Str("name", &p->name, true);
  r.Int("quorum", &p->quorum);
  r.Bool("use_tls", &p->use_tls);
  r.OptStr("tls_cert_hostname", &p->tls_cert_hostname);
  r.Str("comment", &p->comment);
  return r.status();
}

Status FromState(const json& j, PoolServer* p) {
  Reader r(j, "pool server");
  r.Str("id", &p->id, true);
  r.Str("address", &p->address, true);
  r.Int("port", &p->port);
  r.Int("weight", &p->weight);
  r.Int("max_conn", &p->max_conn);
  r.Bool("disabled", &p->disabled);
  r.Str("comment", &p->comment);
  return r.status();
}

Status FromState(const json& j, Version* v) {
  Reader r(j, "version");
  r.Int("number", &v->number, true);
  r.Bool("active", &v->active);
  r.Bool("locked", &v->locked);
  r.Str("comment", &v->comment);
  r.Str("created_at", &v->created_at);
  r.Str("updated_at", &v->updated_at);
  auto each = [](const json& x, auto* out) { return FromState(x, out); };
  RN_RETURN_IF_ERROR(ReadList(r, "backends", &v->backends, each));
  RN_RETURN_IF_ERROR(ReadList(r, "healthchecks", &v->healthchecks, each));
  RN_RETURN_IF_ERROR(ReadList(r, "directors", &v->directors, each));
  RN_RETURN_IF_ERROR(ReadList(r, "conditions", &v->conditions, each));
  RN_RETURN_IF_ERROR(ReadList(r, "domains", &v->domains, each));
  RN_RETURN_IF_ERROR(ReadList(r, "vcls", &v->vcls, each));
  RN_RETURN_IF_ERROR(ReadList(r, "snippets", &v->snippets, each));
  return ReadList(r, "pools", &v->pools, each);
}

Status FromState(const json& j, Token* t) {
  Reader r(j, "token");
  r.Str("token", &t->token, true);
  r.Str("scope", &t->scope, true);
  r.Str("user_id", &t->user_id, true);
  r.Str("id", &t->id);
  RN_RETURN_IF_ERROR(r.status());
  if (t->scope != "global" && t->scope != "global:read")
    return Status::InvalidArgument("cdn state: unknown token scope '" +
                                   t->scope + "'");
  return Status::Ok();
}

}  // namespace

Result<Service> ServiceFromState(const json& j) {
  Service s;
  Reader r(j, "service");
  r.Str("id", &s.id, true);
  r.Str("name", &s.name, true);
  r.Str("account", &s.account, true);
  r.Str("type", &s.type);
  r.Int("backend_limit", &s.backend_limit);
  r.Str("created_at", &s.created_at);
  RN_RETURN_IF_ERROR(
      ReadList(r, "versions", &s.versions,
               [](const json& x, Version* v) { return FromState(x, v); }));
  if (s.type != "vcl" && s.type != "wasm")
    return Status::InvalidArgument("cdn state: service " + s.id +
                                   ": type must be vcl or wasm");
  if (s.backend_limit < 1)
    return Status::InvalidArgument("cdn state: service " + s.id +
                                   ": backend_limit must be at least 1");
  auto servers = j.find("pool_servers");
  if (servers != j.end()) {
    if (!servers->is_object())
      return Status::InvalidArgument(
          "cdn state: pool_servers must be an object");
    for (const auto& [pool, list] : servers->items()) {
      if (!list.is_array())
        return Status::InvalidArgument("cdn state: pool_servers." + pool +
                                       " must be an array");
      for (const json& x : list) {
        PoolServer p;
        RN_RETURN_IF_ERROR(FromState(x, &p));
        s.pool_servers[pool].push_back(std::move(p));
      }
    }
  }
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
