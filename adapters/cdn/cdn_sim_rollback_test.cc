// Rolling back prepare and cut over from the journal restores the prior
// vendor state exactly (the active version's number, backends, directors
// and healthchecks), makes one write per service, and refuses when someone
// activated another version after ours, unless forced.
#include <gtest/gtest.h>

#include "adapters/cdn/cdn_sim_fixture.h"

namespace renumber::cdn {
namespace {

class CdnRollbackTest : public CdnSimTest {
 protected:
  void CustomerChange(const SimCustomer& c) {
    nlohmann::json body = {{"account", c.id}};
    auto r =
        client_->Send("POST", "/_sim/customer-change", body.dump(),
                      {BasicAuthHeader("sim-admin", host_->admin_token())});
    ASSERT_TRUE(r.ok() && r->status / 100 == 2) << (r.ok() ? r->body : "");
  }
};

TEST_F(CdnRollbackTest, RollbackOfEachPhaseRestoresThePriorState) {
  for (int shape : {2, 3, 5}) {
    const SimCustomer& c = Customer(shape);
    SCOPED_TRACE(c.id);
    const Target t = TargetFor(c);
    const nlohmann::json before = ActiveState(c);
    auto a = NewAdapterFor(c);
    PhaseRun prep = RunPhase(a.get(), t, Phase::kPrepare);
    ASSERT_TRUE(prep.status.ok()) << prep.status.ToString();
    const nlohmann::json prepared = ActiveState(c);
    PhaseRun cut = RunPhase(a.get(), t, Phase::kCutover);
    ASSERT_TRUE(cut.status.ok()) << cut.status.ToString();
    ASSERT_NE(ActiveState(c), prepared);

    ResetCounters();
    PhaseRun undo_cut = RunPhase(NewAdapterFor(c).get(), t,
                                 Phase::kRollbackCutover, cut.records);
    ASSERT_TRUE(undo_cut.status.ok()) << undo_cut.status.ToString();
    EXPECT_EQ(ActiveState(c), prepared);
    EXPECT_EQ(Counters()["writes"], before.size());  // one per service
    auto state = a->Discover(t);
    ASSERT_TRUE(state.ok());
    EXPECT_EQ(state->state, AccountState::kPrepared);

    // Again: nothing left to undo, no write.
    ResetCounters();
    PhaseRun again = RunPhase(NewAdapterFor(c).get(), t,
                              Phase::kRollbackCutover, cut.records);
    ASSERT_TRUE(again.status.ok());
    EXPECT_TRUE(again.plan.changes.empty());
    EXPECT_EQ(Counters()["writes"], 0);

    PhaseRun undo_prep = RunPhase(NewAdapterFor(c).get(), t,
                                  Phase::kRollbackPrepare, prep.records);
    ASSERT_TRUE(undo_prep.status.ok()) << undo_prep.status.ToString();
    EXPECT_EQ(ActiveState(c), before);
    state = a->Discover(t);
    ASSERT_TRUE(state.ok());
    EXPECT_EQ(state->state, AccountState::kNotStarted);

    // Prepare can run again after its rollback (a new clone).
    PhaseRun redo = RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare);
    ASSERT_TRUE(redo.status.ok()) << redo.status.ToString();
    state = a->Discover(t);
    ASSERT_TRUE(state.ok());
    EXPECT_EQ(state->state, AccountState::kPrepared);
  }
}

TEST_F(CdnRollbackTest,
       RefusesWhenTheCustomerActivatedAnotherVersionUnlessForced) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  const nlohmann::json before = ActiveState(c);
  auto a = NewAdapterFor(c);
  PhaseRun prep = RunPhase(a.get(), t, Phase::kPrepare);
  ASSERT_TRUE(prep.status.ok());
  const int ours = ActiveState(c).begin().value()["active"];
  CustomerChange(c);
  const int theirs = ActiveState(c).begin().value()["active"];
  ASSERT_NE(theirs, ours);

  ResetCounters();
  PhaseRun refused = RunPhase(NewAdapterFor(c).get(), t,
                              Phase::kRollbackPrepare, prep.records);
  ASSERT_FALSE(refused.status.ok());
  EXPECT_EQ(refused.status.code(), Code::kPreconditionFailed);
  const std::string& m = refused.status.message();
  EXPECT_NE(m.find("C-"), std::string::npos) << m;
  EXPECT_NE(m.find("active version is " + std::to_string(theirs)),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("version " + std::to_string(ours)), std::string::npos) << m;
  EXPECT_EQ(Counters()["writes"], 0);

