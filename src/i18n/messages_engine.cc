// Messages of the engine area. Keys start with "engine.".
#include "src/i18n/messages.h"

namespace renumber {

const std::vector<MessageEntry>& EngineMessages() {
  static const std::vector<MessageEntry> kTable = {
  };
  return kTable;
}

}  // namespace renumber
