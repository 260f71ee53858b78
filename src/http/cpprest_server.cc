// HttpServer over cpprestsdk's http_listener. This file and
// cpprest_transport.cc are the only ones that include cpprestsdk headers.
#include <cpprest/http_listener.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/ssl.hpp>
#include <cstring>
#include <stdexcept>

#include "src/http/connection_drain.h"
#include "src/http/server.h"

namespace renumber {
namespace {

namespace http = web::http;
using web::http::experimental::listener::http_listener;
using web::http::experimental::listener::http_listener_config;

ServerRequest ToServerRequest(const http::http_request& req, std::string body) {
  ServerRequest out;
  out.method = req.method();
  const web::uri& uri = req.relative_uri();
  out.raw_path = uri.path();
  out.path = web::uri::decode(uri.path());
  out.query = uri.query();
  try {
    for (const auto& [k, v] : web::uri::split_query(uri.query()))
      out.query_params[web::uri::decode(k)] = web::uri::decode(v);
  } catch (const std::exception&) {
    // A malformed query leaves query_params empty; handlers see raw query.
  }
  for (const auto& [k, v] : req.headers()) out.headers.Add(k, v);
  out.body = std::move(body);
  return out;
}

// A dropped connection: headers promise more body than is sent and the
// server closes the connection after the short body, so the client sees the
// connection end in the middle of a response.
void ReplyDropped(http::http_request& req) {
  http::http_response resp(http::status_codes::OK);
  resp.set_body(std::string("{\"partial\":"), "application/json");
  resp.headers().set_content_length(4096);
  resp.headers().add("Connection", "close");
  req.reply(resp).then([](pplx::task<void> t) {
    try {
      t.get();
    } catch (...) {
    }
  });
}

void Reply(http::http_request& req, const ServerResponse& r) {
  if (r.drop_connection) {
    ReplyDropped(req);
    return;
  }
  http::http_response resp(static_cast<http::status_code>(r.status));
  std::string content_type = "application/json";
  for (const auto& [k, v] : r.headers.items()) {
    if (HeaderNameEquals(k, "Content-Type")) {
      content_type = v;
      continue;
    }
    resp.headers().add(k, v);
  }
  resp.set_body(r.body, content_type);
  req.reply(resp).then([](pplx::task<void> t) {
    try {
      t.get();
    } catch (...) {  // client went away; nothing to do
    }
  });
}

class CpprestServer : public HttpServer {
 public:
  CpprestServer(std::string base, int port,
                std::shared_ptr<const std::atomic<int>> answering,
                std::unique_ptr<http_listener> l)
      : base_(std::move(base)),
        port_(port),
        answering_(std::move(answering)),
        listener_(std::move(l)) {}
  ~CpprestServer() override { Stop(); }
  std::string base_url() const override { return base_; }
  void Stop() override {
    if (!listener_) return;
    // close() closes kept-alive connections from this thread, racing the
    // library's next read on them (docs/stack.md #17): let the library
    // close them itself first. Past the deadline (a handler still busy),
    // or without /proc, close() does it as before.
    (void)DrainAcceptedConnections(port_, std::chrono::seconds(5),
                                   [this] { return answering_->load(); });
    try {
      listener_->close().wait();
    } catch (...) {
    }
    listener_.reset();
  }

 private:
  std::string base_;
  int port_;
  // Requests a handler is answering (their connections wait for the answer).
  std::shared_ptr<const std::atomic<int>> answering_;
  std::unique_ptr<http_listener> listener_;
};

}  // namespace

Result<std::unique_ptr<HttpServer>> StartHttpServer(const ServerOptions& opts,
                                                    ServerHandler handler) {
  if (opts.port <= 0 || opts.port > 65535)
    return Status::InvalidArgument(
        "server port must be 1-65535",
        "サーバーのポートは 1〜65535 で指定してください");
  bool tls = !opts.cert_file.empty();
  std::string host = opts.host.find(':') != std::string::npos
                         ? "[" + opts.host + "]"
                         : opts.host;
  std::string base = std::string(tls ? "https" : "http") + "://" + host + ":" +
                     std::to_string(opts.port);
  http_listener_config config;
  if (tls) {
    std::string cert = opts.cert_file, key = opts.key_file;
    config.set_ssl_context_callback(
        [cert, key](boost::asio::ssl::context& ctx) {
          ctx.set_options(boost::asio::ssl::context::default_workarounds |
                          boost::asio::ssl::context::no_sslv2 |
                          boost::asio::ssl::context::no_sslv3);
          ctx.use_certificate_chain_file(cert);
          ctx.use_private_key_file(key, boost::asio::ssl::context::pem);
        });
  }
  std::unique_ptr<http_listener> listener;
  auto answering = std::make_shared<std::atomic<int>>(0);
  try {
    listener = std::make_unique<http_listener>(web::uri(base), config);
    auto h = std::make_shared<ServerHandler>(std::move(handler));
    listener->support([h, answering](http::http_request req) {
      ++*answering;
      req.extract_string(true).then(
          [h, req, answering](pplx::task<std::string> t) {
            struct Answered {
              std::atomic<int>* n;
              ~Answered() { --*n; }
            } answered{answering.get()};
            http::http_request r = req;
            std::string body;
            try {
              body = t.get();
            } catch (...) {
              return;  // client went away while sending the body
            }
            ServerResponse out;
            try {
              out = (*h)(ToServerRequest(r, std::move(body)));
            } catch (...) {
              out = ServerResponse{};
              out.status = 500;
              out.body = "{\"error\":\"the handler failed\"}";
            }
            try {
              Reply(r, out);
            } catch (...) {  // the client went away; nothing to answer
            }
          });
    });
    listener->open().wait();
  } catch (const std::exception& e) {
    return Status::Unavailable("cannot listen on " + base + ": " + e.what(),
                               base + " で待ち受けできません: " + e.what());
  }
  return std::unique_ptr<HttpServer>(
      new CpprestServer(base, opts.port, answering, std::move(listener)));
}

Result<int> FindFreeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return Status::Unavailable("cannot create a socket",
                               "ソケットを作成できません");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    return Status::Unavailable(
        std::string("cannot find a free port: ") + std::strerror(errno),
        std::string("空いているポートが見つかりません: ") +
            std::strerror(errno));
  }
  int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

}  // namespace renumber
