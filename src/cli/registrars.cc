#include "src/cli/registrars.h"

#include "src/vault/cmd_vault.h"

namespace renumber {

const std::vector<CommandRegistrar>& AllRegistrars() {
  static const std::vector<CommandRegistrar> kAll = {
      RegisterVaultCommands,
  };
  return kAll;
}

}  // namespace renumber
