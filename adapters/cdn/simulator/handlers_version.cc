// Services and versions: list (paged), details, versions, comment, clone,
// lock, activate, validate, diff.
#include "adapters/cdn/simulator/config_diff.h"
#include "adapters/cdn/simulator/handlers.h"
#include "adapters/cdn/simulator/validate.h"
#include "adapters/cdn/simulator/wire.h"

namespace renumber::cdnsim {
namespace {

using nlohmann::json;

constexpr int kDefaultPerPage = 20;

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

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : "; ") + item;
  return out;
}

// <http://host/service?page=N&per_page=M>; rel="name"
std::string PageLink(const ApiRequest& req, int page, int per_page,
                     const char* rel) {
  const std::string host = req.http->headers.GetOr("Host", "localhost");
  return "<http://" + host + "/service?page=" + std::to_string(page) +
         "&per_page=" + std::to_string(per_page) + ">; rel=\"" + rel + "\"";
}

}  // namespace

ApiReply ListServices(CdnState& state, const ApiRequest& req) {
  int page = 0, per_page = 0;
  if (!QueryInt(req, "page", 1, 1, 1000000, &page))
    return BadRequest("page must be an integer of at least 1");
  if (!QueryInt(req, "per_page", kDefaultPerPage, 1, 1000000, &per_page))
    return BadRequest("per_page must be a positive integer");
  // The server caps per_page below what was asked (cdn.md): clients follow
  // the Link header, never the page size they asked for.
  per_page = std::min(per_page, state.settings.max_per_page);
  std::vector<const Service*> mine;
  for (const Service& s : state.services)
    if (s.account == req.account->id) mine.push_back(&s);
  ApiReply r;
  r.body = json::array();
  const size_t first = static_cast<size_t>(page - 1) * per_page;
  for (size_t i = first; i < mine.size() && i < first + per_page; ++i)
    r.body.push_back(ServiceListWire(*mine[i], req.account->customer_id));
  const int last = std::max<int>(
      1, static_cast<int>((mine.size() + per_page - 1) / per_page));
  std::string link;
  if (page < last) link = PageLink(req, page + 1, per_page, "next") + ", ";
  if (page > 1) link += PageLink(req, page - 1, per_page, "prev") + ", ";
  link += PageLink(req, 1, per_page, "first") + ", " +
          PageLink(req, last, per_page, "last");
  r.headers.emplace_back("Link", link);
  return r;
}

ApiReply ServiceDetails(CdnState& state, const ApiRequest& req) {
  ApiReply error;
  Service* s = FindService(state, req, &error);
  if (!s) return error;
  ApiReply r;
  r.body = ServiceDetailsWire(*s, req.account->customer_id);
  return r;
}

ApiReply ListVersions(CdnState& state, const ApiRequest& req) {
  ApiReply error;
  Service* s = FindService(state, req, &error);
  if (!s) return error;
  ApiReply r;
  r.body = json::array();
  for (const Version& v : s->versions) r.body.push_back(VersionWire(v, *s));
  return r;
}

ApiReply UpdateVersion(CdnState& state, const ApiRequest& req) {
  ApiReply error;
  Service* s = nullptr;
  Version* v = FindDraft(state, req, &s, &error);
  if (!v) return error;
  auto comment = req.form.find("comment");
  ApiReply r;
  if (comment != req.form.end()) {
    v->comment = comment->second;
    Touch(state, v);
    r.committed = true;
  }
  r.body = VersionWire(*v, *s);
  return r;
}

ApiReply CloneVersion(CdnState& state, const ApiRequest& req) {
  ApiReply error;
  Service* s = nullptr;
  Version* v = FindVersion(state, req, &s, &error);
  if (!v) return error;
  Version& copy = CloneVersionOf(state, *s, v->number);
  ApiReply r;
  r.body = VersionWire(copy, *s);
  r.committed = true;
  return r;
}

ApiReply LockVersion(CdnState& state, const ApiRequest& req) {
  ApiReply error;
  Service* s = nullptr;
  Version* v = FindVersion(state, req, &s, &error);
  if (!v) return error;
  ApiReply r;
  if (!v->locked) {
    v->locked = true;
    Touch(state, v);
    r.committed = true;
  }
  r.body = VersionWire(*v, *s);
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
    ActivateVersionOf(state, *s, v->number,
                      req.token ? req.token->user_id : "api");
    r.committed = true;
  }
  r.body = VersionWire(*v, *s);
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

ApiReply DiffVersions(CdnState& state, const ApiRequest& req) {
  ApiReply error;
  Service* s = FindService(state, req, &error);
  if (!s) return error;
  auto number = [&](const char* key) -> const Version* {
    auto n = ParseFormInt(req.params.at(key));
    return n.ok() ? s->Find(*n) : nullptr;
  };
  const Version* from = number("from");
  const Version* to = number("to");
  if (!from || !to)
    return ProblemReply(404, "Not found",
                        "Cannot find version '" +
                            req.params.at(from ? "to" : "from") +
                            "' of service '" + s->id + "'");
  auto format = req.http->query_params.find("format");
  if (format != req.http->query_params.end() && format->second != "text")
    return ProblemReply(400, "Bad request",
                        "format must be text (the only one this simulator "
                        "speaks)");
  ApiReply r;
  // The real service answers the version numbers as strings.
  r.body = {{"from", std::to_string(from->number)},
            {"to", std::to_string(to->number)},
            {"format", "text"},
            {"diff", LineDiff(ConfigText(*from), ConfigText(*to))}};
  return r;
}

}  // namespace renumber::cdnsim
