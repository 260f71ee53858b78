#include "src/report/campaign_report.h"

#include <gtest/gtest.h>

#include "src/report/report_test_util.h"

namespace renumber {
namespace {

const ReportAccount& Find(const CampaignReport& r, const std::string& name) {
  for (const ReportAccount& a : r.accounts)
    if (a.account == name) return a;
  throw std::runtime_error("no " + name);
}

int Count(const Counts& counts, const std::string& name) {
  for (const auto& [k, n] : counts)
    if (k == name) return n;
  return 0;
}

TEST(CampaignReportTest, FromTheJournalAlone) {
  CampaignReport r = SampleReport();
  ASSERT_EQ(r.accounts.size(), 4u);
  EXPECT_EQ(r.accounts[0].account, "C-1/ess") << "plan order";
  EXPECT_EQ(r.accounts[3].account, "C-3/cdn");
  EXPECT_EQ(r.offset_minutes, 540) << "the plan's offset";
  EXPECT_FALSE(r.live_at.has_value());
  const ReportTotals& t = r.totals;
  EXPECT_EQ(t.accounts, 4);
  EXPECT_EQ(t.customers, 3);
  EXPECT_EQ(Count(t.by_state, "cut-over"), 1);
  EXPECT_EQ(Count(t.by_state, "prepared"), 1);
  EXPECT_EQ(Count(t.by_state, "unknown"), 2);
  EXPECT_EQ(t.by_state.front().first, "cut-over") << "fixed order";
  EXPECT_EQ(Count(t.by_result, "done"), 2);
  EXPECT_EQ(Count(t.by_result, "failed"), 1);
  EXPECT_EQ(Count(t.by_result, "not-run"), 1);
  EXPECT_TRUE(t.by_verdict.empty());
  EXPECT_EQ(t.needs_attention, 1);
  EXPECT_EQ(t.dns_work, 1);
  EXPECT_EQ(t.hidden_origins, 1);
  EXPECT_EQ(t.customers_with_work, 1);
  const ReportAccount& ess = Find(r, "C-1/ess");
  EXPECT_EQ(ess.changed_by, "alice");
  EXPECT_EQ(ess.dns_work.size(), 1u);
  EXPECT_EQ(ess.checks.size(), 1u);
  const ReportAccount& cdn = Find(r, "C-1/cdn");
  EXPECT_EQ(cdn.hidden_origins.size(), 1u);
  EXPECT_EQ(cdn.notes.size(), 1u);
  const ReportAccount& never = Find(r, "C-3/cdn");
  EXPECT_EQ(never.result, "not-run");
  ASSERT_TRUE(never.target.has_value()) << "from the plan";
  EXPECT_EQ(never.target->new_ip, "198.19.0.3");
  // Everything the timeline knows: 4 accounts, the last point after the
  // cut over of C-1/ess.
  ASSERT_FALSE(r.timeline.points.empty());
  EXPECT_EQ(r.timeline.accounts, 4);
  EXPECT_EQ(r.timeline.points.back().counts[0], 1) << "cut-over";
}

TEST(CampaignReportTest, OutsideTextIsSafeAndHoldsNoSecret) {
  CampaignReport r = SampleReport(/*live=*/true);
  const ReportAccount& bad = Find(r, "C-2/ess");
  const std::vector<const std::string*> texts = {
      &bad.last_error, &bad.target->ticket, &bad.live_error, &r.warnings[0]};
  for (const std::string* s : texts) {
    EXPECT_EQ(s->find('\x1b'), std::string::npos) << *s;
    EXPECT_EQ(s->find('\x07'), std::string::npos) << *s;
    EXPECT_EQ(s->find(kCanarySecret), std::string::npos) << *s;
  }
  EXPECT_NE(bad.target->ticket.find("\\x1B[2J"), std::string::npos)
      << "shown, not acted on: " << bad.target->ticket;
  EXPECT_NE(bad.last_error.find("redacted"), std::string::npos)
      << bad.last_error;
}

TEST(CampaignReportTest, LiveVerifyGivesStateChecksAndVerdicts) {
  CampaignReport r = SampleReport(/*live=*/true);
  ASSERT_TRUE(r.live_at.has_value());
  const ReportAccount& ess = Find(r, "C-1/ess");
  EXPECT_TRUE(ess.live);
  EXPECT_EQ(ess.state, "cut-over");
  ASSERT_EQ(ess.checks.size(), 1u);
  EXPECT_FALSE(ess.checks[0].ok) << "the live check, not the journal's";
  ASSERT_TRUE(ess.verdict.has_value());
  EXPECT_EQ(ess.verdict->severity, Severity::kCritical);
  EXPECT_TRUE(ess.needs_attention);
  EXPECT_EQ(ess.changed_by, "alice") << "the journal still says who";
  const ReportAccount& bad = Find(r, "C-2/ess");
  EXPECT_EQ(bad.state, "");
  EXPECT_EQ(bad.verdict->severity, Severity::kUnknown);
  EXPECT_NE(bad.live_error.find("401"), std::string::npos);
  const ReportAccount& never = Find(r, "C-3/cdn");
  EXPECT_EQ(never.state, "not-started");
  EXPECT_EQ(never.verdict->severity, Severity::kOk)
      << "before its maintenance_end";
  EXPECT_TRUE(Find(r, "C-1/cdn").hidden_origins.empty())
      << "the live read found none";
  EXPECT_EQ(Count(r.totals.by_verdict, "CRITICAL"), 2);
  EXPECT_EQ(Count(r.totals.by_verdict, "OK"), 1);
  EXPECT_EQ(Count(r.totals.by_state, "not-started"), 1);
  EXPECT_EQ(r.timeline.points.back().at, *r.live_at);
}

TEST(CampaignReportTest, CustomersInReportOrder) {
  CampaignReport r = SampleReport();
  auto customers = ByCustomer(r);
  ASSERT_EQ(customers.size(), 3u);
  EXPECT_EQ(customers[0].first, "C-1");
  EXPECT_EQ(customers[0].second.size(), 2u);
  EXPECT_EQ(customers[2].first, "C-3");
}

}  // namespace
}  // namespace renumber
