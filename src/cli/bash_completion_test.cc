#include "src/cli/bash_completion.h"

#include <gtest/gtest.h>

#include "src/cli/app.h"

namespace renumber {
namespace {

TEST(BashCompletionTest, ChoicesFromHelp) {
  EXPECT_EQ(ChoicesOf("md|html|json (default md): html is one page"),
            (std::vector<std::string>{"md", "html", "json"}));
  EXPECT_EQ(ChoicesOf("prepare|cutover"),
            (std::vector<std::string>{"prepare", "cutover"}));
  EXPECT_EQ(ChoicesOf("not-started|prepared|cut-over, several"),
            (std::vector<std::string>{"not-started", "prepared", "cut-over"}));
  EXPECT_TRUE(ChoicesOf("write the report to FILE").empty());
  EXPECT_TRUE(ChoicesOf("seconds to wait").empty());
  EXPECT_TRUE(ChoicesOf("a|").empty());
}

TEST(BashCompletionTest, ScriptCoversTheCommandLine) {
  GlobalOptions global;
  CommandRun run;
  auto app = BuildApp(global, run);
  const std::string script = RenderBashCompletion(*app);
  EXPECT_NE(script.find("complete -F _renumber renumber"), std::string::npos);
  for (const char* want :
       {"'prepare') words=", "'vault add') words=",
        "'report --format') "
        "COMPREPLY=($(compgen -W 'md html json'",
        "'--lang') COMPREPLY=($(compgen -W 'en ja'",
        "'rollback --phase') COMPREPLY=($(compgen -W 'prepare cutover'",
        "'prepare --plan') COMPREPLY=($(compgen -f",
        "--ticket --expires --maintenance-end --replace --vault --state-dir "
        "--passphrase-file --operator --store'; files=1;;"})
    EXPECT_NE(script.find(want), std::string::npos) << want << "\n" << script;
  EXPECT_EQ(script.find("FILE"), std::string::npos)
      << "a positional's name is no word to complete";
}

}  // namespace
}  // namespace renumber
