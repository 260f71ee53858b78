#include "src/vault/cmd_vault_access.h"

namespace renumber {

void AddVaultAccessOptions(CLI::App* command, VaultAccess* access) {
  command
      ->add_option("--vault", access->vault_path,
                   "credential vault file used when no --credentials is "
                   "given (default: <state dir>/vault.bin)")
      ->group("Vault");
  command
      ->add_option("--passphrase-file", access->passphrase_file,
                   "0600 file holding the vault passphrase (else "
                   "$RENUMBER_VAULT_PASSPHRASE_FILE, "
                   "$CREDENTIALS_DIRECTORY/renumber-vault, or a prompt)")
      ->group("Vault");
}

}  // namespace renumber
