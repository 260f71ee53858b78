#include "adapters/cdn/simulator/form.h"

#include <gtest/gtest.h>

namespace renumber::cdnsim {
namespace {

TEST(CdnFormTest, DecodesPlusAndEscapes) {
  auto f = ParseForm("name=a+b&comment=%E6%96%B0%2B%26%3D&x=");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->at("name"), "a b");
  EXPECT_EQ(f->at("comment"), "\xE6\x96\xB0+&=");
  EXPECT_EQ(f->at("x"), "");
  EXPECT_EQ(f->size(), 3u);
}

TEST(CdnFormTest, EdgeShapes) {
  EXPECT_TRUE(ParseForm("")->empty());
  auto f = ParseForm("&a=1&&b&a=2&");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->at("a"), "2");  // last wins
  EXPECT_EQ(f->at("b"), "");
  EXPECT_EQ(f->size(), 2u);
  EXPECT_EQ(ParseForm("a=b=c")->at("a"), "b=c");
  EXPECT_EQ(ParseForm("%61=1")->at("a"), "1");  // keys are decoded too
}

TEST(CdnFormTest, MalformedEscapesAndUtf8AreErrors) {
  for (const char* bad : {"a=%", "a=%4", "a=%G1", "a=%4g", "%=1", "a=%FF",
                          "a=%C0%80", "a=%ED%A0%80", "a=%E6%96"}) {
    auto f = ParseForm(bad);
    EXPECT_FALSE(f.ok()) << bad;
    EXPECT_EQ(f.status().code(), Code::kInvalidArgument) << bad;
  }
  EXPECT_TRUE(ParseForm("a=%F0%9F%98%80").ok());  // a 4-byte character
}

TEST(CdnFormTest, PathDecodingKeepsPlus) {
  EXPECT_EQ(*PercentDecode("a+b%20c", false), "a+b c");
  EXPECT_EQ(*PercentDecode("a+b%20c", true), "a b c");
}

TEST(CdnFormTest, Booleans) {
  EXPECT_TRUE(*ParseFormBool("true"));
  EXPECT_TRUE(*ParseFormBool("1"));
  EXPECT_FALSE(*ParseFormBool("false"));
  EXPECT_FALSE(*ParseFormBool("0"));
  for (const char* bad : {"", "TRUE", "yes", "2", "t", " 1"})
    EXPECT_FALSE(ParseFormBool(bad).ok()) << bad;
}

TEST(CdnFormTest, Integers) {
  EXPECT_EQ(*ParseFormInt("443"), 443);
  EXPECT_EQ(*ParseFormInt("-7"), -7);
  EXPECT_EQ(*ParseFormInt("2147483647"), 2147483647);
  for (const char* bad : {"", "-", "1.5", "0x10", "2147483648", "12a", " 1"})
    EXPECT_FALSE(ParseFormInt(bad).ok()) << bad;
}

}  // namespace
}  // namespace renumber::cdnsim
