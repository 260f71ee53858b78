// Rolling back from the journal: cut over → the version active before is
// activated again and our switch cloned back into a staged version (two
// writes per service: the account is prepared again); prepare → nothing
// live to undo,
// the staged version is relabelled as abandoned (one comment write). A
// rollback refuses when someone else activated another version after our
// switch (unless forced), and a prepare rollback on a cut-over service
// says to roll back the cutover first.
#include <gtest/gtest.h>

#include "adapters/cdn/cdn_marker.h"
#include "adapters/cdn/cdn_sim_fixture.h"

namespace renumber::cdn {
namespace {

using nlohmann::json;

class CdnRollbackTest : public CdnSimTest {
 protected:
  void CustomerChange(const SimCustomer& c) {
    json body = {{"account", c.id}};
    auto r =
        client_->Send("POST", "/_sim/customer-change", body.dump(),
                      {BasicAuthHeader("sim-admin", host_->admin_token())});
    ASSERT_TRUE(r.ok() && r->status / 100 == 2) << (r.ok() ? r->body : "");
  }
  AccountState StateOf(const SimCustomer& c) {
    auto d = NewAdapterFor(c)->Discover(TargetFor(c));
    EXPECT_TRUE(d.ok());
    return d.ok() ? d->state : AccountState::kMissing;
  }
};

TEST_F(CdnRollbackTest, RollbackOfEachPhaseRestoresThePriorState) {
  for (int shape : {1, 2, 3}) {
    const SimCustomer& c = Customer(shape);
    SCOPED_TRACE(c.id);
    SetOrigins(c, Origins::kSynced);
    const Target t = TargetFor(c);
    const json before = ActiveState(c);
    auto a = NewAdapterFor(c);
    PhaseRun prep = RunPhase(a.get(), t, Phase::kPrepare);
    ASSERT_TRUE(prep.status.ok()) << prep.status.ToString();
    EXPECT_EQ(ActiveState(c), before);  // nothing live changed
    PhaseRun cut = RunPhase(a.get(), t, Phase::kCutover);
    ASSERT_TRUE(cut.status.ok()) << cut.status.ToString();
    ASSERT_NE(ActiveState(c), before);

    ResetCounters();
    PhaseRun undo_cut = RunPhase(NewAdapterFor(c).get(), t,
                                 Phase::kRollbackCutover, cut.records);
    ASSERT_TRUE(undo_cut.status.ok()) << undo_cut.status.ToString();
    EXPECT_EQ(ActiveState(c), before);
    // One activation, and a clone of our switch back into a staged
    // version: the account is prepared again, as before the cut over.
    EXPECT_EQ(Counters()["writes"], 2);
    EXPECT_EQ(StateOf(c), AccountState::kPrepared);
    ResetCounters();
    PhaseRun again = RunPhase(NewAdapterFor(c).get(), t,
                              Phase::kRollbackCutover, cut.records);
    ASSERT_TRUE(again.status.ok());
    EXPECT_TRUE(again.plan.changes.empty());
    EXPECT_EQ(Counters()["writes"], 0);
  }
}

// Found by the fault campaigns (seed 1559): the cutover rollback activated
// the old version first and cloned the switch back after it; when that
// clone failed, the service was left rolled back without its staged switch
// ("not-started", which satisfies a cutover rollback: the engine re-ran
// nothing). The switch is now staged again first.
TEST_F(CdnRollbackTest, CutoverRollbackWhoseRestageFailsKeepsTheSwitch) {
  const SimCustomer& c = Customer(1);
  SetOrigins(c, Origins::kSynced);
  const Target t = TargetFor(c);
  ASSERT_TRUE(RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare).status.ok());
  PhaseRun cut = RunPhase(NewAdapterFor(c).get(), t, Phase::kCutover);
  ASSERT_TRUE(cut.status.ok()) << cut.status.ToString();
  const json cut_over = ActiveState(c);

  SetFaults({{"error", {{"next", 20}, {"match", "/clone"}}},
             {"error_status", 503}});
  PhaseRun failed = RunPhase(NewAdapterFor(c).get(), t,
                             Phase::kRollbackCutover, cut.records);
  EXPECT_FALSE(failed.status.ok());
  // Nothing live changed: the service is still cut over, and a rollback
  // still has its work to do.
  EXPECT_EQ(ActiveState(c), cut_over);
  EXPECT_EQ(StateOf(c), AccountState::kCutOver);

