// A campaign whose store goes away mid-run (the engine over the fake store
// and the fault-injecting wrapper): the write it was about to journal is not
// sent, the accounts stop with a clear error, nothing is lost, and a run
// after the store is back finishes the phase with no write twice.
#include "src/store/fault_store.h"

#include <gtest/gtest.h>

#include "src/engine/campaign_test_env.h"
#include "src/store/fake_store.h"

namespace renumber {
namespace {

using json = nlohmann::json;

class StoreFaultTest : public ::testing::Test {
 protected:
  // One process run over `store` (a wrapper around the shared fake).
  // `then` runs once the run has opened the store.
  CampaignResult Run(CampaignStore* store, Command cmd,
                     const std::function<void()>& then = {}) {
    auto contents = store->ReadJournal("c");
    auto sink = store->OpenJournal("c");
    auto locks = store->Locks(
        LockHolder{"me", "alice", CommandName(cmd), "c", 1, "ws1", ""});
    EXPECT_TRUE(sink.ok() && locks.ok());
    TestRun run;
    run.options.command = cmd;
    run.before = then;
    return fake_campaign_.Run(
        run, sink->get(), locks->get(),
        contents.ok() ? contents->records : std::vector<json>{});
  }

  int Records(const std::string& type) {
    int n = 0;
    auto contents = fake_.ReadJournal("c");
    for (const json& r : contents->records) n += r.value("type", "") == type;
    return n;
  }

  FakeClock clock_;
  FakeCampaignStore fake_{&clock_};
  FakeEssCampaign fake_campaign_{&clock_, 3,
                                 clock_.Now() - std::chrono::hours(1)};
  const std::shared_ptr<FakeVendorState>& vendor_ = fake_campaign_.vendor();
};

TEST_F(StoreFaultTest, AStoreThatGoesAwayStopsTheRunAndTheNextRunFinishes) {
  {
    FaultInjectionStore healthy(&fake_);
    ASSERT_TRUE(AllWell(Run(&healthy, Command::kPrepare)));
  }
  ASSERT_EQ(vendor_->total_writes, 3);

  // Cutover: C-1 journals "promote" (intent, outcome), then the store goes
  // away just before the intent of "remove-old".
  FaultInjectionStore flaky(&fake_);
  flaky.GoAwayAfterAppends(2);
  CampaignResult broken = Run(&flaky, Command::kCutover);
  EXPECT_TRUE(AnyAccount(broken, {AccountResult::kFailed}));
  EXPECT_EQ(flaky.appends(), 2);
  // The write it was about to journal was not sent; the other accounts
  // wrote nothing at all.
  EXPECT_EQ(vendor_->total_writes, 4);
  EXPECT_TRUE(vendor_->accounts["C-1"].new_primary);
  EXPECT_TRUE(vendor_->accounts["C-1"].old_ref);
  EXPECT_FALSE(vendor_->accounts["C-2"].new_primary);
  for (const AccountReport& a : broken.accounts) {
    EXPECT_EQ(a.result, AccountResult::kFailed)
        << a.row.target.account.ToString();
    EXPECT_TRUE(a.error.Is(Code::kUnavailable)) << a.error.message();
    EXPECT_NE(a.error.message().find("campaign store"), std::string::npos)
        << a.error.message();
  }
  // Every vendor write of the broken run has its intent and outcome.
  EXPECT_EQ(Records("intent"), 3 + 1);
  EXPECT_EQ(Records("outcome"), 3 + 1);

  // The store is back: a new run finishes the phase, nothing twice.
  FaultInjectionStore back(&fake_);
  CampaignResult done = Run(&back, Command::kCutover);
  EXPECT_TRUE(AllWell(done));
  for (const AccountReport& a : done.accounts)
    EXPECT_EQ(*a.state_after, AccountState::kCutOver);
  EXPECT_EQ(vendor_->total_writes, 3 + 6);
  EXPECT_EQ(vendor_->accounts["C-1"].writes, 3);
}

TEST_F(StoreFaultTest, AStoreGoneBeforeTheFirstIntentWritesNothing) {
  FaultInjectionStore gone(&fake_);
  CampaignResult r = Run(&gone, Command::kPrepare, [&] { gone.GoAway(); });
  EXPECT_TRUE(AnyAccount(r, {AccountResult::kFailed}));
  EXPECT_EQ(vendor_->total_writes, 0);
  for (const AccountReport& a : r.accounts)
    EXPECT_TRUE(a.error.Is(Code::kUnavailable)) << a.error.message();
  EXPECT_TRUE(fake_.Lines("c").empty());
  FaultInjectionStore back(&fake_);
  EXPECT_TRUE(AllWell(Run(&back, Command::kPrepare)));
  EXPECT_EQ(vendor_->total_writes, 3);
}

}  // namespace
}  // namespace renumber
