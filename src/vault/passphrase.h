// Where the vault passphrase (and, for `vault add`, a customer's secret)
// comes from. Never from a command-line argument.
//
// Unlock order: --passphrase-file, then $RENUMBER_VAULT_PASSPHRASE_FILE, then
// $CREDENTIALS_DIRECTORY/renumber-vault (systemd LoadCredentialEncrypted=),
// then a prompt on the terminal (/dev/tty, echo off). A file that group or
// others can read is refused. With no file and no terminal the error says
// which sources were tried.
//
// Thread-safety: the functions are; a Prompter is used by one thread at a
// time. Errors: kInvalidArgument (bad or unsafe file, empty or short
// passphrase, mismatch), kUnavailable (no terminal), file-system errors.
#ifndef RENUMBER_VAULT_PASSPHRASE_H_
#define RENUMBER_VAULT_PASSPHRASE_H_

#include <string>

#include "src/core/fs.h"
#include "src/core/secret.h"
#include "src/core/status.h"

namespace renumber::vault {

inline constexpr const char* kPassphraseFileEnv =
    "RENUMBER_VAULT_PASSPHRASE_FILE";
inline constexpr const char* kCredentialName = "renumber-vault";
inline constexpr size_t kMinPassphraseLength = 12;
// A passphrase or secret file larger than this is refused unread.
inline constexpr size_t kMaxSecretFileBytes = 64 * 1024;

// Reads a line of hidden input from the user.
class Prompter {
 public:
  virtual ~Prompter() = default;
  // Shows `prompt` and reads one line with echo off; kUnavailable when there
  // is no terminal.
  virtual Result<Secret> ReadHidden(const std::string& prompt) = 0;
};

// The controlling terminal (/dev/tty) with echo off; echo is restored on
// return and on SIGINT/SIGTERM/SIGHUP. Never deleted.
Prompter* TtyPrompter();

// A 0600 (or stricter) file holding one secret; one trailing newline is
// dropped; empty is refused. `what` names it in errors ("passphrase file"),
// `what_ja` in Japanese ("" = as `what`).
Result<Secret> ReadSecretFile(FileSystem* fs, const std::string& path,
                              const std::string& what,
                              const std::string& what_ja = "");

// The first passphrase file among --passphrase-file (`flag_file`), the
// environment variable and the systemd credential, or "" when none is set.
// `source` (optional) receives a description for messages.
std::string FindPassphraseFile(FileSystem* fs, const std::string& flag_file,
                               std::string* source = nullptr);

// The passphrase to unlock an existing vault, from the sources in order.
// `source` (optional) receives a description of where it came from.
Result<Secret> UnlockPassphrase(FileSystem* fs, Prompter* prompter,
                                const std::string& flag_file,
                                const std::string& prompt,
                                std::string* source = nullptr);

// A new passphrase (init, rekey): read from `file` when it is not empty,
// else asked twice on the terminal. At least kMinPassphraseLength
// characters.
Result<Secret> NewPassphrase(FileSystem* fs, Prompter* prompter,
                             const std::string& file, const std::string& prompt,
                             const std::string& confirm_prompt);

}  // namespace renumber::vault

#endif  // RENUMBER_VAULT_PASSPHRASE_H_
