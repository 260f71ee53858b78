// The request handlers of FakeEssVendor (see ess_fake_vendor.h).
#include <algorithm>

#include "adapters/ess/ess_fake_vendor.h"

namespace renumber {
namespace ess_test {
namespace {

using fake_internal::Failure;
using fake_internal::Reply;
using nlohmann::json;

std::map<std::string, std::string> Query(const std::string& q) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos < q.size()) {
    size_t amp = q.find('&', pos);
    std::string part =
        q.substr(pos, amp == std::string::npos ? amp : amp - pos);
    size_t eq = part.find('=');
    if (eq != std::string::npos) out[part.substr(0, eq)] = part.substr(eq + 1);
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  return out;
}

const char* kReasons[] = {"CustomerRequest", "InvalidMailServer",
                          "OfficeClosure", "CompromisedMailServer",
                          "ServerMigration"};

}  // namespace

HttpResponse FakeEssVendor::Handle(const HttpRequest& req,
                                   const std::string& full_path,
                                   bool* committed) {
  size_t q = full_path.find('?');
  const std::string path = full_path.substr(0, q);
  const std::string query =
      q == std::string::npos ? "" : full_path.substr(q + 1);
  if (req.method == "GET" && path == "/v1/domains") {
    auto params = Query(query);
    int page = std::stoi(params.count("page") ? params["page"] : "1");
    int per = std::min(
        100, std::stoi(params.count("per_page") ? params["per_page"] : "100"));
    json list = json::array();
    for (size_t i = (page - 1) * per;
         i < domains_.size() && i < size_t(page * per); ++i)
      list.push_back(
          {{"name", domains_[i].first}, {"route_mode", domains_[i].second}});
    return Reply(200, {{"page", page},
                       {"per_page", per},
                       {"total", domains_.size()},
                       {"domains", list}});
  }
  if (path.rfind("/v1/outbound-servers", 0) == 0)
    return HandleOutbound(req, path, committed);
  if (path.rfind("/v1/named-routes", 0) == 0)
    return HandleNamed(req, path, committed);
  std::string domain;
  bool collection = false;
  if (path == "/v1/inbound-routes") {
    collection = true;
  } else if (path.rfind("/v1/domains/", 0) == 0 && path.size() > 27 &&
             path.compare(path.size() - 15, 15, "/inbound-routes") == 0) {
    domain = path.substr(12, path.size() - 12 - 15);
    auto it = std::find_if(domains_.begin(), domains_.end(),
                           [&](const auto& d) { return d.first == domain; });
    if (it == domains_.end())
      return Failure(404, "NOT_FOUND", "no such domain");
    if (it->second != "custom")
      return Failure(409, "NOT_CUSTOM", "default mode");
    collection = true;
  }
  if (collection) {
    if (req.method == "GET") {
      HttpResponse r = Reply(200, CollectionJson(domain));
      r.headers.Set("ETag", EtagOf(domain));
      return r;
    }
    return AddToCollection(domain, req, committed);
  }
  const std::string prefix = "/v1/inbound-routes/";
  if (req.method == "POST" && path.rfind(prefix, 0) == 0) {
    std::string rest = path.substr(prefix.size());
    size_t s = rest.find('/');
    if (s != std::string::npos)
      return HandleRouteAction(req, rest.substr(0, s), rest.substr(s + 1),
                               committed);
  }
  return Failure(404, "NOT_FOUND", "no such endpoint");
}

HttpResponse FakeEssVendor::AddToCollection(const std::string& domain,
                                            const HttpRequest& req,
                                            bool* committed) {
  HttpResponse error;
  if (!CheckIfMatch(req, EtagOf(domain), &error)) return error;
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.contains("address") ||
      !body.contains("role"))
    return Failure(400, "INVALID_ARGUMENT", "address and role required");
  Collection& c = collections_[domain];
  for (const FakeRoute& r : c.routes)
    if (r.address == body["address"])
      return Failure(409, "DUPLICATE", "exists");
  FakeRoute r;
  r.id = "r-" + std::to_string(next_id_++);
  r.address = body["address"];
  r.port = body.value("port", 25);
  r.role = body["role"];
  c.routes.push_back(r);
  Reorder(&c);
  ++c.version;
  *committed = true;
  HttpResponse resp =
      Reply(201, {{"route", RouteJson(r)}, {"etag", EtagOf(domain)}});
  resp.headers.Set("ETag", EtagOf(domain));
  return resp;
}

