// How a subcommand plugs into the CLI.
//
// Each area registers its subcommands in its own file (cmd_*.cc) through a
// Register function listed in app.cc. A subcommand's callback returns an exit
// code; global options (language, log setup, operator) are in GlobalOptions,
// filled before any callback runs.
#ifndef RENUMBER_CLI_COMMAND_H_
#define RENUMBER_CLI_COMMAND_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "src/i18n/i18n.h"

namespace renumber {

struct GlobalOptions {
  std::string log_level = "warn";
  std::string log_format = "text";
  std::string lang_flag;  // "" = from the environment
  Lang lang = Lang::kEn;
};

// The subcommand's work; returns an ExitCode (see app.h).
using CommandRun = std::function<int()>;

// Registers subcommands on `app`; `run` receives the chosen command's work.
using CommandRegistrar =
    std::function<void(CLI::App& app, GlobalOptions& global, CommandRun& run)>;

}  // namespace renumber

#endif  // RENUMBER_CLI_COMMAND_H_
