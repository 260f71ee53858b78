// Test support: starts a loopback HttpServer on a free port, retrying a few
// times in case another process grabs the port between the pick and the
// bind. Header-only; for tests.
#ifndef RENUMBER_HTTP_TEST_SERVER_H_
#define RENUMBER_HTTP_TEST_SERVER_H_

#include <memory>
#include <utility>

#include "src/http/server.h"

namespace renumber {

inline Result<std::unique_ptr<HttpServer>> StartLoopbackServer(
    ServerHandler handler, ServerOptions options = {}) {
  Status last = Status::Unavailable("no attempt");
  for (int i = 0; i < 5; ++i) {
    auto port = FindFreeLoopbackPort();
    if (!port.ok()) return port.status();
    options.port = *port;
    auto server = StartHttpServer(options, handler);
    if (server.ok()) return server;
    last = server.status();
  }
  return last;
}

}  // namespace renumber

#endif  // RENUMBER_HTTP_TEST_SERVER_H_
