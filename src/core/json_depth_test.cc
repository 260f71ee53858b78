#include "src/core/json_depth.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

std::string Nested(size_t levels, const std::string& inner = "") {
  return std::string(levels, '[') + inner + std::string(levels, ']');
}

TEST(JsonDepthTest, CountsBracketsOutsideStrings) {
  EXPECT_FALSE(JsonNestsDeeperThan("{}", 1));
  EXPECT_TRUE(JsonNestsDeeperThan("{\"a\":[]}", 1));
  EXPECT_FALSE(JsonNestsDeeperThan("{\"a\":\"[[[[[[\"}", 1));
  EXPECT_FALSE(JsonNestsDeeperThan("{\"a\":\"\\\"[[[[\"}", 1))
      << "an escaped quote does not end the string";
  EXPECT_FALSE(JsonNestsDeeperThan(Nested(64), 64));
  EXPECT_TRUE(JsonNestsDeeperThan(Nested(65), 64));
  EXPECT_FALSE(JsonNestsDeeperThan("[]]]]][", 1)) << "not JSON: still counted";
}

TEST(JsonDepthTest, ParseBoundedJson) {
  auto ok = ParseBoundedJson(R"({"a": [1, {"b": 2}]})");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)["a"][1]["b"], 2);
  auto deep = ParseBoundedJson(Nested(200000));
  EXPECT_EQ(deep.status().code(), Code::kInternal);
  EXPECT_NE(deep.status().message().find("nested"), std::string::npos);
  EXPECT_EQ(ParseBoundedJson("{\"a\":").status().code(), Code::kInternal);
}

}  // namespace
}  // namespace renumber
