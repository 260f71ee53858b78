// Messages of the sim area. Keys start with "sim.".
#include "src/i18n/messages.h"

namespace renumber {

const std::vector<MessageEntry>& SimMessages() {
  static const std::vector<MessageEntry> kTable = {
  };
  return kTable;
}

}  // namespace renumber
