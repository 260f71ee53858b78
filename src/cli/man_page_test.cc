#include "src/cli/man_page.h"

#include <gtest/gtest.h>

#include "src/cli/app.h"
#include "src/cli/help_i18n.h"

namespace renumber {
namespace {

std::string Page(Lang lang) {
  GlobalOptions global;
  CommandRun run;
  auto app = BuildApp(global, run);
  LocalizeHelp(app.get(), lang);
  return RenderManPage(*app, "9.9.9", lang);
}

// The page names every command and every option the binary has.
TEST(ManPageTest, NamesEveryCommandAndOption) {
  const std::string page = Page(Lang::kEn);
  GlobalOptions global;
  CommandRun run;
  auto app = BuildApp(global, run);
  std::function<void(const CLI::App&, const std::string&)> check =
      [&](const CLI::App& a, const std::string& path) {
        EXPECT_NE(page.find(".SS \"" + path + "\""), std::string::npos) << path;
        for (const CLI::Option* o : a.get_options()) {
          if (o == a.get_help_ptr()) continue;
          std::string name = o->get_name(false, true);
          name = name.substr(name.rfind(',') + 1);  // the long form
          std::string dashed;
          for (char c : name) dashed += c == '-' ? "\\-" : std::string(1, c);
          EXPECT_NE(page.find("\\fB" + dashed + "\\fR"), std::string::npos)
              << path << " " << name;
        }
        for (const CLI::App* sub : a.get_subcommands({}))
          check(*sub, path + " " + sub->get_name());
      };
  for (const CLI::App* sub : app->get_subcommands({}))
    check(*sub, "renumber " + sub->get_name());
  EXPECT_NE(page.find(".TH RENUMBER 1 \"\" \"renumber 9.9.9\""),
            std::string::npos);
  EXPECT_NE(page.find("\\fB\\-\\-lang\\fR"), std::string::npos)
      << "global options";
  EXPECT_NE(page.find(".SH EXIT STATUS"), std::string::npos);
}

TEST(ManPageTest, JapanesePage) {
  const std::string page = Page(Lang::kJa);
  EXPECT_NE(page.find(".SH 書式"), std::string::npos);
  EXPECT_NE(page.find(".SH 終了ステータス"), std::string::npos);
  EXPECT_NE(page.find("基盤変更メンテナンス"), std::string::npos);
  EXPECT_NE(page.find(".SS \"renumber report\""), std::string::npos);
}

TEST(ManPageTest, RoffEscape) {
  EXPECT_EQ(RoffEscape("a\\b"), "a\\eb");
  EXPECT_EQ(RoffEscape(".hidden\n'quote\nok."), "\\&.hidden\n\\&'quote\nok.");
  EXPECT_EQ(RoffEscape("trailing\n\n"), "trailing");
}

}  // namespace
}  // namespace renumber
