// `renumber demo` (see cmd_demo.cc).
#ifndef RENUMBER_CLI_DEMO_H_
#define RENUMBER_CLI_DEMO_H_

#include <string>

#include "src/cli/command.h"

namespace renumber {

struct DemoOptions {
  int customers = 6;
  std::string dir;
  bool keep = false;
};

int RunDemo(const DemoOptions& options, const GlobalOptions& global);
void RegisterDemoCommand(CLI::App& app, GlobalOptions& global, CommandRun& run);

}  // namespace renumber

#endif  // RENUMBER_CLI_DEMO_H_
