// renumber(1): the manual page, generated at build time from the same
// command-line tree as --help (BuildApp), so that it names every command
// and option the binary has, with the same words, in English or (for
// /usr/share/man/ja) Japanese.
//
// Pure function of the tree; thread-compatible.
#ifndef RENUMBER_CLI_MAN_PAGE_H_
#define RENUMBER_CLI_MAN_PAGE_H_

#include <CLI/CLI.hpp>
#include <string>

#include "src/i18n/i18n.h"

namespace renumber {

// The page in roff (man macros). `app` is already in `lang` (LocalizeHelp).
std::string RenderManPage(const CLI::App& app, const std::string& version,
                          Lang lang);

// `text` made safe for roff: backslashes, and a '.' or '\'' that would
// start a request at the beginning of a line.
std::string RoffEscape(const std::string& text);

}  // namespace renumber

#endif  // RENUMBER_CLI_MAN_PAGE_H_
