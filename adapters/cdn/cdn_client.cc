#include "adapters/cdn/cdn_client.h"

#include "src/core/json_depth.h"
#include "src/http/message.h"
#include "src/http/status_meaning.h"
#include "src/http/pacing.h"
#include "src/log/log.h"

namespace renumber::cdn {
namespace {

constexpr int kGetAttempts = 3;  // re-reads of a GET whose body is not JSON

nlohmann::json ParseJson(const std::string& body) {
  // A malformed body, or one nested deeper than any answer of the contract
  // (src/core/json_depth.h), becomes a "discarded" value.
  auto j = ParseBoundedJson(body);
  return j.ok() ? std::move(*j) : nlohmann::json(nlohmann::json::value_t::discarded);
}

Code CodeForStatus(int status) {
  switch (status) {
    case 400:
    case 409:
    case 412:
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
      return status >= 500 ? Code::kUnavailable : Code::kInternal;
  }
}

// A short, single-line excerpt of a body that is not the error JSON,
// scrubbed of our secrets before it is cut (scrubber.h).
std::string Excerpt(const std::string& body) {
  std::string out = ScrubAndCut(body, 120);
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

}  // namespace

std::string EncodeForm(const Form& form) {
  std::string out;
  for (const auto& [name, value] : form) {
    if (!out.empty()) out += '&';
    out += UrlEncode(name) + "=" + UrlEncode(value);
  }
  return out;
}

std::string PathPart(const std::string& s) { return UrlEncode(s); }

CdnClient::CdnClient(HttpTransport* transport, std::string account,
                     std::string base, Secret token, Clock* clock)
    : transport_(transport),
      account_(std::move(account)),
      base_(std::move(base)),
      token_(std::move(token)),
      clock_(clock) {
  while (!base_.empty() && base_.back() == '/') base_.pop_back();
  AddScrubbedSecret(token_.reveal());
}

Status CdnClient::Error(Code code, const std::string& what,
                        const std::string& detail,
                        const std::string& detail_ja) const {
  // `detail` may quote the vendor, who may echo our token back.
  const std::string scrubbed = ScrubSecrets(detail);
  return Status(code, account_ + ": " + what + ": " + scrubbed,
                account_ + ": " + what + ": " +
                    (detail_ja.empty() ? "CDN から想定外の応答がありました（" +
                                             scrubbed + "）"
                                       : ScrubSecrets(detail_ja)));
}

HttpRequest CdnClient::Request(const std::string& method,
                               const std::string& path) {
  HttpRequest r;
  r.method = method;
  r.url = base_ + path;
  r.headers.Set("Fastly-Key", token_.reveal());
  r.headers.Set("Accept", "application/json");
  return r;
}

std::string ErrorBodyText(const nlohmann::json& j) {
  auto text = [](const nlohmann::json& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>()
                                            : std::string();
  };
  auto join = [](const std::string& a, const std::string& b) {
    return a.empty() ? b : b.empty() ? a : a + ": " + b;
  };
  if (!j.is_object()) return "";
  if (j.contains("msg")) return join(text(j, "msg"), text(j, "detail"));
  auto errors = j.find("errors");
  if (errors != j.end() && errors->is_array()) {
    std::string out;
    for (const auto& e : *errors)
      if (e.is_object())
        out += (out.empty() ? "" : "; ") +
               join(text(e, "title"), text(e, "detail"));
    return out;
  }
  if (j.contains("title")) return join(text(j, "title"), text(j, "detail"));
  return "";
}

std::string NextLink(const std::string& header) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t open = header.find('<', pos);
    if (open == std::string::npos) break;
    size_t close = header.find('>', open);
    if (close == std::string::npos) break;
    size_t end = header.find('<', close);
    const std::string params = header.substr(close + 1, end - close - 1);
    if (params.find("rel=\"next\"") != std::string::npos ||
        params.find("rel=next") != std::string::npos)
      return header.substr(open + 1, close - open - 1);
    pos = close + 1;
  }
  return "";
}

Status CdnClient::ErrorFromResponse(const std::string& call,
                                    const HttpResponse& r) {
  std::string detail = std::to_string(r.status);
  std::string vendor = ErrorBodyText(ParseJson(r.body));  // the vendor's words
  if (vendor.empty() && !r.body.empty()) vendor = Excerpt(r.body);
  if (!vendor.empty()) detail += " " + vendor;
  return Error(
      CodeForStatus(r.status), call, detail,
      VendorStatusJa(r.status) + (vendor.empty() ? "" : ": " + vendor));
}

