// Process hardening while secrets may be in memory: no core dumps
// (setrlimit(RLIMIT_CORE, 0)) and not dumpable (prctl(PR_SET_DUMPABLE, 0),
// which also keeps other processes of the same user from ptrace-attaching or
// reading /proc/PID/mem).
//
// The CLI calls it first thing in every command, before any argument is
// acted on or any secret read (a crash on hostile vendor input once wrote a
// core file holding the API token); Vault::Open/Create call it too, for
// library users. It is never undone: freed heap may still hold remnants of
// secrets, so the process stays protected until it exits.
//
// Thread-safe and idempotent. Errors: kInternal when the kernel refuses.
#ifndef RENUMBER_CORE_HARDENING_H_
#define RENUMBER_CORE_HARDENING_H_

#include "src/core/status.h"

namespace renumber {

Status DisableCoreDumps();

// Whether both protections are in force (for tests and `vault` diagnostics).
bool CoreDumpsDisabled();

}  // namespace renumber

#endif  // RENUMBER_CORE_HARDENING_H_
