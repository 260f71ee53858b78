#include "adapters/vendor_client.h"

#include <utility>

#include "src/core/json_depth.h"
#include "src/http/pacing.h"
#include "src/http/status_meaning.h"
#include "src/log/scrubber.h"

namespace renumber {
namespace {

constexpr size_t kMaxVendorWords = 300;  // the vendor's message
constexpr size_t kMaxBodyExcerpt = 120;  // a body that is not its error JSON

// Refused by our side before the vendor saw it: a bad request, TLS, our
// own pacer pausing the account, a rate limit the transport gave up on.
bool NeverApplied(const Status& s) {
  return s.Is(Code::kInvalidArgument) || s.Is(Code::kForbidden) ||
         s.Is(Code::kRateLimited);
}

bool NeverSent(const Status& s) {
  return s.Is(Code::kInvalidArgument) || s.Is(Code::kForbidden) ||
         PausedUntil(s).has_value();
}

}  // namespace

Code CodeForVendorStatus(int http_status) {
  switch (http_status) {
    case 400:
    case 409:
    case 412:  // a race with another editor: re-read, never a safety refusal
    case 422:
      return Code::kConflict;
    case 401:
      return Code::kUnauthorized;
    case 403:
      return Code::kForbidden;
    case 404:
      return Code::kNotFound;
    case 429:
      return Code::kRateLimited;
    default:
      return http_status >= 500 ? Code::kUnavailable : Code::kInternal;
  }
}

std::string VendorExcerpt(const std::string& text, size_t max_bytes) {
  std::string out = ScrubAndCut(text, max_bytes);
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

nlohmann::json ParseVendorJson(const std::string& body) {
  auto j = ParseBoundedJson(body);
  return j.ok() ? std::move(*j)
                : nlohmann::json(nlohmann::json::value_t::discarded);
}

VendorClient::VendorClient(HttpTransport* transport, std::string api_base,
                           std::string account, std::string vendor,
                           std::string credential_header, Secret credential)
    : transport_(transport),
      api_base_(std::move(api_base)),
      account_(std::move(account)),
      vendor_(std::move(vendor)),
      credential_header_(std::move(credential_header)),
      credential_(std::move(credential)) {
  while (!api_base_.empty() && api_base_.back() == '/') api_base_.pop_back();
  // A vendor may echo the header back in an error body: never print it.
  AddScrubbedSecret(credential_.reveal());
}

std::string VendorClient::CallName(const std::string& method,
                                   const std::string& path) const {
  return account_ + ": " + method + " " + path;
}

Status VendorClient::Error(Code code, const std::string& what,
                           const std::string& detail,
                           const std::string& detail_ja) const {
  const std::string scrubbed = ScrubSecrets(detail);
  const std::string ja =
      detail_ja.empty()
          ? vendor_ + " から想定外の応答がありました（" + scrubbed + "）"
          : ScrubSecrets(detail_ja);
  return Status(code, account_ + ": " + what + ": " + scrubbed,
                account_ + ": " + what + ": " + ja);
}

HttpRequest VendorClient::NewRequest(const std::string& method,
                                     const std::string& path) const {
  HttpRequest r;
  r.method = method;
  r.url = api_base_ + path;
  r.headers.Set(credential_header_, credential_.reveal());
  r.headers.Set("Accept", "application/json");
  return r;
}

std::string VendorClient::ErrorCode(const nlohmann::json&) const { return ""; }

bool VendorClient::IsSuccessBody(const nlohmann::json& body) const {
  return !body.is_discarded();
}

Status VendorClient::ErrorFromResponse(const std::string& call,
                                       const HttpResponse& response) const {
  const nlohmann::json body = ParseVendorJson(response.body);
  // Scrubbed whole before it is cut: a cut first could leave the start of
  // a secret that no longer matches.
  std::string words = VendorExcerpt(ErrorWords(body), kMaxVendorWords);
  if (words.empty() && !response.body.empty())
    words = VendorExcerpt(response.body, kMaxBodyExcerpt);
  const std::string status = std::to_string(response.status);
  return Error(
      CodeForVendorStatus(response.status), call,
      words.empty() ? status : status + " " + words,
      VendorStatusJa(response.status) + (words.empty() ? "" : ": " + words));
}

Status VendorClient::RedirectError(const std::string& call,
                                   const HttpResponse& response) const {
  return Error(Code::kForbidden, call,
               std::to_string(response.status) + " redirect to '" +
                   response.headers.GetOr("Location", "") + "' not followed");
}

Status VendorClient::UnreadableBodyError(const std::string& call,
                                         const HttpResponse& response) const {
  const std::string status = std::to_string(response.status);
  const std::string excerpt = VendorExcerpt(response.body, kMaxBodyExcerpt);
  const bool json = !ParseVendorJson(response.body).is_discarded();
  return Error(Code::kInternal, call,
               status +
                   (json ? " with an unreadable body: "
                         : " with a body that is not JSON: ") +
                   excerpt,
               status + " の応答の本文を読み取れません: " + excerpt);
}

VendorReply VendorClient::SendWrite(const HttpRequest& request) {
  const std::string call = request.method + " " + RequestPath(request);
  VendorReply reply;
  Result<HttpResponse> r = transport_->Send(request);
  if (!r.ok()) {
    reply.kind = NeverApplied(r.status()) ? VendorReply::Kind::kRefused
                                          : VendorReply::Kind::kUnknown;
    reply.sent = !NeverSent(r.status());
    reply.error = r.status().Annotate(account_ + ": " + call);
    return reply;
  }
  reply.http_status = r->status;
  reply.headers = r->headers;
  if (r->status >= 300 && r->status <= 399) {
    reply.kind = VendorReply::Kind::kRefused;
    reply.error = RedirectError(call, *r);
    return reply;
  }
  if (r->status >= 200 && r->status <= 299) {
    nlohmann::json body = ParseVendorJson(r->body);
    if (IsSuccessBody(body)) {
      reply.kind = VendorReply::Kind::kOk;
      reply.body = std::move(body);
      return reply;
    }
    reply.error = UnreadableBodyError(call, *r);
    return reply;  // kUnknown: it probably committed; read back
  }
  reply.error = ErrorFromResponse(call, *r);
  reply.code = ErrorCode(ParseVendorJson(r->body));
  reply.kind = r->status >= 500   ? VendorReply::Kind::kUnknown
               : r->status == 412 ? VendorReply::Kind::kStale
                                  : VendorReply::Kind::kRefused;
  return reply;
}

std::string VendorClient::RequestPath(const HttpRequest& request) const {
  return request.url.rfind(api_base_, 0) == 0
             ? request.url.substr(api_base_.size())
             : request.url;
}

}  // namespace renumber
