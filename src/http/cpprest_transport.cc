// HttpTransport over cpprestsdk's http_client. With cpprest_server.cc, the
// only file that includes cpprestsdk headers: replacing the library means
// rewriting these two files and nothing else.
#include <cpprest/http_client.h>
#include <pplx/threadpool.h>
#include <openssl/err.h>

#include <boost/asio/ssl.hpp>
#include <map>
#include <mutex>
#include <system_error>

#include "src/core/ip.h"
#include "src/http/redact.h"
#include "src/http/transport.h"

namespace renumber {
namespace {

namespace http = web::http;
using http::client::http_client;
using http::client::http_client_config;

bool IsLoopbackHost(const std::string& host) {
  std::string h = host;
  if (h.size() > 2 && h.front() == '[' && h.back() == ']')
    h = h.substr(1, h.size() - 2);
  if (h == "localhost") return true;
  auto ip = IpAddress::Parse(h);
  return ip.ok() && ip->IsLoopback();
}

// cpprest reports TLS failures as "Unknown error <n>" where n is a packed
// OpenSSL error (stack.md #5); turn it back into words.
std::string DescribeError(const std::error_code& ec, const char* what) {
  unsigned long v = static_cast<unsigned long>(ec.value());
  if (ERR_GET_LIB(v) == ERR_LIB_SSL || ERR_GET_LIB(v) == ERR_LIB_X509) {
    const char* reason = ERR_reason_error_string(v);
    if (reason) return std::string("TLS: ") + reason;
  }
  return what;
}

bool IsTlsError(const std::error_code& ec) {
  unsigned long v = static_cast<unsigned long>(ec.value());
  return ec.value() > 0xffff &&
         (ERR_GET_LIB(v) == ERR_LIB_SSL || ERR_GET_LIB(v) == ERR_LIB_X509);
}

class CpprestTransport : public HttpTransport {
 public:
  explicit CpprestTransport(TransportOptions options)
      : options_(std::move(options)) {}

  Result<HttpResponse> Send(const HttpRequest& request) override {
    web::uri uri;
    try {
      uri = web::uri(request.url);
    } catch (const std::exception&) {
      return Status::InvalidArgument("malformed URL '" +
                                     RedactUrl(request.url) + "'");
    }
    const std::string scheme = uri.scheme();
    if (scheme != "http" && scheme != "https")
      return Status::InvalidArgument("unsupported URL scheme in '" +
                                     RedactUrl(request.url) + "'");
    if (scheme == "http" && !IsLoopbackHost(uri.host()))
      return Status::InvalidArgument(
          "refusing plain http:// to " + uri.host() +
          ": only loopback addresses may be reached without TLS; use https://");
    auto client = ClientFor(uri, request.timeout);
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
      req.set_body(request.body, content_type.empty() ? "application/json"
                                                      : content_type);
    const std::string where = request.method + " " + RedactUrl(request.url);
    try {
      http::http_response resp = client->request(req).get();
      HttpResponse out;
      out.status = resp.status_code();
      for (const auto& [k, v] : resp.headers()) out.headers.Add(k, v);
      std::vector<unsigned char> body = resp.extract_vector().get();
      out.body.assign(body.begin(), body.end());
      return out;
    } catch (const http::http_exception& e) {
      const std::error_code& ec = e.error_code();
      if (ec == std::errc::timed_out)
        return Status::Timeout(where + ": no answer within " +
                               std::to_string(request.timeout.count()) +
                               " ms");
      if (IsTlsError(ec))
        return Status::Forbidden(
            where + ": " + DescribeError(ec, e.what()) +
            " (is the server's CA trusted? add it with --ca-file)");
      return Status::Unavailable(where + ": " + DescribeError(ec, e.what()));
    } catch (const std::exception& e) {
      return Status::Unavailable(where + ": " + e.what());
    }
  }

 private:
  std::shared_ptr<http_client> ClientFor(const web::uri& uri,
                                         std::chrono::milliseconds timeout) {
    std::string origin = uri.scheme() + "://" + uri.host() + ":" +
                         std::to_string(uri.port());
    std::string key = origin + "#" + std::to_string(timeout.count());
    std::lock_guard<std::mutex> l(mu_);
    auto it = clients_.find(key);
    if (it != clients_.end()) return it->second;
    http_client_config config;
    config.set_timeout(std::chrono::duration_cast<std::chrono::microseconds>(
        timeout));
    config.set_validate_certificates(true);
    if (!options_.ca_file.empty()) {
      std::string ca = options_.ca_file;
      config.set_ssl_context_callback([ca](boost::asio::ssl::context& ctx) {
        ctx.load_verify_file(ca);  // on top of the default store
      });
    }
    web::uri_builder base;
    base.set_scheme(uri.scheme()).set_host(uri.host()).set_port(uri.port());
    auto client = std::make_shared<http_client>(base.to_uri(), config);
    clients_[key] = client;
    return client;
  }

  TransportOptions options_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<http_client>> clients_;
};

}  // namespace

std::unique_ptr<HttpTransport> NewCpprestTransport(
    const TransportOptions& options) {
  return std::make_unique<CpprestTransport>(options);
}

void InitHttpRuntime(int threads) {
  static std::once_flag once;
  std::call_once(once, [threads] {
    try {
      crossplat::threadpool::initialize_with_threads(
          static_cast<size_t>(threads));
    } catch (...) {
      // Already initialised by an earlier use: keep the existing pool.
    }
  });
}

}  // namespace renumber
