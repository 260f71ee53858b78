// A channel of whole messages to and from a browser's DevTools endpoint:
// Chromium's --remote-debugging-pipe speaks JSON messages, each ended by a
// NUL byte, on its file descriptors 3 (in) and 4 (out). The interface lets
// CdpSession be tested with a scripted fake.
//
// Threads: one user at a time.
#ifndef RENUMBER_TESTS_BROWSER_MESSAGE_PIPE_H_
#define RENUMBER_TESTS_BROWSER_MESSAGE_PIPE_H_

#include <chrono>
#include <string>

#include "src/core/status.h"

namespace renumber {

class MessagePipe {
 public:
  virtual ~MessagePipe() = default;
  virtual Status Send(const std::string& message) = 0;
  // The next whole message. kTimeout when none arrived before `deadline`;
  // kUnavailable when the other end closed (the browser exited).
  virtual Result<std::string> Receive(
      std::chrono::steady_clock::time_point deadline) = 0;
};

}  // namespace renumber

#endif  // RENUMBER_TESTS_BROWSER_MESSAGE_PIPE_H_
