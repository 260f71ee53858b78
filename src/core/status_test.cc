#include "src/core/status.h"

#include <gtest/gtest.h>

#include <set>

namespace renumber {
namespace {

Result<int> Half(int x) {
  if (x % 2) return Status::InvalidArgument(std::to_string(x) + " is odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  RN_ASSIGN_OR_RETURN(int h, Half(x));
  RN_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckEven(int x) {
  RN_RETURN_IF_ERROR(Half(x).status());
  return Status::Ok();
}

TEST(StatusTest, CodesAndMessages) {
  EXPECT_TRUE(Status::Ok().ok());
  EXPECT_EQ(Status().ToString(), "ok");
  Status s = Status::Timeout("ESS GET /v1/inbound-routes: no answer");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Code::kTimeout);
  EXPECT_EQ(s.ToString(), "timeout: ESS GET /v1/inbound-routes: no answer");
  EXPECT_EQ(s.Annotate("C-1/ess").message(),
            "C-1/ess: ESS GET /v1/inbound-routes: no answer");
  EXPECT_EQ(s.Annotate("x").code(), Code::kTimeout);
  EXPECT_TRUE(Status::Ok().Annotate("x").ok());
}

TEST(StatusTest, EveryCodeHasADistinctName) {
  std::set<std::string> names;
  for (Code c : {Code::kOk, Code::kInvalidArgument, Code::kNotFound,
                 Code::kUnauthorized, Code::kForbidden, Code::kConflict,
                 Code::kPreconditionFailed, Code::kRateLimited, Code::kTimeout,
                 Code::kUnavailable, Code::kCorruption, Code::kInternal})
    names.insert(CodeName(c));
  EXPECT_EQ(names.size(), 12u);
  EXPECT_STREQ(CodeName(Code::kPreconditionFailed), "precondition-failed");
}

TEST(StatusTest, ResultAndMacros) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "3 is odd");
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(5).code(), Code::kInvalidArgument);
}

TEST(StatusTest, MessagesInBothLanguages) {
  Status s = Status::NotFound("no vault at '/v'", "'/v' に保管庫がありません");
  EXPECT_EQ(s.message(), "no vault at '/v'");
  EXPECT_EQ(s.Message(true), "'/v' に保管庫がありません");
  EXPECT_EQ(s.Message(false), "no vault at '/v'");
  Status a = s.Annotate("C-1/ess");
  EXPECT_EQ(a.message(), "C-1/ess: no vault at '/v'");
  EXPECT_EQ(a.message_ja(), "C-1/ess: '/v' に保管庫がありません");
  Status w = s.Annotate("read back", "読み戻し");
  EXPECT_EQ(w.message_ja(), "読み戻し: '/v' に保管庫がありません");
  EXPECT_EQ(w.code(), Code::kNotFound);
  // English only (a simulator's answer): Japanese falls back to it, and
  // an annotation does not make it look translated.
  Status en = Status::Internal("boom").Annotate("ctx", "文脈");
  EXPECT_EQ(en.message_ja(), "");
  EXPECT_EQ(en.Message(true), "ctx: boom");
}

TEST(StatusDeathTest, ValueOfErrorAborts) {
  Result<int> r = Status::NotFound("nope");
  EXPECT_DEATH((void)r.value(), "failed Result");
}

}  // namespace
}  // namespace renumber
