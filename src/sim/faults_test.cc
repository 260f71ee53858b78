#include "src/sim/faults.h"

#include <gtest/gtest.h>

#include <vector>

namespace renumber {
namespace {

TEST(FaultConfigJsonTest, RoundTripKeepsEveryField) {
  FaultConfig c;
  c.latency_ms = 5;
  c.jitter_ms = 7;
  c.drop = {0.25, 2, "POST /v1", true};
  c.error = {0.5, 1, "", false};
  c.error_status = 502;
  c.customer_change.next = 3;
  c.lost_response.rate = 1;
  c.slow = {0, 4, "GET", false};
  c.slow_ms = 900;
  c.malformed.match = "/check";
  c.seed = 42;
  auto back = FaultConfigFromJson(FaultConfigToJson(c));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(FaultConfigToJson(*back), FaultConfigToJson(c));
  EXPECT_EQ(back->drop.match, "POST /v1");
  EXPECT_TRUE(back->drop.writes_only);
  EXPECT_EQ(back->error_status, 502);
  EXPECT_EQ(back->seed, 42u);
}

TEST(FaultConfigJsonTest, MissingKeysTakeDefaults) {
  auto c = FaultConfigFromJson(nlohmann::json::parse(R"({"drop":{"next":1}})"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->drop.next, 1);
  EXPECT_EQ(c->error_status, 503);
  EXPECT_EQ(c->seed, 1u);
}

TEST(FaultConfigJsonTest, RejectsBadInput) {
  for (const char* text : {
           R"([])",
           R"({"dorp": {}})",
           R"({"drop": {"rate": 2}})",
           R"({"drop": {"rate": "0.5"}})",
           R"({"drop": {"next": -1}})",
           R"({"drop": {"nxt": 1}})",
           R"({"drop": 1})",
           R"({"error_status": 404})",
           R"({"latency_ms": -5})",
           R"({"seed": -1})",
           R"({"slow": {"writes_only": "yes"}})",
       }) {
    auto c = FaultConfigFromJson(nlohmann::json::parse(text));
    EXPECT_FALSE(c.ok()) << text;
    if (!c.ok()) {
      EXPECT_EQ(c.status().code(), Code::kInvalidArgument);
    }
  }
}

TEST(FaultInjectorTest, NextFiresExactlyNTimesAndCountsDown) {
  FaultConfig c;
  c.error.next = 2;
  FaultInjector f(c);
  EXPECT_TRUE(f.Fires(FaultKind::kError, "GET", "GET /a"));
  EXPECT_EQ(f.config().error.next, 1);
  EXPECT_TRUE(f.Fires(FaultKind::kError, "GET", "GET /a"));
  EXPECT_FALSE(f.Fires(FaultKind::kError, "GET", "GET /a"));
  EXPECT_FALSE(f.Fires(FaultKind::kDrop, "GET", "GET /a"));
}

TEST(FaultInjectorTest, MatchAndWritesOnlyFilterWithoutConsuming) {
  FaultConfig c;
  c.drop = {0, 1, "POST /v1/inbound-routes", false};
  c.slow = {0, 1, "", true};
  FaultInjector f(c);
  EXPECT_FALSE(f.Fires(FaultKind::kDrop, "GET", "GET /v1/inbound-routes"));
  EXPECT_FALSE(f.Fires(FaultKind::kDrop, "POST", "POST /v1/outbound-servers"));
  EXPECT_TRUE(
      f.Fires(FaultKind::kDrop, "POST", "POST /v1/inbound-routes/r-1/delete"));
  EXPECT_FALSE(f.Fires(FaultKind::kSlow, "GET", "GET /x"));
  EXPECT_TRUE(f.Fires(FaultKind::kSlow, "PUT", "PUT /x"));
}

TEST(FaultInjectorTest, CustomerChangeAndLostResponseAreWritesOnly) {
  FaultConfig c;
  c.customer_change.next = 1;
  c.lost_response.next = 1;
  FaultInjector f(c);
  EXPECT_FALSE(f.Fires(FaultKind::kCustomerChange, "GET", "GET /x"));
  EXPECT_FALSE(f.Fires(FaultKind::kLostResponse, "HEAD", "HEAD /x"));
  EXPECT_TRUE(f.Fires(FaultKind::kCustomerChange, "POST", "POST /x"));
  EXPECT_TRUE(f.Fires(FaultKind::kLostResponse, "DELETE", "DELETE /x"));
}

std::vector<bool> Pattern(FaultInjector& f, int n) {
  std::vector<bool> out;
  for (int i = 0; i < n; ++i)
    out.push_back(f.Fires(FaultKind::kMalformed, "GET", "GET /x"));
  return out;
}

TEST(FaultInjectorTest, RateIsSeededAndRepeatable) {
  FaultConfig c;
  c.malformed.rate = 0.3;
  c.seed = 99;
  FaultInjector f(c);
  auto first = Pattern(f, 400);
  int fired = 0;
  for (bool b : first) fired += b;
  EXPECT_GT(fired, 80);
  EXPECT_LT(fired, 160);
  f.Set(c);  // reseeds
  EXPECT_EQ(Pattern(f, 400), first);
  c.seed = 100;
  f.Set(c);
  EXPECT_NE(Pattern(f, 400), first);
}

TEST(FaultInjectorTest, RateZeroAndOne) {
  FaultConfig c;
  c.drop.rate = 1;
  FaultInjector f(c);
  for (int i = 0; i < 20; ++i)
    EXPECT_TRUE(f.Fires(FaultKind::kDrop, "GET", "GET /"));
  for (int i = 0; i < 20; ++i)
    EXPECT_FALSE(f.Fires(FaultKind::kError, "GET", "GET /"));
}

TEST(FaultInjectorTest, LatencyWithJitterStaysInRange) {
  FaultConfig c;
  c.latency_ms = 10;
  c.jitter_ms = 5;
  FaultInjector f(c);
  bool saw_low = false, saw_high = false;
  for (int i = 0; i < 200; ++i) {
    auto ms = f.Latency().count();
    EXPECT_GE(ms, 10);
    EXPECT_LE(ms, 15);
    saw_low = saw_low || ms == 10;
    saw_high = saw_high || ms == 15;
  }
  EXPECT_TRUE(saw_low && saw_high);
}

}  // namespace
}  // namespace renumber
