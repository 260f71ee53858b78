#include "src/core/time.h"

#include <cstdio>
#include <cstring>
#include <ctime>
#include <thread>

namespace renumber {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30,
                                   31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at *pos.
bool Digits(std::string_view s, size_t* pos, size_t n, int* out) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool Expect(std::string_view s, size_t* pos, char c) {
  if (*pos >= s.size()) return false;
  char got = s[*pos];
  if (got != c && !(c >= 'A' && c <= 'Z' && got == c - 'A' + 'a')) return false;
  ++*pos;
  return true;
}

const char* const kWeekdays[] = {"Thu", "Fri", "Sat", "Sun",
                                 "Mon", "Tue", "Wed"};
const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

Result<Timestamp> Timestamp::ParseRfc3339(std::string_view s) {
  return ParseRfc3339(s, nullptr);
}

Result<Timestamp> Timestamp::ParseRfc3339(std::string_view s,
                                          int* offset_minutes) {
  auto bad = [&](const char* why, const char* why_ja) {
    return Status::InvalidArgument(
        "'" + std::string(s) + "' is not an RFC 3339 timestamp (" + why +
            "); example: 2026-12-10T06:00:00+09:00",
        "'" + std::string(s) + "' は RFC 3339 形式の日時ではありません（" +
            why_ja + "）。例: 2026-12-10T06:00:00+09:00");
  };
  size_t p = 0;
  int Y, M, D, h, m, sec;
  if (!Digits(s, &p, 4, &Y) || !Expect(s, &p, '-') || !Digits(s, &p, 2, &M) ||
      !Expect(s, &p, '-') || !Digits(s, &p, 2, &D))
    return bad("bad date", "日付が正しくありません");
  if (!Expect(s, &p, 'T'))
    return bad("expected 'T' between date and time",
               "日付と時刻の間に 'T' が必要です");
  if (!Digits(s, &p, 2, &h) || !Expect(s, &p, ':') || !Digits(s, &p, 2, &m) ||
      !Expect(s, &p, ':') || !Digits(s, &p, 2, &sec))
    return bad("bad time", "時刻が正しくありません");
  if (M < 1 || M > 12 || D < 1 || D > static_cast<int>(DaysInMonth(Y, M)))
    return bad("no such date", "存在しない日付です");
  if (h > 23 || m > 59 || sec > 60)
    return bad("time out of range", "時刻が範囲外です");
  if (sec == 60) sec = 59;  // leap second: clamp
  int64_t frac_us = 0;
  if (p < s.size() && s[p] == '.') {
    ++p;
    size_t start = p;
    int64_t scale = 100000;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      frac_us += (s[p] - '0') * scale;
      scale /= 10;
      ++p;
    }
    if (p == start) return bad("empty fraction", "小数部が空です");
  }
  int offset_min = 0;
  if (p < s.size() && (s[p] == 'Z' || s[p] == 'z')) {
    ++p;
  } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
    int sign = s[p] == '-' ? -1 : 1;
    ++p;
    int oh, om;
    if (!Digits(s, &p, 2, &oh) || !Expect(s, &p, ':') || !Digits(s, &p, 2, &om))
      return bad("bad UTC offset", "UTC からの時差が正しくありません");
    if (oh > 23 || om > 59)
      return bad("UTC offset out of range", "UTC からの時差が範囲外です");
    offset_min = sign * (oh * 60 + om);
  } else {
    return bad("missing UTC offset (Z or +hh:mm)",
               "UTC からの時差（Z または +hh:mm）がありません");
  }
  if (p != s.size())
    return bad("trailing characters", "末尾に余分な文字があります");
  if (offset_minutes) *offset_minutes = offset_min;
  int64_t secs = DaysFromCivil(Y, M, D) * 86400 + h * 3600 + m * 60 + sec -
                 static_cast<int64_t>(offset_min) * 60;
  return Timestamp(secs * 1000000 + frac_us);
}

Result<Timestamp> Timestamp::ParseHttpDate(std::string_view s) {
  auto bad = Status::InvalidArgument(
      "'" + std::string(s) + "' is not an HTTP date",
      "'" + std::string(s) + "' は HTTP の日付形式ではありません");
  if (s.size() != 29 || s.substr(3, 2) != ", " || s.substr(25) != " GMT")
    return bad;
  size_t p = 5;
  int D, Y, h, m, sec;
  if (!Digits(s, &p, 2, &D) || s[p++] != ' ') return bad;
  std::string_view mon = s.substr(p, 3);
  int M = 0;
  for (int i = 0; i < 12; ++i)
    if (mon == kMonths[i]) M = i + 1;
  p += 3;
  if (M == 0 || s[p++] != ' ' || !Digits(s, &p, 4, &Y) || s[p++] != ' ' ||
      !Digits(s, &p, 2, &h) || s[p++] != ':' || !Digits(s, &p, 2, &m) ||
      s[p++] != ':' || !Digits(s, &p, 2, &sec))
    return bad;
  if (D < 1 || D > static_cast<int>(DaysInMonth(Y, M)) || h > 23 || m > 59 ||
      sec > 60)
    return bad;
  return FromUnixSeconds(DaysFromCivil(Y, M, D) * 86400 + h * 3600 + m * 60 +
                         sec);
}

