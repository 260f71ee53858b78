// Closing a loopback server's kept-alive connections from the library's own
// threads before the listener is closed (Linux: reads /proc/self/fd).
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
//   Then it waits until this process holds no more of those sockets than
//   `busy()` (may be empty: 0) says are still answering a request, or until
//   `deadline` has passed. A connection whose request a handler is still
//   answering has no read pending, so the shutdown cannot end it before the
//   answer; it is not waited for (the caller's close() ends it, as before).
//   Thread-safe; blocks the caller; `busy` is called from this thread.
// - Returns the number of connections it shut down, Timeout if more were
//   still open at the deadline, or Unavailable if /proc/self/fd cannot be
//   read (not Linux): the caller then closes as before.
#ifndef RENUMBER_HTTP_CONNECTION_DRAIN_H_
#define RENUMBER_HTTP_CONNECTION_DRAIN_H_

#include <chrono>
#include <functional>

#include "src/core/status.h"

namespace renumber {

Result<int> DrainAcceptedConnections(int port,
                                     std::chrono::milliseconds deadline,
                                     const std::function<int()>& busy = {});

}  // namespace renumber

#endif  // RENUMBER_HTTP_CONNECTION_DRAIN_H_
