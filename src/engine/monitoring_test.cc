#include "src/engine/monitoring.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

const Timestamp kEnd = *Timestamp::ParseRfc3339("2026-12-10T06:00:00+09:00");

AccountReport Account(const std::string& customer, AccountState state,
                      AccountResult result = AccountResult::kOk) {
  AccountReport r;
  r.row.target.account = {customer, Service("ess")};
  r.row.target.maintenance_end = kEnd;
  r.row.target.maintenance_end_offset = 540;
  r.state_after = state;
  r.result = result;
  return r;
}

Check Failing(const std::string& name) {
  Check c;
  c.name = name;
  c.ok = false;
  return c;
}

using std::chrono::hours;
using std::chrono::minutes;
const std::chrono::seconds kGrace = hours(1);

TEST(JudgeTest, TheRulesOfTheRunbook) {
  const Timestamp before = kEnd - hours(72), soon = kEnd - hours(3),
                  just_after = kEnd + minutes(20), late = kEnd + hours(2);
  EXPECT_EQ(
      Judge(Account("C", AccountState::kPrepared), before, kGrace).severity,
      Severity::kOk);
  EXPECT_EQ(Judge(Account("C", AccountState::kPrepared), soon, kGrace).severity,
            Severity::kWarning);
  EXPECT_EQ(
      Judge(Account("C", AccountState::kPrepared), just_after, kGrace).severity,
      Severity::kWarning);
  Verdict late_v = Judge(Account("C", AccountState::kPrepared), late, kGrace);
  EXPECT_EQ(late_v.severity, Severity::kCritical);
  EXPECT_NE(late_v.why.en.find("2026-12-10T06:00:00+09:00 (2 h ago)"),
            std::string::npos)
      << late_v.why.en;
  EXPECT_EQ(Judge(Account("C", AccountState::kCutOver), late, kGrace).severity,
            Severity::kOk);
  EXPECT_EQ(
      Judge(Account("C", AccountState::kMissing), before, kGrace).severity,
      Severity::kCritical);
  EXPECT_EQ(
      Judge(Account("C", AccountState::kPartial), before, kGrace).severity,
      Severity::kWarning);
  AccountReport down = Account("C", AccountState::kCutOver);
  down.checks.push_back(Failing("smtp 198.19.0.1:25"));
  EXPECT_EQ(Judge(down, late, kGrace).severity, Severity::kCritical);
  AccountReport before_cut = Account("C", AccountState::kPrepared);
  before_cut.checks.push_back(Failing("smtp 198.19.0.1:25"));
  EXPECT_EQ(Judge(before_cut, before, kGrace).severity, Severity::kWarning);
  // Verify calls a prepared account with a failing check "not expected";
  // the monitor names the check, since the state itself is the expected one.
  AccountReport unchecked =
      Account("C", AccountState::kPrepared, AccountResult::kNotExpected);
  unchecked.expected = {AccountState::kPrepared};
  unchecked.checks.push_back(Failing("ess.check r-1 (198.19.0.1:25)"));
  Verdict uc = Judge(unchecked, before, kGrace);
  EXPECT_EQ(uc.severity, Severity::kWarning);
  EXPECT_NE(uc.why.en.find("ess.check r-1"), std::string::npos) << uc.why.en;
  AccountReport wrong_state =
      Account("C", AccountState::kNotStarted, AccountResult::kNotExpected);
  wrong_state.expected = {AccountState::kPrepared};
  wrong_state.checks.push_back(Failing("ess.check r-1 (198.19.0.1:25)"));
  Verdict ws = Judge(wrong_state, before, kGrace);
  EXPECT_EQ(ws.severity, Severity::kWarning);
  EXPECT_NE(ws.why.en.find("not in the expected state (not-started)"),
            std::string::npos)
      << ws.why.en;
  AccountReport unread =
      Account("C", AccountState::kPrepared, AccountResult::kFailed);
  unread.state_after.reset();
  unread.error = Status::PreconditionFailed("the vault entry expired on …");
  Verdict u = Judge(unread, before, kGrace);
  EXPECT_EQ(u.severity, Severity::kUnknown);
  EXPECT_NE(u.why.en.find("expired on"), std::string::npos);
}

