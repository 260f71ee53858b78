// A Chrome DevTools Protocol client over a MessagePipe: commands with ids
// matched to their answers, and the events that arrive in between kept in
// order, so a test can wait for one ("Page.loadEventFired") and read the
// console and log events afterwards.
//
// Commands go to the browser, or, with a session id, to one page attached
// with Target.attachToTarget {flatten: true}. Every wait has a deadline.
//
// Threads: one user at a time. The pipe is not owned.
#ifndef RENUMBER_TESTS_BROWSER_CDP_SESSION_H_
#define RENUMBER_TESTS_BROWSER_CDP_SESSION_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/browser/message_pipe.h"

namespace renumber {

class CdpSession {
 public:
  using Deadline = std::chrono::steady_clock::time_point;

  explicit CdpSession(MessagePipe* pipe) : pipe_(pipe) {}

  // Sends `method` and waits for its answer: the "result" object, or
  // kInternal with the protocol's error message, kTimeout past `deadline`.
  Result<nlohmann::json> Call(const std::string& method,
                              const nlohmann::json& params,
                              const std::string& session_id,
                              Deadline deadline);

  // Waits for an event named `method`, the first at or after index `from`
  // of events() (received already, or to come), and returns its "params".
  Result<nlohmann::json> WaitForEvent(const std::string& method,
                                      Deadline deadline, size_t from = 0);

  // Every event received so far, oldest first: {"method", "params",
  // "sessionId"?}.
  const std::vector<nlohmann::json>& events() const { return events_; }

 private:
  // Reads one message; keeps it as an event or as the answer to `id`.
  Status Pump(Deadline deadline);

  MessagePipe* pipe_;
  int next_id_ = 1;
  std::vector<nlohmann::json> events_;
  std::vector<nlohmann::json> answers_;  // not yet claimed by Call
};

// The console errors among `events`, one line each: console.error() and
// console.assert() calls, uncaught exceptions, and log entries of level
// "error" (blocked loads, Content-Security-Policy violations, failed
// requests).
std::vector<std::string> ConsoleErrors(
    const std::vector<nlohmann::json>& events);

}  // namespace renumber

#endif  // RENUMBER_TESTS_BROWSER_CDP_SESSION_H_
