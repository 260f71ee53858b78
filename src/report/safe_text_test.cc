#include "src/report/safe_text.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(SafeTextTest, ControlsBecomeVisibleAndTextStays) {
  EXPECT_EQ(SafeText("ZL-1\x1b[2J"), "ZL-1\\x1B[2J");
  EXPECT_EQ(SafeText("a\nb\tc\rd\x7f"), "a\\nb\\tc\\rd\\x7F");
  EXPECT_EQ(SafeText(std::string("nul\0x", 5)), "nul\\x00x");
  EXPECT_EQ(SafeText("\xc2\x9b" "31m"), "\\u009B31m") << "C1 CSI";
  EXPECT_EQ(SafeText("abc\xe2\x80\xae" "cba"), "abc\\u202Ecba")
      << "right-to-left override";
  EXPECT_EQ(SafeText("\xe2\x81\xa6x"), "\\u2066x") << "isolate";
  EXPECT_EQ(SafeText("配送サーバー (C-1) <ok>"), "配送サーバー (C-1) <ok>");
  EXPECT_EQ(SafeText("emoji \xf0\x9f\x93\xa7"), "emoji \xf0\x9f\x93\xa7");
}

TEST(SafeTextTest, BadUtf8BecomesReplacementCharacters) {
  const std::string fffd = "\xef\xbf\xbd";
  EXPECT_EQ(SafeText("a\xff" "b"), "a" + fffd + "b");
  EXPECT_EQ(SafeText("\xc0\xaf"), fffd + fffd) << "overlong '/'";
  EXPECT_EQ(SafeText("\xed\xa0\x80"), fffd + fffd + fffd) << "surrogate";
  EXPECT_EQ(SafeText("\xe3\x81"), fffd + fffd) << "cut short";
  EXPECT_EQ(SafeText("\xf4\x90\x80\x80"), fffd + fffd + fffd + fffd);
}

TEST(SafeTextTest, Idempotent) {
  for (const char* s : {"\x1b]2;title\x07", "\xc2\x85", "a\xff", "ok"})
    EXPECT_EQ(SafeText(SafeText(s)), SafeText(s)) << s;
}

TEST(SafeTextTest, FormatEscapes) {
  EXPECT_EQ(HtmlEscape("<script>\"x\" & 'y'\x1b"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;\\x1B");
  EXPECT_EQ(MarkdownEscape("a|b *c* _d_ [e](f) <g> `h` # \\"),
            "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) &lt;g&gt; \\`h\\` \\# \\\\");
  EXPECT_EQ(MarkdownFence("plain"), "```");
  EXPECT_EQ(MarkdownFence("a ```` b ` c"), "`````");
}

}  // namespace
}  // namespace renumber
