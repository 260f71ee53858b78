// Messages of the command line itself (help, global errors, exit codes).
#include "src/i18n/messages.h"

namespace renumber {

const std::vector<MessageEntry>& CliMessages() {
  static const std::vector<MessageEntry> kTable = {
      {"cli.error", "error: {}", "エラー: {}"},
      {"cli.bad_option", "error: {} (see renumber --help)",
       "エラー: {} (renumber --help を参照してください)"},
  };
  return kTable;
}

}  // namespace renumber
