// HttpTransport over cpprestsdk's http_client. With cpprest_server.cc, the
// only file that includes cpprestsdk headers: replacing the library means
// rewriting these two files and nothing else.
#include <cpprest/http_client.h>
#include <pplx/threadpool.h>

#include <openssl/ssl.h>

#include <algorithm>
#include <boost/asio/ssl.hpp>
#include <map>
#include <mutex>
#include <system_error>

#include "src/core/json_depth.h"
#include "src/core/url.h"
#include "src/http/redact.h"
#include "src/http/tls_util.h"
#include "src/http/transport.h"

namespace renumber {
namespace {

namespace http = web::http;
using http::client::http_client;
using http::client::http_client_config;

bool HasLineBreak(const std::string& s) {
  return s.find_first_of("\r\n") != std::string::npos;
}

// The library's own message, with the request URL (which may carry a
// secret) redacted should it ever appear in it.
std::string LibraryMessage(const std::exception& e, const HttpRequest& req) {
  std::string what = e.what();
  size_t pos = req.url.empty() ? std::string::npos : what.find(req.url);
  if (pos != std::string::npos)
    what.replace(pos, req.url.size(), RedactUrl(req.url));
  return what;
}

// A redirect is never followed (docs/design.md "Rules that never bend", 6): it
// would carry the Authorization / Fastly-Key header to whatever host it names.
// The error names the status and the Location's host only: the rest of the
// Location (a path, a query, a user:password part) is never shown.
Status RedirectRefused(int status, const Headers& headers,
                       const std::string& where) {
  std::string to = "an unnamed place (no Location header)";
  std::string to_ja = "行き先の示されていない場所（Location ヘッダーなし）";
  if (auto location = headers.Get("Location")) {
    auto url = ParseUrl(*location);
    if (url.ok()) {
      to = "host " + url->HostForDisplay();
      to_ja = "ホスト " + url->HostForDisplay();
    } else if (!location->empty() && (*location)[0] == '/') {
      to = "another path on the same host";
      to_ja = "同じホストの別のパス";
    } else {
      to = "an unreadable Location";
      to_ja = "読み取れない Location";
    }
  }
  return Status::Forbidden(
      where + ": the server answered " + std::to_string(status) +
          " (a redirect to " + to +
          "); renumber never follows redirects, which would carry the "
          "credentials to another server: check the api_base in the "
          "credentials",
      where + ": サーバーが " + std::to_string(status) + "（" + to_ja +
          " へのリダイレクト）を返しました。認証情報が別のサーバーに送られる"
          "ため、renumber はリダイレクトに従いません。認証情報の api_base を"
          "確認してください");
}

// A body nested deeper than any vendor answer: whoever walked it (an
// adapter copying it, the trace log redacting it) would overflow the stack.
Status CheckBodyNesting(const std::string& body, const std::string& where) {
  size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || (body[first] != '{' && body[first] != '['))
    return Status::Ok();
  if (!JsonNestsDeeperThan(body, kMaxJsonDepth)) return Status::Ok();
  return Status::Internal(
      where + ": the answer is JSON nested more than " +
          std::to_string(kMaxJsonDepth) +
          " levels deep; refused unread (a broken or hostile "
          "server)",
      where + ": 応答の JSON の入れ子が " + std::to_string(kMaxJsonDepth) +
          " 段を超えているため、読まずに拒否しました（サーバーの故障か、"
          "悪意のあるサーバーの可能性があります）");
}

bool IsRedirect(int status) {
  return status >= 300 && status < 400 && status != 304;
}

Status MapHttpException(const http::http_exception& e, const HttpRequest& req,
                        const std::string& where) {
  const std::error_code& ec = e.error_code();
  if (ec == std::errc::timed_out)
    return Status::Timeout(where + ": no answer within " +
                               std::to_string(req.timeout.count()) + " ms",
                           where + ": " + std::to_string(req.timeout.count()) +
                               " ミリ秒以内に応答がありませんでした");
  const std::string reason = OpenSslReason(ec.value());
  if (IsCertificateVerifyFailure(ec.value()))
    return Status::Forbidden(
        where + ": TLS: the server's certificate was not accepted (" + reason +
            "): it is not signed by a trusted CA, does not match the host or "
            "has expired; if the server uses a private CA, add that CA with "
            "--ca-file",
        where + ": TLS: サーバーの証明書を受け入れられませんでした（" + reason +
            "）。信頼できる認証局の署名がないか、ホスト名が一致しないか、"
            "期限切れです。サーバーがプライベート認証局を使っている場合は、"
            "その認証局を --ca-file で追加してください");
  if (IsOpenSslError(ec.value()))
    return Status::Unavailable(
        where + ": TLS handshake failed (" + reason +
            "); is the server speaking https on this port?",
        where + ": TLS のハンドシェイクに失敗しました（" + reason +
            "）。このポートのサーバーは https で応答していますか?");
  // Only the library's message: its error codes come from several
  // categories (asio misc, system) flattened to an int, so their
  // std::error_code text is often wrong ("No such file" for an EOF).
  return Status::Unavailable(
      where + ": " + LibraryMessage(e, req),
      where + ": 接続に失敗しました（" + LibraryMessage(e, req) + "）");
}

class CpprestTransport : public HttpTransport {
 public:
  explicit CpprestTransport(TransportOptions options)
      : options_(std::move(options)),
        ca_pem_(options_.ca_file.empty() ? Result<std::string>(std::string())
                                         : LoadCaFile(options_.ca_file)) {}