// The rules that wait on the CDN's staged switch (issue 10): a staged
// version the customer's activation made stale, and our probe finding the
// new origin answering differently from the old one.
Check Probe(const std::string& comparison, bool ok, bool expected) {
  Check c;
  c.name = "cdn.origin www.example.jp origin_1 198.19.0.1:443";
  c.ok = ok;
  c.comparison = comparison;
  c.expected = expected;
  return c;
}

TEST(JudgeTest, PreparedStaleIsAWarning) {
  const Timestamp before = kEnd - hours(72), late = kEnd + hours(2);
  AccountReport stale = Account("C", AccountState::kPreparedStale);
  stale.row.target.account.service = Service("cdn");
  Verdict v = Judge(stale, before, kGrace);
  EXPECT_EQ(v.severity, Severity::kWarning);
  EXPECT_NE(v.why.en.find("prepared-stale"), std::string::npos) << v.why.en;
  EXPECT_NE(v.why.ja.find("切替用バージョン"), std::string::npos) << v.why.ja;
  // Still not cut over long after the maintenance: critical, as for any.
  EXPECT_EQ(Judge(stale, late, kGrace).severity, Severity::kCritical);
}

TEST(JudgeTest, AProbeThatDiffersIsAWarningUnlessExpected) {
  const Timestamp before = kEnd - hours(72), late = kEnd + hours(2);
  // Cut over, the gate passed (same status class, type, title), but the
  // body the new origin serves is not the old one's: an old copy?
  AccountReport cut = Account("C", AccountState::kCutOver);
  cut.checks.push_back(Probe("differs", /*ok=*/true, /*expected=*/false));
  Verdict v = Judge(cut, late, kGrace);
  EXPECT_EQ(v.severity, Severity::kWarning);
  EXPECT_NE(v.why.en.find("answers differently"), std::string::npos);
  EXPECT_NE(v.why.en.find("origin_1"), std::string::npos) << v.why.en;
  // Before the maintenance the new origin is not expected to hold the site
  // yet (verify marks the difference expected): OK.
  AccountReport prepared = Account("C", AccountState::kPrepared);
  prepared.checks.push_back(Probe("differs", true, /*expected=*/true));
  EXPECT_EQ(Judge(prepared, before, kGrace).severity, Severity::kOk);
  // The same answer is OK; a failing blocking probe stays critical.
  AccountReport same = Account("C", AccountState::kCutOver);
  same.checks.push_back(Probe("same", true, false));
  EXPECT_EQ(Judge(same, late, kGrace).severity, Severity::kOk);
  AccountReport down = Account("C", AccountState::kCutOver);
  down.checks.push_back(Probe("new-down", false, false));
  EXPECT_EQ(Judge(down, late, kGrace).severity, Severity::kCritical);
}

