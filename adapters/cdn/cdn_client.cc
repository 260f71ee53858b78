#include "adapters/cdn/cdn_client.h"

#include <cerrno>
#include <cstdlib>

#include "src/http/message.h"
#include "src/http/status_meaning.h"
#include "src/log/log.h"

namespace renumber::cdn {
namespace {

constexpr int kGetAttempts = 3;  // re-reads of a GET whose body is not JSON

nlohmann::json ParseJson(const std::string& body) {
  return ParseVendorJson(body);
}

// A short, single-line excerpt of a body that is not the error JSON,
// scrubbed of our secrets before it is cut.
std::string Excerpt(const std::string& body) {
  return VendorExcerpt(body, 120);
}

// "/service/{sid}/pool/{id}/servers": a pool's servers.
bool PoolServersPath(const std::string& path) {
  const std::string prefix = "/service/", pool = "/pool/", tail = "/servers";
  if (path.rfind(prefix, 0) != 0 || path.size() <= tail.size() ||
      path.compare(path.size() - tail.size(), tail.size(), tail) != 0)
    return false;
  const size_t sid_end = path.find('/', prefix.size());
  if (sid_end == std::string::npos || sid_end == prefix.size() ||
      path.compare(sid_end, pool.size(), pool) != 0)
    return false;
  const size_t id_begin = sid_end + pool.size();
  const size_t id_end = path.size() - tail.size();
  return id_end > id_begin &&
         path.find('/', id_begin) == id_end;  // one segment: the pool id
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
    : VendorClient(transport, std::move(base), std::move(account), "CDN",
                   "Fastly-Key", std::move(token)),
      clock_(clock) {}

std::string CdnClient::ErrorWords(const nlohmann::json& body) const {
  return ErrorBodyText(body);
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
  ForgetOldReportOnly();
  if (const HttpResponse* kept = cache_.Find(path)) return *kept;
  for (int attempt = 1;; ++attempt) {
    Result<HttpResponse> r = transport()->Send(NewRequest("GET", path));
    if (!r.ok()) return r.status().Annotate(CallName("GET", path));
    if (r->status == 404) {
      *missing = true;
      return r;
    }
    // Never followed: it would carry the token away.
    if (r->status >= 300 && r->status <= 399) return RedirectError(call, *r);
    if (r->status < 200 || r->status > 299) return ErrorFromResponse(call, *r);
    if (!ParseJson(r->body).is_discarded()) {
      NoteLocked(path, r->body);
      cache_.Put(path, *r);
      if (!ReadOnly(path) && !changeable_since_ && clock_)
        changeable_since_ = clock_->Steady();
      if (clock_ && PoolServersPath(path))
        report_only_read_at_[path] = clock_->Steady();
      return r;
    }
    if (attempt >= kGetAttempts)
      return Error(
          Code::kInternal, call,
          std::to_string(r->status) + " with a body that is not JSON (" +
              std::to_string(kGetAttempts) + " reads): " + Excerpt(r->body));
  }
}

void CdnClient::NoteLocked(const std::string& path, const std::string& body) {
  const std::string suffix = "/details";
  if (path.rfind("/service/", 0) != 0 || path.size() <= suffix.size() ||
      path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0)
    return;
  const std::string service = path.substr(0, path.size() - suffix.size());
  const nlohmann::json j = ParseJson(body);
  if (!j.is_object() || !j.contains("versions") || !j["versions"].is_array())
    return;
  for (const auto& v : j["versions"])
    if (v.is_object() && v.value("locked", false) == true &&
        v.contains("number") && v["number"].is_number_integer()) {
      const std::string prefix =
          service + "/version/" + std::to_string(v["number"].get<int>()) + "/";
      // What was kept of it was read while it may still have changed.
      if (locked_.insert(prefix).second)
        cache_.EraseIf(
            [&](const std::string& p) { return p.rfind(prefix, 0) == 0; });
    }
}

bool CdnClient::ReadOnly(const std::string& path) const {
  if (path.rfind("/service?", 0) == 0) return true;  // the service list
  if (PoolServersPath(path)) return true;  // written by no one of ours
  // The first four segments: "/service/{sid}/version/{n}/".
  size_t end = 0;
  for (int i = 0; i < 5; ++i) {
    end = path.find('/', end + (i > 0 ? 1 : 0));
    if (end == std::string::npos) return false;
  }
  return locked_.count(path.substr(0, end + 1)) > 0;
}

void CdnClient::ForgetChangeable() {
  cache_.EraseIf([this](const std::string& p) { return !ReadOnly(p); });
  changeable_since_.reset();
}

void CdnClient::ForgetOldReportOnly() {
  if (!clock_ || report_only_read_at_.empty()) return;
  const auto now = clock_->Steady();
  for (auto it = report_only_read_at_.begin();
       it != report_only_read_at_.end();) {
    if (now - it->second <= kReportOnlyFor) {
      ++it;
      continue;
    }
    cache_.Erase(it->first);
    it = report_only_read_at_.erase(it);
  }
}

void CdnClient::NewChange() {
  if (clock_ && changeable_since_ &&
      clock_->Steady() - *changeable_since_ <= kFreshFor)
    return;
  ForgetChangeable();
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
  const std::string prefix = api_base() + "/";
  if (next.rfind(prefix, 0) != 0)
    return Error(Code::kForbidden, "GET " + path,
                 "the Link header's next page '" + next + "' is not under " +
                     api_base() + "; not followed");
  page.next = next.substr(api_base().size());
  return page;
}

void CdnClient::NoteBudget(const VendorReply& reply) {
  if (reply.http_status == 0) return;
  const std::string left =
      reply.headers.GetOr("Fastly-RateLimit-Remaining", "");
  char* end = nullptr;
  errno = 0;
  const long long n = std::strtoll(left.c_str(), &end, 10);
  if (!left.empty() && errno == 0 && end && *end == '\0' && n >= 0)
    budget_left_ = n;
  else if (reply.http_status == 429)
    budget_left_ = 0;
}

VendorReply CdnClient::Write(const std::string& method, const std::string& path,
                             const Form& form, RetryMode mode) {
  HttpRequest req = NewRequest(method, path);
  req.retry_mode = mode;
  if (method != "DELETE") {
    req.headers.Set("Content-Type", "application/x-www-form-urlencoded");
    req.body = EncodeForm(form);
  }
  if (before_write_) {
    Status ready = before_write_();
    if (!ready.ok()) {
      VendorReply refused;
      refused.kind = VendorReply::Kind::kRefused;
      refused.sent = false;
      refused.error = ready;
      return refused;
    }
  }
  // Before sending: a lost answer must be read back from the vendor.
  ForgetChangeable();
  VendorReply reply = SendWrite(req);
  NoteBudget(reply);
  // Not a write the vendor saw: refused before sending (bad request, TLS,
  // our own pacer pausing the account).
  if (reply.sent) ++writes_;
  return reply;
}

}  // namespace renumber::cdn
