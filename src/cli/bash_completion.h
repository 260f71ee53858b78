// Bash completion for renumber, generated at build time from the command
// line tree (BuildApp): commands (vault's included) and each command's
// options; the values of options whose help starts with their choices
// ("md|html|json …", "prepare|cutover"); file names after options that
// take a file or directory.
//
// Pure function of the tree; thread-compatible.
#ifndef RENUMBER_CLI_BASH_COMPLETION_H_
#define RENUMBER_CLI_BASH_COMPLETION_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace renumber {

// The script for /usr/share/bash-completion/completions/renumber.
std::string RenderBashCompletion(const CLI::App& app);

// The choices an option's help text starts with: "md|html|json (default
// md)…" gives {md, html, json}; {} when it starts with none.
std::vector<std::string> ChoicesOf(const std::string& description);

}  // namespace renumber

#endif  // RENUMBER_CLI_BASH_COMPLETION_H_
