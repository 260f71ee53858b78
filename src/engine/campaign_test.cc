#include "src/engine/campaign.h"

#include <gtest/gtest.h>

#include "src/engine/campaign_test_env.h"
#include "src/engine/fake_adapter.h"
#include "src/engine/report.h"
#include "src/http/pacing.h"

namespace renumber {
namespace {

using json = nlohmann::json;
using std::chrono::hours;

class CampaignTest : public ::testing::Test {
 protected:
  CampaignResult Run(Command cmd, bool yes = true, bool dry = false,
                     Phase rollback_of = Phase::kPrepare,
                     bool ignore_window = false) {
    TestRun run;
    run.options.command = cmd;
    run.options.rollback_of = rollback_of;
    run.options.ignore_window = ignore_window;
    run.options.wait_ready = wait_ready_;
    run.options.expect = expect_;
    run.jobs = jobs_;
    run.dry = dry;
    asked_ = 0;
    run.confirm = [&](const ConfirmRequest& request) {
      ++asked_;
      asked_accounts_ = request.with_work.size();
      EXPECT_EQ(request.all.size(), fake_.rows().size());
      return yes;
    };
    return fake_.Run(run, files_.journal(), files_.locks(), files_.Records());
  }

  FakeClock clock_;
  TempCampaignFiles files_{&clock_};
  const std::string& dir_ = files_.dir();
  FakeEssCampaign fake_{&clock_, 3, clock_.Now() + hours(1)};
  const std::shared_ptr<FakeVendorState>& vendor_ = fake_.vendor();
  std::chrono::milliseconds wait_ready_{0};
  int jobs_ = 2;
  Expectation expect_;
  int asked_ = 0;
  size_t asked_accounts_ = 0;
};

TEST_F(CampaignTest, PrepareThenPrepareAgainMakesNoWrites) {
  auto r = Run(Command::kPrepare);
  EXPECT_TRUE(AllWell(r));
  EXPECT_EQ(asked_, 1);
  EXPECT_EQ(asked_accounts_, 3u);
  for (const auto& a : r.accounts) {
    EXPECT_EQ(a.result, AccountResult::kDone);
    EXPECT_EQ(*a.state_after, AccountState::kPrepared);
    EXPECT_EQ(a.execution.writes, 1);
  }
  EXPECT_EQ(vendor_->total_writes, 3);
  auto again = Run(Command::kPrepare);
  EXPECT_TRUE(AllWell(again));
  EXPECT_EQ(asked_, 0) << "nothing to apply: no question";
  EXPECT_EQ(vendor_->total_writes, 3);
  for (const auto& a : again.accounts)
    EXPECT_EQ(a.result, AccountResult::kNothingToDo);
}

TEST_F(CampaignTest, JournalHasIntentBeforeOutcomeAndEnds) {
  Run(Command::kPrepare);
  auto c = ReadJournal(PosixFileSystem(), dir_ + "/j.journal");
  ASSERT_TRUE(c.ok());
  int intents = 0, outcomes = 0, ends = 0;
  std::map<std::string, std::string> last_type;
  for (const json& rec : c->records) {
    std::string t = rec["type"], acct = rec["account"];
    if (t == "intent") ++intents;
    if (t == "outcome") {
      ++outcomes;
      EXPECT_EQ(last_type[acct], "intent");
    }
    if (t == "account-end") ++ends;
    last_type[acct] = t;
    EXPECT_EQ(rec.dump().find("pw"), std::string::npos) << "no secret";
  }
  EXPECT_EQ(intents, 3);
  EXPECT_EQ(outcomes, 3);
  EXPECT_EQ(ends, 3);
}

TEST_F(CampaignTest, CutoverBeforeWindowIsRefusedWithZeroWrites) {
  Run(Command::kPrepare);
  int before = vendor_->total_writes;
  auto r = Run(Command::kCutover);
  EXPECT_TRUE(AnyAccount(r, {AccountResult::kRefused}));
  EXPECT_EQ(vendor_->total_writes, before);
  for (const auto& a : r.accounts) {
    EXPECT_EQ(a.result, AccountResult::kRefused);
    EXPECT_NE(a.refusal.en.find("maintenance_end"), std::string::npos);
    EXPECT_NE(a.refusal.ja.find("メンテナンス"), std::string::npos);
  }
  // With the override, it goes through and the override is journaled.
  auto forced = Run(Command::kCutover, true, false, Phase::kPrepare, true);
  EXPECT_TRUE(AllWell(forced));
  int overrides = 0;
  auto contents = ReadJournal(PosixFileSystem(), dir_ + "/j.journal");
  ASSERT_TRUE(contents.ok());
  for (const json& rec : contents->records)
    overrides += rec["type"] == "override";
  EXPECT_EQ(overrides, 3);
  for (const auto& a : forced.accounts)
    EXPECT_EQ(*a.state_after, AccountState::kCutOver);
}

TEST_F(CampaignTest, CutoverRefusedWhenNewSideDoesNotVerify) {
  Run(Command::kPrepare);
  clock_.Advance(hours(2));
  vendor_->accounts["C-2"].new_verifies = false;
  int before = vendor_->total_writes;
  auto r = Run(Command::kCutover);
  EXPECT_TRUE(AnyAccount(r, {AccountResult::kRefused}));
  EXPECT_EQ(r.accounts[1].result, AccountResult::kRefused);
  EXPECT_TRUE(vendor_->accounts["C-2"].old_ref) << "old kept";
  EXPECT_EQ(r.accounts[0].result, AccountResult::kDone);
  EXPECT_EQ(vendor_->total_writes, before + 4);
}

TEST_F(CampaignTest, OneFailureDoesNotStopTheOthers) {
  vendor_->fail_changes.insert("C-2:add-new");
  auto r = Run(Command::kPrepare);
  EXPECT_TRUE(AnyAccount(r, {AccountResult::kFailed}));
  EXPECT_EQ(r.accounts[0].result, AccountResult::kDone);
  EXPECT_EQ(r.accounts[1].result, AccountResult::kFailed);
  EXPECT_NE(r.accounts[1].error.message().find("C-2/ess"), std::string::npos);
  EXPECT_EQ(r.accounts[2].result, AccountResult::kDone);
  std::string table = RenderSummaryTable(r, Command::kPrepare, Lang::kEn);
  EXPECT_NE(table.find("503 injected"), std::string::npos) << table;
  EXPECT_NE(table.find("3 accounts"), std::string::npos) << table;
}

TEST_F(CampaignTest, DeclinedAndDryRunChangeNothing) {
  auto declined = Run(Command::kPrepare, /*yes=*/false);
  EXPECT_TRUE(declined.declined);
  EXPECT_FALSE(AllWell(declined));
  EXPECT_EQ(vendor_->total_writes, 0);
  auto dry = Run(Command::kPrepare, true, /*dry=*/true);
  EXPECT_TRUE(AllWell(dry));
  EXPECT_EQ(vendor_->total_writes, 0);
  EXPECT_EQ(dry.accounts[0].result, AccountResult::kWouldChange);
  EXPECT_EQ(dry.accounts[0].plan.changes.size(), 1u);
}

TEST_F(CampaignTest, RollbackUsesTheJournal) {
  auto nothing = Run(Command::kRollback);
  EXPECT_TRUE(AllWell(nothing)) << "already not started";
  EXPECT_EQ(nothing.accounts[0].result, AccountResult::kNothingToDo);
  Run(Command::kPrepare);
  auto rb = Run(Command::kRollback);
  EXPECT_TRUE(AllWell(rb));
  for (const auto& a : rb.accounts)
    EXPECT_EQ(*a.state_after, AccountState::kNotStarted);
  // Prepare again and cut over, then roll the cutover back.
  Run(Command::kPrepare);
  clock_.Advance(hours(2));
  Run(Command::kCutover);
  auto rbc = Run(Command::kRollback, true, false, Phase::kCutover);
  EXPECT_TRUE(AllWell(rbc));
  for (const auto& a : rbc.accounts)
    EXPECT_EQ(*a.state_after, AccountState::kPrepared);
}

TEST_F(CampaignTest, PlanAndVerifyAreReadOnly) {
  auto plan = Run(Command::kPlan);
  EXPECT_TRUE(AllWell(plan));
  EXPECT_EQ(vendor_->total_writes, 0);
  ASSERT_TRUE(plan.accounts[0].cutover_plan.has_value());
  EXPECT_TRUE(plan.accounts[0].cutover_plan->projected);
  vendor_->accounts["C-3"].old_ref = false;  // missing: critical
  auto v = Run(Command::kVerify);
  EXPECT_TRUE(AnyAccount(v, {AccountResult::kNotExpected}));
  EXPECT_EQ(v.accounts[2].result, AccountResult::kNotExpected);
  json j = CampaignJson(v, Command::kVerify, "c", 3);
  EXPECT_EQ(j["accounts"][2]["state_after"], "missing");
}

TEST_F(CampaignTest, LockedAccountIsRefused) {
  AccountLocks other(PosixFileSystem(), dir_ + "/locks",
                     LockHolder{"alice", "", "prepare", "c", 99, "h", ""},
                     &clock_);
  auto held = other.Acquire({"C-1", Service("ess")}, {});
  ASSERT_TRUE(held.ok());
  auto r = Run(Command::kPrepare);
  EXPECT_EQ(r.accounts[0].result, AccountResult::kRefused);
  EXPECT_NE(r.accounts[0].refusal.en.find("alice"), std::string::npos);
  EXPECT_EQ(vendor_->accounts["C-1"].writes, 0);
  EXPECT_EQ(r.accounts[1].result, AccountResult::kDone);
}

// A gate per part (the CDN's per service): what is not ready is held back
// and, without --wait-ready, the account is refused with the reason.
TEST_F(CampaignTest, AClosedGateHoldsTheAccountBackAndSaysWhy) {
  for (auto& [c, a] : vendor_->accounts) a.gated = true;
  vendor_->accounts["C-2"].polls_until_ready = 100;
  ASSERT_TRUE(AllWell(Run(Command::kPrepare)));
  clock_.Advance(hours(2));  // after maintenance_end
  const int writes = vendor_->total_writes;
  auto r = Run(Command::kCutover);
  EXPECT_EQ(r.accounts[0].result, AccountResult::kDone);
  EXPECT_EQ(r.accounts[1].result, AccountResult::kRefused);
  EXPECT_NE(r.accounts[1].refusal.en.find("C-2: the new side is not ready"),
            std::string::npos)
      << r.accounts[1].refusal.en;
  EXPECT_EQ(r.accounts[1].waiting.size(), 1u);
  // The journal keeps what it waited for, in both languages.
  auto journal = ReadJournal(PosixFileSystem(), dir_ + "/j.journal");
  ASSERT_TRUE(journal.ok());
  json end;
  for (const json& rec : journal->records)
    if (rec["type"] == "account-end" && rec.contains("waiting")) end = rec;
  ASSERT_TRUE(end.is_object()) << "no account-end record with waiting";
  EXPECT_EQ(end["account"].get<std::string>().rfind("C-2", 0), 0u);
  EXPECT_EQ(end["waiting"], json::array({"C-2: the new side is not ready"}));
  EXPECT_EQ(end["waiting_ja"],
            json::array({"C-2: 新しい側の準備ができていません"}));
  EXPECT_EQ(vendor_->accounts["C-2"].writes, 1);  // prepare's only
  EXPECT_EQ(vendor_->total_writes, writes + 4);   // C-1 and C-3: 2 each
  EXPECT_TRUE(AnyAccount(r, {AccountResult::kRefused}));
}

TEST_F(CampaignTest, WaitReadyPollsWithBackoffAndSwitchesWhenReady) {
  for (auto& [c, a] : vendor_->accounts) a.gated = true;
  ASSERT_TRUE(AllWell(Run(Command::kPrepare)));
  clock_.Advance(hours(2));
  vendor_->accounts["C-2"].polls_until_ready = 3;  // ready at the 4th look
  vendor_->accounts["C-3"].polls_until_ready = 1000;
  wait_ready_ = std::chrono::minutes(2);
  jobs_ = 1;  // one account after the other: the fake clock's sleeps in order
  const size_t sleeps_before = clock_.sleeps().size();
  auto r = Run(Command::kCutover);
  EXPECT_EQ(r.accounts[0].result, AccountResult::kDone);
  EXPECT_EQ(r.accounts[1].result, AccountResult::kDone);
  EXPECT_EQ(*r.accounts[1].state_after, AccountState::kCutOver);
  // prepare's probe, the gate, then three polls.
  EXPECT_EQ(vendor_->accounts["C-2"].verifies, 5);
  // C-3 waited its two minutes, polling with a growing, bounded backoff.
  EXPECT_EQ(r.accounts[2].result, AccountResult::kRefused);
  EXPECT_EQ(vendor_->accounts["C-3"].writes, 1);
  using std::chrono::microseconds;
  const std::vector<microseconds> all = clock_.sleeps();
  std::vector<microseconds> sleeps(all.begin() + sleeps_before, all.end());
  ASSERT_GE(sleeps.size(), 3u + 6u);
  // C-2: 2 s, 3 s, 4.5 s, then ready.
  EXPECT_EQ(sleeps[0], std::chrono::seconds(2));
  EXPECT_EQ(sleeps[1], std::chrono::seconds(3));
  EXPECT_EQ(sleeps[2], std::chrono::milliseconds(4500));
  // C-3: the same growth up to 15 s, exactly two minutes in all.
  microseconds c3{0};
  for (size_t i = 3; i < sleeps.size(); ++i) {
    EXPECT_LE(sleeps[i], std::chrono::seconds(15));
    c3 += sleeps[i];
  }
  EXPECT_EQ(sleeps[3], std::chrono::seconds(2));
  EXPECT_EQ(c3, std::chrono::minutes(2));
}

TEST_F(CampaignTest, VerifyAndPrepareJournalObservationsForLaterRuns) {
  for (auto& [c, a] : vendor_->accounts) {
    a.gated = true;
    a.observation = "old origin: 200 'Shop' of " + c;
  }
  ASSERT_TRUE(AllWell(Run(Command::kPrepare)));
  // prepare probed after its read back and journaled what it saw.
  auto j = ReadJournal(PosixFileSystem(), dir_ + "/j.journal");
  int observations = 0;
  for (const json& rec : j->records)
    observations += rec.value("type", "") == "observation";
  EXPECT_EQ(observations, 3);
  Run(Command::kVerify);
  j = ReadJournal(PosixFileSystem(), dir_ + "/j.journal");
  observations = 0;
  for (const json& rec : j->records)
    observations += rec.value("type", "") == "observation";
  EXPECT_EQ(observations, 6);
  // The next run hands them back to Verify, the account's own only.
  Run(Command::kVerify);
  const json seen = vendor_->accounts["C-2"].records_seen;
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0][0]["seen"], "old origin: 200 'Shop' of C-2");
}

