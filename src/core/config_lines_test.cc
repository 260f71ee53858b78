#include "src/core/config_lines.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(ConfigLinesTest, WordsOfEachLineWithTheirNumbers) {
  std::vector<ConfigLine> lines = ConfigLines(
      "# a comment\n\n127.0.0.1  a.example\tb.example # c.example\n"
      "   \n::1 c.example");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].number, 3);
  EXPECT_EQ(lines[0].words,
            (std::vector<std::string>{"127.0.0.1", "a.example", "b.example"}));
  EXPECT_EQ(lines[1].number, 5);  // the last line needs no newline
  EXPECT_EQ(lines[1].words, (std::vector<std::string>{"::1", "c.example"}));
  EXPECT_TRUE(ConfigLines("").empty());
  EXPECT_TRUE(ConfigLines("#only\n \n").empty());
}

}  // namespace
}  // namespace renumber
