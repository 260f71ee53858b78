// Closing a loopback server's kept-alive connections from the library's own
// threads before the listener is closed (Linux: reads /proc).
//
// Why: cpprestsdk's http_listener::close() closes every open connection's
// socket from the calling thread while the library's worker may, at that
// very moment, be starting the next read on that socket (right after it
// wrote a response on a kept-alive connection). Boost.Asio forbids closing
// a socket concurrently with starting an operation on it; the result is a
// crash inside the library (seen once in CI under ThreadSanitizer: SEGV in
// epoll_reactor::start_op during RealTransportTest's tear-down; see
// docs/stack.md #17). A socket-level shutdown(2) does not touch Asio's
// state, so it is safe from any thread: every pending or next read on the
// connection then ends (end of file), and the library closes the
// connection itself, on its own thread. Once those sockets are gone,
// close() has no connection left to race with.
//
// Contract:
// - DrainAcceptedConnections(port, deadline) shuts down (both directions)
//   every socket this process holds whose local TCP port is `port` and that
//   is not listening, i.e. the server side of each accepted connection; the
//   client side of a connection to `port` in this process is left alone.
//   Then it waits until this process no longer holds any of those sockets,
//   or until `deadline` has passed. Thread-safe; blocks the caller.
// - Returns the number of connections it shut down, Timeout if
//   some were still open at the deadline (a handler still running), or
//   Unavailable if /proc cannot be read (not Linux): the caller then closes
//   as before.
#ifndef RENUMBER_HTTP_CONNECTION_DRAIN_H_
#define RENUMBER_HTTP_CONNECTION_DRAIN_H_

#include <chrono>

#include "src/core/status.h"

namespace renumber {

Result<int> DrainAcceptedConnections(int port,
                                     std::chrono::milliseconds deadline);

}  // namespace renumber

#endif  // RENUMBER_HTTP_CONNECTION_DRAIN_H_
