// Read-only parts of a version that can hold a site's names or an origin
// address: domains, custom VCL, snippets, pools and their servers; and
// GET /tokens/self.
#include "adapters/cdn/simulator/handlers.h"
#include "adapters/cdn/simulator/wire.h"

namespace renumber::cdnsim {
namespace {

using nlohmann::json;

template <typename T, typename F>
ApiReply ListOf(CdnState& state, const ApiRequest& req,
                std::vector<T> Version::*items, F wire) {
  ApiReply r;
  Service* s = nullptr;
  Version* v = FindVersion(state, req, &s, &r);
  if (!v) return r;
  r.body = json::array();
  for (const T& item : v->*items) r.body.push_back(wire(item, *s, *v));
  return r;
}

}  // namespace

ApiReply ListDomains(CdnState& state, const ApiRequest& req) {
  return ListOf(state, req, &Version::domains, DomainWire);
}

ApiReply ListVcls(CdnState& state, const ApiRequest& req) {
  return ListOf(state, req, &Version::vcls, VclWire);
}

ApiReply ListSnippets(CdnState& state, const ApiRequest& req) {
  return ListOf(state, req, &Version::snippets, SnippetWire);
}

ApiReply ListPools(CdnState& state, const ApiRequest& req) {
  return ListOf(state, req, &Version::pools, PoolWire);
}

ApiReply ListPoolServers(CdnState& state, const ApiRequest& req) {
  ApiReply r;
  Service* s = FindService(state, req, &r);
  if (!s) return r;
  const std::string& pool = req.params.at("pool_id");
  bool known = false;
  for (const Version& v : s->versions)
    for (const Pool& p : v.pools) known = known || p.id == pool;
  if (!known)
    return NotFound("Cannot find pool '" + pool + "' of service '" + s->id +
                    "'");
  r.body = json::array();
  auto it = s->pool_servers.find(pool);
  if (it != s->pool_servers.end())
    for (const PoolServer& p : it->second)
      r.body.push_back(PoolServerWire(p, pool, *s));
  return r;
}

ApiReply TokenSelf(CdnState& state, const ApiRequest& req) {
  json services = json::array();
  for (const Service& s : state.services)
    if (s.account == req.account->id) services.push_back(s.id);
  const Token& t = *req.token;
  ApiReply r;
  r.body = {{"id", t.id},
            {"user_id", t.user_id},
            {"customer_id", req.account->customer_id},
            {"name", t.scope == "global" ? "renumber" : "monitoring"},
            {"scope", t.scope},
            {"scopes", json::array({t.scope})},
            {"services", services},
            {"created_at", "2026-01-05T09:00:00Z"},
            {"last_used_at", state.Now()},
            {"expires_at", nullptr},
            {"sudo_expires_at", nullptr},
            {"ip", nullptr},
            {"user_agent", nullptr}};
  return r;
}

}  // namespace renumber::cdnsim
