#include "src/model/model.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(ModelTest, NamesRoundTrip) {
  for (Service s : {Service("ess"), Service("cdn")})
    EXPECT_EQ(*ParseService(ServiceName(s)), s);
  for (Phase p : {Phase::kPrepare, Phase::kCutover, Phase::kRollbackPrepare,
                  Phase::kRollbackCutover})
    EXPECT_EQ(*ParsePhase(PhaseName(p)), p);
  for (AccountState s :
       {AccountState::kNotStarted, AccountState::kPrepared,
        AccountState::kCutOver, AccountState::kPartial, AccountState::kMissing})
    EXPECT_EQ(*ParseState(StateName(s)), s);
  EXPECT_FALSE(ParseService("dns").ok());
  EXPECT_EQ(std::string(StateName(AccountState::kCutOver)), "cut-over");
}

TEST(ModelTest, AccountKey) {
  AccountKey a{"C-10001", Service("ess")}, b{"C-10001", Service("cdn")};
  EXPECT_EQ(a.ToString(), "C-10001/ess");
  EXPECT_TRUE(a < b);
  EXPECT_FALSE(a == b);
}

TEST(ModelTest, CustomerIds) {
  for (const char* ok : {"C-10001", "c10001", "9", "A.b_c-d", "C-1.2"})
    EXPECT_TRUE(ValidateCustomerId(ok).ok()) << ok;
  const std::string too_long(65, 'a');
  for (const std::string& bad :
       {std::string(), std::string("../../etc"), std::string(".."),
        std::string("."), std::string("-x"), std::string("_x"),
        std::string("C/1"), std::string("C 1"), std::string("C\x1b[2J"),
        std::string("C\n1"), std::string("C%2F1"), std::string("C\xc2\x9b"),
        std::string("C\0", 2), too_long}) {
    Status s = ValidateCustomerId(bad);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << bad;
    if (bad.size() >= 3) {
      EXPECT_EQ(s.message().find(bad), std::string::npos)
          << "the id is not repeated: " << s.message();
    }
  }
  EXPECT_TRUE(ValidateCustomerId(std::string(64, 'a')).ok());
}

}  // namespace
}  // namespace renumber
