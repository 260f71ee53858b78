#include "adapters/ess/ess_fake_vendor.h"

#include <openssl/evp.h>

#include <algorithm>

namespace renumber {
namespace ess_test {

using nlohmann::json;

namespace fake_internal {

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

}  // namespace fake_internal

using fake_internal::Failure;
using fake_internal::Reply;

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

void FakeEssVendor::AddNamedRoute(const std::string& name,
                                  std::vector<std::string> ids) {
  std::lock_guard<std::mutex> l(mu_);
  named_.emplace_back(name, std::move(ids));
  ++named_version_;
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
    ++named_version_;
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
  for (const auto& [name, ids] : named_) {
    json addresses = json::array();
    for (const std::string& id : ids) {
      std::string where;
      FakeRoute* r = const_cast<FakeEssVendor*>(this)->FindRoute(id, &where);
      addresses.push_back(r ? r->address : "?" + id);
    }
    out["named:" + name] = addresses;
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
