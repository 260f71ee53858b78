#include "src/log/terminal_text.h"

#include <gtest/gtest.h>

#include "src/log/scrubber.h"

namespace renumber {
namespace {

TEST(TerminalTextTest, ControlCharactersBecomeVisible) {
  // A service name that sets the window title, a ticket that clears the
  // screen, a carriage return that overwrites the line.
  EXPECT_EQ(EscapeForTerminal("svc\x1b]2;pwned\x07 end"),
            "svc\\x1b]2;pwned\\x07 end");
  EXPECT_EQ(EscapeForTerminal("T-1\x1b[2J"), "T-1\\x1b[2J");
  EXPECT_EQ(EscapeForTerminal("ok\rFAIL"), "ok\\x0dFAIL");
  EXPECT_EQ(EscapeForTerminal("a\x7f"
                              "b\x08"),
            "a\\x7fb\\x08");
  // C1 controls (CSI = U+009B), and bytes that are not UTF-8.
  EXPECT_EQ(EscapeForTerminal("x\xc2\x9b"
                              "2Jy"),
            "x\\u009b2Jy");
  EXPECT_EQ(EscapeForTerminal("x\x9b"
                              "2J\xff\xc0\xaf"),
            "x\\x9b2J\\xff\\xc0\\xaf");
}

TEST(TerminalTextTest, OrdinaryTextIsUnchanged) {
  const std::string text =
      "C-10001/ess  (203.0.113.10 -> 198.51.100.20)\n\t配送サーバー ‹x› é\n";
  EXPECT_EQ(EscapeForTerminal(text), text);
  EXPECT_EQ(EscapeForTerminal("\xc2\xa0"), "\xc2\xa0") << "U+00A0 is printable";
}

TEST(TerminalTextTest, ForHumansScrubsThenEscapes) {
  AddScrubbedSecret("human-1b9e44c0d7");
  EXPECT_EQ(ForHumans("k=human-1b9e44c0d7\x1b[0m"),
            "k=\xe2\x80\xb9redacted\xe2\x80\xba\\x1b[0m");
}

// Found by the vendor_text fuzz target: the escape of a byte 0xff is
// "\xff", whose last letter and the text after it spelled a registered
// secret that the scrub before the escape could not see.
TEST(TerminalTextTest, AnEscapeCannotCompleteASecret) {
  AddScrubbedSecret("fuzz-secret-7c1e93a0b5d2");
  const std::string shown = ForHumans("id=\xffuzz-secret-7c1e93a0b5d2 end");
  EXPECT_EQ(shown.find("fuzz-secret-7c1e93a0b5d2"), std::string::npos) << shown;
  EXPECT_EQ(shown, "id=\\xf\xe2\x80\xb9redacted\xe2\x80\xba end");
}

}  // namespace
}  // namespace renumber
