// Services and versions: list, details, clone, activate, validate.
#include "adapters/cdn/simulator/handlers.h"
#include "adapters/cdn/simulator/validate.h"

namespace renumber::cdnsim {
namespace {

using nlohmann::json;

constexpr int kDefaultPerPage = 20;
constexpr int kMaxPerPage = 100;

// A query parameter as an integer in [min, max]; `dflt` when absent.
bool QueryInt(const ApiRequest& req, const std::string& key, int dflt, int min,
              int max, int* out) {
  auto it = req.http->query_params.find(key);
  if (it == req.http->query_params.end()) {
    *out = dflt;
    return true;
  }
  auto n = ParseFormInt(it->second);
  if (!n.ok() || *n < min || *n > max) return false;
  *out = *n;
  return true;
}

json VersionList(const Service& s) {
  json out = json::array();
  for (const Version& v : s.versions) out.push_back(VersionToWire(v, s.id));
  return out;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : "; ") + item;
  return out;
}

}  // namespace

ApiReply ListServices(CdnState& state, const ApiRequest& req) {
  int page = 0, per_page = 0;
  if (!QueryInt(req, "page", 1, 1, 1000000, &page))
    return BadRequest("page must be an integer of at least 1");
  if (!QueryInt(req, "per_page", kDefaultPerPage, 1, kMaxPerPage, &per_page))
    return BadRequest("per_page must be an integer from 1 to 100");
  std::vector<const Service*> mine;
  for (const Service& s : state.services)
    if (s.account == req.account->id) mine.push_back(&s);
  ApiReply r;
  r.body = json::array();
  size_t first = static_cast<size_t>(page - 1) * per_page;
  for (size_t i = first; i < mine.size() && i < first + per_page; ++i) {
    r.body.push_back({{"id", mine[i]->id},
                      {"name", mine[i]->name},
                      {"version", mine[i]->ActiveNumber()},
                      {"customer_id", req.account->customer_id},
                      {"type", "vcl"}});
  }
  return r;
}

ApiReply ServiceDetails(CdnState& state, const ApiRequest& req) {
  ApiReply error;
  Service* s = FindService(state, req, &error);
  if (!s) return error;
  const Version* active = s->Active();
  ApiReply r;
  r.body = {{"id", s->id},
            {"name", s->name},
            {"customer_id", req.account->customer_id},
            {"type", "vcl"},
            {"active_version",
             active ? VersionToWire(*active, s->id) : json(nullptr)},
            {"versions", VersionList(*s)}};
  return r;
}

ApiReply ListVersions(CdnState& state, const ApiRequest& req) {
  ApiReply error;
  Service* s = FindService(state, req, &error);
  if (!s) return error;
  ApiReply r;
  r.body = VersionList(*s);
  return r;
}

ApiReply CloneVersion(CdnState& state, const ApiRequest& req) {
  ApiReply error;
  Service* s = nullptr;
  Version* v = FindVersion(state, req, &s, &error);
  if (!v) return error;
  Version& copy = CloneVersionOf(*s, v->number);
  ApiReply r;
  r.body = VersionToWire(copy, s->id);
  r.committed = true;
  return r;
}

ApiReply ActivateVersion(CdnState& state, const ApiRequest& req) {
  ApiReply error;
  Service* s = nullptr;
  Version* v = FindVersion(state, req, &s, &error);
  if (!v) return error;
  ApiReply r;
  if (!v->active) {
    std::vector<std::string> errors = ValidateVersion(*v);
    if (!errors.empty())
      return BadRequest("Version '" + std::to_string(v->number) +
                        "' for service '" + s->id +
                        "' is not valid: " + Joined(errors));
    ActivateVersionOf(*s, v->number);
    r.committed = true;
  }
  r.body = VersionToWire(*v, s->id);
  return r;
}

ApiReply ValidateVersionEndpoint(CdnState& state, const ApiRequest& req) {
  ApiReply error;
  Service* s = nullptr;
  Version* v = FindVersion(state, req, &s, &error);
  if (!v) return error;
  std::vector<std::string> errors = ValidateVersion(*v);
  ApiReply r;
  r.body = {{"status", errors.empty() ? "ok" : "error"},
            {"errors", errors},
            {"warnings", json::array()},
            {"messages", json::array()}};
  return r;
}

}  // namespace renumber::cdnsim
