// `renumber sim`: serves the ESS and CDN simulators (SimCluster) until
// SIGINT/SIGTERM, prints their URLs, the admin credentials and every seeded
// account's simulator-only test credentials, and loads/saves a state file.
// With --no-serve it only writes the requested files and exits.
#ifndef RENUMBER_SIM_CMD_SIM_H_
#define RENUMBER_SIM_CMD_SIM_H_

#include "src/cli/command.h"

namespace renumber {

void RegisterSimCommand(CLI::App& app, GlobalOptions& global, CommandRun& run);

}  // namespace renumber

#endif  // RENUMBER_SIM_CMD_SIM_H_
