// Messages of the vault area. Keys start with "vault.".
#include "src/i18n/messages.h"

namespace renumber {

const std::vector<MessageEntry>& VaultMessages() {
  static const std::vector<MessageEntry> kTable = {
  };
  return kTable;
}

}  // namespace renumber
