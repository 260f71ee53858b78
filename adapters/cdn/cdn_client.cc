#include "adapters/cdn/cdn_client.h"

#include "src/http/message.h"
#include "src/log/log.h"

namespace renumber::cdn {
namespace {

constexpr int kGetAttempts = 3;  // re-reads of a GET whose body is not JSON

nlohmann::json ParseJson(const std::string& body) {
  // Non-throwing parse: a malformed body becomes a "discarded" value.
  return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
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
                        const std::string& detail) const {
  // `detail` may quote the vendor, who may echo our token back.
  return Status(code, account_ + ": " + what + ": " + ScrubSecrets(detail));
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

Status CdnClient::ErrorFromResponse(const std::string& call,
                                    const HttpResponse& r) {
  std::string detail = std::to_string(r.status);
  nlohmann::json j = ParseJson(r.body);
  if (j.is_object() && j.contains("msg")) {
    if (j["msg"].is_string()) detail += " " + j["msg"].get<std::string>();
    if (j.contains("detail") && j["detail"].is_string() &&
        !j["detail"].get<std::string>().empty())
      detail += ": " + j["detail"].get<std::string>();
  } else if (!r.body.empty()) {
    detail += " " + Excerpt(r.body);
  }
  return Error(CodeForStatus(r.status), call, detail);
}

Result<nlohmann::json> CdnClient::Get(const std::string& path) {
  RN_ASSIGN_OR_RETURN(auto j, GetIfExists(path));
  if (!j) return Error(Code::kNotFound, "GET " + path, "404 not found");
  return std::move(*j);
}

Result<std::optional<nlohmann::json>> CdnClient::GetIfExists(
    const std::string& path) {
  const std::string call = "GET " + path;
  for (int attempt = 1;; ++attempt) {
    Result<HttpResponse> r = transport_->Send(Request("GET", path));
    if (!r.ok()) return r.status().Annotate(account_ + ": " + call);
    if (r->status == 404) return std::optional<nlohmann::json>();
    if (r->status < 200 || r->status > 299) return ErrorFromResponse(call, *r);
    nlohmann::json j = ParseJson(r->body);
    if (!j.is_discarded()) return std::optional<nlohmann::json>(std::move(j));
    if (attempt >= kGetAttempts)
      return Error(
          Code::kInternal, call,
          std::to_string(r->status) + " with a body that is not JSON (" +
              std::to_string(kGetAttempts) + " reads): " + Excerpt(r->body));
  }
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
    out.error = r.status().Annotate(account_ + ": " + call);
    return out;
  }
  out.status = r->status;
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