  Result<HttpResponse> Send(const HttpRequest& request) override {
    if (!ca_pem_.ok()) return ca_pem_.status();
    RN_ASSIGN_OR_RETURN(web::uri uri, CheckedUri(request));
    const std::string where = request.method + " " + RedactUrl(request.url);
    try {
      // A request that must not be repeated gets a connection of its own:
      // cpprest re-sends a request whose pooled keep-alive connection turns
      // out dead, which would repeat a POST or a clone behind our back
      // (measured: a 1200 ms clone with a 400 ms timeout on a reused
      // connection was committed twice; the CDN fault test
      // TimedOutCloneLeavesNoSecondDraft keeps it at one).
      bool repeatable = IsIdempotentMethod(request.method) &&
                        request.retry_mode == RetryMode::kByMethod;
      auto client = repeatable ? ClientFor(uri, request.timeout)
                               : NewClient(uri, request.timeout);
      http::http_response resp = client->request(ToCpprest(request, uri)).get();
      HttpResponse out;
      out.status = resp.status_code();
      for (const auto& [k, v] : resp.headers()) out.headers.Add(k, v);
      if (IsRedirect(out.status))
        return RedirectRefused(out.status, out.headers, where);
      std::vector<unsigned char> body = resp.extract_vector().get();
      out.body.assign(body.begin(), body.end());
      if (Status s = CheckBodyNesting(out.body, where); !s.ok()) return s;
      return out;
    } catch (const http::http_exception& e) {
      return MapHttpException(e, request, where);
    } catch (const std::exception& e) {
      return Status::Unavailable(
          where + ": " + LibraryMessage(e, request),
          where + ": 接続に失敗しました（" + LibraryMessage(e, request) + "）");
    }
  }

 private:
  // Parses the URL and applies the rules that need no network: http(s)
  // only, plain http only to loopback, no line breaks in headers. The URL
  // is read by ParseUrl, the parser the credentials' api_base was checked
  // with, and cpprest gets it back built from those parts: the two never
  // disagree about the host.
  static Result<web::uri> CheckedUri(const HttpRequest& request) {
    auto url = ParseUrl(request.url);
    if (!url.ok())
      return Status::InvalidArgument(
          url.status().message() + " in '" + RedactUrl(request.url) + "'",
          "URL '" + RedactUrl(request.url) +
              "': " + url.status().Message(true));
    if (Status s = CheckVendorUrl(*url); !s.ok())
      return Status::InvalidArgument(
          "refusing '" + RedactUrl(request.url) + "': " + s.message(),
          "URL '" + RedactUrl(request.url) +
              "' には接続しません: " + s.Message(true));
    if (HasLineBreak(request.method))
      return Status::InvalidArgument("line break in the HTTP method",
                                     "HTTP メソッドに改行が含まれています");
    for (const auto& [k, v] : request.headers.items())
      if (HasLineBreak(k) || HasLineBreak(v))
        return Status::InvalidArgument(
            "line break in HTTP header '" + k + "'",
            "HTTP ヘッダー '" + k + "' に改行が含まれています");
    try {
      return web::uri(url->Origin() + url->resource);
    } catch (const std::exception&) {
      return Status::InvalidArgument(
          "malformed URL '" + RedactUrl(request.url) + "'",
          "URL '" + RedactUrl(request.url) + "' の形式が正しくありません");
    }
  }

