#include "src/engine/status_report.h"

#include <gtest/gtest.h>
#include <stdlib.h>

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

}  // namespace
}  // namespace renumber
