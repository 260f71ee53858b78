#include "adapters/ess/ess_client.h"

#include "src/http/status_meaning.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <set>

#include "src/log/log.h"

namespace renumber {
namespace ess {
namespace {

using nlohmann::json;

constexpr int kPerPage = 100;
constexpr int kMaxPages = 10000;  // a guard against a vendor that never ends
constexpr size_t kMaxVendorMessage = 300;

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

Code CodeForStatus(int status) {
  switch (status) {
    case 401:
      return Code::kUnauthorized;
    case 403:
      return Code::kForbidden;
    case 404:
      return Code::kNotFound;
    case 409:
      return Code::kConflict;
    case 412:
      return Code::kPreconditionFailed;
    case 429:
      return Code::kRateLimited;
    default:
      return status >= 500 ? Code::kUnavailable : Code::kInternal;
  }
}

std::string VendorCode(const std::string& body) {
  auto j = ParseJsonBody(body);
  if (!j.ok()) return "";
  auto it = j->find("code");
  return it != j->end() && it->is_string() ? it->get<std::string>() : "";
}

bool IsSuccessBody(const json& j) {
  auto it = j.find("status");
  return it != j.end() && it->is_string() && *it == "SUCCESS";
}

}  // namespace

EssClient::EssClient(HttpTransport* transport, std::string api_base,
                     std::string account, const std::string& username,
                     const Secret& password)
    : transport_(transport),
      api_base_(std::move(api_base)),
      account_(std::move(account)),
      authorization_(BasicAuthorization(username, password)) {
  while (!api_base_.empty() && api_base_.back() == '/') api_base_.pop_back();
}

std::string EssClient::CallName(const std::string& method,
                                const std::string& path) const {
  return account_ + ": " + method + " " + path;
}

HttpRequest EssClient::NewRequest(const std::string& method,
                                  const std::string& path) const {
  HttpRequest r;
  r.method = method;
  r.url = api_base_ + path;
  r.headers.Set("Authorization", authorization_.reveal());
  r.headers.Set("Accept", "application/json");
  return r;
}

Status EssClient::ResponseError(const std::string& call,
                                const HttpResponse& response) const {
  std::string text = call + ": " + std::to_string(response.status);
  std::string ja = call + ": " + VendorStatusJa(response.status);
  auto j = ParseJsonBody(response.body);
  if (!j.ok()) return Status(CodeForStatus(response.status), text, ja);
  std::string code = j->value("code", "");
  // Vendor text may echo our credentials: scrubbed whole before it is cut
  // (a cut first could leave the start of a secret that no longer matches).
  std::string message = ScrubAndCut(j->value("message", ""), kMaxVendorMessage);
  std::string vendor = code;  // the vendor's own words
  if (!message.empty()) vendor += (vendor.empty() ? "" : ": ") + message;
  if (!code.empty()) text += " " + code;
  if (!message.empty()) text += ": " + message;
  if (!vendor.empty()) ja += ": " + vendor;
  text = ScrubSecrets(text);
  ja = ScrubSecrets(ja);
  if (response.status == 428)
    return Status::Internal(text + " (bug: the adapter sent no If-Match)",
                            ja + "（内部エラー: If-Match を送っていません）");
  return Status(CodeForStatus(response.status), text, ja);
}

Result<json> EssClient::GetJson(const std::string& path, std::string* etag) {
  const std::string call = CallName("GET", path);
  auto response = transport_->Send(NewRequest("GET", path));
  if (!response.ok()) return response.status().Annotate(call);
  if (response->status != 200) return ResponseError(call, *response);
  auto body = ParseJsonBody(response->body);
  if (!body.ok()) return body.status().Annotate(call);
  if (!IsSuccessBody(*body))
    return Status::Internal(
        call + ": 200 without \"status\": \"SUCCESS\"",
        call + ": 200 の応答に \"status\": \"SUCCESS\" がありません");
  if (etag) *etag = response->headers.GetOr("ETag", "");
  return body;
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
      account_ + ": GET /v1/domains: more than " + std::to_string(kMaxPages) +
          " pages",
      account_ + ": GET /v1/domains: " + std::to_string(kMaxPages) +
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
  const std::string call = CallName("POST", path);
  HttpRequest request = NewRequest("POST", path);
  request.headers.Set("Content-Type", "application/json; charset=utf-8");
  if (!if_match.empty()) request.headers.Set("If-Match", if_match);
  request.body = body.dump();
  PostReply reply;
  auto response = transport_->Send(request);
  if (!response.ok()) {
    reply.error = response.status().Annotate(call);
    // Rate limited means refused (nothing applied); anything else means no
    // answer arrived and the effect may have happened.
    if (response.status().Is(Code::kRateLimited))
      reply.kind = PostReply::Kind::kRefused;
    return reply;
  }
  reply.http_status = response->status;
  if (response->status >= 200 && response->status < 300) {
    auto parsed = ParseJsonBody(response->body);
    if (parsed.ok() && IsSuccessBody(*parsed)) {
      reply.kind = PostReply::Kind::kOk;
      reply.body = std::move(*parsed);
      return reply;
    }
    reply.error =
        Status::Internal(call + ": " + std::to_string(response->status) +
                             " with an unreadable body",
                         call + ": " + std::to_string(response->status) +
                             " の応答の本文を読み取れません");
    return reply;  // kUnknown: it probably committed; read back
  }
  reply.error = ResponseError(call, *response);
  reply.code = VendorCode(response->body);
  if (response->status >= 500) return reply;  // kUnknown
  reply.kind = response->status == 412 ? PostReply::Kind::kStale
                                       : PostReply::Kind::kRefused;
  return reply;
}

}  // namespace ess
}  // namespace renumber
