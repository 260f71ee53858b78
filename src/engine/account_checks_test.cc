#include <gtest/gtest.h>

#include "src/engine/account_run.h"

namespace renumber {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using States = std::vector<AccountState>;

// verify --expect auto: prepared before the account's maintenance_end,
// either during the grace after it, cut-over after that; explicit states
// are taken as given, whatever the time.
TEST(ExpectationTest, AutoFollowsTheMaintenanceEnd) {
  Target t;
  t.maintenance_end = *Timestamp::ParseRfc3339("2026-12-10T06:00:00+09:00");
  Expectation automatic;
  automatic.automatic = true;
  automatic.grace = hours(1);
  EXPECT_EQ(automatic.For(t, t.maintenance_end - minutes(1)),
            States{AccountState::kPrepared});
  EXPECT_EQ(automatic.For(t, t.maintenance_end),
            (States{AccountState::kPrepared, AccountState::kCutOver}));
  EXPECT_EQ(automatic.For(t, t.maintenance_end + minutes(59)),
            (States{AccountState::kPrepared, AccountState::kCutOver}));
  EXPECT_EQ(automatic.For(t, t.maintenance_end + hours(1)),
            States{AccountState::kCutOver});
  EXPECT_TRUE(automatic.active());

  Expectation several;
  several.states = {AccountState::kPrepared, AccountState::kCutOver};
  EXPECT_EQ(several.For(t, t.maintenance_end + hours(48)), several.states);
  EXPECT_EQ(several.For(t, t.maintenance_end - hours(48)), several.states);
  EXPECT_FALSE(Expectation().active());
}

}  // namespace
}  // namespace renumber
