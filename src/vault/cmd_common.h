// Shared pieces of the `renumber vault` subcommands: the flags every
// subcommand takes, unlocking, exit codes and output helpers. Internal to
// src/vault (cmd_*.cc).
//
// Human output goes to stderr, one JSON document (--json) or a revealed
// secret to stdout. Errors print once through Fail() and exit by the table
// of src/cli/exit_codes.h, as every command does (2 bad input / wrong
// passphrase, 4 refused, 1 failure). Not thread-safe (one command per
// process).
#ifndef RENUMBER_VAULT_CMD_COMMON_H_
#define RENUMBER_VAULT_CMD_COMMON_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/cli/command.h"
#include "src/core/fs.h"
#include "src/core/random.h"
#include "src/core/time.h"
#include "src/vault/passphrase.h"
#include "src/vault/vault.h"

namespace renumber::vault {

// Flags shared by every vault subcommand, plus the outside world.
struct CommandContext {
  GlobalOptions* global = nullptr;
  std::string vault_path;  // --vault
  std::string state_dir;   // --state-dir
  std::string passphrase_file;
  std::string operator_name;
  std::string store;  // --store (team mode: audit records copied there)
  FileSystem* fs = nullptr;
  Clock* clock = nullptr;
  Random* random = nullptr;
  Prompter* prompter = nullptr;

  Lang lang() const { return global->lang; }
  std::string ResolvedPath() const;
  VaultOptions Options() const;
  // Options() with the campaign store's audit copy (--store or
  // $RENUMBER_STORE); fails when that store cannot be opened.
  Result<VaultOptions> OptionsWithStore() const;
};

// Adds --vault, --state-dir, --passphrase-file, --operator to `cmd`.
void AddCommonFlags(CLI::App* cmd, CommandContext* ctx);

// Asks for (or reads) the passphrase and opens the vault; with
// `inspect_broken_audit` (vault audit) even when its audit log no longer
// matches the vault's record of it.
Result<std::unique_ptr<Vault>> UnlockVault(const CommandContext& ctx,
                                           bool inspect_broken_audit = false);

// Prints the error (translated where we have a message) and returns the
// exit code for its Status code (ExitCodeFor, src/cli/exit_codes.h).
int Fail(const CommandContext& ctx, const Status& s);

// An RFC 3339 flag value, or nullopt when empty.
Result<std::optional<Timestamp>> OptionalTime(const std::string& flag,
                                              const std::string& value);

// Say: a result line for people, on stdout (`vault list | grep` works).
// Remark: a line that is not the result, on stderr (errors, and the notice
// after a revealed secret, so `vault show --reveal | xclip` copies only the
// secret). Both are scrubbed and made terminal-safe (terminal_text.h): they
// may quote tickets, operators, entries. Emit: raw text on stdout (JSON
// documents, the secret the user asked for).
void Say(const std::string& line);
void Remark(const std::string& line);
void Emit(const std::string& text);

// A plain text table (display-width aware for Japanese headers).
std::string FormatTable(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows);

// Each subcommand's registration (cmd_vault_*.cc).
using Register = void (*)(CLI::App* vault, CommandContext* ctx,
                          CommandRun* run);
void RegisterInit(CLI::App* vault, CommandContext* ctx, CommandRun* run);
void RegisterAdd(CLI::App* vault, CommandContext* ctx, CommandRun* run);
void RegisterImport(CLI::App* vault, CommandContext* ctx, CommandRun* run);
void RegisterList(CLI::App* vault, CommandContext* ctx, CommandRun* run);
void RegisterShow(CLI::App* vault, CommandContext* ctx, CommandRun* run);
void RegisterRemove(CLI::App* vault, CommandContext* ctx, CommandRun* run);
void RegisterPurge(CLI::App* vault, CommandContext* ctx, CommandRun* run);
void RegisterRekey(CLI::App* vault, CommandContext* ctx, CommandRun* run);
void RegisterAudit(CLI::App* vault, CommandContext* ctx, CommandRun* run);

}  // namespace renumber::vault

#endif  // RENUMBER_VAULT_CMD_COMMON_H_
