// `renumber vault ...`: the credential vault's subcommands (init, add,
// import, list, show, remove, purge, rekey, audit). Listed in
// src/cli/registrars.cc.
#ifndef RENUMBER_VAULT_CMD_VAULT_H_
#define RENUMBER_VAULT_CMD_VAULT_H_

#include "src/cli/command.h"

namespace renumber {

void RegisterVaultCommands(CLI::App& app, GlobalOptions& global,
                           CommandRun& run);

}  // namespace renumber

#endif  // RENUMBER_VAULT_CMD_VAULT_H_