  SetFaults(json::object());
  PhaseRun again = RunPhase(NewAdapterFor(c).get(), t,
                            Phase::kRollbackCutover, cut.records);
  ASSERT_TRUE(again.status.ok()) << again.status.ToString();
  EXPECT_EQ(StateOf(c), AccountState::kPrepared);
}

TEST_F(CdnRollbackTest, RollbackOfPrepareAbandonsTheStagedVersion) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  const std::string sid = ServiceIds(c)[0];
  PhaseRun prep = RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare);
  ASSERT_TRUE(prep.status.ok());
  EXPECT_EQ(StateOf(c), AccountState::kPrepared);
  ResetCounters();
  PhaseRun undo = RunPhase(NewAdapterFor(c).get(), t, Phase::kRollbackPrepare,
                           prep.records);
  ASSERT_TRUE(undo.status.ok()) << undo.status.ToString();
  EXPECT_EQ(Counters()["writes"], 1);  // one comment
  EXPECT_EQ(StateOf(c), AccountState::kNotStarted);
  const json versions = Versions(c, sid);
  auto mark = ParseMark(versions.back()["comment"]);
  ASSERT_TRUE(mark.has_value());
  EXPECT_EQ(mark->kind, MarkKind::kAbandoned);
  // A new prepare stages a new version; the abandoned one stays as it is.
  ASSERT_TRUE(RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare).status.ok());
  EXPECT_EQ(Versions(c, sid).size(), versions.size() + 1);
  EXPECT_EQ(StateOf(c), AccountState::kPrepared);
}

TEST_F(CdnRollbackTest, PrepareRollbackOfACutOverServiceSaysCutoverFirst) {
  const SimCustomer& c = Customer(0);
  SetOrigins(c, Origins::kSynced);
  const Target t = TargetFor(c);
  PhaseRun prep = RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare);
  ASSERT_TRUE(RunPhase(NewAdapterFor(c).get(), t, Phase::kCutover).status.ok());
  ResetCounters();
  PhaseRun undo = RunPhase(NewAdapterFor(c).get(), t, Phase::kRollbackPrepare,
                           prep.records);
  ASSERT_FALSE(undo.status.ok());
  EXPECT_EQ(undo.status.code(), Code::kPreconditionFailed);
  EXPECT_NE(undo.status.message().find("roll back the cutover first"),
            std::string::npos)
      << undo.status.message();
  EXPECT_EQ(undo.status.message().find("--force"), std::string::npos);
  EXPECT_EQ(Counters()["writes"], 0);
}

TEST_F(CdnRollbackTest, SomeoneElsesLaterActivationNeedsForce) {
  const SimCustomer& c = Customer(0);
  SetOrigins(c, Origins::kSynced);
  const Target t = TargetFor(c);
  const json before = ActiveState(c);
  ASSERT_TRUE(RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare).status.ok());
  PhaseRun cut = RunPhase(NewAdapterFor(c).get(), t, Phase::kCutover);
  ASSERT_TRUE(cut.status.ok());
  CustomerChange(c);  // the customer activates a change after our switch
  ResetCounters();
  PhaseRun refused =
      RunPhase(NewAdapterFor(c).get(), t, Phase::kRollbackCutover, cut.records);
  ASSERT_FALSE(refused.status.ok());
  EXPECT_EQ(refused.status.code(), Code::kPreconditionFailed);
  EXPECT_NE(refused.status.message().find("someone activated it after our "
                                          "cutover"),
            std::string::npos)
      << refused.status.message();
  EXPECT_EQ(Counters()["writes"], 0);
  PhaseRun forced = RunPhase(NewAdapterFor(c).get(), t, Phase::kRollbackCutover,
                             cut.records, true);
  ASSERT_TRUE(forced.status.ok()) << forced.status.ToString();
  EXPECT_EQ(ActiveState(c), before);
  // Prepared again, restaged from our switch — not from the customer's
  // version, whose edit would ride along into the next cutover.
  EXPECT_EQ(StateOf(c), AccountState::kPrepared);
  int staged = 0;
  for (const std::string& sid : ServiceIds(c)) {
    HttpResponse list = Vendor(c, "GET", "/service/" + sid + "/version");
    for (const json& v : json::parse(list.body)) {
      const std::string comment = v.value("comment", "");
      if (v["locked"].get<bool>() ||
          comment.find("[renumber-staged ") == std::string::npos)
        continue;
      ++staged;
      HttpResponse b =
          Vendor(c, "GET",
                 "/service/" + sid + "/version/" +
                     std::to_string(v["number"].get<int>()) + "/backend");
      EXPECT_EQ(b.body.find("edited in the console"), std::string::npos)
          << b.body;
    }
  }
  EXPECT_EQ(staged, 1);
}

TEST_F(CdnRollbackTest, ACutoverJournaledAsAnIntentOnlyIsStillOurs) {
  const SimCustomer& c = Customer(2);
  SetOrigins(c, Origins::kSynced);
  const Target t = TargetFor(c);
  const json before = ActiveState(c);
  ASSERT_TRUE(RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare).status.ok());
  // Killed after the activation, before its outcome was journaled.
  PhaseRun cut = RunPhase(NewAdapterFor(c).get(), t, Phase::kCutover,
                          json::array(), false, 0, Crash::kAfterApply);
  ASSERT_TRUE(cut.status.ok());
  ASSERT_TRUE(cut.records[0]["outcome"].is_null());
  PhaseRun undo =
      RunPhase(NewAdapterFor(c).get(), t, Phase::kRollbackCutover, cut.records);
  ASSERT_TRUE(undo.status.ok()) << undo.status.ToString();
  EXPECT_EQ(ActiveState(c), before);
}

}  // namespace
}  // namespace renumber::cdn
