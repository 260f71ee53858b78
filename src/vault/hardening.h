// Process hardening while vault secrets are in memory: no core dumps
// (setrlimit(RLIMIT_CORE, 0)) and not dumpable (prctl(PR_SET_DUMPABLE, 0),
// which also keeps other processes of the same user from ptrace-attaching or
// reading /proc/PID/mem).
//
// Called by Vault::Open/Create. It is not undone when the vault closes:
// freed heap may still hold remnants of decrypted JSON (the JSON library's
// parse buffers), so the process stays protected until it exits.
//
// Thread-safe and idempotent. Errors: kInternal when the kernel refuses.
#ifndef RENUMBER_VAULT_HARDENING_H_
#define RENUMBER_VAULT_HARDENING_H_

#include "src/core/status.h"

namespace renumber::vault {

Status DisableCoreDumps();

// Whether both protections are in force (for tests and `vault` diagnostics).
bool CoreDumpsDisabled();

}  // namespace renumber::vault

#endif  // RENUMBER_VAULT_HARDENING_H_
