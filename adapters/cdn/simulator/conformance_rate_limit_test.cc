// Conformance (cdn.md "Rate limit"): headers on every non-GET response,
// counting down per user (every token of one user shares one budget), 429
// past the limit with or without Retry-After, the window reset
// (FakeClock), and the run-time settings.
#include "adapters/cdn/simulator/conformance_fixture.h"
#include "adapters/cdn/simulator/seed.h"

namespace renumber::cdnsim::testing {
namespace {

using nlohmann::json;

class CdnRateLimitTest : public CdnConformanceTest {
 protected:
  void SetUp() override {
    CdnConformanceTest::SetUp();
    sid_ = ServiceId("C-10003");
    clone_ = "/service/" + sid_ + "/version/2/clone";
    // The fake clock starts at 1796000000 = 498888 * 3600 + 3200.
    window_end_ = 1796000000 - 1796000000 % 60 + 60;
  }
  static int Remaining(const HttpResponse& r) {
    auto v = r.headers.Get("Fastly-RateLimit-Remaining");
    EXPECT_TRUE(v.has_value()) << r.status << " " << r.body;
    return v ? std::stoi(*v) : -1;
  }
  static int64_t Reset(const HttpResponse& r) {
    auto v = r.headers.Get("Fastly-RateLimit-Reset");
    EXPECT_TRUE(v.has_value()) << r.status << " " << r.body;
    return v ? std::stoll(*v) : -1;
  }
  std::string sid_, clone_;
  int64_t window_end_ = 0;
};

TEST_F(CdnRateLimitTest, DefaultIs1000AnHourWithHeadersOnEveryWrite) {
  EXPECT_EQ(api_->Settings()["rate_limit"],
            json({{"size", 1000}, {"window_s", 3600}, {"retry_after", false}}));
  HttpResponse r = Put(clone_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Remaining(r), 999);
  EXPECT_EQ(Reset(r), 1796000000 - 1796000000 % 3600 + 3600);
  // Errors count too, and carry the headers.
  HttpResponse bad = Put("/service/" + sid_ + "/version/99/clone");
  EXPECT_EQ(bad.status, 404);
  EXPECT_EQ(Remaining(bad), 998);
  HttpResponse nowhere = Send("POST", "/nowhere", TokenOf("C-10003"));
  EXPECT_EQ(nowhere.status, 404);
  EXPECT_EQ(Remaining(nowhere), 997);
  // GETs are neither limited nor counted.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Get("/service").status, 200);
  EXPECT_EQ(Remaining(Put(clone_)), 996);
}

TEST_F(CdnRateLimitTest, SmallWindowCountsDownThen429) {
  ASSERT_TRUE(
      api_->Configure({{"rate_limit", {{"size", 3}, {"window_s", 60}}}}).ok());
  EXPECT_EQ(api_->Settings()["rate_limit"],
            json({{"size", 3}, {"window_s", 60}, {"retry_after", false}}));
  for (int expected = 2; expected >= 0; --expected) {
    HttpResponse r = Put(clone_);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Remaining(r), expected);
    EXPECT_EQ(Reset(r), window_end_);
  }
  HttpResponse over = Put(clone_);
  std::string detail = ExpectError(over, 429, "Too many requests");
  EXPECT_NE(detail.find(std::to_string(window_end_)), std::string::npos);
  EXPECT_EQ(Remaining(over), 0);
  EXPECT_EQ(Reset(over), window_end_);
  // By default a 429 has no Retry-After: the client reads the reset time.
  EXPECT_FALSE(over.headers.Get("Retry-After").has_value());
  EXPECT_FALSE(last_call().committed);
  EXPECT_EQ(last_call().endpoint, "PUT /service/{sid}/version/{v}/clone");
  // Nothing past the limit was done: versions 3, 4, 5 only.
  EXPECT_EQ(Json(Get("/service/" + sid_ + "/version")).size(), 5u);
  // Still limited a second before the reset; GETs still work.
  clock_.Set(Timestamp::FromUnixSeconds(window_end_ - 1));
  EXPECT_EQ(Put(clone_).status, 429);
  EXPECT_EQ(Get("/service").status, 200);
  // At the reset instant a fresh window starts.
  clock_.Set(Timestamp::FromUnixSeconds(window_end_));
  HttpResponse fresh = Put(clone_);
  EXPECT_EQ(fresh.status, 200);
  EXPECT_EQ(Remaining(fresh), 2);
  EXPECT_EQ(Reset(fresh), window_end_ + 60);
}

TEST_F(CdnRateLimitTest, EachUserHasOneWindowForAllItsTokens) {
  ASSERT_TRUE(api_->Configure({{"rate_limit", {{"size", 3}}}}).ok());
  EXPECT_EQ(api_->Settings()["rate_limit"]["window_s"], 3600);
  EXPECT_EQ(Remaining(Put(clone_)), 2);
  // The read-only token of the same user spends the same budget (its 403
  // counts like any answered request).
  std::string ro = ReadOnlyTokenFor(TokenOf("C-10003"));
  HttpResponse f = Put(clone_, "", ro);
  EXPECT_EQ(f.status, 403);
  EXPECT_EQ(Remaining(f), 1);
  EXPECT_EQ(Remaining(Put(clone_)), 0);
  EXPECT_EQ(Put(clone_).status, 429);
  EXPECT_EQ(Put(clone_, "", ro).status, 429);
  // Another user is not affected.
  std::string other = VersionPath("C-10002", 1) + "/clone";
  HttpResponse r = Put(other, "", TokenOf("C-10002"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Remaining(r), 2);
}

TEST_F(CdnRateLimitTest, TwoWriteTokensOfOneUserShareTheBudget) {
  // An agency: C-10002's token belongs to C-10003's user.
  json state = api_->SaveState();
  std::string user;
  for (const json& a : state["accounts"])
    if (a["id"] == "C-10003") user = a["tokens"][0]["user_id"];
  for (json& a : state["accounts"])
    if (a["id"] == "C-10002") a["tokens"][0]["user_id"] = user;
  ASSERT_TRUE(api_->LoadState(state).ok());
  ASSERT_TRUE(api_->Configure({{"rate_limit", {{"size", 2}}}}).ok());
  EXPECT_EQ(Json(Get("/tokens/self", TokenOf("C-10002")))["user_id"], user);
  EXPECT_EQ(Remaining(Put(clone_)), 1);
  HttpResponse r =
      Put(VersionPath("C-10002", 1) + "/clone", "", TokenOf("C-10002"));
  EXPECT_EQ(Remaining(r), 0);
  EXPECT_EQ(Put(clone_).status, 429);
}

TEST_F(CdnRateLimitTest, RetryAfterIsASetting) {
  ASSERT_TRUE(
      api_->Configure(
              {{"rate_limit",
                {{"size", 1}, {"window_s", 60}, {"retry_after", true}}}})
          .ok());
  EXPECT_EQ(Put(clone_).status, 200);
  HttpResponse over = Put(clone_);
  EXPECT_EQ(over.status, 429);
  EXPECT_EQ(over.headers.GetOr("Retry-After", ""),
            std::to_string(window_end_ - 1796000000));
}

TEST_F(CdnRateLimitTest, BadSettingsAreRefusedAndChangeNothing) {
  for (const json& bad : {json({{"ratelimit", {{"size", 3}}}}),
                          json({{"rate_limit", {{"size", 0}}}}),
                          json({{"rate_limit", {{"window_s", -1}}}}),
                          json({{"rate_limit", {{"size", "3"}}}}),
                          json({{"rate_limit", {{"size", 3}, {"burst", 1}}}}),
                          json({{"rate_limit", {{"retry_after", 1}}}}),
                          json({{"max_per_page", 0}}),
                          json({{"rate_limit", 5}}), json::array()}) {
    EXPECT_EQ(api_->Configure(bad).code(), Code::kInvalidArgument)
        << bad.dump();
  }
  EXPECT_EQ(api_->Settings()["rate_limit"],
            json({{"size", 1000}, {"window_s", 3600}, {"retry_after", false}}));
  EXPECT_EQ(api_->Settings()["max_per_page"], 50);
}

}  // namespace
}  // namespace renumber::cdnsim::testing
