#include "src/http/pacing.h"

#include <gtest/gtest.h>

#include "src/http/fake_transport.h"

namespace renumber {
namespace {

using std::chrono::microseconds;
using std::chrono::seconds;

class PacingTest : public ::testing::Test {
 protected:
  // A write response saying `remaining` writes are left until now+reset_in.
  HttpResponse Budget(long long remaining, seconds reset_in,
                      const char* remaining_name = "Fastly-RateLimit-Remaining",
                      const char* reset_name = "Fastly-RateLimit-Reset") {
    HttpResponse r;
    r.status = 200;
    r.headers.Add(remaining_name, std::to_string(remaining));
    r.headers.Add(reset_name,
                  std::to_string((clock_.Now() + reset_in).unix_seconds()));
    return r;
  }
  FakeClock clock_;  // starts on a whole second
};

TEST_F(PacingTest, UnknownBudgetNoWait) {
  RateLimiter limiter(&clock_);
  EXPECT_EQ(limiter.NextDelay(), microseconds(0));
  EXPECT_TRUE(limiter.BeforeWrite().ok());
  limiter.Observe(HttpResponse{200, {}, ""});
  EXPECT_EQ(limiter.NextDelay(), microseconds(0));
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(PacingTest, PlentyLeftNoWait) {
  RateLimiter limiter(&clock_, /*burst_reserve=*/10);
  limiter.Observe(Budget(500, seconds(3600)));
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.BeforeWrite().ok());
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(PacingTest, SpreadsTheLastWritesOverTheWindow) {
  RateLimiter limiter(&clock_, /*burst_reserve=*/10);
  EXPECT_TRUE(
      limiter.BeforeWrite().ok());  // the write whose response tells the budget
  limiter.Observe(Budget(4, seconds(50)));
  // 50 s to the reset, 4 writes left: one every 50/(4+1) = 10 s.
  EXPECT_EQ(limiter.NextDelay(), seconds(10));
  EXPECT_TRUE(limiter.BeforeWrite().ok());
  ASSERT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_EQ(clock_.sleeps()[0], seconds(10));
}

TEST_F(PacingTest, HeaderNamesAreCaseInsensitive) {
  RateLimiter limiter(&clock_, 10);
  EXPECT_TRUE(limiter.BeforeWrite().ok());
  limiter.Observe(Budget(4, seconds(50), "fastly-ratelimit-remaining",
                         "FASTLY-RATELIMIT-RESET"));
  EXPECT_EQ(limiter.NextDelay(), seconds(10));
}

TEST_F(PacingTest, NoneLeftWaitsForResetThenBudgetUnknown) {
  RateLimiter limiter(&clock_, 10);
  limiter.Observe(Budget(0, seconds(30)));
  EXPECT_EQ(limiter.NextDelay(), seconds(30));
  EXPECT_TRUE(limiter.BeforeWrite().ok());
  EXPECT_EQ(clock_.total_slept(), seconds(30));
  // The window has reset: no wait until a response says otherwise.
  EXPECT_EQ(limiter.NextDelay(), microseconds(0));
}

TEST_F(PacingTest, CountsWritesItLetsThrough) {
  // Two writes left and no response arrives in between (e.g. concurrent
  // writers): the third must not spend a write that is already gone.
  RateLimiter limiter(&clock_, 10);
  limiter.Observe(Budget(2, seconds(30)));
  EXPECT_TRUE(
      limiter.BeforeWrite().ok());  // no previous write: goes now; 1 left
  EXPECT_TRUE(limiter.BeforeWrite()
                  .ok());  // 30 s / (1+1) after the previous one; 0 left
  EXPECT_TRUE(
      limiter.BeforeWrite().ok());  // none left: until the reset (15 s later)
  ASSERT_EQ(clock_.sleeps().size(), 2u);
  EXPECT_EQ(clock_.sleeps()[0], seconds(15));
  EXPECT_EQ(clock_.sleeps()[1], seconds(15));
}

TEST_F(PacingTest, LateResponseDoesNotGiveBackSpentWrites) {
  RateLimiter limiter(&clock_, 10);
  limiter.Observe(Budget(3, seconds(40)));
  EXPECT_TRUE(limiter.BeforeWrite().ok());
  EXPECT_TRUE(limiter.BeforeWrite().ok());
  EXPECT_TRUE(limiter.BeforeWrite().ok());  // we have spent all three
  // A response to the first write arrives late, saying 2 were left then.
  HttpResponse late;
  late.status = 200;
  late.headers.Add("Fastly-RateLimit-Remaining", "2");
  late.headers.Add(
      "Fastly-RateLimit-Reset",
      std::to_string(Timestamp::FromUnixSeconds(1796000040).unix_seconds()));
  limiter.Observe(late);
  EXPECT_GT(limiter.NextDelay(), microseconds(0));
  EXPECT_EQ(clock_.Now() + limiter.NextDelay(),
            Timestamp::FromUnixSeconds(1796000040));
}

TEST_F(PacingTest, WritesLetThroughBeforeTheBudgetWasKnownAreCounted) {
  // Two writers of one user start together: both writes go (nothing is
  // known yet). The first answer says 2 were left after it — but the other
  // write is still in flight, so only 1 is.
  RateLimiter limiter(&clock_, 10);
  ASSERT_TRUE(limiter.BeforeWrite().ok());
  ASSERT_TRUE(limiter.BeforeWrite().ok());
  limiter.Observe(Budget(2, seconds(30)));
  EXPECT_EQ(limiter.NextDelay(), seconds(15));  // 30 s / (1+1), not /(2+1)
  ASSERT_TRUE(limiter.BeforeWrite().ok());      // the last write
  // The other first write's answer arrives: 1 left when it was counted,
  // but the write just let through spends it.
  limiter.Observe(Budget(1, seconds(15)));
  EXPECT_EQ(limiter.NextDelay(), seconds(15));  // none left: to the reset
  EXPECT_TRUE(limiter.BeforeWrite().ok());
  EXPECT_EQ(clock_.total_slept(), seconds(30));  // 15 s paced + 15 s reset
}

TEST_F(PacingTest, AFailedSendIsNoLongerInFlight) {
  RateLimiter limiter(&clock_, 10);
  ASSERT_TRUE(limiter.BeforeWrite().ok());
  limiter.WriteFailed();
  ASSERT_TRUE(limiter.BeforeWrite().ok());
  limiter.Observe(Budget(4, seconds(50)));
  EXPECT_EQ(limiter.NextDelay(), seconds(10));  // 50 / (4+1): 4 left
}

TEST_F(PacingTest, NewWindowTakesTheServersCount) {
  RateLimiter limiter(&clock_, 10);
  limiter.Observe(Budget(1, seconds(10)));
  clock_.Advance(seconds(11));  // window over
  limiter.Observe(Budget(900, seconds(3600)));
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(limiter.BeforeWrite().ok());
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(PacingTest, TooManyRequestsWithoutHeadersWaitsRetryAfter) {
  RateLimiter limiter(&clock_, 10);
  limiter.Observe(HttpResponse{429, {{"Retry-After", "20"}}, ""});
  EXPECT_EQ(limiter.NextDelay(), seconds(20));
}

TEST_F(PacingTest, TransportPacesWritesNotReads) {
  FakeTransport fake;
  RateLimiter limiter(&clock_, 10);
  const std::string reset =
      std::to_string((clock_.Now() + seconds(60)).unix_seconds());
  fake.SetHandler([&](const HttpRequest& r) -> Result<HttpResponse> {
    HttpResponse resp{200, {}, ""};
    if (r.method != "GET") {  // like the CDN: writes carry the budget
      resp.headers.Add("Fastly-RateLimit-Remaining", "2");
      resp.headers.Add("Fastly-RateLimit-Reset", reset);
    }
    return resp;
  });
  auto paced = NewPacingTransport(&fake, &limiter);
  HttpRequest post;
  post.method = "POST";
  post.url = "https://api.example/service";
  HttpRequest get = post;
  get.method = "GET";
  ASSERT_TRUE(paced->Send(post).ok());  // learns: 2 left, reset in 60 s
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(paced->Send(get).ok());
  EXPECT_TRUE(clock_.sleeps().empty());  // reads are never paced
  ASSERT_TRUE(paced->Send(post).ok());
  ASSERT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_EQ(clock_.sleeps()[0], seconds(20));  // 60 s / (2+1)
  EXPECT_EQ(fake.request_count(), 5u);
}

TEST(RateLimiterRegistryTest, OneLimiterPerKey) {
  FakeClock clock;
  RateLimiterRegistry registry(&clock);
  RateLimiter* a = registry.For("https://api/#token-a");
  EXPECT_EQ(registry.For("https://api/#token-a"), a);
  EXPECT_NE(registry.For("https://api/#token-b"), a);
}

TEST_F(PacingTest, AWaitLongerThanTheRunWillsIsAPauseNotASleep) {
  RateLimiter limiter(&clock_, 10, std::chrono::minutes(2));
  const Timestamp reset = clock_.Now() + std::chrono::minutes(50);
  HttpResponse r{200, {}, ""};
  r.headers.Add("Fastly-RateLimit-Remaining", "0");
  r.headers.Add("Fastly-RateLimit-Reset", std::to_string(reset.unix_seconds()));
  limiter.Observe(r);
  Status s = limiter.BeforeWrite();
  ASSERT_EQ(s.code(), Code::kRateLimited);
  EXPECT_TRUE(clock_.sleeps().empty());  // nothing slept
  EXPECT_NE(s.message().find("paused until " + LocalHourMinute(reset)),
            std::string::npos)
      << s.message();
  auto until = PausedUntil(s.Annotate("C-10001/cdn: PUT /x"));
  ASSERT_TRUE(until.has_value());
  EXPECT_EQ(until->unix_seconds(), reset.unix_seconds());
  EXPECT_FALSE(PausedUntil(Status::RateLimited("429 Too many")).has_value());
  // A wait within the bound is slept as before.
  clock_.Set(reset - std::chrono::seconds(30));
  EXPECT_TRUE(limiter.BeforeWrite().ok());
  EXPECT_EQ(clock_.sleeps().size(), 1u);
}

TEST_F(PacingTest, APacedSlotTooFarAwayPausesUntilTheBudgetResets) {
  // 1 write left for 100 min: the paced slot is 50 min away; the account
  // pauses until the reset (the whole budget back), not until the slot.
  RateLimiter limiter(&clock_, 10, std::chrono::minutes(5));
  const Timestamp reset = clock_.Now() + std::chrono::minutes(100);
  HttpResponse r{200, {}, ""};
  r.headers.Add("Fastly-RateLimit-Remaining", "1");
  r.headers.Add("Fastly-RateLimit-Reset", std::to_string(reset.unix_seconds()));
  ASSERT_TRUE(limiter.BeforeWrite().ok());  // the first write is not paced
  limiter.Observe(r);
  Status s = limiter.BeforeWrite();
  ASSERT_EQ(s.code(), Code::kRateLimited) << s.ToString();
  auto until = PausedUntil(s);
  ASSERT_TRUE(until.has_value());
  EXPECT_EQ(until->unix_seconds(), reset.unix_seconds());
  EXPECT_NE(s.message().find("(100 min,"), std::string::npos) << s.message();
}

TEST_F(PacingTest, ASlotCanMoveATransportToAnotherBudget) {
  FakeTransport fake;
  fake.SetHandler([&](const HttpRequest&) -> Result<HttpResponse> {
    HttpResponse resp{200, {}, ""};
    resp.headers.Add("Fastly-RateLimit-Remaining", "0");
    resp.headers.Add(
        "Fastly-RateLimit-Reset",
        std::to_string((clock_.Now() + seconds(60)).unix_seconds()));
    return resp;
  });
  RateLimiter mine(&clock_, 10), shared(&clock_, 10);
  RateLimiterSlot slot(&mine);
  auto paced = NewPacingTransport(&fake, &slot);
  HttpRequest post;
  post.method = "POST";
  post.url = "https://api.example/service";
  ASSERT_TRUE(paced->Send(post).ok());  // `mine` learns: none left
  slot.set(&shared);                    // the user's shared budget
  ASSERT_TRUE(paced->Send(post).ok());  // `shared` knew nothing: no wait
  EXPECT_TRUE(clock_.sleeps().empty());
  EXPECT_EQ(shared.NextDelay(), seconds(60));  // and learnt from the answer
}

// A token that joins its user's budget once its own answers show the count
// low brings what it learnt: the shared budget, which had not heard of this
// window, must not let a write through that the vendor would refuse.
TEST_F(PacingTest, AJoiningTokenBringsWhatItsAnswersToldOfTheWindow) {
  RateLimiter mine(&clock_, 10), shared(&clock_, 10);
  ASSERT_TRUE(mine.BeforeWrite().ok());
  mine.Observe(Budget(0, seconds(60)));  // none left until the reset
  shared.Absorb(mine);
  EXPECT_EQ(shared.NextDelay(), seconds(60));
  // `mine` is left as it was.
  EXPECT_EQ(mine.NextDelay(), seconds(60));
}

TEST_F(PacingTest, AbsorbInOneWindowKeepsTheLowerCountLessTheOthersInFlight) {
  // `shared` let a write through before it knew the budget; `mine`'s
  // answer may not count it.
  RateLimiter mine(&clock_, 10), shared(&clock_, 10);
  ASSERT_TRUE(shared.BeforeWrite().ok());
  ASSERT_TRUE(mine.BeforeWrite().ok());
  mine.Observe(Budget(3, seconds(50)));
  shared.Absorb(mine);
  // 3 - 1 in flight = 2 left: one write every 50 / (2 + 1) s since the last.
  EXPECT_EQ(shared.NextDelay(), microseconds(seconds(50)) / 3);
  // Two counts of one window: the lower wins, whichever absorbs.
  RateLimiter high(&clock_, 10), low(&clock_, 10);
  ASSERT_TRUE(high.BeforeWrite().ok());
  high.Observe(Budget(30, seconds(50)));
  ASSERT_TRUE(low.BeforeWrite().ok());
  low.Observe(Budget(4, seconds(50)));
  high.Absorb(low);
  EXPECT_EQ(high.NextDelay(), seconds(10));  // 50 / (4 + 1)
  low.Absorb(high);
  EXPECT_EQ(low.NextDelay(), seconds(10));
  // An older window of the other changes nothing.
  RateLimiter stale(&clock_, 10);
  ASSERT_TRUE(stale.BeforeWrite().ok());
  stale.Observe(Budget(0, seconds(10)));
  RateLimiter later(&clock_, 10);
  ASSERT_TRUE(later.BeforeWrite().ok());
  later.Observe(Budget(40, seconds(30)));
  later.Absorb(stale);  // stale's window resets first: theirs is older
  EXPECT_EQ(later.NextDelay(), microseconds(0));
  // Nothing known by the other: nothing changes.
  RateLimiter blank(&clock_, 10);
  later.Absorb(blank);
  EXPECT_EQ(later.NextDelay(), microseconds(0));
}

}  // namespace
}  // namespace renumber
