#include "src/cli/progress.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace renumber {
namespace {

TEST(ProgressTest, RendersCountsAndEta) {
  std::string line = TerminalProgress::Render(
      "apply", 5, 1, 20, std::chrono::milliseconds(10000), "", Lang::kEn);
  EXPECT_NE(line.find("[######------------------]"), std::string::npos) << line;
  EXPECT_NE(line.find("apply 5/20"), std::string::npos) << line;
  EXPECT_NE(line.find("failed 1"), std::string::npos) << line;
  EXPECT_NE(line.find("remaining 15"), std::string::npos) << line;
  EXPECT_NE(line.find("ETA 0:30"), std::string::npos) << line;  // 2 s each
  std::string ja = TerminalProgress::Render(
      "apply", 20, 0, 20, std::chrono::milliseconds(1), "", Lang::kJa);
  EXPECT_NE(ja.find("失敗 0"), std::string::npos) << ja;
  EXPECT_NE(ja.find("0:00"), std::string::npos) << ja;
}

TEST(ProgressTest, DrawsInPlaceAndClearsAtTheEnd) {
  char* buf = nullptr;
  size_t len = 0;
  FILE* out = open_memstream(&buf, &len);
  FakeClock clock;
  {
    TerminalProgress p(out, &clock, Lang::kEn);
    p.Stage("discover", 2);
    AccountReport r;
    r.result = AccountResult::kFailed;
    clock.Advance(std::chrono::seconds(3));
    p.AccountDone(r);
    p.Finish();
  }
  std::fclose(out);
  std::string s(buf, len);
  free(buf);
  EXPECT_NE(s.find("\r\033[K[------------------------] discover 0/2"),
            std::string::npos);
  EXPECT_NE(s.find("discover 1/2  failed 1  remaining 1  ETA 0:03"),
            std::string::npos)
      << s;
  EXPECT_EQ(s.substr(s.size() - 4), "\r\033[K");
}

// The bar moves with every account discovered and names what the account
// that has been at it longest is doing, change by change.
TEST(ProgressTest, NamesTheSlowestAccountAndItsChange) {
  char* buf = nullptr;
  size_t len = 0;
  FILE* out = open_memstream(&buf, &len);
  FakeClock clock;
  {
    TerminalProgress p(out, &clock, Lang::kEn);
    p.Stage("apply", 2);
    p.Activity({"C-10002", Service("ess")}, "apply 0/107");
    clock.Advance(std::chrono::seconds(1));
    p.Activity({"C-10001", Service("cdn")}, "apply 0/3");
    clock.Advance(std::chrono::seconds(5));
    p.Activity({"C-10002", Service("ess")}, "apply 61/107");
    AccountReport done;
    done.row.target.account = {"C-10002", Service("ess")};
    p.AccountDone(done);
    clock.Advance(std::chrono::seconds(1));
    p.Activity({"C-10001", Service("cdn")}, "apply 2/3");
    p.Finish();
  }
  std::fclose(out);
  std::string s(buf, len);
  free(buf);
  EXPECT_NE(s.find("apply 0/2  failed 0  remaining 2  ETA --:--  | "
                   "C-10002/ess apply 61/107 (6 s)"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("| C-10001/cdn apply 2/3 (6 s)"), std::string::npos) << s;
}

}  // namespace
}  // namespace renumber
