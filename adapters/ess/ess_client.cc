#include "adapters/ess/ess_client.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstring>
#include <set>

#include "src/log/log.h"

namespace renumber {
namespace ess {
namespace {

using nlohmann::json;

constexpr int kPerPage = 100;
constexpr int kMaxPages = 10000;  // a guard against a vendor that never ends

Secret BasicAuthorization(const std::string& username, const Secret& password) {
  std::string plain = username + ":" + password.reveal();
  std::string out(4 * ((plain.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(plain.data()),
                          static_cast<int>(plain.size()));
  // A vendor may echo the header back in an error body: never print it.
  AddScrubbedSecret(password.reveal());
  AddScrubbedSecret(out.substr(0, n));
  Secret header("Basic " + out.substr(0, n));
  OPENSSL_cleanse(plain.data(), plain.size());
  OPENSSL_cleanse(out.data(), out.size());
  return header;
}

}  // namespace

EssClient::EssClient(HttpTransport* transport, std::string api_base,
                     std::string account, const std::string& username,
                     const Secret& password)
    : VendorClient(transport, std::move(api_base), std::move(account), "ESS",
                   "Authorization", BasicAuthorization(username, password)) {}

std::string EssClient::ErrorWords(const json& body) const {
  if (!body.is_object()) return "";
  const std::string code = ErrorCode(body);
  auto it = body.find("message");
  const std::string message =
      it != body.end() && it->is_string() ? it->get<std::string>() : "";
  return code.empty() || message.empty() ? code + message
                                         : code + ": " + message;
}

std::string EssClient::ErrorCode(const json& body) const {
  if (!body.is_object()) return "";
  auto it = body.find("code");
  return it != body.end() && it->is_string() ? it->get<std::string>() : "";
}

bool EssClient::IsSuccessBody(const json& j) const {
  if (!j.is_object()) return false;
  auto it = j.find("status");
  return it != j.end() && it->is_string() && *it == "SUCCESS";
}

Status EssClient::ResponseError(const std::string& call,
                                const HttpResponse& response) const {
  Status s = ErrorFromResponse(call, response);
  if (response.status == 428)
    return Status::Internal(
        s.message() + " (bug: the adapter sent no If-Match)",
        s.Message(true) + "（内部エラー: If-Match を送っていません）");
  return s;
}

Result<json> EssClient::GetJson(const std::string& path, std::string* etag) {
  const std::string call = CallName("GET", path);
  const HttpResponse* kept = cache_.Find(path);
  HttpResponse fresh;
  if (!kept) {
    auto response = transport()->Send(NewRequest("GET", path));
    if (!response.ok()) return response.status().Annotate(call);
    if (response->status != 200) return ResponseError("GET " + path, *response);
    fresh = std::move(*response);
  }
  const HttpResponse& answer = kept ? *kept : fresh;
  auto body = ParseJsonBody(answer.body);
  if (!body.ok()) return body.status().Annotate(call);
  if (!IsSuccessBody(*body))
    return Status::Internal(
        call + ": 200 without \"status\": \"SUCCESS\"",
        call + ": 200 の応答に \"status\": \"SUCCESS\" がありません");
  if (etag) *etag = answer.headers.GetOr("ETag", "");
  if (!kept) cache_.Put(path, fresh);
  return body;
}

void EssClient::ForgetWrittenBy(const std::string& path) {
  auto under = [&](const char* base) {
    return path.compare(0, std::strlen(base), base) == 0;
  };
  auto is_routes = [](const std::string& p) {
    return p == CollectionPath("") ||
           (p.rfind("/v1/domains/", 0) == 0 &&
            p.size() > std::strlen("/inbound-routes") &&
            p.compare(p.size() - std::strlen("/inbound-routes"),
                      std::string::npos, "/inbound-routes") == 0);
  };
  if (under(kNamedRoutesPath)) return cache_.Erase(kNamedRoutesPath);
  if (under(kOutboundPath)) return cache_.Erase(kOutboundPath);
  if (is_routes(path)) return cache_.Erase(path);
  if (path.rfind(CollectionPath("") + "/", 0) != 0) return cache_.Clear();
  // A route action: the collection that holds the route (ids are
  // account-wide).
  std::string holder;
  cache_.Visit([&](const std::string& p, const HttpResponse& kept) {
    if (!holder.empty() || !is_routes(p)) return;
    auto body = ParseJsonBody(kept.body);
    if (!body.ok() || !body->is_object() || !body->contains("routes") ||
        !(*body)["routes"].is_array())
      return;
    for (const json& r : (*body)["routes"])
      if (r.is_object() && r.contains("id") && r["id"].is_string() &&
          path.rfind(RouteActionPath(r["id"].get<std::string>(), ""), 0) == 0)
        holder = p;
  });
  if (!holder.empty()) return cache_.Erase(holder);
  cache_.EraseIf(is_routes);
}

Result<std::vector<Domain>> EssClient::ListDomains() {
  std::vector<Domain> all;
  std::set<std::string> seen;
  for (int page = 1; page <= kMaxPages; ++page) {
    const std::string path = "/v1/domains?page=" + std::to_string(page) +
                             "&per_page=" + std::to_string(kPerPage);
    RN_ASSIGN_OR_RETURN(json body, GetJson(path, nullptr));
    auto decoded = DomainPageFromJson(body);
    if (!decoded.ok()) return decoded.status().Annotate(CallName("GET", path));
    for (Domain& d : decoded->domains)
      if (seen.insert(d.name).second) all.push_back(std::move(d));
    // Stop when every domain was seen, or when a page comes back empty
    // (the list shrank while we paged).
    if (static_cast<int>(all.size()) >= decoded->total ||
        decoded->domains.empty())
      return all;
  }
  return Status::Internal(
      account() + ": GET /v1/domains: more than " + std::to_string(kMaxPages) +
          " pages",
      account() + ": GET /v1/domains: " + std::to_string(kMaxPages) +
          " ページを超えています");
}

Result<RouteCollection> EssClient::GetRoutes(const std::string& domain) {
  const std::string path = CollectionPath(domain);
  std::string etag;
  RN_ASSIGN_OR_RETURN(json body, GetJson(path, &etag));
  auto c = RouteCollectionFromJson(body, domain);
  if (!c.ok()) return c.status().Annotate(CallName("GET", path));
  if (!etag.empty()) c->etag = etag;
  return c;
}

Result<OutboundList> EssClient::GetOutbound() {
  std::string etag;
  RN_ASSIGN_OR_RETURN(json body, GetJson(kOutboundPath, &etag));
  auto l = OutboundListFromJson(body);
  if (!l.ok()) return l.status().Annotate(CallName("GET", kOutboundPath));
  if (!etag.empty()) l->etag = etag;
  return l;
}

Result<NamedRouteList> EssClient::GetNamedRoutes() {
  std::string etag;
  RN_ASSIGN_OR_RETURN(json body, GetJson(kNamedRoutesPath, &etag));
  auto l = NamedRouteListFromJson(body);
  if (!l.ok()) return l.status().Annotate(CallName("GET", kNamedRoutesPath));
  if (!etag.empty()) l->etag = etag;
  return l;
}

PostReply EssClient::Post(const std::string& path, const json& body,
                          const std::string& if_match) {
  HttpRequest request = NewRequest("POST", path);
  request.headers.Set("Content-Type", "application/json; charset=utf-8");
  if (!if_match.empty()) request.headers.Set("If-Match", if_match);
  request.body = body.dump();
  // Before sending: a lost answer must be read back from the vendor.
  ForgetWrittenBy(path);
  PostReply reply = SendWrite(request);
  if (reply.http_status == 428)
    reply.error = Status::Internal(
        reply.error.message() + " (bug: the adapter sent no If-Match)",
        reply.error.Message(true) +
            "（内部エラー: If-Match を送っていません）");
  return reply;
}

}  // namespace ess
}  // namespace renumber
