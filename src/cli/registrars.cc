#include "src/cli/registrars.h"

#include "src/cli/demo.h"
#include "src/cli/migration.h"
#include "src/cli/report_command.h"
#include "src/cli/preflight_command.h"
#include "src/sim/cmd_sim.h"
#include "src/store/cmd_store.h"
#include "src/vault/cmd_vault.h"

namespace renumber {

const std::vector<CommandRegistrar>& AllRegistrars() {
  static const std::vector<CommandRegistrar> kAll = {
      RegisterMigrationCommands,
      RegisterPreflightCommand,
      RegisterReportCommand,
      RegisterDemoCommand,
      RegisterSimCommand,
      RegisterVaultCommands,
      RegisterStoreCommands,
  };
  return kAll;
}

}  // namespace renumber
