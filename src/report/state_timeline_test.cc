#include "src/report/state_timeline.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

Timestamp At(int seconds) { return Timestamp::FromUnixSeconds(1800000000 + seconds); }

int Count(const TimelinePoint& p, const std::string& state) {
  const auto& states = TimelineStates();
  return p.counts[std::find(states.begin(), states.end(), state) -
                  states.begin()];
}

TEST(StateTimelineTest, RecordsMoveAccountsBetweenStates) {
  std::vector<AccountEvent> events = {
      {At(0), "A/ess", "intent", "", ""},
      {At(1), "A/ess", "account-end", "done", "prepared"},
      {At(1), "B/cdn", "account-end", "failed", ""},
      {At(2), "X/ess", "account-end", "done", "cut-over"},  // not ours
      {At(5), "A/ess", "intent", "", ""},
  };
  StateTimeline t = BuildTimeline(events, {"A/ess", "B/cdn", "C/ess"},
                                  std::nullopt, Timestamp());
  EXPECT_EQ(t.accounts, 3);
  ASSERT_EQ(t.points.size(), 3u) << "one point per distinct time, ours only";
  EXPECT_EQ(Count(t.points[0], "unknown"), 1) << "an intent: under way";
  EXPECT_EQ(Count(t.points[0], "not-run"), 2);
  EXPECT_EQ(t.points[1].at, At(1));
  EXPECT_EQ(Count(t.points[1], "prepared"), 1);
  EXPECT_EQ(Count(t.points[1], "unknown"), 1) << "failed before reading";
  EXPECT_EQ(Count(t.points[1], "not-run"), 1);
  EXPECT_EQ(Count(t.points[2], "prepared"), 0);
  EXPECT_EQ(Count(t.points[2], "unknown"), 2);
  for (const TimelinePoint& p : t.points) {
    int sum = 0;
    for (int n : p.counts) sum += n;
    EXPECT_EQ(sum, 3);
  }
}

TEST(StateTimelineTest, LiveVerifySetsEveryAccountAtItsTime) {
  std::vector<AccountEvent> events = {
      {At(1), "A/ess", "account-end", "done", "prepared"}};
  std::map<std::string, std::string> live = {{"A/ess", "cut-over"},
                                             {"B/cdn", ""}};
  StateTimeline t =
      BuildTimeline(events, {"A/ess", "B/cdn", "C/ess"}, live, At(60));
  ASSERT_EQ(t.points.size(), 2u);
  EXPECT_EQ(t.points[1].at, At(60));
  EXPECT_EQ(Count(t.points[1], "cut-over"), 1);
  EXPECT_EQ(Count(t.points[1], "unknown"), 2) << "unreadable, or not checked";
  EXPECT_EQ(Count(t.points[1], "not-run"), 0);
}

TEST(StateTimelineTest, NothingRecordedNothingDrawn) {
  EXPECT_TRUE(
      BuildTimeline({}, {"A/ess"}, std::nullopt, Timestamp()).points.empty());
  StateTimeline odd = BuildTimeline(
      {{At(0), "A/ess", "account-end", "done", "prepared-stale"},
       {At(0), "B/ess", "account-end", "done", "sideways"}},
      {"A/ess", "B/ess"}, std::nullopt, Timestamp());
  EXPECT_EQ(Count(odd.points[0], "prepared-stale"), 1);
  EXPECT_EQ(Count(odd.points[0], "unknown"), 1)
      << "a state this build does not know is not dropped";
}

}  // namespace
}  // namespace renumber
