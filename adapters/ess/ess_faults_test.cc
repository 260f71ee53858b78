// The ESS adapter under injected faults (in-memory vendor): 412 races,
// answers lost after commit, 5xx, dropped connections, timeouts, malformed
// JSON and rate limiting. Each test checks the end state and the number of
// writes the vendor saw, and that nothing was duplicated.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/ess/ess_test_world.h"
#include "adapters/testing/expect_error.h"

namespace renumber {
namespace ess_test {
namespace {

using ::testing::HasSubstr;

using nlohmann::json;
using F = FakeFault;

class EssFaultsTest : public EssWorld {
 protected:
  void SetUp() override { SeedTypical(); }
  Result<RunResult> Prepare() {
    return RunPhase(NewAdapter().get(), Phase::kPrepare, ctx_);
  }
  Result<RunResult> Cutover() {
    return RunPhase(NewAdapter().get(), Phase::kCutover, ctx_);
  }
  int Count(const std::string& call) {
    int n = 0;
    for (const std::string& c : vendor_.calls()) n += c == call;
    return n;
  }
};

TEST_F(EssFaultsTest, RaceWith412ReReadsAndRetries) {
  vendor_.AddFault({F::kCustomerChange, "POST /v1/inbound-routes", 1});
  vendor_.AddFault({F::kCustomerChange, "POST /v1/outbound-servers", 2});
  auto prep = Prepare();
  ASSERT_TRUE(prep.ok()) << prep.status().ToString();
  EXPECT_EQ(vendor_.committed(), 4);  // add + move, add, outbound
  // 4 refused with 412, 4 committed: the customer's change also made the
  // kept answer of another collection stale, which costs its POST one 412
  // (then a fresh read) instead of a read before it (issue 15).
  EXPECT_EQ(prep->writes, 8);
  EXPECT_EQ(StateNow(), AccountState::kPrepared);
  ExpectSane();
}

TEST_F(EssFaultsTest, EndlessRaceGivesUpWithNothingDuplicated) {
  vendor_.AddFault({F::kCustomerChange, "POST /v1/domains/a.example.jp", 99});
  auto prep = Prepare();
  ASSERT_FALSE(prep.ok());
  // A race that never ends is a conflict ("run again"), not a safety
  // refusal (kPreconditionFailed, exit 4).
  renumber::testing::ExpectNamedError(
      prep.status(), Code::kConflict,
      "C-10001/ess: POST /v1/domains/a.example.jp/inbound-routes: 412 "
      "OPTIMISTIC_LOCK");
  EXPECT_NE(prep.status().message().find("keeps changing"), std::string::npos);
  EXPECT_EQ(Count("POST /v1/domains/a.example.jp/inbound-routes"), 6);
  EXPECT_EQ(StateNow(), AccountState::kPartial);
  ExpectSane();
}

TEST_F(EssFaultsTest, LostResponseAfterCommitIsReadBackNotRepeated) {
  vendor_.AddFault({F::kLostResponse, "POST /v1/inbound-routes", 1});
  vendor_.AddFault({F::kTimeoutAfter, "POST /v1/outbound-servers", 1});
  vendor_.AddFault({F::kMalformed, "POST /v1/domains/", 1});
  auto prep = Prepare();
  ASSERT_TRUE(prep.ok()) << prep.status().ToString();
  EXPECT_EQ(prep->writes, 4);
  EXPECT_EQ(vendor_.committed(), 4);
  for (const json& r : prep->records) {
    if (r["change"]["kind"] == "place-route") {
      EXPECT_EQ(r["outcome"]["moved"], true) << r.dump();
    } else {
      EXPECT_EQ(r["outcome"]["created"], true) << r.dump();
    }
  }
  EXPECT_EQ(StateNow(), AccountState::kPrepared);
  ExpectSane();
}

TEST_F(EssFaultsTest, FaultsDuringCutoverAreReadBack) {
  ASSERT_TRUE(Prepare().ok());
  vendor_.AddFault({F::kTimeoutAfter, "/promote", 1});
  vendor_.AddFault({F::kLostResponse, "/delete", 2});
  vendor_.AddFault({F::kLostResponse, "/check", 1});
  auto cut = Cutover();
  ASSERT_TRUE(cut.ok()) << cut.status().ToString();
  EXPECT_EQ(StateNow(), AccountState::kCutOver);
  EXPECT_EQ(vendor_.deletions().size(), 3u);
  ExpectSane();
}

TEST_F(EssFaultsTest, UncommittedFailuresAreSentAgain) {
  vendor_.AddFault({F::kError503, "POST /v1/inbound-routes", 2});
  vendor_.AddFault({F::kDrop, "POST /v1/outbound-servers", 1});
  auto prep = Prepare();
  ASSERT_TRUE(prep.ok()) << prep.status().ToString();
  EXPECT_EQ(prep->writes, 7);  // 3 not handled, 4 committed
  EXPECT_EQ(vendor_.committed(), 4);
  EXPECT_EQ(StateNow(), AccountState::kPrepared);
}

TEST_F(EssFaultsTest, PersistentFailureIsReportedWithItsUncertainty) {
  vendor_.AddFault({F::kError503, "POST /v1/inbound-routes", 99});
  auto prep = Prepare();
  ASSERT_FALSE(prep.ok());
  EXPECT_EQ(prep.status().code(), Code::kUnavailable);
  EXPECT_THAT(prep.status().message(),
              HasSubstr("C-10001/ess: POST /v1/inbound-routes: 503"));
  // The shared words (adapters/read_back.h NotAppliedError).
  EXPECT_THAT(prep.status().message(),
              HasSubstr("read back: not applied; 3 writes without an answer"));
  EXPECT_EQ(Count("POST /v1/inbound-routes"), 3);
  EXPECT_EQ(vendor_.committed(), 0);
}

TEST_F(EssFaultsTest, MalformedReadIsAClearErrorAndNothingIsWritten) {
  vendor_.AddFault({F::kMalformed, "GET /v1/outbound-servers", 1});
  auto prep = Prepare();
  ASSERT_FALSE(prep.ok());
  EXPECT_EQ(prep.status().code(), Code::kInternal);
  EXPECT_THAT(
      prep.status().message(),
      HasSubstr("C-10001/ess: GET /v1/outbound-servers: malformed JSON"));
  EXPECT_EQ(vendor_.writes(), 0);
}

TEST_F(EssFaultsTest, MalformedReadBackAfterAWriteSaysTheWriteMayHaveHappened) {
  // Discover reads the default routes (1 GET; Apply decides on that kept
  // answer), the POST's answer is lost, and the read-back is malformed.
  vendor_.AddFault({F::kLostResponse, "POST /v1/inbound-routes", 1});
  vendor_.AddFault({F::kMalformed, "GET /v1/inbound-routes", 1, 1});
  auto prep = Prepare();
  ASSERT_FALSE(prep.ok());
  EXPECT_THAT(prep.status().message(),
              HasSubstr("C-10001/ess: GET /v1/inbound-routes: malformed JSON"));
  EXPECT_THAT(prep.status().message(), HasSubstr("its effect may be present"));
  // A new run finishes the phase from live state, without a duplicate.
  auto again = Prepare();
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->writes, 3);  // the move, a.example.jp, outbound
  EXPECT_EQ(StateNow(), AccountState::kPrepared);
  ExpectSane();
}

TEST_F(EssFaultsTest, RateLimitThatOutlastsTheTransportIsAnError) {
  vendor_.AddFault({F::kRateLimited, "POST /v1/outbound-servers", 1});
  auto prep = Prepare();
  ASSERT_FALSE(prep.ok());
  EXPECT_EQ(prep.status().code(), Code::kRateLimited);
  EXPECT_NE(prep.status().message().find(
                "C-10001/ess: POST /v1/outbound-servers: 429 RATE_LIMITED"),
            std::string::npos);
  EXPECT_EQ(vendor_.committed(), 3);
  // The next run finishes the phase.
  ASSERT_TRUE(Prepare().ok());
  EXPECT_EQ(StateNow(), AccountState::kPrepared);
}

TEST_F(EssFaultsTest, DuplicateFromAConcurrentAddIsNotOurs) {
  auto adapter = NewAdapter();
  auto d = adapter->Discover(ctx_.target);
  auto plan = adapter->PlanPhase(Phase::kPrepare, *d, ctx_);
  ASSERT_TRUE(plan.ok());
  // The customer adds the new IP between our plan and our apply.
  vendor_.AddRoute("", kNew, 25, "failover");
  auto out = adapter->Apply(plan->changes[0], ctx_);
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(out->wrote);
  // Apply decided on the answer Discover kept: its POST is refused as a
  // DUPLICATE, and the fresh read finds the customer's route (issue 15).
  EXPECT_EQ(out->writes, 1);
  EXPECT_EQ(out->result["created"], false);
}

}  // namespace
}  // namespace ess_test
}  // namespace renumber
