#include "src/engine/status_report.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <vector>

#include "src/engine/journal.h"

namespace renumber {
namespace {

TEST(StatusReportTest, LatestRecordPerAccount) {
  char tmpl[] = "/tmp/renumber-status-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  FileSystem* fs = PosixFileSystem();
  {
    auto w = std::move(*JournalWriter::Open(fs, dir + "/c1.journal"));
    ASSERT_TRUE(w->Append({{"t", "2026-12-01T00:00:00Z"},
                           {"type", "account-end"},
                           {"account", "C-1/ess"},
                           {"phase", "prepare"},
                           {"result", "done"},
                           {"state", "prepared"},
                           {"writes", 2}})
                    .ok());
    ASSERT_TRUE(w->Append({{"t", "2026-12-02T00:00:00Z"},
                           {"type", "intent"},
                           {"account", "C-2/cdn"},
                           {"phase", "cutover"}})
                    .ok());
    ASSERT_TRUE(w->Append({{"t", "2026-12-02T00:00:01Z"},
                           {"type", "account-end"},
                           {"account", "C-3/cdn"},
                           {"phase", "cutover"},
                           {"result", "failed"},
                           {"error", {{"message", "C-3/cdn: boom"}}}})
                    .ok());
  }
  auto s = BuildStatus(fs, dir, "");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->accounts.size(), 3u);
  EXPECT_EQ(s->accounts[0].state, "prepared");
  EXPECT_EQ(s->accounts[0].writes, 2);
  EXPECT_EQ(s->accounts[1].result, "interrupted");
  EXPECT_EQ(s->accounts[2].last_error, "C-3/cdn: boom");
  std::string text = RenderStatus(*s, Lang::kEn);
  EXPECT_NE(text.find("C-2/cdn"), std::string::npos);
  EXPECT_EQ(BuildStatus(fs, dir, "c1")->accounts.size(), 3u);
  // A campaign that is not there is an error naming the ones that are.
  auto other = BuildStatus(fs, dir, "other");
  EXPECT_EQ(other.status().code(), Code::kNotFound);
  EXPECT_NE(other.status().message().find("campaigns: c1"), std::string::npos)
      << other.status().message();
  ASSERT_EQ(system(("rm -rf '" + dir + "'").c_str()), 0);
  // No journal at all: empty, and the text says where it looked.
  auto none = BuildStatus(fs, dir, "");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->accounts.empty());
  EXPECT_NE(RenderStatus(*none, Lang::kEn).find(dir), std::string::npos);
  EXPECT_NE(RenderStatus(*none, Lang::kJa).find(dir), std::string::npos);
  EXPECT_EQ(BuildStatus(fs, dir, "c1").status().code(), Code::kNotFound);
}

// The report's view: target, findings and checks from the records that
// carried them (a later silent record keeps them), and the history of
// runs: account-ends and the first intent of each run, in time order.
// The latest record is the latest in time, whatever the length of the
// fraction of seconds its "t" has (the strings do not sort as the times).
TEST(StatusReportTest, TheLatestRecordByTimeNotByText) {
  char tmpl[] = "/tmp/renumber-status-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl;
  FileSystem* fs = PosixFileSystem();
  {
    auto w = std::move(*JournalWriter::Open(fs, dir + "/c1.journal"));
    for (const auto& [t, account, phase] :
         std::vector<std::array<std::string, 3>>{
             {"2026-12-09T22:00:01.5Z", "C-1/cdn", "cutover"},
             {"2026-12-09T22:00:01.52Z", "C-1/cdn", "rollback-cutover"},
             {"2026-12-09T22:00:02Z", "C-2/ess", "cutover"},
             {"2026-12-09T22:00:02.3Z", "C-2/ess", "rollback-cutover"}})
      ASSERT_TRUE(w->Append({{"t", t},
                             {"type", "account-end"},
                             {"account", account},
                             {"phase", phase},
                             {"result", "done"},
                             {"state", "prepared"}})
                      .ok());
  }
  auto s = BuildStatus(fs, dir, "");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->accounts.size(), 2u);
  EXPECT_EQ(s->accounts[0].phase, "rollback-cutover");
  EXPECT_EQ(s->accounts[1].phase, "rollback-cutover");
  ASSERT_EQ(system(("rm -rf '" + dir + "'").c_str()), 0);
}

TEST(StatusReportTest, DetailsAndHistory) {
  char tmpl[] = "/tmp/renumber-status-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  FileSystem* fs = PosixFileSystem();
  {
    auto w = std::move(*JournalWriter::Open(fs, dir + "/c1.journal"));
    auto rec = [](const char* t, const char* type, const char* run) {
      return nlohmann::json{{"t", t},           {"type", type},
                            {"run", run},       {"account", "C-1/ess"},
                            {"phase", "prepare"}, {"operator", "alice"}};
    };
    ASSERT_TRUE(w->Append(rec("2026-12-01T00:00:02Z", "intent", "r1")).ok());
    ASSERT_TRUE(w->Append(rec("2026-12-01T00:00:03Z", "intent", "r1")).ok());
    auto end = rec("2026-12-01T00:00:04Z", "account-end", "r1");
    end["result"] = "done";
    end["state"] = "prepared";
    end["writes"] = 2;
    end["target"] = {{"old_ip", "198.18.0.1"}, {"new_ip", "198.19.0.1"},
                     {"maintenance_end", "2026-12-10T06:00:00+09:00"},
                     {"ticket", "ZL-1"}};
    end["findings"] = {{{"kind", "dns-dependent"},
                        {"object", "route r-1"},
                        {"text", {{"en", "DNS work"}, {"ja", "DNS 作業"}}}}};
    ASSERT_TRUE(w->Append(end).ok());
    // An older journal's record, silent about details, comes later.
    auto later = rec("2026-12-01T00:00:09Z", "account-end", "r2");
    later["result"] = "nothing-to-do";
    later["state"] = "prepared";
    ASSERT_TRUE(w->Append(later).ok());
  }
  {  // Another campaign, earlier in time: the history is sorted by time.
    auto w = std::move(*JournalWriter::Open(fs, dir + "/c0.journal"));
    ASSERT_TRUE(w->Append({{"t", "2026-12-01T00:00:01.5Z"},
                           {"type", "account-end"},
                           {"run", "r0"},
                           {"account", "C-2/cdn"},
                           {"result", "failed"}})
                    .ok());
  }
  auto s = BuildStatus(fs, dir, "");
  ASSERT_TRUE(s.ok());
  const AccountStatus& a = s->accounts[0];
  ASSERT_EQ(a.account, "C-1/ess");
  ASSERT_TRUE(a.target.has_value());
  EXPECT_EQ(a.target->ticket, "ZL-1");
  ASSERT_EQ(a.findings.size(), 1u);
  EXPECT_EQ(a.findings[0].text.ja, "DNS 作業");
  EXPECT_EQ(a.findings_at, "2026-12-01T00:00:04Z");
  EXPECT_TRUE(a.checks.empty());
  EXPECT_EQ(a.checks_at, "");
  EXPECT_EQ(a.result, "nothing-to-do");
  EXPECT_EQ(a.changed_at, "2026-12-01T00:00:04Z");
  ASSERT_EQ(s->events.size(), 4u);
  EXPECT_EQ(s->events[0].account, "C-2/cdn");
  EXPECT_EQ(s->events[1].type, "intent");
  EXPECT_EQ(s->events[2].state, "prepared");
  EXPECT_EQ(s->events[3].result, "nothing-to-do");
  ASSERT_EQ(system(("rm -rf '" + dir + "'").c_str()), 0);
}

}  // namespace
}  // namespace renumber
