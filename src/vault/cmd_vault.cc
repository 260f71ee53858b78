// `renumber vault`: registration, and the init and rekey subcommands.
#include "src/vault/cmd_vault.h"

#include <memory>

#include "src/cli/app.h"
#include "src/i18n/i18n.h"
#include "src/vault/cmd_common.h"

namespace renumber {
namespace {

constexpr const char* kVaultHelp =
    "Encrypted, audited store of customers' management-console logins for "
    "proxy work (作業代行). Entries expire (at most 90 days) and are purged; "
    "every use and reveal is written to the audit log first.";

constexpr const char* kVaultFooter = R"(Examples:
  renumber vault init
  renumber vault add --customer C-10001 --service ess \
      --api-base https://ess.example.net --username admin@example.co.jp \
      --ticket T-4711 --maintenance-end 2026-12-10T06:00:00+09:00
  renumber vault import creds.json --ticket T-4711
  renumber vault list
  renumber vault show C-10001/ess --reveal --ticket T-4711
  renumber vault purge            (cron: drop expired entries)
  renumber vault audit --verify

The passphrase is read from --passphrase-file, $RENUMBER_VAULT_PASSPHRASE_FILE,
$CREDENTIALS_DIRECTORY/renumber-vault (systemd LoadCredentialEncrypted=), or
asked on the terminal with echo off; never from an argument. Files holding
secrets must be mode 0600.)";

}  // namespace

namespace vault {

void RegisterInit(CLI::App* parent, CommandContext* ctx, CommandRun* run) {
  CLI::App* cmd = parent->add_subcommand(
      "init", "create an empty vault and its audit log (files 0600)");
  cmd->footer(
      "Examples:\n"
      "  renumber vault init                 (asks for a new passphrase "
      "twice)\n"
      "  renumber vault init --passphrase-file ~/.config/renumber/pass\n"
      "The key is derived with scrypt (N=2^17, r=8, p=1); init prints how "
      "long that took.");
  AddCommonFlags(cmd, ctx);
  cmd->callback([ctx, run] {
    *run = [ctx] {
      auto with_store = ctx->OptionsWithStore();
      if (!with_store.ok()) return Fail(*ctx, with_store.status());
      VaultOptions opts = std::move(*with_store);
      if (ctx->fs->Exists(opts.path))
        return Fail(
            *ctx,
            Status::Conflict(
                "a vault already exists at '" + opts.path +
                    "'; nothing was changed",
                "'" + opts.path +
                    "' にはすでに保管庫があります。何も変更していません"));
      std::string file = FindPassphraseFile(ctx->fs, ctx->passphrase_file);
      auto pass = NewPassphrase(ctx->fs, ctx->prompter, file,
                                Tr(ctx->lang(), "vault.prompt_new"),
                                Tr(ctx->lang(), "vault.prompt_confirm"));
      if (!pass.ok()) return Fail(*ctx, pass.status());
      auto start = ctx->clock->Steady();
      auto v = Vault::Create(opts, std::move(*pass));
      if (!v.ok()) return Fail(*ctx, v.status());
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    ctx->clock->Steady() - start)
                    .count();
      KdfParams k = (*v)->kdf();
      Say(Tr(ctx->lang(), "vault.initialized", opts.path, k.log2_n, k.r, k.p,
             ms, (*v)->audit_path()));
      return static_cast<int>(kExitOk);
    };
  });
}

void RegisterRekey(CLI::App* parent, CommandContext* ctx, CommandRun* run) {
  CLI::App* cmd = parent->add_subcommand(
      "rekey", "change the vault passphrase (re-encrypts every entry)");
  auto new_file = std::make_shared<std::string>();
  cmd->add_option("--new-passphrase-file", *new_file,
                  "0600 file with the new passphrase (else asked twice)");
  cmd->footer(
      "Examples:\n"
      "  renumber vault rekey\n"
      "  renumber vault rekey --passphrase-file old.pass "
      "--new-passphrase-file new.pass");
  AddCommonFlags(cmd, ctx);
  cmd->callback([ctx, run, new_file] {
    *run = [ctx, new_file] {
      auto v = UnlockVault(*ctx);
      if (!v.ok()) return Fail(*ctx, v.status());
      auto pass = NewPassphrase(ctx->fs, ctx->prompter, *new_file,
                                Tr(ctx->lang(), "vault.prompt_new"),
                                Tr(ctx->lang(), "vault.prompt_confirm"));
      if (!pass.ok()) return Fail(*ctx, pass.status());
      Status s = (*v)->Rekey(std::move(*pass));
      if (!s.ok()) return Fail(*ctx, s);
      Say(Tr(ctx->lang(), "vault.rekeyed", (*v)->path()));
      return static_cast<int>(kExitOk);
    };
  });
}

}  // namespace vault

void RegisterVaultCommands(CLI::App& app, GlobalOptions& global,
                           CommandRun& run) {
  CLI::App* cmd = app.add_subcommand("vault", kVaultHelp);
  cmd->footer(kVaultFooter);
  cmd->require_subcommand(1);
  auto ctx = std::make_shared<vault::CommandContext>();
  ctx->global = &global;
  ctx->fs = PosixFileSystem();
  ctx->clock = RealClock();
  ctx->random = SystemRandom();
  ctx->prompter = vault::TtyPrompter();
  for (vault::Register reg :
       {vault::RegisterInit, vault::RegisterAdd, vault::RegisterImport,
        vault::RegisterList, vault::RegisterShow, vault::RegisterRemove,
        vault::RegisterPurge, vault::RegisterRekey, vault::RegisterAudit})
    reg(cmd, ctx.get(), &run);
  cmd->callback([ctx] {});  // keeps the shared flags alive with the app
}

}  // namespace renumber