TEST(PrometheusTest, PreparedStaleAndProbeResults) {
  CampaignResult result;
  result.accounts = {Account("C-1", AccountState::kPreparedStale)};
  result.accounts[0].checks.push_back(Probe("differs", true, true));
  MonitoringRun run{&result, kEnd - hours(72), minutes(0), kGrace, {}, "1.2"};
  const std::string text = RenderPrometheus(run);
  const std::string labels = R"(customer="C-1",service="ess")";
  EXPECT_NE(text.find("renumber_account_state{" + labels +
                      ",state=\"prepared-stale\"} 1\n"),
            std::string::npos)
      << text;
  const std::string check =
      ",check=\"cdn.origin www.example.jp origin_1 198.19.0.1:443\"";
  EXPECT_NE(text.find("renumber_account_probe_result{" + labels + check +
                      ",result=\"differs\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("renumber_account_probe_result{" + labels + check +
                      ",result=\"same\"} 0\n"),
            std::string::npos);
  EXPECT_NE(text.find("renumber_account_severity{" + labels + "} 1\n"),
            std::string::npos);
  NagiosOutput nagios = RenderNagios(run, Lang::kEn);
  EXPECT_EQ(nagios.exit_code, 1);
  EXPECT_NE(nagios.text.find(" prepared_stale=1 "), std::string::npos)
      << nagios.text;
}

TEST(NagiosTest, WorstWinsWithPerfdataAndTheAccountsBehindIt) {
  CampaignResult result;
  result.accounts = {Account("C-1", AccountState::kPrepared),
                     Account("C-2", AccountState::kMissing),
                     Account("C-3", AccountState::kPartial)};
  MonitoringRun run{&result, kEnd - hours(72), minutes(0), kGrace, {}, "1.2"};
  run.duration = std::chrono::milliseconds(2310);
  NagiosOutput out = RenderNagios(run, Lang::kEn);
  EXPECT_EQ(out.exit_code, 2);
  const std::string first = out.text.substr(0, out.text.find('\n'));
  EXPECT_EQ(first,
            "RENUMBER CRITICAL - 1 critical, 1 warning, 0 unknown of 3 "
            "accounts | accounts=3 critical=1 warning=1 unknown=0 ok=1 "
            "not_started=0 prepared=1 prepared_stale=0 cut_over=0 partial=1 "
            "missing=1 "
            "duration=2.310s");
  EXPECT_LT(out.text.find("CRITICAL C-2/ess: missing"),
            out.text.find("WARNING C-3/ess: partial"));
  EXPECT_EQ(out.text.find("C-1/ess"), std::string::npos) << "OK is not listed";
  result.accounts.resize(1);
  EXPECT_EQ(RenderNagios(run, Lang::kEn).exit_code, 0);
  result.accounts[0].result = AccountResult::kFailed;
  result.accounts[0].state_after.reset();
  EXPECT_EQ(RenderNagios(run, Lang::kEn).exit_code, 3);
  NagiosOutput ja = RenderNagios(run, Lang::kJa);
  EXPECT_NE(ja.text.find("確認できませんでした"), std::string::npos) << ja.text;
}

TEST(PrometheusTest, FamiliesLabelsAndEscaping) {
  CampaignResult result;
  result.accounts = {Account("C-\"1\"\\x", AccountState::kPrepared)};
  Check probe;
  probe.name = "http 198.19.0.1:443";
  probe.ok = true;
  probe.latency = std::chrono::milliseconds(42);
  result.accounts[0].checks.push_back(probe);
  MonitoringRun run{
      &result, kEnd - hours(72), std::chrono::milliseconds(1500), kGrace, {},
      "1.2"};
  run.last_change["C-\"1\"\\x/ess"] = kEnd - hours(100);
  std::string text = RenderPrometheus(run);
  const std::string labels = R"(customer="C-\"1\"\\x",service="ess")";
  EXPECT_NE(text.find("renumber_account_state{" + labels +
                      ",state=\"prepared\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("renumber_account_state{" + labels +
                      ",state=\"cut-over\"} 0\n"),
            std::string::npos);
  EXPECT_NE(text.find("renumber_account_check_latency_seconds{" + labels +
                      ",check=\"http 198.19.0.1:443\"} 0.042\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("renumber_verify_duration_seconds 1.500\n"),
            std::string::npos);
  EXPECT_NE(text.find("renumber_account_last_change_timestamp_seconds{" +
                      labels + "} 1796490000.000\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("# TYPE renumber_account_up gauge\n"), std::string::npos);
  EXPECT_NE(text.find("renumber_build_info{version=\"1.2\"} 1\n"),
            std::string::npos);
}

}  // namespace
}  // namespace renumber