HttpResponse FakeEssVendor::HandleRouteAction(const HttpRequest& req,
                                              const std::string& id,
                                              const std::string& action,
                                              bool* committed) {
  std::string domain;
  FakeRoute* r = FindRoute(id, &domain);
  if (!r) return Failure(404, "NOT_FOUND", "no such route");
  Collection& c = collections_[domain];
  if (action == "check") {
    r->checked = true;
    r->check_at = clock_->Now();
    auto it = check_results_.find(r->address);
    r->check_result = it == check_results_.end() ? "PASS" : it->second;
    return Reply(200, {{"route", RouteJson(*r)}});
  }
  HttpResponse error;
  if (!CheckIfMatch(req, EtagOf(domain), &error)) return error;
  int primaries = 0;
  for (const FakeRoute& x : c.routes) primaries += x.role == "primary";
  if (action == "promote") {
    if (!RouteJson(*r)["can_promote"].get<bool>())
      return Failure(409, "CHECK_REQUIRED", "check first");
    r->role = "primary";
    FakeRoute moved = *r;
    c.routes.erase(c.routes.begin() + (r - c.routes.data()));
    c.routes.insert(c.routes.begin(), moved);
    r = &c.routes.front();
  } else if (action == "demote") {
    if (r->role == "primary" && primaries < 2)
      return Failure(409, "LAST_PRIMARY", "only primary");
    r->role = "failover";
  } else if (action == "move") {
    return MoveRoute(req, &c, r, domain, committed);
  } else if (action == "delete") {
    for (const auto& [name, ids] : named_)
      if (std::find(ids.begin(), ids.end(), id) != ids.end())
        return Failure(409, "IN_USE", "held by named route " + name);
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.contains("reason") ||
        !body.contains("note"))
      return Failure(400, "REASON_REQUIRED", "reason and note required");
    if (std::find(std::begin(kReasons), std::end(kReasons),
                  body["reason"].get<std::string>()) == std::end(kReasons))
      return Failure(400, "INVALID_ARGUMENT", "bad reason");
    if (r->role == "primary" && primaries < 2)
      return Failure(409, "LAST_PRIMARY", "only primary");
    deletions_.push_back(body);
    c.routes.erase(c.routes.begin() + (r - c.routes.data()));
    ++c.version;
    *committed = true;
    return Reply(200, {{"etag", EtagOf(domain)}});
  } else {
    return Failure(404, "NOT_FOUND", "no such action");
  }
  FakeRoute copy = *r;
  Reorder(&c);
  ++c.version;
  *committed = true;
  return Reply(200, {{"route", RouteJson(copy)}, {"etag", EtagOf(domain)}});
}

HttpResponse FakeEssVendor::MoveRoute(const HttpRequest& req, Collection* c,
                                      FakeRoute* r, const std::string& domain,
                                      bool* committed) {
  json body = json::parse(req.body, nullptr, false);
  std::vector<size_t> same;  // indexes of the routes of r's role
  for (size_t i = 0; i < c->routes.size(); ++i)
    if (c->routes[i].role == r->role) same.push_back(i);
  if (body.is_discarded() || !body.contains("position") ||
      !body["position"].is_number_integer() || body["position"] < 1 ||
      body["position"] > static_cast<int>(same.size()))
    return Failure(400, "INVALID_ARGUMENT", "bad position");
  FakeRoute moved = *r;
  c->routes.erase(c->routes.begin() + (r - c->routes.data()));
  int first = 0;
  if (moved.role != "primary")
    for (const FakeRoute& x : c->routes) first += x.role == "primary";
  c->routes.insert(c->routes.begin() + first + body["position"].get<int>() - 1,
                   moved);
  ++c->version;
  *committed = true;
  return Reply(200, {{"route", RouteJson(moved)}, {"etag", EtagOf(domain)}});
}

std::string FakeEssVendor::NamedEtag() const {
  return "\"named-" + std::to_string(named_version_) + "\"";
}

