#include "tests/runbooks/runbook_steps.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(RunbookStepsTest, ReadsRunsOutputsSkipsAndTheWorld) {
  auto book = ParseRunbook(R"(# A runbook
<!-- runbook: world customers=4 -->

<!-- runbook: run -->
```sh
renumber --version
```

You should see:

<!-- runbook: output -->
```
renumber …
```

1. Indented, in a list:

   <!-- runbook: run exit=4 answer=y at=2026-12-10T07:00:00+09:00 -->
   ```sh
   renumber cutover \
       --plan plan.csv
   ```

<!-- runbook: skip opens an editor -->
```sh
$EDITOR plan.csv
```

<!-- runbook: run exit=3 -->
```bash
renumber verify
```

```json
{"not": "a command"}
```
)");
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  EXPECT_TRUE(book->marked);
  EXPECT_EQ(book->customers, 4);
  EXPECT_EQ(book->skipped, 1);
  ASSERT_EQ(book->steps.size(), 3u);
  const RunbookStep& v = book->steps[0];
  EXPECT_EQ(v.script, "renumber --version\n");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.at, "");
  ASSERT_TRUE(v.output.has_value());
  EXPECT_EQ(*v.output, "renumber …\n");
  const RunbookStep& c = book->steps[1];
  EXPECT_EQ(c.script, "renumber cutover \\\n    --plan plan.csv\n")
      << "the fence's indentation is removed";
  EXPECT_EQ(c.exit_code, 4);
  EXPECT_EQ(c.answer, "y");
  EXPECT_EQ(c.at, "2026-12-10T07:00:00+09:00");
  EXPECT_FALSE(c.output.has_value());
  EXPECT_EQ(book->steps[2].at, "2026-12-10T07:00:00+09:00") << "at= sticks";
  EXPECT_EQ(book->steps[2].exit_code, 3);
}

TEST(RunbookStepsTest, AMarkedRunbookHasNoUnmarkedCommand) {
  auto book = ParseRunbook(
      "<!-- runbook: run -->\n```sh\nrenumber status\n```\n"
      "```sh\nrenumber prepare --yes\n```\n");
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("1 command block(s) without"),
            std::string::npos)
      << book.status().message();
  EXPECT_NE(book.status().message().find("at line(s) 5 "), std::string::npos)
      << book.status().message();
  // An unmarked runbook is only counted (not yet under test).
  auto unmarked = ParseRunbook("```sh\nrenumber status\n```\n");
  ASSERT_TRUE(unmarked.ok());
  EXPECT_FALSE(unmarked->marked);
  EXPECT_EQ(unmarked->unmarked_sh, 1);
}

// A command indented in a list item is a block too, so it cannot escape
// the test by not being fenced; prose that starts with "renumber" is not.
TEST(RunbookStepsTest, IndentedCommandsInListsNeedAFencedBlock) {
  const std::string prose =
      "<!-- runbook: run -->\n```sh\nrenumber status\n```\n"
      "1. Check:\n\n   renumber writes an intent first.\n";
  ASSERT_TRUE(ParseRunbook(prose).ok());
  auto book = ParseRunbook(prose +
                           "2. Prepare:\n\n"
                           "   renumber prepare --plan p.csv --yes\n");
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("at line(s) 10 "), std::string::npos)
      << book.status().message();
}

TEST(RunbookStepsTest, WorldNamesTheSystemPathsAndCustomers) {
  auto book = ParseRunbook(
      "<!-- runbook: world customers=6 paths=/etc/renumber,/var/lib/renumber "
      "-->\n<!-- runbook: run -->\n```sh\nrenumber status\n```\n");
  ASSERT_TRUE(book.ok()) << book.status().message();
  EXPECT_EQ(book->customers, 6);
  EXPECT_EQ(book->paths,
            (std::vector<std::string>{"/etc/renumber", "/var/lib/renumber"}));
  for (const char* bad : {"paths=etc/renumber", "paths=/var/lib/",
                          "paths=/var/../etc", "paths="})
    EXPECT_FALSE(ParseRunbook(std::string("<!-- runbook: world ") + bad +
                              " -->\n")
                     .ok())
        << bad;
}

TEST(RunbookStepsTest, BadMarkersNameTheirLine) {
  for (const char* text :
       {"<!-- runbook: rnu -->\n```sh\nx\n```\n",
        "<!-- runbook: run exit=three -->\n```sh\nx\n```\n",
        "<!-- runbook: run timeout=5 -->\n```sh\nx\n```\n",
        "<!-- runbook: skip -->\n```sh\nx\n```\n",
        "<!-- runbook: output -->\n```\nx\n```\n",
        "<!-- runbook: run -->\nsome prose\n```sh\nx\n```\n",
        "<!-- runbook: run -->\n```json\n{}\n```\n",
        "<!-- runbook: run\n```sh\nx\n```\n", "<!-- runbook: run -->\n"}) {
    auto book = ParseRunbook(text);
    ASSERT_FALSE(book.ok()) << text;
    EXPECT_EQ(book.status().message().rfind("line 1: ", 0), 0u)
        << book.status().message();
  }
}

TEST(RunbookStepsTest, OutputMatchesInOrderWithEllipses) {
  const std::string shown =
      "Created the vault /tmp/x/vault.bin (scrypt N=2^17; 751 ms).\n"
      "ACCOUNT  PHASE\n"
      "C-10001/ess  prepare  done   \n"
      "C-10001/cdn  prepare  done\n"
      "C-10002/ess  prepare  done\n"
      "3 accounts: 3 done\n";
  EXPECT_TRUE(
      MatchOutput("Created the vault … (scrypt N=2^17; … ms).\n", shown).ok());
  EXPECT_TRUE(MatchOutput("ACCOUNT  PHASE\nC-10001/ess  prepare  done\n…\n"
                          "3 accounts: 3 done\n",
                          shown)
                  .ok())
      << "a line of … skips lines; trailing spaces do not count";
  EXPECT_TRUE(MatchOutput("\n  …\nC-10002/ess  prepare  …\n\n", shown).ok());
  Status skipped =
      MatchOutput("ACCOUNT  PHASE\nC-10002/ess  prepare  done\n", shown);
  ASSERT_FALSE(skipped.ok()) << "consecutive lines stay consecutive";
  EXPECT_NE(skipped.message().find("line 2 does not match"), std::string::npos)
      << skipped.message();
  EXPECT_NE(skipped.message().find("| C-10001/ess  prepare  done"),
            std::string::npos)
      << skipped.message();
  EXPECT_FALSE(MatchOutput("3 accounts: 2 done\n", shown).ok());
  EXPECT_FALSE(MatchOutput("3 accounts: 3 done\nmore\n", shown).ok());
}

TEST(RunbookStepsTest, TerminalTextIsWhatAPersonSees) {
  EXPECT_EQ(TerminalText("\x1b[2K\r[##--] apply 1/2\r\x1b[2K[####] apply "
                         "2/2\r\n\x1b[1mACCOUNT\x1b[0m\r\nC-1\r\n"),
            "[####] apply 2/2\nACCOUNT\nC-1\n");
  EXPECT_EQ(TerminalText("Passphrase: \r\nok\r\n"), "Passphrase: \nok\n");
  EXPECT_EQ(TerminalText("[#] 1/1\r\x1b[KACCOUNT\r\nC-1\n"), "ACCOUNT\nC-1\n")
      << "a cleared progress line is not seen";
  EXPECT_EQ(TerminalText("ab\rX\n"), "X\n")
      << "simplified: no partial overwrite";
}

}  // namespace
}  // namespace renumber
