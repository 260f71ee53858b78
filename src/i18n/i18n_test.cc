#include "src/i18n/i18n.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cctype>
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

// The English of `e` is words (not only a symbol or placeholders), so its
// Japanese must be Japanese.
bool IsWords(std::string_view en) {
  int run = 0;
  bool in_placeholder = false;
  for (char c : en) {
    if (c == '{') in_placeholder = true;
    if (c == '}') in_placeholder = false;
    run = !in_placeholder && std::isalpha(static_cast<unsigned char>(c))
              ? run + 1
              : 0;
    if (run >= 2) return true;
  }
  return false;
}

// Half-width parentheses next to Japanese text: Japanese output uses
// full-width （ ） around Japanese words (technical text such as
// "(mode 0644)" or an English quote keeps its own).
bool MixedParentheses(std::string_view ja) {
  for (size_t i = 0; i < ja.size(); ++i) {
    if (ja[i] == '(' && HasJapanese(ja.substr(i + 1, 3))) return true;
    if (ja[i] == ')' && i >= 3 && HasJapanese(ja.substr(i - 3, 3))) return true;
  }
  return false;
}

TEST(I18nTest, EveryMessageHasJapaneseInJapaneseStyle) {
  int words = 0;
  for (const MessageEntry& e : AllMessages()) {
    if (!IsWords(e.en)) continue;
    ++words;
    EXPECT_TRUE(HasJapanese(e.ja))
        << e.key << ": no Japanese in '" << e.ja << "'";
    EXPECT_FALSE(MixedParentheses(e.ja))
        << e.key << ": half-width parentheses around Japanese in '" << e.ja
        << "'";
  }
  EXPECT_GT(words, 300);
  for (const HelpEntry& e : HelpTexts()) {
    EXPECT_TRUE(HasJapanese(e.ja)) << "help: " << e.en;
    EXPECT_FALSE(MixedParentheses(e.ja)) << "help: " << e.ja;
  }
}

TEST(I18nTest, HasJapanese) {
  EXPECT_TRUE(HasJapanese("状態: prepared"));
  EXPECT_TRUE(HasJapanese("［正常］"));
  EXPECT_TRUE(HasJapanese("カタカナ"));
  EXPECT_FALSE(HasJapanese("state: prepared (mode 0644) …"));
  EXPECT_FALSE(HasJapanese(""));
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
