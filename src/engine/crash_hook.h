// A test hook for crash-safety tests: when RENUMBER_TEST_CRASH_AT is set to
// "intent:N" the process kills itself (SIGKILL, no cleanup, like kill -9)
// right after the N-th intent record of this process is fsync'd, before the
// vendor write; "write:N" kills it after the N-th vendor write returned but
// before its outcome is journaled. Unset: no effect. Thread-safe.
#ifndef RENUMBER_ENGINE_CRASH_HOOK_H_
#define RENUMBER_ENGINE_CRASH_HOOK_H_

namespace renumber {

// `point` is "intent" or "write".
void CrashPoint(const char* point);

}  // namespace renumber

#endif  // RENUMBER_ENGINE_CRASH_HOOK_H_
