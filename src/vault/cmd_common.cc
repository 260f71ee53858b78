#include "src/vault/cmd_common.h"

#include "src/vault/vault_source.h"

#include <cstdio>

#include "src/cli/exit_codes.h"
#include "src/i18n/i18n.h"
#include "src/log/terminal_text.h"
#include "src/model/paths.h"

namespace renumber::vault {
namespace {

// Display columns of a UTF-8 string: 2 for 3- and 4-byte sequences (CJK),
// 1 otherwise.
size_t DisplayWidth(const std::string& s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    width += len >= 3 ? 2 : 1;
    i += len;
  }
  return width;
}

}  // namespace

std::string CommandContext::ResolvedPath() const {
  if (!vault_path.empty()) return vault_path;
  return ResolveStateDir(state_dir) + "/vault.bin";
}

VaultOptions CommandContext::Options() const {
  VaultOptions o;
  o.path = ResolvedPath();
  o.fs = fs;
  o.clock = clock;
  o.random = random;
  o.os_user = OsUserName();
  o.operator_name = operator_name;
  return o;
}

Result<VaultOptions> CommandContext::OptionsWithStore() const {
  VaultOptions o = Options();
  if (global && global->open_audit_copy) {
    RN_ASSIGN_OR_RETURN(o.audit_copy, global->open_audit_copy(store, o.path));
  }
  return o;
}

void AddCommonFlags(CLI::App* cmd, CommandContext* ctx) {
  cmd->add_option("--vault", ctx->vault_path,
                  "vault file (default: <state dir>/vault.bin)")
      ->group("Vault");
  cmd->add_option("--state-dir", ctx->state_dir,
                  "state directory (default: $XDG_STATE_HOME/renumber or "
                  "~/.local/state/renumber)")
      ->group("Vault");
  cmd->add_option("--passphrase-file", ctx->passphrase_file,
                  "0600 file with the vault passphrase (else "
                  "$RENUMBER_VAULT_PASSPHRASE_FILE, "
                  "$CREDENTIALS_DIRECTORY/renumber-vault, or a prompt)")
      ->group("Vault");
  cmd->add_option("--operator", ctx->operator_name,
                  "who is doing the work, for the audit log (the OS user is "
                  "always recorded too)")
      ->group("Vault");
  cmd->add_option("--store", ctx->store,
                  "team mode: also copy every audit record to this campaign "
                  "store (postgresql://…; default $RENUMBER_STORE)")
      ->group("Vault");
}

Result<std::unique_ptr<Vault>> UnlockVault(const CommandContext& ctx,
                                           bool inspect_broken_audit) {
  RN_ASSIGN_OR_RETURN(VaultOptions opts, ctx.OptionsWithStore());
  opts.inspect_broken_audit = inspect_broken_audit;
  if (!ctx.fs->Exists(opts.path))
    return Status::NotFound(
        "there is no vault at '" + opts.path +
            "'; create one with 'renumber vault init'",
        "'" + opts.path +
            "' に保管庫がありません。'renumber vault init' で作成してください");
  return UnlockVaultWithTries(
      opts, ctx.prompter, ctx.passphrase_file,
      [&](int left) { return UnlockPrompt(opts.path, left, ctx.lang()); });
}

int Fail(const CommandContext& ctx, const Status& s) {
  if (s.Is(Code::kUnauthorized) && s.message() == kWrongPassphrase) {
    Remark(Tr(ctx.lang(), "vault.wrong_passphrase"));
  } else {
    Remark(Tr(ctx.lang(), "vault.error", Localized(s, ctx.lang())));
  }
  return ExitCodeFor(s);
}

Result<std::optional<Timestamp>> OptionalTime(const std::string& flag,
                                              const std::string& value) {
  if (value.empty()) return std::optional<Timestamp>();
  auto t = Timestamp::ParseRfc3339(value);
  if (!t.ok()) return t.status().Annotate(flag);
  return std::optional<Timestamp>(*t);
}

// Both scrubbed and made terminal-safe (terminal_text.h): they may quote
// tickets, operators, entries and vendors' text.
void Say(const std::string& line) { PrintForHumans(stdout, line + "\n"); }

void Remark(const std::string& line) { PrintForHumans(stderr, line + "\n"); }

void Emit(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

std::string FormatTable(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < width.size(); ++i)
      width[i] = std::max(width[i], DisplayWidth(row[i]));
  };
  measure(header);
  for (const auto& r : rows) measure(r);
  auto line = [&](const std::vector<std::string>& row) {
    std::string out;
    for (size_t i = 0; i < row.size() && i < width.size(); ++i) {
      out += row[i];
      if (i + 1 < row.size())
        out += std::string(width[i] - DisplayWidth(row[i]) + 2, ' ');
    }
    return out + "\n";
  };
  std::string out = line(header);
  for (const auto& r : rows) out += line(r);
  return out;
}

}  // namespace renumber::vault
