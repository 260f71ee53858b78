#include "src/cli/exit_codes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <vector>

namespace renumber {
namespace {

// The table of docs/design.md ("Exit codes"), written out again: a change
// to exit_codes.cc that is not also made here (and there) fails.
const std::map<Code, int>& Expected() {
  static const auto* table = new std::map<Code, int>{
      {Code::kOk, 0},
      {Code::kInvalidArgument, 2},
      {Code::kNotFound, 2},
      {Code::kUnauthorized, 2},
      {Code::kForbidden, 4},
      {Code::kConflict, 2},
      {Code::kPreconditionFailed, 4},
      {Code::kRateLimited, 1},
      {Code::kTimeout, 1},
      {Code::kUnavailable, 1},
      {Code::kCorruption, 1},
      {Code::kInternal, 1},
  };
  return *table;
}

TEST(ExitCodeForStatusTest, EveryCodeHasItsDocumentedExitCode) {
  int walked = 0;
  for (int i = static_cast<int>(Code::kOk);
       i <= static_cast<int>(Code::kInternal); ++i, ++walked) {
    const Code code = static_cast<Code>(i);
    auto expected = Expected().find(code);
    ASSERT_NE(expected, Expected().end())
        << CodeName(code) << " has no row in the expected table";
    EXPECT_EQ(ExitCodeFor(Status(code, "m")), expected->second)
        << CodeName(code);
  }
  EXPECT_EQ(walked, static_cast<int>(Expected().size()))
      << "a row of the expected table is not a Code between kOk and "
         "kInternal";
}

TEST(ExitCodeForStatusTest, TheMessageDoesNotMatter) {
  EXPECT_EQ(ExitCodeFor(Status::Ok()), kExitOk);
  EXPECT_EQ(ExitCodeFor(Status::Forbidden("a", "あ")), kExitRefused);
  EXPECT_EQ(ExitCodeFor(Status::Forbidden("b")), kExitRefused);
}

TEST(InputErrorTest, AnyErrorOfTheUsersInputIsBadInput) {
  EXPECT_EQ(InputError(Status::Ok()), kExitOk);
  for (int i = static_cast<int>(Code::kInvalidArgument);
       i <= static_cast<int>(Code::kInternal); ++i) {
    const Code code = static_cast<Code>(i);
    EXPECT_EQ(InputError(Status(code, "m")), kExitBadInput) << CodeName(code);
  }
}

CampaignResult Campaign(const std::vector<AccountResult>& results,
                        bool declined = false) {
  CampaignResult c;
  c.declined = declined;
  for (AccountResult r : results) {
    AccountReport a;
    a.result = r;
    c.accounts.push_back(a);
  }
  return c;
}

using R = AccountResult;

TEST(ExitCodeForCampaignTest, ChosenCases) {
  struct Case {
    std::vector<AccountResult> results;
    bool declined;
    int expected;
  };
  const Case cases[] = {
      {{}, false, 0},
      {{R::kOk, R::kDone, R::kNothingToDo, R::kWouldChange}, false, 0},
      {{R::kDone, R::kNotExpected}, false, 3},
      {{R::kNotExpected, R::kRefused}, false, 4},
      {{R::kDone}, true, 4},
      {{R::kNotExpected}, true, 4},
      {{R::kRefused, R::kFailed}, false, 1},
      {{R::kPaused, R::kRefused}, true, 1},
      {{R::kNotExpected, R::kPaused}, false, 1},
      {{R::kFailed}, true, 1},
  };
  for (const Case& c : cases) {
    std::string names;
    for (AccountResult r : c.results)
      names += std::string(AccountResultName(r)) + " ";
    EXPECT_EQ(ExitCodeFor(Campaign(c.results, c.declined)), c.expected)
        << names << (c.declined ? "declined" : "");
  }
}

// Over every set of account results, with and without a declined
// question: which results are in the campaign decides, in the order
// failed > refused > not expected > ok.
TEST(ExitCodeForCampaignTest, EveryCombinationOfResults) {
  const std::vector<AccountResult> all = {
      R::kOk,          R::kDone,    R::kNothingToDo, R::kWouldChange,
      R::kNotExpected, R::kRefused, R::kFailed,      R::kPaused};
  for (unsigned mask = 0; mask < (1u << all.size()); ++mask) {
    std::vector<AccountResult> some;
    for (size_t i = 0; i < all.size(); ++i)
      if (mask & (1u << i)) some.push_back(all[i]);
    for (bool declined : {false, true}) {
      const int code = ExitCodeFor(Campaign(some, declined));
      auto has = [&](R r) {
        return std::find(some.begin(), some.end(), r) != some.end();
      };
      SCOPED_TRACE(testing::Message()
                   << "mask " << mask << " declined " << declined);
      if (has(R::kFailed) || has(R::kPaused)) {
        EXPECT_EQ(code, kExitFailed);
      } else if (has(R::kRefused) || declined) {
        EXPECT_EQ(code, kExitRefused);
      } else if (has(R::kNotExpected)) {
        EXPECT_EQ(code, kExitNotExpected);
      } else {
        EXPECT_EQ(code, kExitOk);
      }
    }
  }
}

}  // namespace
}  // namespace renumber
