// `renumber report`: the campaign report (src/report/) from the journals,
// optionally after a read-only verify (--live) run through the same
// machinery as `renumber verify --read-only --expect auto`.
//
// Result on stdout, or in --output FILE (written atomically, 0600: it names
// customers and their servers); errors and, with --live, the verify's own
// table on stderr. Exit 0 when written and nothing needs attention, 3 when
// an account was interrupted, failed or refused (or, with --live, is not
// where monitoring expects it), 2 for bad input, 1 when it could not read
// the journals or write the file.
#ifndef RENUMBER_CLI_REPORT_COMMAND_H_
#define RENUMBER_CLI_REPORT_COMMAND_H_

#include <string>

#include "src/cli/command.h"
#include "src/cli/migration.h"

namespace renumber {

struct ReportOptions {
  std::string format = "md";  // md | html | json
  std::string output_file;
  std::string plan_file;
  std::string campaign;
  std::string state_dir;
  bool live = false;
  // --live only: what the verify needs (credentials, vault, trust, DNS,
  // parallelism, monitoring's grace after maintenance_end).
  MigrationInvocation verify;
};

int RunReport(const ReportOptions& options, const GlobalOptions& global);
void RegisterReportCommand(CLI::App& app, GlobalOptions& global,
                           CommandRun& run);

}  // namespace renumber

#endif  // RENUMBER_CLI_REPORT_COMMAND_H_
