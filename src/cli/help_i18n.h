// `--help` and command-line errors in the reader's language.
//
// Help texts are written once, in English, where each option is declared
// (cmd_*.cc); their Japanese forms are in the catalog's help table
// (src/i18n/messages_help.cc), looked up by the English text. LocalizeHelp
// replaces every description, footer and group name of an App tree and
// CLI11's own labels ("Usage", "OPTIONS", "REQUIRED", "TEXT", …) by them;
// help_i18n_test.cc fails when a text shown by --help has no Japanese form.
//
// Not thread-safe (CLI11 apps are not); call before parsing.
#ifndef RENUMBER_CLI_HELP_I18N_H_
#define RENUMBER_CLI_HELP_I18N_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "src/i18n/i18n.h"

namespace renumber {

// Every text of `app` and its subcommands that --help shows and that is
// ours to translate: descriptions, footers, option descriptions, group
// names. CLI11's fixed labels are not in it (LocalizeHelp sets them).
std::vector<std::string> HelpStrings(const CLI::App& app);

// Puts `app` (recursively) in `lang`; English leaves it as declared.
void LocalizeHelp(CLI::App* app, Lang lang);

// A parse error of CLI11 ("The following argument was not expected: -x")
// as renumber says it in `lang`, without the "error:" prefix.
std::string ParseErrorText(const CLI::ParseError& e, Lang lang);

}  // namespace renumber

#endif  // RENUMBER_CLI_HELP_I18N_H_
