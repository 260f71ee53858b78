#include "src/sim/admin.h"

#include "src/core/json_depth.h"
#include "src/sim/basic_auth.h"

namespace renumber {
namespace {

ServerResponse Json(int status, const nlohmann::json& body) {
  ServerResponse r;
  r.status = status;
  r.headers.Set("Content-Type", "application/json; charset=utf-8");
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

ServerResponse Error(int status, const std::string& message) {
  return Json(status, {{"error", message}});
}

bool Authorized(const ServerRequest& request, const std::string& token) {
  auto header = request.headers.Get("Authorization");
  if (!header) return false;
  auto creds = ParseBasicAuth(*header);
  if (!creds) return false;
  bool user_ok = ConstantTimeEquals(creds->username, kSimAdminUser);
  bool token_ok = ConstantTimeEquals(creds->password, token);
  return user_ok && token_ok && !token.empty();
}

Result<nlohmann::json> ParseBody(const std::string& body) {
  // A client's JSON, bounded like every JSON from outside (json_depth.h).
  auto j = ParseBoundedJson(body);
  if (!j.ok())
    return Status::InvalidArgument("the body is not valid JSON (" +
                                   j.status().message() + ")");
  return j;
}

ServerResponse FromStatus(const Status& s) {
  if (s.ok()) return Json(200, {{"ok", true}});
  return Error(s.Is(Code::kNotFound) ? 404 : 400, s.message());
}

ServerResponse PutFaults(const ServerRequest& request, SimHost* host) {
  auto body = ParseBody(request.body);
  if (!body.ok()) return FromStatus(body.status());
  auto config = FaultConfigFromJson(*body);
  if (!config.ok()) return FromStatus(config.status());
  host->SetFaults(*config);
  return Json(200, FaultConfigToJson(host->faults()));
}

ServerResponse PutSettings(const ServerRequest& request, SimHost* host) {
  auto body = ParseBody(request.body);
  if (!body.ok()) return FromStatus(body.status());
  Status s = host->api()->Configure(*body);
  if (!s.ok()) return FromStatus(s);
  return Json(200, host->api()->Settings());
}

ServerResponse CustomerChange(const ServerRequest& request, SimHost* host) {
  auto body = ParseBody(request.body);
  if (!body.ok()) return FromStatus(body.status());
  auto it = body->find("account");
  if (!body->is_object() || it == body->end() || !it->is_string())
    return Error(400, "the body must be {\"account\": \"C-10001\"}");
  return FromStatus(host->api()->CustomerChange(it->get<std::string>()));
}

}  // namespace

bool IsAdminPath(const std::string& path) {
  return path == "/_sim" || path.rfind("/_sim/", 0) == 0;
}

ServerResponse ServeAdmin(const ServerRequest& request, SimHost* host) {
  if (!Authorized(request, host->admin_token())) {
    ServerResponse r = Error(401, "simulator admin credentials required");
    r.headers.Set("WWW-Authenticate", "Basic realm=\"renumber-sim-admin\"");
    return r;
  }
  const std::string& m = request.method;
  std::string p = request.path;
  if (p.size() > 1 && p.back() == '/') p.pop_back();
  auto only = [&m](const char* method) { return m == method; };
  if (p == "/_sim/counters") {
    if (!only("GET")) return Error(405, "use GET");
    return Json(200, host->Counters());
  }
  if (p == "/_sim/counters/reset") {
    if (!only("POST")) return Error(405, "use POST");
    host->ResetCounters();
    return Json(200, {{"ok", true}});
  }
  if (p == "/_sim/faults") {
    if (m == "GET") return Json(200, FaultConfigToJson(host->faults()));
    if (m == "PUT") return PutFaults(request, host);
    return Error(405, "use GET or PUT");
  }
  if (p == "/_sim/settings") {
    if (m == "GET") return Json(200, host->api()->Settings());
    if (m == "PUT") return PutSettings(request, host);
    return Error(405, "use GET or PUT");
  }
  if (p == "/_sim/customer-change") {
    if (!only("POST")) return Error(405, "use POST");
    return CustomerChange(request, host);
  }
  if (p == "/_sim/state") {
    if (!only("GET")) return Error(405, "use GET");
    return Json(200, host->api()->SaveState());
  }
  if (auto vendor = host->api()->HandleAdmin(request)) return *vendor;
  return Error(404, "unknown simulator admin path " + request.path);
}

}  // namespace renumber
