#include "src/sim/basic_auth.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(BasicAuthTest, Base64RoundTripAndKnownVectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  for (std::string s : {"", "a", "ab", "abc", "user:pa:ss\xff"})
    EXPECT_EQ(Base64Decode(Base64Encode(s)).value(), s);
  EXPECT_FALSE(Base64Decode("Zm9").has_value());
  EXPECT_FALSE(Base64Decode("Zm9!").has_value());
  EXPECT_FALSE(Base64Decode("Z===").has_value());
  EXPECT_FALSE(Base64Decode("Zg==Zg==").has_value());
}

TEST(BasicAuthTest, ParsesHeader) {
  auto c = ParseBasicAuth("Basic " + Base64Encode("admin@x.jp:p:w"));
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->username, "admin@x.jp");
  EXPECT_EQ(c->password, "p:w");
  EXPECT_TRUE(ParseBasicAuth("basic " + Base64Encode("a:b")).has_value());
  EXPECT_FALSE(ParseBasicAuth("Bearer abc").has_value());
  EXPECT_FALSE(ParseBasicAuth("Basic " + Base64Encode("nocolon")));
  EXPECT_FALSE(ParseBasicAuth("Basic !!!!").has_value());
  EXPECT_FALSE(ParseBasicAuth("").has_value());
}

TEST(BasicAuthTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_FALSE(ConstantTimeEquals("abc", ""));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
}

}  // namespace
}  // namespace renumber
