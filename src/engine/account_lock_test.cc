#include "src/engine/account_lock.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <thread>

namespace renumber {
namespace {

TEST(AccountLockTest, SecondHolderIsToldWhoHasIt) {
  char tmpl[] = "/tmp/renumber-locks-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = std::string(tmpl) + "/locks";
  LockHolder alice{"alice", "op-a", "prepare", "camp", 42, "host1", ""};
  LockHolder bob{"bob", "", "cutover", "camp", 43, "host2", ""};
  FakeClock clock;
  AccountLocks a(PosixFileSystem(), dir, alice, &clock);
  AccountLocks b(PosixFileSystem(), dir, bob, &clock);
  AccountKey key{"C-1/x y", Service("ess")};  // odd characters are escaped
  auto held = a.Acquire(key, std::chrono::milliseconds(0));
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  auto second = b.Acquire(key, std::chrono::milliseconds(1000));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Code::kPreconditionFailed);
  const std::string& m = second.status().message();
  EXPECT_NE(m.find("alice (operator op-a)"), std::string::npos) << m;
  EXPECT_NE(m.find("pid 42 on host1"), std::string::npos) << m;
  EXPECT_GE(clock.total_slept(), std::chrono::milliseconds(1000))
      << "waited on the (fake) clock before giving up";
  // Other accounts are independent.
  EXPECT_TRUE(b.Acquire({"C-2", Service("ess")}, {}).ok());
  held->reset();
  EXPECT_TRUE(b.Acquire(key, {}).ok());
  ASSERT_EQ(system((std::string("rm -rf ") + tmpl).c_str()), 0);
}

}  // namespace
}  // namespace renumber
