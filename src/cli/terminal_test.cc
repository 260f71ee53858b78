#include "src/cli/terminal.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(ParseYesNoTest, YesInEveryFormAPersonTypes) {
  for (const char* yes : {"y", "Y", "yes", "YES", "Yes", " y ", "y\r", "はい",
                          "ｙ", "Ｙ", "ｙｅｓ", "\xE3\x80\x80ｙ\xE3\x80\x80"})
    EXPECT_TRUE(ParseYesNo(yes).yes) << yes;
}

TEST(ParseYesNoTest, EverythingElseIsNo) {
  for (const char* no : {"", "n", "N", "no", "いいえ", "ｎ", "yy", "ye", "y es",
                         "yes please", "1", "\x1b[A"})
    EXPECT_FALSE(ParseYesNo(no).yes) << no;
}

TEST(ParseYesNoTest, KeepsWhatWasTypedTrimmed) {
  EXPECT_EQ(ParseYesNo("  ｙ \r").typed, "ｙ");
  EXPECT_EQ(ParseYesNo("").typed, "");
}

}  // namespace
}  // namespace renumber