  PhaseRun forced = RunPhase(NewAdapterFor(c).get(), t, Phase::kRollbackPrepare,
                             prep.records, true);
  ASSERT_TRUE(forced.status.ok()) << forced.status.ToString();
  EXPECT_EQ(ActiveState(c), before);
}

TEST_F(CdnRollbackTest, RollbackOfACrashedPrepareUsesTheDraftFromTheJournal) {
  const SimCustomer& c = Customer(1);
  const Target t = TargetFor(c);
  const nlohmann::json before = ActiveState(c);
  auto a = NewAdapterFor(c);
  auto probe = RunPhase(a.get(), t, Phase::kPrepare, nlohmann::json::array(),
                        false, 0, Crash::kBeforeApply);
  const int last = static_cast<int>(probe.plan.changes.size()) - 1;
  RestoreState(host_->api()->SaveState());
  // Crash right after the activation was sent, before its outcome.
  PhaseRun crashed =
      RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare,
               nlohmann::json::array(), false, last, Crash::kAfterApply);
  ASSERT_TRUE(crashed.status.ok()) << crashed.status.ToString();
  ASSERT_TRUE(crashed.records.back()["outcome"].is_null());
  ASSERT_NE(ActiveState(c), before);
  PhaseRun undo = RunPhase(NewAdapterFor(c).get(), t, Phase::kRollbackPrepare,
                           crashed.records);
  ASSERT_TRUE(undo.status.ok()) << undo.status.ToString();
  EXPECT_EQ(ActiveState(c), before);
}

TEST_F(CdnRollbackTest, TwoPrepareRunsRollBackToBeforeTheFirstOnlyIfForced) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  const nlohmann::json before = ActiveState(c);
  PhaseRun first = RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare);
  ASSERT_TRUE(first.status.ok());
  // The customer adds another origin at the old IP and activates it.
  const std::string sid = before.begin().key();
  const int live = ActiveState(c)[sid]["active"];
  const int v = BodyJson(Vendor(c, "PUT",
                                "/service/" + sid + "/version/" +
                                    std::to_string(live) + "/clone"))["number"];
  const std::string draft = "/service/" + sid + "/version/" + std::to_string(v);
  ASSERT_EQ(
      Vendor(c, "POST", draft + "/backend", "name=origin_9&address=" + c.old_ip)
          .status,
      200);
  ASSERT_EQ(Vendor(c, "PUT", draft + "/activate").status, 200);
  PhaseRun second = RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare);
  ASSERT_TRUE(second.status.ok()) << second.status.ToString();
  EXPECT_FALSE(second.plan.changes.empty());
  nlohmann::json history = first.records;
  for (const auto& r : second.records) history.push_back(r);

  ResetCounters();
  PhaseRun refused =
      RunPhase(NewAdapterFor(c).get(), t, Phase::kRollbackPrepare, history);
  ASSERT_FALSE(refused.status.ok());
  EXPECT_NE(refused.status.message().find("version " + std::to_string(v) +
                                          " was activated by someone"),
            std::string::npos)
      << refused.status.message();
  EXPECT_EQ(Counters()["writes"], 0);
  PhaseRun forced = RunPhase(NewAdapterFor(c).get(), t, Phase::kRollbackPrepare,
                             history, true);
  ASSERT_TRUE(forced.status.ok()) << forced.status.ToString();
  EXPECT_EQ(ActiveState(c), before);
}

TEST_F(CdnRollbackTest, NothingToUndoWithoutJournal) {
  const SimCustomer& c = Customer(0);
  ResetCounters();
  PhaseRun undo =
      RunPhase(NewAdapterFor(c).get(), TargetFor(c), Phase::kRollbackPrepare);
  ASSERT_TRUE(undo.status.ok());
  EXPECT_TRUE(undo.plan.changes.empty());
  EXPECT_FALSE(undo.plan.notes.empty());
  EXPECT_EQ(Counters()["writes"], 0);
}

}  // namespace
}  // namespace renumber::cdn
