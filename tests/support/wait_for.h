// Waiting for an event in tests: instead of sleeping "long enough" for
// another thread or process to get somewhere, poll for the thing itself
// (a lock file names its holder, a counter reached n) under a deadline.
//
// WaitFor calls `done` (from the calling thread only) until it returns
// true, sleeping `poll` of real time between calls; it gives up once
// `timeout` of the steady clock has passed and returns the last answer.
// The timeout is a safety net for a broken run, never the thing a test
// waits for: pass/fail must come from `done`. Header-only; thread-safe as
// far as `done` is.
#ifndef RENUMBER_TESTS_SUPPORT_WAIT_FOR_H_
#define RENUMBER_TESTS_SUPPORT_WAIT_FOR_H_

#include <chrono>
#include <thread>

namespace renumber {

// Generous by design: a loaded 2-core CI machine can stall a process for
// seconds, and a test that passes waits only as long as its event takes.
inline constexpr std::chrono::seconds kWaitForDeadline{120};

template <typename Predicate>
bool WaitFor(Predicate done,
             std::chrono::milliseconds timeout = kWaitForDeadline,
             std::chrono::milliseconds poll = std::chrono::milliseconds(5)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return done();
    std::this_thread::sleep_for(poll);
  }
}

}  // namespace renumber

#endif  // RENUMBER_TESTS_SUPPORT_WAIT_FOR_H_
