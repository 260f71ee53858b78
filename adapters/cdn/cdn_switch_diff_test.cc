#include "adapters/cdn/cdn_switch_diff.h"

#include <gtest/gtest.h>

namespace renumber::cdn {
namespace {

const char kOld[] = "198.18.0.10";
const char kNew[] = "198.19.0.10";
const std::vector<std::string> kComments = {
    "Initial configuration",
    "staged switch 198.18.0.10 \xE2\x86\x92 198.19.0.10 "
    "[renumber-staged base=3 old=198.18.0.10 new=198.19.0.10]"};

// The simulator's text (one line per field) for a moved backend.
std::string SimDiff(const std::string& extra = "") {
  return " backends:\n"
         " - name: origin\n"
         "-  address: 198.18.0.10\n"
         "+  address: 198.19.0.10\n"
         "   port: 80\n"
         "-comment: \"Initial configuration\"\n"
         "+comment: \"" +
         kComments[1] + "\"\n" + extra;
}

TEST(SwitchDiffTest, MovedAddressesAndTheCommentsAreAllThatChanged) {
  EXPECT_TRUE(DiffMovesOnlyAddresses(SimDiff(), kOld, kNew, kComments));
}

TEST(SwitchDiffTest, AnyOtherChangedLineIsNotOnlyAddresses) {
  EXPECT_FALSE(DiffMovesOnlyAddresses(SimDiff("-  port: 80\n+  port: 8080\n"),
                                      kOld, kNew, kComments));
  // The old IP added to a snippet: a hidden origin the lists must show.
  EXPECT_FALSE(DiffMovesOnlyAddresses(
      SimDiff("+  content: set req.backend_hint = 198.18.0.10;\n"), kOld, kNew,
      kComments));
  // A line removed without its counterpart, even one that looks like a
  // header once the diff has begun.
  EXPECT_FALSE(DiffMovesOnlyAddresses(SimDiff("-  shield: tokyo\n"), kOld, kNew,
                                      kComments));
  EXPECT_FALSE(DiffMovesOnlyAddresses(SimDiff("--- name: images\n"), kOld, kNew,
                                      kComments));
}

TEST(SwitchDiffTest, AFormatWithoutMarkersOrWithoutAMoveIsNotUnderstood) {
  EXPECT_FALSE(
      DiffMovesOnlyAddresses("backend origin 198.18.0.10 -> "
                             "198.19.0.10\n",
                             kOld, kNew, kComments));
  EXPECT_FALSE(DiffMovesOnlyAddresses("", kOld, kNew, kComments));
  EXPECT_FALSE(DiffMovesOnlyAddresses("-comment: \"Initial configuration\"\n",
                                      kOld, kNew, kComments));
}

TEST(SwitchDiffTest, OnlyWholeAddressesAreRead) {
  // Old .1 / new .1: the .10 addresses are other servers.
  EXPECT_FALSE(DiffMovesOnlyAddresses(
      "-  address: 198.18.0.10\n+  address: 198.19.0.10\n", "198.18.0.1",
      "198.19.0.1", {}));
  EXPECT_TRUE(
      DiffMovesOnlyAddresses("-  address: 198.18.0.1\n+  address: 198.19.0.1\n"
                             "   other: 198.19.0.10\n",
                             "198.18.0.1", "198.19.0.1", {}));
}

TEST(SwitchDiffTest, AUnifiedDiffOfGeneratedVclIsRead) {
  const std::string vcl =
      "--- version 3\n"
      "+++ version 4\n"
      "@@ -10,7 +10,7 @@\n"
      " backend F_origin {\n"
      "-    .host = \"2001:db8::10\";\n"
      "+    .host = \"2001:db8:1::10\";\n"
      "     .port = \"443\";\r\n";
  EXPECT_TRUE(
      DiffMovesOnlyAddresses(vcl, "2001:db8::10", "2001:db8:1::10", {}));
  // The base's comment empty: an uncommented line of it is not set aside.
  EXPECT_FALSE(DiffMovesOnlyAddresses(vcl + "-comment: \n", "2001:db8::10",
                                      "2001:db8:1::10", {"", ""}));
}

}  // namespace
}  // namespace renumber::cdn
