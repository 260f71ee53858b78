// renumber's exit codes, in one table (docs/design.md, "Exit codes"): every
// command turns its Status or its campaign's result into an exit code here,
// and nowhere else. `verify --format nagios` alone answers with the
// monitoring-plugin codes instead (src/engine/monitoring.h).
//
// Thread-safety: pure functions.
#ifndef RENUMBER_CLI_EXIT_CODES_H_
#define RENUMBER_CLI_EXIT_CODES_H_

#include "src/core/status.h"
#include "src/engine/campaign.h"

namespace renumber {

// Exit codes, documented in --help, README and docs/design.md.
enum ExitCode {
  kExitOk = 0,           // done / in the expected state
  kExitFailed = 1,       // at least one account (or the command) failed
  kExitBadInput = 2,     // bad input or environment; nothing changed
  kExitNotExpected = 3,  // verify/plan found accounts not in the expected state
  kExitRefused = 4,      // refused by a safety gate; nothing changed
};

// The exit code of a command that stops with `s` (kExitOk for OK). Every
// Code has its row; the reasons are beside the table in exit_codes.cc.
int ExitCodeFor(const Status& s);

// The exit code of a campaign: kExitFailed if any account failed or is
// paused (rate limit); else kExitRefused if any was refused or the user
// declined; else kExitNotExpected if any is not in the expected state;
// else kExitOk.
int ExitCodeFor(const CampaignResult& result);

// kExitBadInput for any error `s` (kExitOk for OK): for what the user named
// on the command line — a flag, the plan file, a file to read, the state
// dir — which the user must fix whatever went wrong with it (an unreadable
// plan file is bad input even when the file system said kUnavailable).
// Call sites use it on purpose, where the context, not the code, decides.
int InputError(const Status& s);

}  // namespace renumber

#endif  // RENUMBER_CLI_EXIT_CODES_H_
