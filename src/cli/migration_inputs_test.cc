#include "src/cli/migration_inputs.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(ParseExpectationTest, OneOrSeveralStatesOrAuto) {
  auto none = ParseExpectation("");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->active());
  auto several = ParseExpectation("prepared,cut-over");
  ASSERT_TRUE(several.ok()) << several.status().ToString();
  EXPECT_EQ(several->states,
            (std::vector<AccountState>{AccountState::kPrepared,
                                       AccountState::kCutOver}));
  EXPECT_FALSE(several->automatic);
  auto automatic = ParseExpectation("auto");
  ASSERT_TRUE(automatic.ok());
  EXPECT_TRUE(automatic->automatic);
  EXPECT_TRUE(automatic->states.empty());
}

TEST(ParseExpectationTest, WhatCannotBeExpectedIsBadInput) {
  for (const char* text : {"partial", "missing", "prepared,", "ready",
                           "auto,prepared", "prepared,auto"}) {
    auto e = ParseExpectation(text);
    ASSERT_FALSE(e.ok()) << text;
    EXPECT_TRUE(e.status().Is(Code::kInvalidArgument)) << text;
  }
  EXPECT_NE(ParseExpectation("ready").status().message().find(
                "use one or more of: not-started, prepared, cut-over"),
            std::string::npos);
  EXPECT_NE(ParseExpectation("auto,prepared")
                .status()
                .message()
                .find("--expect auto stands alone"),
            std::string::npos);
}

}  // namespace
}  // namespace renumber
