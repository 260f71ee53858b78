// The command line: parses arguments with CLI11, sets up logging and
// language, runs one subcommand, and turns its Status into an exit code
// through the one table of exit_codes.h.
#ifndef RENUMBER_CLI_APP_H_
#define RENUMBER_CLI_APP_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "src/cli/command.h"
#include "src/cli/exit_codes.h"

namespace renumber {

int RunCli(int argc, char** argv);

// The whole command line, every subcommand registered, in English (RunCli
// localizes it); for RunCli and for tests of --help, the man page and the
// completion.
std::unique_ptr<CLI::App> BuildApp(GlobalOptions& global, CommandRun& run);

// The JSON document (pretty-printed, with a final newline) a command prints
// on stdout when it stops with an error before any account ran: command
// ("" gives null), error, exit_code and an empty accounts list.
std::string JsonErrorDocument(const std::string& command,
                              const std::string& error, int exit_code);

}  // namespace renumber

#endif  // RENUMBER_CLI_APP_H_
