#include "src/i18n/i18n.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <set>

#include "src/i18n/messages.h"

namespace renumber {
namespace {

TEST(I18nTest, EveryMessageExistsInBothLanguages) {
  std::set<std::string> seen;
  for (const MessageEntry& e : AllMessages()) {
    EXPECT_TRUE(seen.insert(std::string(e.key)).second)
        << "duplicate key " << e.key;
    EXPECT_FALSE(e.en.empty()) << e.key;
    EXPECT_FALSE(e.ja.empty()) << e.key;
    // Both must take the same number of arguments.
    auto count = [](std::string_view s) {
      size_t n = 0;
      for (size_t i = 0; i + 1 < s.size(); ++i)
        if (s[i] == '{' && s[i + 1] != '{') ++n;
      return n;
    };
    EXPECT_EQ(count(e.en), count(e.ja)) << e.key;
  }
  EXPECT_FALSE(seen.empty());
}

TEST(I18nTest, TranslatesAndFormats) {
  EXPECT_EQ(Tr(Lang::kEn, "cli.error", "x"), "error: x");
  EXPECT_EQ(Tr(Lang::kJa, "cli.error", "x"), "エラー: x");
}

TEST(I18nTest, LanguageFromEnvironment) {
  setenv("LC_ALL", "", 1);
  setenv("LC_MESSAGES", "", 1);
  setenv("LANG", "ja_JP.UTF-8", 1);
  EXPECT_EQ(LangFromEnvironment(), Lang::kJa);
  setenv("LANG", "C.UTF-8", 1);
  EXPECT_EQ(LangFromEnvironment(), Lang::kEn);
  EXPECT_EQ(*ParseLang("ja"), Lang::kJa);
  EXPECT_FALSE(ParseLang("fr").ok());
}

}  // namespace
}  // namespace renumber
