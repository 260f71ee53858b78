#include "adapters/ess/ess_fake_vendor.h"

#include <openssl/evp.h>

#include <algorithm>

namespace renumber {
namespace ess_test {
namespace {

using nlohmann::json;

HttpResponse Reply(int status, json body) {
  HttpResponse r;
  r.status = status;
  r.headers.Set("Content-Type", "application/json; charset=utf-8");
  if (!body.contains("status"))
    body["status"] = status < 400 ? "SUCCESS" : "FAILURE";
  r.body = body.dump();
  return r;
}

HttpResponse Failure(int status, const std::string& code,
                     const std::string& message) {
  return Reply(status,
               {{"status", "FAILURE"}, {"code", code}, {"message", message}});
}

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

std::string SuccessBody(json body) {
  body["status"] = "SUCCESS";
  return body.dump();
}

FakeEssVendor::FakeEssVendor(Clock* clock, std::string user,
                             std::string password)
    : clock_(clock) {
  std::string plain = user + ":" + password;
  std::string out(4 * ((plain.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(plain.data()),
                          static_cast<int>(plain.size()));
  auth_ = "Basic " + out.substr(0, n);
  collections_[""];
}

std::string FakeEssVendor::AddRoute(const std::string& domain,
                                    const std::string& address, int port,
                                    const std::string& role) {
  std::lock_guard<std::mutex> l(mu_);
  FakeRoute r;
  r.id = "r-" + std::to_string(next_id_++);
  r.address = address;
  r.port = port;
  r.role = role;
  Collection& c = collections_[domain];
  c.routes.push_back(r);
  Reorder(&c);
  ++c.version;
  return r.id;
}

void FakeEssVendor::SetDomain(const std::string& name,
                              const std::string& mode) {
  std::lock_guard<std::mutex> l(mu_);
  domains_.emplace_back(name, mode);
  if (mode == "custom") collections_[name];
}

std::string FakeEssVendor::AddOutbound(const std::string& address,
                                       const std::string& note) {
  std::lock_guard<std::mutex> l(mu_);
  std::string id = "o-" + std::to_string(next_id_++);
  outbound_.push_back({{"id", id}, {"address", address}, {"note", note}});
  ++outbound_version_;
  return id;
}

void FakeEssVendor::SetCheckResult(const std::string& address,
                                   const std::string& result) {
  std::lock_guard<std::mutex> l(mu_);
  check_results_[address] = result;
}

void FakeEssVendor::MarkChecked(const std::string& route_id, Timestamp at,
                                const std::string& result) {
  std::lock_guard<std::mutex> l(mu_);
  std::string domain;
  FakeRoute* r = FindRoute(route_id, &domain);
  if (!r) return;
  r->checked = true;
  r->check_at = at;
  r->check_result = result;
}

void FakeEssVendor::AddFault(FakeFault fault) {
  std::lock_guard<std::mutex> l(mu_);
  faults_.push_back(std::move(fault));
}

bool FakeEssVendor::TakeFault(FakeFault::Kind kind, const std::string& call) {
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (it->kind != kind || call.find(it->match) == std::string::npos) continue;
    if (it->skip > 0) {
      --it->skip;
      return false;
    }
    if (--it->count <= 0) faults_.erase(it);
    return true;
  }
  return false;
}

Result<HttpResponse> FakeEssVendor::Send(const HttpRequest& req) {
  std::lock_guard<std::mutex> l(mu_);
  size_t slash = req.url.find('/', req.url.find("//") + 2);
  const std::string path =
      slash == std::string::npos ? "/" : req.url.substr(slash);
  const std::string call = req.method + " " + path;
  calls_.push_back(call);
  if (req.method != "GET") ++writes_;
  if (TakeFault(FakeFault::kDrop, call))
    return Status::Unavailable("connection reset (injected)");
  if (TakeFault(FakeFault::kRateLimited, call)) {
    HttpResponse r = Failure(429, "RATE_LIMITED", "slow down");
    r.headers.Set("Retry-After", "1");
    return r;
  }
  if (TakeFault(FakeFault::kError503, call))
    return Failure(503, "INTERNAL", "injected 503");
  if (req.headers.GetOr("Authorization", "") != auth_)
    return Failure(401, "UNAUTHORIZED", "bad credentials");
  if (TakeFault(FakeFault::kCustomerChange, call)) {
    for (auto& [name, c] : collections_) ++c.version;
    ++outbound_version_;
  }
  bool committed = false;
  HttpResponse resp = Handle(req, path, &committed);
  if (committed) ++committed_;
  if (TakeFault(FakeFault::kLostResponse, call))
    return Failure(500, "INTERNAL", "injected after commit");
  if (TakeFault(FakeFault::kTimeoutAfter, call))
    return Status::Timeout("no answer in time (injected)");
  if (TakeFault(FakeFault::kMalformed, call))
    resp.body = resp.body.substr(0, resp.body.size() / 2);
  return resp;
}

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
  } else if (action == "delete") {
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

std::string FakeEssVendor::EtagOf(const std::string& domain) const {
  auto it = collections_.find(domain);
  int v = it == collections_.end() ? 0 : it->second.version;
  return "\"" + (domain.empty() ? std::string("default") : domain) + "-" +
         std::to_string(v) + "\"";
}

FakeRoute* FakeEssVendor::FindRoute(const std::string& id,
                                    std::string* domain) {
  for (auto& [name, c] : collections_) {
    for (FakeRoute& r : c.routes) {
      if (r.id == id) {
        *domain = name;
        return &r;
      }
    }
  }
  return nullptr;
}

void FakeEssVendor::Reorder(Collection* c) {
  std::stable_partition(c->routes.begin(), c->routes.end(),
                        [](const FakeRoute& r) { return r.role == "primary"; });
}

json FakeEssVendor::RouteJson(const FakeRoute& r) const {
  json j = {{"id", r.id},     {"address", r.address},  {"port", r.port},
            {"role", r.role}, {"last_check", nullptr}, {"can_promote", false}};
  if (r.checked) {
    j["last_check"] = {
        {"at", r.check_at.ToRfc3339()},
        {"result", r.check_result},
        {"detail", r.check_result == "PASS" ? "220 ok" : "timeout"}};
    j["can_promote"] = r.check_result == "PASS" &&
                       clock_->Now() - r.check_at <= std::chrono::hours(24);
  }
  return j;
}

json FakeEssVendor::CollectionJson(const std::string& domain) const {
  json routes = json::array();
  int order = 1;
  for (const FakeRoute& r : collections_.at(domain).routes) {
    json j = RouteJson(r);
    j["order"] = order++;
    routes.push_back(j);
  }
  return {{"etag", EtagOf(domain)}, {"routes", routes}};
}

std::vector<FakeRoute> FakeEssVendor::Routes(const std::string& domain) const {
  std::lock_guard<std::mutex> l(mu_);
  auto it = collections_.find(domain);
  return it == collections_.end() ? std::vector<FakeRoute>()
                                  : it->second.routes;
}

std::vector<json> FakeEssVendor::Outbound() const {
  std::lock_guard<std::mutex> l(mu_);
  return outbound_;
}

json FakeEssVendor::Dump() const {
  std::lock_guard<std::mutex> l(mu_);
  json out = json::object();
  for (const auto& [name, c] : collections_) {
    json routes = json::array();
    for (const FakeRoute& r : c.routes)
      routes.push_back(
          {{"address", r.address}, {"port", r.port}, {"role", r.role}});
    out["routes:" + name] = routes;
  }
  json servers = json::array();
  for (const json& o : outbound_)
    servers.push_back({{"address", o["address"]}, {"note", o["note"]}});
  out["outbound"] = servers;
  return out;
}

int FakeEssVendor::writes() const {
  std::lock_guard<std::mutex> l(mu_);
  return writes_;
}

int FakeEssVendor::committed() const {
  std::lock_guard<std::mutex> l(mu_);
  return committed_;
}

std::vector<json> FakeEssVendor::deletions() const {
  std::lock_guard<std::mutex> l(mu_);
  return deletions_;
}

std::vector<std::string> FakeEssVendor::calls() const {
  std::lock_guard<std::mutex> l(mu_);
  return calls_;
}

}  // namespace ess_test
}  // namespace renumber
