// Where renumber keeps its state: the journal, locks, vault and audit log.
#ifndef RENUMBER_MODEL_PATHS_H_
#define RENUMBER_MODEL_PATHS_H_

#include <string>

namespace renumber {

// --state-dir when given; else $XDG_STATE_HOME/renumber; else
// $HOME/.local/state/renumber; else ./.renumber-state.
std::string ResolveStateDir(const std::string& flag);

// The OS user running the process ("unknown" if it cannot be told).
std::string OsUserName();

// This machine's host name ("?" if it cannot be told).
std::string HostName();

}  // namespace renumber

#endif  // RENUMBER_MODEL_PATHS_H_
