// The list of subcommand registrars (one per area), in help order.
#ifndef RENUMBER_CLI_REGISTRARS_H_
#define RENUMBER_CLI_REGISTRARS_H_

#include <vector>

#include "src/cli/command.h"

namespace renumber {

const std::vector<CommandRegistrar>& AllRegistrars();

}  // namespace renumber

#endif  // RENUMBER_CLI_REGISTRARS_H_
