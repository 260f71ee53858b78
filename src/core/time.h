// Time: RFC 3339 timestamps and the Clock interface.
//
// Timestamp is an instant in UTC with microsecond precision; parsing keeps
// the instant and drops the original offset, so comparisons are in UTC.
// Clock is the only way the program reads time or sleeps, so tests can use
// FakeClock (below) and never sleep for real.
//
// Timestamp is a value. Clock implementations are thread-safe.
#ifndef RENUMBER_CORE_TIME_H_
#define RENUMBER_CORE_TIME_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/status.h"

namespace renumber {

class Timestamp {
 public:
  Timestamp() = default;
  static Timestamp FromUnixMicros(int64_t us) { return Timestamp(us); }
  static Timestamp FromUnixSeconds(int64_t s) { return Timestamp(s * 1000000); }
  // RFC 3339: "2026-12-10T06:00:00+09:00", "2026-12-09T21:00:00.5Z".
  // 'T'/'Z' case-insensitive; an offset is required.
  static Result<Timestamp> ParseRfc3339(std::string_view text);
  // The same, also giving the offset the text was written in (minutes east
  // of UTC, 0 for Z), so it can be shown back in the reader's terms.
  static Result<Timestamp> ParseRfc3339(std::string_view text,
                                        int* offset_minutes);
  // RFC 7231 IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
  static Result<Timestamp> ParseHttpDate(std::string_view text);

  int64_t unix_micros() const { return us_; }
  int64_t unix_seconds() const;  // floor
  // "2026-12-09T21:00:00Z" (fraction only when non-zero).
  std::string ToRfc3339() const;
  // The same instant written in another offset: "2026-12-10T06:00:00+09:00"
  // for 540 ("Z" for 0).
  std::string ToRfc3339(int offset_minutes) const;
  // The offset of the process's local time zone at this instant.
  int LocalOffsetMinutes() const;
  std::string ToHttpDate() const;

  Timestamp operator+(std::chrono::microseconds d) const {
    return Timestamp(us_ + d.count());
  }
  Timestamp operator-(std::chrono::microseconds d) const {
    return Timestamp(us_ - d.count());
  }
  std::chrono::microseconds operator-(Timestamp o) const {
    return std::chrono::microseconds(us_ - o.us_);
  }
  friend bool operator==(Timestamp a, Timestamp b) { return a.us_ == b.us_; }
  friend bool operator!=(Timestamp a, Timestamp b) { return a.us_ != b.us_; }
  friend bool operator<(Timestamp a, Timestamp b) { return a.us_ < b.us_; }
  friend bool operator<=(Timestamp a, Timestamp b) { return a.us_ <= b.us_; }
  friend bool operator>(Timestamp a, Timestamp b) { return a.us_ > b.us_; }
  friend bool operator>=(Timestamp a, Timestamp b) { return a.us_ >= b.us_; }

 private:
  explicit Timestamp(int64_t us) : us_(us) {}
  int64_t us_ = 0;
};

// A duration as people write it on a command line: "90s", "30m", "2h",
// "1d", "1h30m" (units s, m, h, d; at least one). kInvalidArgument with an
// example otherwise.
Result<std::chrono::milliseconds> ParseDuration(std::string_view text);

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time.
  virtual Timestamp Now() = 0;
  // Monotonic time for measuring durations.
  virtual std::chrono::steady_clock::time_point Steady() = 0;
  // Blocks the calling thread for `d` (a fake advances its time instead).
  virtual void SleepFor(std::chrono::microseconds d) = 0;
};

// The process's real clock. Never deleted.
Clock* RealClock();

// A clock that only moves when told to (or when someone sleeps on it).
// SleepFor advances both wall and steady time by the slept amount and
// records the duration, so retry and pacing tests run instantly.
class FakeClock : public Clock {
 public:
  explicit FakeClock(Timestamp start = Timestamp::FromUnixSeconds(1796000000));
  Timestamp Now() override;
  std::chrono::steady_clock::time_point Steady() override;
  void SleepFor(std::chrono::microseconds d) override;

  void Advance(std::chrono::microseconds d);
  void Set(Timestamp t);
  std::vector<std::chrono::microseconds> sleeps() const;
  std::chrono::microseconds total_slept() const;

 private:
  mutable std::mutex mu_;
  Timestamp now_;
  std::chrono::microseconds steady_{0};
  std::vector<std::chrono::microseconds> sleeps_;
};

}  // namespace renumber

#endif  // RENUMBER_CORE_TIME_H_
