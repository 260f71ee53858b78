#include "src/cli/registrars.h"

namespace renumber {

const std::vector<CommandRegistrar>& AllRegistrars() {
  static const std::vector<CommandRegistrar> kAll = {};
  return kAll;
}

}  // namespace renumber
