// A small HTTP server for loopback use (the vendor simulators and transport
// tests). The only implementation is cpprestsdk's http_listener, kept in
// cpprest_server.cc.
//
// Contract:
// - The handler runs on a library worker thread, possibly many at once: it
//   must be thread-safe, must not block on other HTTP work of this process,
//   and may sleep (for injected latency).
// - Start() binds host:port (port 0 is not supported by the library: pick a
//   free port with FindFreeLoopbackPort()). With cert/key files the server
//   speaks https.
// - Stop() ends every accepted connection (kept-alive ones included: the
//   library closes them on its own threads, docs/stack.md #17), closes the
//   listener and waits; it must run before main returns (a listener alive
//   at exit hangs the process: docs/stack.md #8). The destructor calls it.
#ifndef RENUMBER_HTTP_SERVER_H_
#define RENUMBER_HTTP_SERVER_H_

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "src/core/status.h"
#include "src/http/message.h"

namespace renumber {

struct ServerRequest {
  std::string method;
  // Decoded path, e.g. "/v1/domains/example.jp/inbound-routes".
  std::string path;
  std::string raw_path;  // as sent, still percent-encoded
  std::string query;     // raw query string without '?'
  std::map<std::string, std::string> query_params;  // decoded
  Headers headers;
  std::string body;
};

struct ServerResponse {
  int status = 200;
  Headers headers;
  std::string body;
  // Abort the connection instead of answering (the client sees a reset or
  // a truncated response).
  bool drop_connection = false;
};

using ServerHandler = std::function<ServerResponse(const ServerRequest&)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string cert_file;  // PEM; https when set
  std::string key_file;   // PEM
};

class HttpServer {
 public:
  virtual ~HttpServer() = default;
  // "http://127.0.0.1:18025" (no trailing slash).
  virtual std::string base_url() const = 0;
  virtual void Stop() = 0;
};

Result<std::unique_ptr<HttpServer>> StartHttpServer(const ServerOptions& opts,
                                                    ServerHandler handler);

// A TCP port on 127.0.0.1 that was free a moment ago.
Result<int> FindFreeLoopbackPort();

}  // namespace renumber

#endif  // RENUMBER_HTTP_SERVER_H_
