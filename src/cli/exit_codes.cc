#include "src/cli/exit_codes.h"

namespace renumber {

// No default: a new Code does not compile (-Wswitch, -Werror) until it has
// its row here, its row in exit_codes_test.cc and in docs/design.md.
int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case Code::kOk:
      return kExitOk;
    // The user's input or environment is wrong and the command stopped
    // before it changed anything: a bad flag or file, an object (vault
    // entry, campaign, account) that is not there, a missing or wrong
    // login or passphrase, a request that clashes with what exists (an
    // entry or a vault that is already there).
    case Code::kInvalidArgument:
    case Code::kNotFound:
    case Code::kUnauthorized:
    case Code::kConflict:
      return kExitBadInput;
    // Refused on purpose, nothing changed: not allowed (rights, an
    // untrusted peer, a file others may write), or a safety gate / a
    // state that must come first (an expired vault, an uninitialized
    // store schema, an account another run holds).
    case Code::kForbidden:
    case Code::kPreconditionFailed:
      return kExitRefused;
    // Something failed on the way — the vendor, the network, storage, or
    // us — and running again later (or a bug report) is the answer.
    case Code::kRateLimited:
    case Code::kTimeout:
    case Code::kUnavailable:
    case Code::kCorruption:
    case Code::kInternal:
      return kExitFailed;
  }
  return kExitFailed;  // not a Code: a corrupt value is a failure
}

int ExitCodeFor(const CampaignResult& result) {
  if (AnyAccount(result, {AccountResult::kFailed, AccountResult::kPaused}))
    return kExitFailed;
  if (result.declined || AnyAccount(result, {AccountResult::kRefused}))
    return kExitRefused;
  if (AnyAccount(result, {AccountResult::kNotExpected}))
    return kExitNotExpected;
  return kExitOk;
}

int InputError(const Status& s) { return s.ok() ? kExitOk : kExitBadInput; }

}  // namespace renumber