int64_t Timestamp::unix_seconds() const {
  return us_ >= 0 ? us_ / 1000000 : -((-us_ + 999999) / 1000000);
}

std::string Timestamp::ToRfc3339() const { return ToRfc3339(0); }

std::string Timestamp::ToRfc3339(int offset_minutes) const {
  int64_t secs = unix_seconds() + static_cast<int64_t>(offset_minutes) * 60;
  int64_t frac = us_ - unix_seconds() * 1000000;
  int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  int64_t rem = secs - days * 86400;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[48];
  int n = std::snprintf(
      buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d",
      static_cast<long long>(y), m, d, static_cast<int>(rem / 3600),
      static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60));
  std::string out(buf, n);
  if (frac != 0) {
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(frac));
    std::string f(buf);
    while (f.back() == '0') f.pop_back();
    out += f;
  }
  if (offset_minutes == 0) return out + "Z";
  const int abs_min = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+',
                abs_min / 60, abs_min % 60);
  return out + buf;
}

int Timestamp::LocalOffsetMinutes() const {
  time_t t = static_cast<time_t>(unix_seconds());
  struct tm local {};
  if (!localtime_r(&t, &local)) return 0;
  return static_cast<int>(local.tm_gmtoff / 60);
}

std::string Timestamp::ToHttpDate() const {
  int64_t secs = unix_seconds();
  int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  int64_t rem = secs - days * 86400;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  int wd = static_cast<int>(((days % 7) + 7) % 7);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04lld %02d:%02d:%02d GMT",
                kWeekdays[wd], d, kMonths[m - 1], static_cast<long long>(y),
                static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                static_cast<int>(rem % 60));
  return buf;
}

namespace {
class SystemClock : public Clock {
 public:
  Timestamp Now() override {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now().time_since_epoch());
    return Timestamp::FromUnixMicros(us.count());
  }
  std::chrono::steady_clock::time_point Steady() override {
    return std::chrono::steady_clock::now();
  }
  void SleepFor(std::chrono::microseconds d) override {
    if (d.count() > 0) std::this_thread::sleep_for(d);
  }
};
}  // namespace

Clock* RealClock() {
  static Clock* clock = new SystemClock;
  return clock;
}

FakeClock::FakeClock(Timestamp start) : now_(start) {}

Timestamp FakeClock::Now() {
  std::lock_guard<std::mutex> l(mu_);
  return now_;
}

std::chrono::steady_clock::time_point FakeClock::Steady() {
  std::lock_guard<std::mutex> l(mu_);
  return std::chrono::steady_clock::time_point(steady_);
}

void FakeClock::SleepFor(std::chrono::microseconds d) {
  std::lock_guard<std::mutex> l(mu_);
  sleeps_.push_back(d);
  if (d.count() > 0) {
    now_ = now_ + d;
    steady_ += d;
  }
}

void FakeClock::Advance(std::chrono::microseconds d) {
  std::lock_guard<std::mutex> l(mu_);
  now_ = now_ + d;
  steady_ += d;
}

void FakeClock::Set(Timestamp t) {
  std::lock_guard<std::mutex> l(mu_);
  now_ = t;
}

std::vector<std::chrono::microseconds> FakeClock::sleeps() const {
  std::lock_guard<std::mutex> l(mu_);
  return sleeps_;
}

std::chrono::microseconds FakeClock::total_slept() const {
  std::lock_guard<std::mutex> l(mu_);
  std::chrono::microseconds t{0};
  for (auto s : sleeps_) t += s;
  return t;
}

Result<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument(
        "'" + std::string(text) +
            "' is not a duration; examples: 90s, 30m, 2h, 1h30m, 1d",
        "'" + std::string(text) +
            "' は時間の長さとして読めません。例: 90s、30m、2h、1h30m、1d");
  };
  if (text.empty()) return bad();
  int64_t total_s = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    int64_t n = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      n = n * 10 + (text[i] - '0');
      if (n > 1000000) return bad();
      ++i;
    }
    if (i == start || i == text.size()) return bad();
    switch (text[i++]) {
      case 's':
        total_s += n;
        break;
      case 'm':
        total_s += n * 60;
        break;
      case 'h':
        total_s += n * 3600;
        break;
      case 'd':
        total_s += n * 86400;
        break;
      default:
        return bad();
    }
  }
  return std::chrono::milliseconds(total_s * 1000);
}

}  // namespace renumber