  static http::http_request ToCpprest(const HttpRequest& request,
                                      const web::uri& uri) {
    http::http_request req{http::method(request.method)};
    req.set_request_uri(uri.resource());
    std::string content_type;
    for (const auto& [k, v] : request.headers.items()) {
      if (HeaderNameEquals(k, "Content-Type")) {
        content_type = v;
        continue;
      }
      req.headers().add(k, v);
    }
    if (!request.body.empty() || !content_type.empty())
      req.set_body(request.body,
                   content_type.empty() ? "application/json" : content_type);
    return req;
  }

  // One kept-alive client per scheme://host:port and timeout, so TLS
  // handshakes (65-90 ms each, docs/stack.md #6) are not repeated.
  std::shared_ptr<http_client> ClientFor(const web::uri& uri,
                                         std::chrono::milliseconds timeout) {
    std::string origin =
        uri.scheme() + "://" + uri.host() + ":" + std::to_string(uri.port());
    std::string key = origin + "#" + std::to_string(timeout.count());
    std::lock_guard<std::mutex> l(mu_);
    auto it = clients_.find(key);
    if (it != clients_.end()) return it->second;
    auto client = NewClient(uri, timeout);
    clients_[key] = client;
    return client;
  }

  std::shared_ptr<http_client> NewClient(const web::uri& uri,
                                         std::chrono::milliseconds timeout) {
    http_client_config config;
    config.set_timeout(
        std::chrono::duration_cast<std::chrono::microseconds>(timeout));
    config.set_validate_certificates(true);  // never turned off
    config.set_max_redirects(0);  // never followed: see RedirectRefused
    if (!ca_pem_->empty()) {
      auto pem = std::make_shared<const std::string>(*ca_pem_);
      config.set_ssl_context_callback([pem](boost::asio::ssl::context& ctx) {
        // On top of the system store. LoadCaFile checked the PEM; should
        // adding still fail, the CA is not trusted and verification fails
        // closed.
        boost::system::error_code ec;
        ctx.add_certificate_authority(boost::asio::buffer(*pem), ec);
      });
    }
    web::uri_builder base;
    base.set_scheme(uri.scheme()).set_host(uri.host()).set_port(uri.port());
    return std::make_shared<http_client>(base.to_uri(), config);
  }

  TransportOptions options_;
  Result<std::string> ca_pem_;  // the CA file's PEM text, or why not
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<http_client>> clients_;
};

}  // namespace

Status ValidateTransportOptions(const TransportOptions& options) {
  if (options.ca_file.empty()) return Status::Ok();
  return LoadCaFile(options.ca_file).status();
}

std::unique_ptr<HttpTransport> NewCpprestTransport(
    const TransportOptions& options) {
  return std::make_unique<CpprestTransport>(options);
}

int HttpPoolThreadsFor(int jobs) { return std::max(8, jobs / 4); }

void InitHttpRuntime(int threads) {
  static std::once_flag once;
  std::call_once(once, [threads] {
    // Exit order (docs/stack.md #8 and the OPENSSL_INIT_NO_ATEXIT row): atexit
    // handlers run in reverse order, so an OpenSSL first initialised after the
    // pool below would clean itself up while the pool's threads still free a
    // failed handshake's BIO (seen as a segfault or a spin at exit under load;
    // see DEVELOPERS.md). Without OpenSSL's atexit cleanup the pool finishes
    // first; when OpenSSL was initialised earlier, its cleanup already runs
    // after the pool's.
    OPENSSL_init_ssl(OPENSSL_INIT_NO_ATEXIT, nullptr);
    try {
      crossplat::threadpool::initialize_with_threads(
          static_cast<size_t>(threads));
    } catch (...) {
      // Already initialised by an earlier use: keep the existing pool.
    }
  });
}

}  // namespace renumber
