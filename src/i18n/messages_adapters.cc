// Messages of the adapters area. Keys start with "adapters.".
#include "src/i18n/messages.h"

namespace renumber {

const std::vector<MessageEntry>& AdapterMessages() {
  static const std::vector<MessageEntry> kTable = {};
  return kTable;
}

}  // namespace renumber
