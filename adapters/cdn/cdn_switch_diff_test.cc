#include "adapters/cdn/cdn_switch_diff.h"

#include <gtest/gtest.h>

namespace renumber::cdn {
namespace {

const char kOld[] = "198.18.0.10";
const char kNew[] = "198.19.0.10";
const std::vector<std::string> kComments = {
    "prod",
    "staged switch 198.18.0.10 \xE2\x86\x92 198.19.0.10 "
    "[renumber-staged base=3 old=198.18.0.10 new=198.19.0.10]"};

// The simulator's text (one line per field) for a moved backend.
std::string SimDiff(const std::string& extra = "") {
  return " backends:\n"
         " - name: origin\n"
         "-  address: 198.18.0.10\n"
         "+  address: 198.19.0.10\n"
         "   port: 80\n"
         "-comment: prod\n"
         "+comment: " +
         kComments[1] + "\n" + extra;
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

// Only the version's own comment line is set aside: a snippet whose text
// holds the comment's words is compared like any other line.
TEST(SwitchDiffTest, ALineThatOnlyContainsACommentIsCompared) {
  EXPECT_FALSE(DiffMovesOnlyAddresses(
      SimDiff(" snippets:\n"
              "-  content: set req.http.X-Env = \"prod\";\n"
              "+  content: set req.http.X-Env = \"prod\"; set "
              "bereq.http.X-Origin = \"198.18.0.10\";\n"),
      kOld, kNew, kComments));
  // A backend's comment equal to the version's is not the version's line.
  EXPECT_FALSE(DiffMovesOnlyAddresses(SimDiff("-  comment: prod\n"), kOld, kNew,
                                      kComments));
  // JSON-quoted, and an empty comment as the simulator writes it.
  EXPECT_TRUE(DiffMovesOnlyAddresses(
      "-  address: 198.18.0.10\n+  address: 198.19.0.10\n"
      "-comment: ''\n+comment: \"staged\"\n",
      kOld, kNew, {"", "staged"}));
}

// Lines that match only as a set, not in place: two snippets' contents
// swapped is a change the base's lists do not show.
TEST(SwitchDiffTest, LinesMatchInPlaceNotAsASet) {
  EXPECT_FALSE(DiffMovesOnlyAddresses(SimDiff(" snippets:\n"
                                              " - name: a\n"
                                              "-  content: one\n"
                                              "+  content: two\n"
                                              " - name: b\n"
                                              "-  content: two\n"
                                              "+  content: one\n"),
                                      kOld, kNew, kComments));
  EXPECT_FALSE(
      DiffMovesOnlyAddresses("-  address: 198.18.0.10\n-  port: 80\n"
                             "+  port: 80\n+  address: 198.19.0.10\n",
                             kOld, kNew, {}));
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

// The same reading of a unified diff (headers, hunks, CRLF, IPv6), in
// case the vendor's text is one.
TEST(SwitchDiffTest, AUnifiedDiffIsRead) {
  const std::string vcl =
      "--- version 3\r\n"
      "+++ version 4\r\n"
      "@@ -10,7 +10,7 @@\r\n"
      " backend F_origin {\r\n"
      "-    .host = \"2001:db8::10\";\r\n"
      "+    .host = \"2001:db8:1::10\";\r\n"
      "     .port = \"443\";\r\n";
  EXPECT_TRUE(
      DiffMovesOnlyAddresses(vcl, "2001:db8::10", "2001:db8:1::10", {}));
  // Empty comments: their line is set aside, any other is compared.
  EXPECT_TRUE(DiffMovesOnlyAddresses(vcl + "-comment: \r\n", "2001:db8::10",
                                     "2001:db8:1::10", {"", ""}));
  EXPECT_FALSE(DiffMovesOnlyAddresses(vcl + "-comment: old\r\n", "2001:db8::10",
                                      "2001:db8:1::10", {"", ""}));
  // 2001:db8:1::10 is not 2001:db8:1::1 followed by a 0.
  EXPECT_FALSE(DiffMovesOnlyAddresses(vcl, "2001:db8::1", "2001:db8:1::1", {}));
}

}  // namespace
}  // namespace renumber::cdn
