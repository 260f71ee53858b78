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
#include <vector>

#include "src/core/status.h"
#include "src/i18n/i18n.h"

namespace renumber {

// Team mode: where a copy of a vault's audit records goes (the campaign
// store's append-only table), for the vault file `vault_path`, from
// --store `store_flag` (else $RENUMBER_STORE). An empty function when the
// store is the local state directory; an error when the store cannot be
// opened.
using AuditCopyFn = std::function<Status(const std::vector<std::string>&)>;
using OpenAuditCopy = std::function<Result<AuditCopyFn>(
    const std::string& store_flag, const std::string& vault_path)>;

struct GlobalOptions {
  std::string log_level = "warn";
  std::string log_format = "text";
  std::string lang_flag;  // "" = from the environment
  Lang lang = Lang::kEn;
  OpenAuditCopy open_audit_copy;  // set by RunCli
};

// The subcommand's work; returns an ExitCode (see app.h).
using CommandRun = std::function<int()>;

// Registers subcommands on `app`; `run` receives the chosen command's work.
using CommandRegistrar =
    std::function<void(CLI::App& app, GlobalOptions& global, CommandRun& run)>;

}  // namespace renumber

#endif  // RENUMBER_CLI_COMMAND_H_
