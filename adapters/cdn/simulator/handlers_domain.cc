// Domains (list): the names a version serves, cdn.md `GET
// /service/{sid}/version/{v}/domain`. Like Fastly, each entry also names
// its service and version.
#include "adapters/cdn/simulator/handlers.h"

namespace renumber::cdnsim {

ApiReply ListDomains(CdnState& state, const ApiRequest& req) {
  ApiReply r;
  Service* s = nullptr;
  Version* v = FindVersion(state, req, &s, &r);
  if (!v) return r;
  r.body = nlohmann::json::array();
  for (const Domain& d : v->domains)
    r.body.push_back(WithOwner(ToJson(d), s->id, v->number));
  return r;
}

}  // namespace renumber::cdnsim
