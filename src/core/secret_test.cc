#include "src/core/secret.h"

#include <gtest/gtest.h>

#include <sstream>

namespace renumber {
namespace {

TEST(SecretTest, NeverPrintsItsValue) {
  Secret s("hunter2-password");
  std::ostringstream os;
  os << s;
  EXPECT_EQ(os.str(), kRedacted);
  EXPECT_EQ(os.str().find("hunter2"), std::string::npos);
  EXPECT_EQ(s.reveal(), "hunter2-password");
}

TEST(SecretTest, MoveLeavesSourceEmpty) {
  Secret a("token-abc");
  Secret b(std::move(a));
  EXPECT_EQ(b.reveal(), "token-abc");
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): by design
  Secret c;
  c = std::move(b);
  EXPECT_TRUE(b.empty());  // NOLINT
  EXPECT_EQ(c, Secret("token-abc"));
  EXPECT_FALSE(c == Secret("token-abd"));
}

}  // namespace
}  // namespace renumber
