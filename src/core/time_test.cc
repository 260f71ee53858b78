#include "src/core/time.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

using std::chrono::seconds;

TEST(TimestampTest, ParsesOffsetsAndComparesInUtc) {
  auto tokyo = Timestamp::ParseRfc3339("2026-12-10T06:00:00+09:00");
  auto utc = Timestamp::ParseRfc3339("2026-12-09T21:00:00Z");
  ASSERT_TRUE(tokyo.ok()) << tokyo.status().ToString();
  ASSERT_TRUE(utc.ok());
  EXPECT_EQ(*tokyo, *utc);
  EXPECT_EQ(tokyo->ToRfc3339(), "2026-12-09T21:00:00Z");
  auto later = Timestamp::ParseRfc3339("2026-12-09T21:00:01-00:00");
  EXPECT_LT(*utc, *later);
  auto ny = Timestamp::ParseRfc3339("2026-12-09T16:00:00-05:00");
  EXPECT_EQ(*ny, *utc);
}

TEST(TimestampTest, Fractions) {
  auto t = Timestamp::ParseRfc3339("2026-11-20T03:00:00.25Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->unix_micros() % 1000000, 250000);
  EXPECT_EQ(t->ToRfc3339(), "2026-11-20T03:00:00.25Z");
  EXPECT_EQ(Timestamp::FromUnixSeconds(0).ToRfc3339(), "1970-01-01T00:00:00Z");
  EXPECT_EQ(Timestamp::FromUnixSeconds(951782400).ToRfc3339(),
            "2000-02-29T00:00:00Z");
}

TEST(TimestampTest, Rejects) {
  for (const char* bad :
       {"2026-12-10T06:00:00", "2026-12-10 06:00:00+09:00",
        "2026-13-10T06:00:00Z", "2026-02-30T06:00:00Z", "2026-12-10T24:00:00Z",
        "2026-12-10T06:00:00+9:00", "2026-12-10T06:00:00+09:00x", "2026-12-10",
        "", "2026-12-10T06:00:00.Z", "2025-02-29T00:00:00Z",
        "２０２６-12-10T06:00:00Z"}) {
    auto t = Timestamp::ParseRfc3339(bad);
    EXPECT_FALSE(t.ok()) << bad;
    if (!t.ok()) {
      EXPECT_EQ(t.status().code(), Code::kInvalidArgument);
    }
  }
  EXPECT_TRUE(Timestamp::ParseRfc3339("2024-02-29T00:00:00z").ok());
}

TEST(TimestampTest, HttpDate) {
  auto t = Timestamp::ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->unix_seconds(), 784111777);
  EXPECT_EQ(t->ToHttpDate(), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_FALSE(Timestamp::ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT").ok());
  EXPECT_FALSE(Timestamp::ParseHttpDate("Sun, 06 Nov 1994 08:49:37 UTC").ok());
}

TEST(FakeClockTest, SleepAdvancesAndRecords) {
  FakeClock clock(Timestamp::FromUnixSeconds(1000));
  auto s0 = clock.Steady();
  clock.SleepFor(seconds(3));
  clock.SleepFor(seconds(2));
  EXPECT_EQ(clock.Now(), Timestamp::FromUnixSeconds(1005));
  EXPECT_EQ(clock.Steady() - s0, seconds(5));
  ASSERT_EQ(clock.sleeps().size(), 2u);
  EXPECT_EQ(clock.total_slept(), seconds(5));
  clock.Advance(seconds(10));
  EXPECT_EQ(clock.Now(), Timestamp::FromUnixSeconds(1015));
}

TEST(RealClockTest, MovesForward) {
  Timestamp a = RealClock()->Now();
  EXPECT_GT(a, *Timestamp::ParseRfc3339("2020-01-01T00:00:00Z"));
  auto s = RealClock()->Steady();
  RealClock()->SleepFor(std::chrono::milliseconds(2));
  EXPECT_GE(RealClock()->Steady() - s, std::chrono::milliseconds(2));
}

}  // namespace
}  // namespace renumber

namespace renumber {
namespace {

TEST(DurationTest, AsPeopleWriteThem) {
  EXPECT_EQ(*ParseDuration("90s"), std::chrono::seconds(90));
  EXPECT_EQ(*ParseDuration("30m"), std::chrono::minutes(30));
  EXPECT_EQ(*ParseDuration("1h30m"), std::chrono::minutes(90));
  EXPECT_EQ(*ParseDuration("1d"), std::chrono::hours(24));
  for (const char* bad : {"", "5", "m", "5x", "-5m", "1.5h", "5m ", "9999999s"})
    EXPECT_FALSE(ParseDuration(bad).ok()) << bad;
  EXPECT_NE(ParseDuration("soon").status().message().find("examples"),
            std::string::npos);
}

TEST(TimeOffsetTest, KeepsTheOffsetTheTextWasWrittenIn) {
  int offset = 1;
  auto t = Timestamp::ParseRfc3339("2026-12-10T06:00:00+09:00", &offset);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(offset, 540);
  EXPECT_EQ(t->ToRfc3339(), "2026-12-09T21:00:00Z");
  EXPECT_EQ(t->ToRfc3339(offset), "2026-12-10T06:00:00+09:00");
  EXPECT_EQ(t->ToRfc3339(-330), "2026-12-09T15:30:00-05:30");
  ASSERT_TRUE(Timestamp::ParseRfc3339("2026-12-10T06:00:00Z", &offset).ok());
  EXPECT_EQ(offset, 0);
  // A date line crossed by the offset.
  auto late = Timestamp::ParseRfc3339("2026-12-31T23:30:00Z");
  EXPECT_EQ(late->ToRfc3339(540), "2027-01-01T08:30:00+09:00");
}

}  // namespace
}  // namespace renumber