Result<nlohmann::json> CdnClient::Get(const std::string& path) {
  RN_ASSIGN_OR_RETURN(auto j, GetIfExists(path));
  if (!j)
    return Error(Code::kNotFound, "GET " + path, "404 not found",
                 VendorStatusJa(404));
  return std::move(*j);
}

Result<HttpResponse> CdnClient::GetResponse(const std::string& path,
                                            bool* missing) {
  const std::string call = "GET " + path;
  *missing = false;
  for (int attempt = 1;; ++attempt) {
    Result<HttpResponse> r = transport_->Send(Request("GET", path));
    if (!r.ok()) return r.status().Annotate(account_ + ": " + call);
    if (r->status == 404) {
      *missing = true;
      return r;
    }
    if (r->status >= 300 && r->status <= 399)  // never followed: it would
      return Error(Code::kForbidden, call,     // carry the token away
                   std::to_string(r->status) + " redirect to '" +
                       r->headers.GetOr("Location", "") + "' not followed");
    if (r->status < 200 || r->status > 299) return ErrorFromResponse(call, *r);
    if (!ParseJson(r->body).is_discarded()) return r;
    if (attempt >= kGetAttempts)
      return Error(
          Code::kInternal, call,
          std::to_string(r->status) + " with a body that is not JSON (" +
              std::to_string(kGetAttempts) + " reads): " + Excerpt(r->body));
  }
}

Result<std::optional<nlohmann::json>> CdnClient::GetIfExists(
    const std::string& path) {
  bool missing = false;
  RN_ASSIGN_OR_RETURN(HttpResponse r, GetResponse(path, &missing));
  if (missing) return std::optional<nlohmann::json>();
  return std::optional<nlohmann::json>(ParseJson(r.body));
}

Result<CdnClient::Page> CdnClient::GetPage(const std::string& path) {
  bool missing = false;
  RN_ASSIGN_OR_RETURN(HttpResponse r, GetResponse(path, &missing));
  if (missing) return Error(Code::kNotFound, "GET " + path, "404 not found");
  Page page;
  page.body = ParseJson(r.body);
  const std::string next = NextLink(r.headers.GetOr("Link", ""));
  if (next.empty()) return page;
  // Only links within api_base: the token goes with every request.
  const std::string prefix = base_ + "/";
  if (next.rfind(prefix, 0) != 0)
    return Error(Code::kForbidden, "GET " + path,
                 "the Link header's next page '" + next + "' is not under " +
                     base_ + "; not followed");
  page.next = next.substr(base_.size());
  return page;
}

WriteReply CdnClient::Write(const std::string& method, const std::string& path,
                            const Form& form, RetryMode mode) {
  const std::string call = method + " " + path;
  HttpRequest req = Request(method, path);
  req.retry_mode = mode;
  if (method != "DELETE") {
    req.headers.Set("Content-Type", "application/x-www-form-urlencoded");
    req.body = EncodeForm(form);
  }
  ++writes_;
  WriteReply out;
  Result<HttpResponse> r = transport_->Send(req);
  if (!r.ok()) {
    const Code c = r.status().code();
    // Found before anything was sent, or refused by TLS: never applied.
    const bool never_sent = c == Code::kInvalidArgument ||
                            c == Code::kForbidden || c == Code::kRateLimited;
    out.kind =
        never_sent ? WriteReply::Kind::kRejected : WriteReply::Kind::kUnknown;
    // Not a write the vendor saw: refused before sending (bad request, TLS,
    // our own pacer pausing the account).
    if (c == Code::kInvalidArgument || c == Code::kForbidden ||
        PausedUntil(r.status()))
      --writes_;
    out.error = r.status().Annotate(account_ + ": " + call);
    return out;
  }
  out.status = r->status;
  if (r->status >= 300 && r->status <= 399) {  // never followed
    out.kind = WriteReply::Kind::kRejected;
    out.error = Error(Code::kForbidden, call,
                      std::to_string(r->status) + " redirect to '" +
                          r->headers.GetOr("Location", "") + "' not followed");
    return out;
  }
  if (r->status >= 200 && r->status <= 299) {
    out.body = ParseJson(r->body);
    if (!out.body.is_discarded()) {
      out.kind = WriteReply::Kind::kOk;
      return out;
    }
    out.body = nullptr;
    out.kind = WriteReply::Kind::kUnknown;
    out.error = Error(Code::kInternal, call,
                      std::to_string(r->status) +
                          " with a body that is not JSON: " + Excerpt(r->body));
    return out;
  }
  out.error = ErrorFromResponse(call, *r);
  out.kind = r->status >= 500 ? WriteReply::Kind::kUnknown
                              : WriteReply::Kind::kRejected;
  return out;
}

}  // namespace renumber::cdn