TEST_F(CampaignTest, PreparedStaleIsAcceptedAsPreparedWithAWarning) {
  ASSERT_TRUE(AllWell(Run(Command::kPrepare)));
  vendor_->accounts["C-1"].stale = true;
  expect_.states = {AccountState::kPrepared};
  auto v = Run(Command::kVerify);
  EXPECT_TRUE(AllWell(v));
  EXPECT_EQ(*v.accounts[0].state_after, AccountState::kPreparedStale);
  ASSERT_EQ(v.accounts[0].notes.size(), 1u);
  EXPECT_NE(v.accounts[0].notes[0].en.find("prepared-stale"),
            std::string::npos);
  json doc = CampaignJson(v, Command::kVerify, "c", 0);
  EXPECT_EQ(doc["accounts"][0]["state_after"], "prepared-stale");
}

// --json is written one account at a time (issue 15: memory), as the
// whole document's dump(2) would read, byte for byte.
TEST_F(CampaignTest, TheJsonTextIsTheWholeDocumentsDump) {
  vendor_->accounts["C-2"].paused = true;
  for (Command command : {Command::kPlan, Command::kPrepare}) {
    auto r = Run(command);
    ASSERT_GE(r.accounts.size(), 2u);
    const json extra = {{"aa-first", "before the accounts"},
                        {"version", "1.0\n改行\t\"quoted\""},
                        {"preflight", {{"customers", json::array({1, 2})}}},
                        {"zz", json::object()}};
    auto each = [](json* a) { (*a)["seen"] = a->value("customer", ""); };
    json doc = CampaignJson(r, command, "c", 1);
    for (const auto& [key, value] : extra.items()) doc[key] = value;
    for (json& a : doc["accounts"]) each(&a);
    EXPECT_EQ(CampaignJsonText(r, command, "c", 1, extra, each), doc.dump(2));
    EXPECT_EQ(CampaignJsonText(r, command, "c", 1, json::object(), nullptr),
              CampaignJson(r, command, "c", 1).dump(2));
  }
  CampaignResult none;
  EXPECT_EQ(
      CampaignJsonText(none, Command::kVerify, "c", 0, json::object(), nullptr),
      CampaignJson(none, Command::kVerify, "c", 0).dump(2));
}

