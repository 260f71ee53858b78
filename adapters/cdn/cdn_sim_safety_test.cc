// The rules that never bend, proven against the simulator by breaking the
// draft by hand between the adapter's changes: an old origin is never
// removed while its twin is missing from the draft, missing from one of its
// directors, or was never active; no version without an origin or with a
// director that lost all its origins is ever activated; and the verify gate
// stays closed until every twin is live.
#include <gtest/gtest.h>

#include "adapters/cdn/cdn_sim_fixture.h"

namespace renumber::cdn {
namespace {

class CdnSafetyTest : public CdnSimTest {
 protected:
  // Plans `phase` for `c` and applies its changes up to `kind` (exclusive);
  // returns the plan. The draft number is in draft_.
  Plan ApplyUntil(Adapter* a, const SimCustomer& c, Phase phase,
                  const std::string& kind) {
    ctx_.target = TargetFor(c);
    auto d = a->Discover(ctx_.target);
    EXPECT_TRUE(d.ok());
    auto plan = a->PlanPhase(phase, *d, ctx_);
    EXPECT_TRUE(plan.ok());
    for (const Change& ch : plan->changes) {
      if (ch.kind == kind) break;
      auto out = a->Apply(ch, ctx_);
      EXPECT_TRUE(out.ok()) << out.status().ToString();
      if (out.ok() && out->result.contains("draft"))
        draft_ = out->result["draft"];
      sid_ = ch.params["service_id"];
    }
    return *plan;
  }

  const Change& Find(const Plan& p, const std::string& kind,
                     const std::string& backend = "") {
    for (const Change& ch : p.changes)
      if (ch.kind == kind &&
          (backend.empty() || ch.params.value("name", "") == backend))
        return ch;
    ADD_FAILURE() << "no " << kind << " " << backend;
    return p.changes.front();
  }

  std::string Draft() {
    return "/service/" + sid_ + "/version/" + std::to_string(draft_);
  }

  void Prepare(const SimCustomer& c) {
    ASSERT_TRUE(RunPhase(NewAdapterFor(c).get(), TargetFor(c), Phase::kPrepare)
                    .status.ok());
  }

