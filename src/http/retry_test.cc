#include "src/http/retry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "src/http/fake_transport.h"

namespace renumber {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::seconds;
using ::testing::HasSubstr;

HttpRequest Req(const std::string& method) {
  HttpRequest r;
  r.method = method;
  r.url = "https://api.example/v1/thing";
  return r;
}

class RetryTest : public ::testing::Test {
 protected:
  std::unique_ptr<HttpTransport> Retrying(RetryPolicy policy = {}) {
    return NewRetryingTransport(&fake_, &clock_, &random_, policy);
  }
  FakeTransport fake_;
  FakeClock clock_;
  FakeRandom random_{42};
};

TEST_F(RetryTest, GetRetriedOn5xxUntilSuccess) {
  fake_.PushResponse(503);
  fake_.PushResponse(502);
  fake_.PushResponse(200, "ok");
  auto r = Retrying()->Send(Req("GET"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "ok");
  EXPECT_EQ(fake_.request_count(), 3u);
  ASSERT_EQ(clock_.sleeps().size(), 2u);
  EXPECT_LE(clock_.sleeps()[0], milliseconds(200));  // full jitter, 1st cap
  EXPECT_LE(clock_.sleeps()[1], milliseconds(400));  // doubled
}

TEST_F(RetryTest, PutAndDeleteRetriedOnTransportErrors) {
  for (const char* m : {"PUT", "DELETE"}) {
    fake_.Push(Status::Timeout("t"));
    fake_.Push(Status::Unavailable("reset"));
    fake_.PushResponse(204);
    auto r = Retrying()->Send(Req(m));
    ASSERT_TRUE(r.ok()) << m;
    EXPECT_EQ(r->status, 204);
  }
  EXPECT_EQ(fake_.request_count(), 6u);
}

TEST_F(RetryTest, BackoffIsJitteredAndCapped) {
  RetryPolicy p;
  p.max_attempts = 12;
  p.initial_backoff = milliseconds(100);
  p.max_backoff = milliseconds(1000);
  p.total_budget = seconds(3600);
  fake_.SetHandler([](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{500, {}, ""};
  });
  auto r = Retrying(p)->Send(Req("GET"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 500);  // the last answer, as it was
  EXPECT_EQ(fake_.request_count(), 12u);
  auto sleeps = clock_.sleeps();
  ASSERT_EQ(sleeps.size(), 11u);
  std::set<long long> distinct;
  for (size_t i = 0; i < sleeps.size(); ++i) {
    microseconds cap = std::min<microseconds>(
        milliseconds(100 << std::min<size_t>(i, 10)), milliseconds(1000));
    EXPECT_GE(sleeps[i].count(), 0);
    EXPECT_LE(sleeps[i], cap) << "retry " << i;
    distinct.insert(sleeps[i].count());
  }
  EXPECT_GT(distinct.size(), 5u);  // jittered, not a fixed schedule
}

TEST_F(RetryTest, TotalBudgetBoundsRetries) {
  RetryPolicy p;
  p.max_attempts = 1000;
  p.initial_backoff = milliseconds(500);
  p.max_backoff = milliseconds(500);
  p.total_budget = seconds(5);
  fake_.SetHandler([](const HttpRequest&) -> Result<HttpResponse> {
    return Status::Unavailable("connection refused");
  });
  auto r = Retrying(p)->Send(Req("GET"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_THAT(r.status().message(), HasSubstr("gave up after"));
  EXPECT_THAT(r.status().message(), HasSubstr("connection refused"));
  EXPECT_LE(clock_.total_slept(), seconds(5));
  EXPECT_GT(fake_.request_count(), 10u);    // ~250 ms average per retry
  EXPECT_LT(fake_.request_count(), 1000u);  // stopped by time, not attempts
}

TEST_F(RetryTest, PostNeverRetriedOn5xxOrTransportError) {
  fake_.PushResponse(500, "boom");
  auto r = Retrying()->Send(Req("POST"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 500);
  fake_.Push(Status::Timeout("no answer"));
  auto t = Retrying()->Send(Req("POST"));
  EXPECT_EQ(t.status().code(), Code::kTimeout);
  fake_.Push(Status::Unavailable("reset"));
  EXPECT_EQ(Retrying()->Send(Req("PATCH")).status().code(), Code::kUnavailable);
  EXPECT_EQ(fake_.request_count(), 3u);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(RetryTest, RetryModeNeverMakesAPutBehaveLikeAPost) {
  HttpRequest clone = Req("PUT");
  clone.retry_mode = RetryMode::kNever;
  fake_.PushResponse(503);
  EXPECT_EQ(Retrying()->Send(clone)->status, 503);
  fake_.Push(Status::Timeout("lost answer"));
  EXPECT_EQ(Retrying()->Send(clone).status().code(), Code::kTimeout);
  EXPECT_EQ(fake_.request_count(), 2u);
  EXPECT_TRUE(clock_.sleeps().empty());
  // A 429 was not applied: still retried.
  fake_.PushResponse(429, "", {{"Retry-After", "2"}});
  fake_.PushResponse(200);
  EXPECT_EQ(Retrying()->Send(clone)->status, 200);
  EXPECT_EQ(fake_.request_count(), 4u);
  EXPECT_EQ(clock_.total_slept(), seconds(2));
}

TEST_F(RetryTest, ForbiddenAndInvalidArgumentNeverRetried) {
  fake_.Push(Status::Forbidden("certificate verify failed"));
  EXPECT_EQ(Retrying()->Send(Req("GET")).status().code(), Code::kForbidden);
  fake_.Push(Status::InvalidArgument("plain http"));
  EXPECT_EQ(Retrying()->Send(Req("GET")).status().code(),
            Code::kInvalidArgument);
  EXPECT_EQ(fake_.request_count(), 2u);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(RetryTest, ClientErrorsReturnedAsIs) {
  for (int status : {400, 401, 404, 409, 412}) fake_.PushResponse(status);
  for (int status : {400, 401, 404, 409, 412})
    EXPECT_EQ(Retrying()->Send(Req("GET"))->status, status);
  EXPECT_EQ(fake_.request_count(), 5u);
}

TEST_F(RetryTest, TooManyRequestsWaitsRetryAfterSecondsEvenForPost) {
  fake_.PushResponse(429, "", {{"retry-after", "7"}});
  fake_.PushResponse(201, "created");
  auto r = Retrying()->Send(Req("POST"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(clock_.sleeps(), std::vector<microseconds>{seconds(7)});
}

TEST_F(RetryTest, TooManyRequestsWaitsUntilHttpDate) {
  Timestamp at = clock_.Now() + seconds(42);
  fake_.PushResponse(429, "", {{"Retry-After", at.ToHttpDate()}});
  fake_.PushResponse(200);
  ASSERT_EQ(Retrying()->Send(Req("GET"))->status, 200);
  EXPECT_EQ(clock_.sleeps(), std::vector<microseconds>{seconds(42)});
}

TEST_F(RetryTest, TooManyRequestsWithoutRetryAfterBacksOff) {
  fake_.PushResponse(429);
  fake_.PushResponse(200);
  ASSERT_EQ(Retrying()->Send(Req("POST"))->status, 200);
  ASSERT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_LE(clock_.sleeps()[0], milliseconds(200));
}

TEST_F(RetryTest, RetryAfterLongerThanLimitIsRateLimited) {
  RetryPolicy p;
  p.max_retry_after = seconds(60);
  fake_.PushResponse(429, "", {{"Retry-After", "3600"}});
  auto r = Retrying(p)->Send(Req("POST"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kRateLimited);
  EXPECT_THAT(r.status().message(), HasSubstr("3600 s"));
  EXPECT_THAT(r.status().message(), HasSubstr("api.example/v1/thing"));
  EXPECT_EQ(fake_.request_count(), 1u);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(RetryTest, ServiceUnavailableHonoursRetryAfter) {
  fake_.PushResponse(503, "", {{"Retry-After", "3"}});
  fake_.PushResponse(200);
  ASSERT_EQ(Retrying()->Send(Req("GET"))->status, 200);
  ASSERT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_GE(clock_.sleeps()[0], seconds(3));
}

TEST_F(RetryTest, AttemptsExhaustedOnTooManyRequestsReturnsTheResponse) {
  RetryPolicy p;
  p.max_attempts = 3;
  fake_.SetHandler([](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{429, {{"Retry-After", "1"}}, ""};
  });
  auto r = Retrying(p)->Send(Req("GET"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(fake_.request_count(), 3u);
  EXPECT_EQ(clock_.total_slept(), seconds(2));
}

TEST_F(RetryTest, ErrorOnSingleAttemptNotAnnotated) {
  RetryPolicy p;
  p.max_attempts = 1;
  fake_.Push(Status::Timeout("GET x: no answer"));
  auto r = Retrying(p)->Send(Req("GET"));
  EXPECT_EQ(r.status().message(), "GET x: no answer");
}

TEST(ParseRetryAfterTest, SecondsDatesAndGarbage) {
  Timestamp now = Timestamp::FromUnixSeconds(1796000000);
  EXPECT_EQ(*ParseRetryAfter("120", now), seconds(120));
  EXPECT_EQ(*ParseRetryAfter(" 5 ", now), seconds(5));
  EXPECT_EQ(*ParseRetryAfter("0", now), seconds(0));
  EXPECT_EQ(*ParseRetryAfter((now + seconds(90)).ToHttpDate(), now),
            seconds(90));
  EXPECT_EQ(*ParseRetryAfter((now - seconds(90)).ToHttpDate(), now),
            seconds(0));
  EXPECT_GT(*ParseRetryAfter("99999999999999999999999", now), seconds(1000000));
  for (const char* bad : {"", "soon", "-5", "1.5", "Fri, 31 Foo 1999"})
    EXPECT_EQ(ParseRetryAfter(bad, now).status().code(), Code::kInvalidArgument)
        << bad;
}

}  // namespace
}  // namespace renumber
