#include "src/model/model.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(ModelTest, NamesRoundTrip) {
  for (Service s : {Service::kEss, Service::kCdn})
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
  AccountKey a{"C-10001", Service::kEss}, b{"C-10001", Service::kCdn};
  EXPECT_EQ(a.ToString(), "C-10001/ess");
  EXPECT_TRUE(a < b);
  EXPECT_FALSE(a == b);
}

}  // namespace
}  // namespace renumber