TEST_F(CampaignTest, ARateLimitLongerThanTheRunWaitsIsAPause) {
  vendor_->accounts["C-2"].paused = true;
  auto r = Run(Command::kPrepare);
  EXPECT_EQ(r.accounts[1].result, AccountResult::kPaused);
  ASSERT_TRUE(r.accounts[1].paused_until.has_value());
  EXPECT_EQ(r.accounts[1].paused_until->unix_seconds(), 1796003600);
  EXPECT_EQ(r.accounts[0].result, AccountResult::kDone);
  EXPECT_TRUE(AnyAccount(r, {AccountResult::kPaused}));
  const std::string table = RenderSummaryTable(r, Command::kPrepare, Lang::kEn);
  EXPECT_NE(table.find("paused until " +
                       LocalHourMinute(*r.accounts[1].paused_until)),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("1 paused"), std::string::npos) << table;
  json doc = CampaignJson(r, Command::kPrepare, "c", 1);
  EXPECT_EQ(doc["accounts"][1]["result"], "paused");
  EXPECT_EQ(doc["accounts"][1]["paused_until"], "2026-11-30T01:53:20Z");
  // Resumable: the next run finishes it.
  vendor_->accounts["C-2"].paused = false;
  auto again = Run(Command::kPrepare);
  EXPECT_EQ(again.accounts[1].result, AccountResult::kDone);
}

}  // namespace
}  // namespace renumber