HttpResponse FakeEssVendor::HandleNamed(const HttpRequest& req,
                                        const std::string& path,
                                        bool* committed) {
  auto list = [&] {
    json named = json::array();
    for (const auto& [name, ids] : named_)
      named.push_back({{"name", name}, {"routes", ids}});
    return named;
  };
  if (req.method == "GET" && path == "/v1/named-routes") {
    HttpResponse r =
        Reply(200, {{"etag", NamedEtag()}, {"named_routes", list()}});
    r.headers.Set("ETag", NamedEtag());
    return r;
  }
  // /v1/named-routes/{name}/routes[/{id}/remove]
  std::string rest = path.substr(std::string("/v1/named-routes/").size());
  const std::string name = rest.substr(0, rest.find('/'));
  rest = rest.substr(name.size());
  auto it = std::find_if(named_.begin(), named_.end(),
                         [&](const auto& n) { return n.first == name; });
  if (req.method != "POST" || it == named_.end())
    return Failure(404, "NOT_FOUND", "no such named route");
  std::vector<std::string>& ids = it->second;
  HttpResponse error;
  if (!CheckIfMatch(req, NamedEtag(), &error)) return error;
  if (rest == "/routes") {
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.contains("route_id"))
      return Failure(400, "INVALID_ARGUMENT", "route_id required");
    const std::string id = body["route_id"];
    std::string domain;
    if (!FindRoute(id, &domain)) return Failure(404, "NOT_FOUND", "no route");
    if (!domain.empty())
      return Failure(400, "INVALID_ARGUMENT", "default routes only");
    if (std::find(ids.begin(), ids.end(), id) != ids.end())
      return Failure(409, "DUPLICATE", "already there");
    int position = body.value("position", static_cast<int>(ids.size()) + 1);
    if (position < 1 || position > static_cast<int>(ids.size()) + 1)
      return Failure(400, "INVALID_ARGUMENT", "bad position");
    ids.insert(ids.begin() + position - 1, id);
  } else if (rest.size() > 8 && rest.rfind("/routes/", 0) == 0 &&
             rest.compare(rest.size() - 7, 7, "/remove") == 0) {
    const std::string id = rest.substr(8, rest.size() - 8 - 7);
    auto held = std::find(ids.begin(), ids.end(), id);
    if (held == ids.end()) return Failure(404, "NOT_FOUND", "not held");
    if (ids.size() < 2) return Failure(409, "LAST_ROUTE", "only route");
    ids.erase(held);
  } else {
    return Failure(404, "NOT_FOUND", "no such endpoint");
  }
  ++named_version_;
  *committed = true;
  HttpResponse r =
      Reply(200, {{"named_route", {{"name", name}, {"routes", ids}}},
                  {"etag", NamedEtag()}});
  r.headers.Set("ETag", NamedEtag());
  return r;
}

HttpResponse FakeEssVendor::HandleOutbound(const HttpRequest& req,
                                           const std::string& path,
                                           bool* committed) {
  const std::string etag = "\"o" + std::to_string(outbound_version_) + "\"";
  if (req.method == "GET") {
    HttpResponse r = Reply(200, {{"etag", etag}, {"servers", outbound_}});
    r.headers.Set("ETag", etag);
    return r;
  }
  HttpResponse error;
  if (!CheckIfMatch(req, etag, &error)) return error;
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded()) return Failure(400, "INVALID_ARGUMENT", "bad json");
  if (path == "/v1/outbound-servers") {
    for (const json& o : outbound_)
      if (o["address"] == body.value("address", ""))
        return Failure(409, "DUPLICATE", "exists");
    json o = {{"id", "o-" + std::to_string(next_id_++)},
              {"address", body.value("address", "")},
              {"note", body.value("note", "")}};
    outbound_.push_back(o);
    ++outbound_version_;
    *committed = true;
    return Reply(201, {{"server", o}});
  }
  const std::string id = path.substr(21, path.size() - 21 - 7);
  auto it = std::find_if(outbound_.begin(), outbound_.end(),
                         [&](const json& o) { return o["id"] == id; });
  if (it == outbound_.end()) return Failure(404, "NOT_FOUND", "no server");
  if (!body.contains("reason") || !body.contains("note"))
    return Failure(400, "REASON_REQUIRED", "reason and note required");
  if (outbound_.size() < 2) return Failure(409, "LAST_SERVER", "last one");
  deletions_.push_back(body);
  outbound_.erase(it);
  ++outbound_version_;
  *committed = true;
  return Reply(200, json::object());
}

bool FakeEssVendor::CheckIfMatch(const HttpRequest& req,
                                 const std::string& etag,
                                 HttpResponse* error) const {
  auto im = req.headers.Get("If-Match");
  if (!im) {
    *error = Failure(428, "PRECONDITION_REQUIRED", "If-Match required");
    return false;
  }
  if (*im != etag) {
    *error = Failure(412, "OPTIMISTIC_LOCK", "collection changed");
    return false;
  }
  return true;
}

}  // namespace ess_test
}  // namespace renumber
