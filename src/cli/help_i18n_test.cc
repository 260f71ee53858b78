// Every text --help shows exists in Japanese, and `renumber --lang ja …
// --help` shows it.
#include "src/cli/help_i18n.h"

#include <gtest/gtest.h>

#include <set>

#include "src/cli/app.h"
#include "src/i18n/messages.h"

namespace renumber {
namespace {

// A C++ string literal of `s`, for pasting a missing entry.
std::string Literal(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n\"\n     \"";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

TEST(HelpI18nTest, EveryHelpTextHasJapanese) {
  GlobalOptions global;
  CommandRun run;
  auto app = BuildApp(global, run);
  const std::vector<std::string> texts = HelpStrings(*app);
  ASSERT_GT(texts.size(), 100u);
  std::set<std::string> missing;
  for (const std::string& en : texts) {
    const std::string_view ja = HelpJa(en);
    if (ja.empty() || !HasJapanese(ja)) missing.insert(en);
  }
  std::string paste;
  for (const std::string& en : missing)
    paste += "    {" + Literal(en) + ",\n     \"\"},\n";
  EXPECT_TRUE(missing.empty()) << missing.size()
                               << " --help text(s) without Japanese; add to "
                                  "src/i18n/messages_help.cc:\n"
                               << paste;
  // And the table holds nothing --help no longer shows.
  const std::set<std::string> shown(texts.begin(), texts.end());
  for (const HelpEntry& e : HelpTexts())
    EXPECT_TRUE(shown.count(std::string(e.en)))
        << "stale entry in messages_help.cc: " << e.en;
}

TEST(HelpI18nTest, HelpInJapanese) {
  GlobalOptions global;
  global.lang = Lang::kJa;
  CommandRun run;
  auto app = BuildApp(global, run);
  LocalizeHelp(app.get(), Lang::kJa);
  const std::string top = app->help();
  EXPECT_NE(top.find("使い方"), std::string::npos) << top;
  EXPECT_NE(top.find("基盤変更メンテナンス"), std::string::npos) << top;
  CLI::App* prepare = app->get_subcommand("prepare");
  const std::string help = prepare->help();
  EXPECT_NE(help.find("オプション"), std::string::npos) << help;
  EXPECT_EQ(help.find("Print this help message"), std::string::npos) << help;
  // Every description line of every command's help holds Japanese (option
  // names, metavariables and examples aside).
  for (const CLI::App* sub : app->get_subcommands({})) {
    for (const CLI::Option* o : sub->get_options()) {
      EXPECT_TRUE(HasJapanese(o->get_description()))
          << sub->get_name() << " " << o->get_name() << ": "
          << o->get_description();
    }
  }
}

TEST(HelpI18nTest, ParseErrorsInJapanese) {
  GlobalOptions global;
  CommandRun run;
  auto app = BuildApp(global, run);
  const char* argv[] = {"renumber", "plan", "--no-such-flag"};
  try {
    app->parse(3, argv);
    FAIL() << "parsed";
  } catch (const CLI::ParseError& e) {
    const std::string ja = ParseErrorText(e, Lang::kJa);
    EXPECT_TRUE(HasJapanese(ja)) << ja;
    EXPECT_NE(ja.find("--no-such-flag"), std::string::npos) << ja;
    EXPECT_EQ(ParseErrorText(e, Lang::kEn), e.what());
  }
}

}  // namespace
}  // namespace renumber
