#include "src/cli/registrars.h"

#include "src/sim/cmd_sim.h"
#include "src/vault/cmd_vault.h"

namespace renumber {

const std::vector<CommandRegistrar>& AllRegistrars() {
  static const std::vector<CommandRegistrar> kAll = {
      RegisterVaultCommands,
      RegisterSimCommand,
  };
  return kAll;
}

}  // namespace renumber