  PhaseContext ctx_;
  std::string sid_;
  int draft_ = 0;
};

TEST_F(CdnSafetyTest, OldOriginStaysWhileItsTwinIsMissingFromTheDraft) {
  const SimCustomer& c = Customer(2);
  Prepare(c);
  const nlohmann::json prepared = ActiveState(c);
  auto a = NewAdapterFor(c);
  Plan plan = ApplyUntil(a.get(), c, Phase::kCutover, "delete-backend");
  ASSERT_EQ(
      Vendor(c, "DELETE", Draft() + "/backend/origin_1_renumber_new").status,
      200);
  ResetCounters();
  auto refused = a->Apply(Find(plan, "delete-backend", "origin_1"), ctx_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kPreconditionFailed);
  EXPECT_NE(refused.status().message().find(c.id + "/cdn"), std::string::npos);
  EXPECT_NE(refused.status().message().find("twin origin_1_renumber_new is "
                                            "missing"),
            std::string::npos)
      << refused.status().message();
  EXPECT_EQ(Vendor(c, "GET", Draft() + "/backend/origin_1").status, 200);
  // Nor will the switch happen: the draft is not in a cut-over state.
  auto act = a->Apply(Find(plan, "activate-version"), ctx_);
  ASSERT_FALSE(act.ok());
  EXPECT_EQ(act.status().code(), Code::kPreconditionFailed);
  EXPECT_EQ(Counters()["writes"], 0);
  EXPECT_EQ(ActiveState(c), prepared);
}

TEST_F(CdnSafetyTest, OldOriginStaysWhileItsTwinIsOutOfADirector) {
  const SimCustomer& c = Customer(2);
  Prepare(c);
  auto a = NewAdapterFor(c);
  Plan plan = ApplyUntil(a.get(), c, Phase::kCutover, "delete-backend");
  ASSERT_EQ(Vendor(c, "DELETE",
                   Draft() + "/director/pool/backend/origin_2_renumber_new")
                .status,
            200);
  auto refused = a->Apply(Find(plan, "delete-backend", "origin_2"), ctx_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("director pool does not hold"),
            std::string::npos)
      << refused.status().message();
  EXPECT_EQ(Vendor(c, "GET", Draft() + "/backend/origin_2").status, 200);
}

TEST_F(CdnSafetyTest, OldOriginStaysWhileItsTwinWasNeverActive) {
  // Not prepared: the cut over is only projected; applying it anyway (a
  // twin added to the draft by hand) is still refused.
  const SimCustomer& c = Customer(0);
  const nlohmann::json before = ActiveState(c);
  auto a = NewAdapterFor(c);
  Plan plan = ApplyUntil(a.get(), c, Phase::kCutover, "delete-backend");
  EXPECT_TRUE(plan.projected);
  ASSERT_EQ(Vendor(c, "POST", Draft() + "/backend",
                   "name=origin_1_renumber_new&address=" + c.new_ip)
                .status,
            200);
  auto refused = a->Apply(Find(plan, "delete-backend", "origin_1"), ctx_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("was not active in version"),
            std::string::npos)
      << refused.status().message();
  EXPECT_EQ(Vendor(c, "GET", Draft() + "/backend/origin_1").status, 200);
  EXPECT_EQ(ActiveState(c), before);
}

TEST_F(CdnSafetyTest, NeverActivatesAVersionWithoutAnOrigin) {
  const SimCustomer& c = Customer(0);
  const nlohmann::json before = ActiveState(c);
  auto a = NewAdapterFor(c);
  Plan plan = ApplyUntil(a.get(), c, Phase::kPrepare, "activate-version");
  for (const auto& [name, b] : before.begin().value()["backends"].items())
    ASSERT_EQ(Vendor(c, "DELETE", Draft() + "/backend/" + name).status, 200);
  ASSERT_EQ(
      Vendor(c, "DELETE", Draft() + "/backend/origin_1_renumber_new").status,
      200);
  auto refused = a->Apply(Find(plan, "activate-version"), ctx_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kPreconditionFailed);
  EXPECT_NE(refused.status().message().find("no origin server"),
            std::string::npos)
      << refused.status().message();
  EXPECT_EQ(ActiveState(c), before);
}

TEST_F(CdnSafetyTest, NeverActivatesADirectorThatLostAllItsOrigins) {
  const SimCustomer& c = Customer(2);
  const nlohmann::json before = ActiveState(c);
  auto a = NewAdapterFor(c);
  Plan plan = ApplyUntil(a.get(), c, Phase::kPrepare, "activate-version");
  for (const char* b : {"origin_1", "origin_2", "origin_1_renumber_new",
                        "origin_2_renumber_new"})
    ASSERT_EQ(Vendor(c, "DELETE",
                     Draft() + "/director/pool/backend/" + std::string(b))
                  .status,
              200);
  auto refused = a->Apply(Find(plan, "activate-version"), ctx_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("director pool lost all"),
            std::string::npos)
      << refused.status().message();
  EXPECT_EQ(ActiveState(c), before);
}

TEST_F(CdnSafetyTest, VerifyGateStaysClosedUntilEveryTwinIsLive) {
  const SimCustomer& c = Customer(4);
  const Target t = TargetFor(c);
  auto a = NewAdapterFor(c);
  auto v0 = a->Verify(t, true);
  ASSERT_TRUE(v0.ok());
  EXPECT_FALSE(v0->new_side_verified);
  // A prepare whose switch never happened changes nothing live.
  ApplyUntil(a.get(), c, Phase::kPrepare, "activate-version");
  auto v1 = NewAdapterFor(c)->Verify(t, true);
  ASSERT_TRUE(v1.ok());
  EXPECT_FALSE(v1->new_side_verified);
  EXPECT_EQ(v1->state, AccountState::kNotStarted);
  // Live but one twin short (the customer removed it): partial, gate shut,
  // cut over only projected.
  Prepare(c);
  const std::string sid = ActiveState(c).begin().key();
  const int active = ActiveState(c).begin().value()["active"];
  auto clone = BodyJson(Vendor(
      c, "PUT",
      "/service/" + sid + "/version/" + std::to_string(active) + "/clone"));
  const std::string v = "/service/" + sid + "/version/" +
                        std::to_string(clone["number"].get<int>());
  ASSERT_EQ(Vendor(c, "DELETE", v + "/backend/origin_img_renumber_new").status,
            200);
  ASSERT_EQ(Vendor(c, "PUT", v + "/activate").status, 200);
  auto v2 = NewAdapterFor(c)->Verify(t, true);
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->state, AccountState::kPartial);
  EXPECT_FALSE(v2->new_side_verified);
  PhaseRun cut = RunPhase(NewAdapterFor(c).get(), t, Phase::kCutover);
  EXPECT_TRUE(cut.plan.projected);
}

}  // namespace
}  // namespace renumber::cdn
