// `renumber vault add` and `renumber vault import`.
#include <memory>

#include "src/cli/app.h"
#include "src/i18n/i18n.h"
#include "src/model/credential_source.h"
#include "src/model/paths.h"
#include "src/vault/cmd_common.h"
#include "src/vault/crypto.h"
#include "src/vault/vault_ops.h"

namespace renumber::vault {
namespace {

struct StoreFlags {
  std::string customer, service, api_base, username, ca_file, ticket;
  std::string expires, maintenance_end, secret_file, file;
  bool replace = false;
};

void AddExpiryFlags(CLI::App* cmd, StoreFlags* f) {
  cmd->add_option("--ticket", f->ticket,
                  "support ticket of the proxy work (required)")
      ->required();
  cmd->add_option("--expires", f->expires,
                  "RFC 3339 expiry, at most 90 days ahead");
  cmd->add_option("--maintenance-end", f->maintenance_end,
                  "RFC 3339 end of the maintenance; expiry = it + 14 days "
                  "(default without either flag: now + 14 days)");
  cmd->add_flag("--replace", f->replace,
                "overwrite entries the vault already holds");
}

Result<Timestamp> Expiry(const CommandContext& ctx, const StoreFlags& f) {
  RN_ASSIGN_OR_RETURN(auto expires, OptionalTime("--expires", f.expires));
  RN_ASSIGN_OR_RETURN(auto end,
                      OptionalTime("--maintenance-end", f.maintenance_end));
  if (expires && end)
    return Status::InvalidArgument(
        "give --expires or --maintenance-end, not both",
        "--expires と --maintenance-end "
        "は、どちらか一方だけを指定してください");
  return ChooseExpiry(ctx.clock->Now(), expires, end);
}

std::string CreatedBy(const CommandContext& ctx) {
  std::string user = OsUserName();
  return ctx.operator_name.empty() ? user
                                   : ctx.operator_name + " (" + user + ")";
}

// Validates the flags into an entry without its secret.
Result<VaultEntry> EntryFromFlags(const CommandContext& ctx,
                                  const StoreFlags& f) {
  VaultEntry e;
  RN_ASSIGN_OR_RETURN(e.creds.account.service, ParseService(f.service));
  e.creds.account.customer = f.customer;
  e.creds.api_base = f.api_base;
  e.creds.ca_file = f.ca_file;
  RN_RETURN_IF_ERROR(
      ValidateCustomerId(f.customer).Annotate("--customer", "--customer"));
  RN_RETURN_IF_ERROR(CheckApiBase(f.api_base).Annotate("--api-base"));
  // The service's plain fields come from flags (--username), its secret
  // from --secret-file or the prompt.
  const std::string service = ServiceName(e.creds.account.service);
  for (const CredentialField& field :
       e.creds.account.service.spec().credentials) {
    if (field.secret) continue;
    std::string value = field.name == "username" ? f.username : "";
    if (field.required && value.empty())
      return Status::InvalidArgument(
          service + " accounts need --" + field.name,
          service + " のアカウントには --" + field.name + " が必要です");
    if (!value.empty()) e.creds.fields[field.name] = std::move(value);
  }
  if (!f.ca_file.empty() && !ctx.fs->Exists(f.ca_file))
    return Status::InvalidArgument(
        "--ca-file '" + f.ca_file + "' does not exist",
        "--ca-file '" + f.ca_file + "' が見つかりません");
  e.ticket = f.ticket;
  e.created_at = ctx.clock->Now();
  e.created_by = CreatedBy(ctx);
  RN_ASSIGN_OR_RETURN(e.expires_at, Expiry(ctx, f));
  return e;
}

// The service's one secret field (`vault add` stores one secret).
const CredentialField* SecretField(Service service) {
  for (const CredentialField& field : service.spec().credentials)
    if (field.secret) return &field;
  return nullptr;
}

Result<Secret> AskSecret(const CommandContext& ctx, const VaultEntry& e) {
  const CredentialField* field = SecretField(e.creds.account.service);
  auto typed = ctx.prompter->ReadHidden(
      Tr(ctx.lang(),
         field && !field->prompt.empty() ? field->prompt
                                         : std::string("vault.prompt_token"),
         e.creds.account.ToString()));
  if (typed.status().Is(Code::kUnavailable))
    return Status::InvalidArgument(
        "there is no terminal to ask for the secret on; pass --secret-file "
        "FILE (mode 0600)",
        "秘密情報の入力を求める端末がありません。--secret-file FILE（モード "
        "0600）を指定してください");
  if (typed.ok() && typed->empty())
    return Status::InvalidArgument("the secret is empty", "秘密情報が空です");
  return typed;
}

int RunAdd(const CommandContext& ctx, const StoreFlags& f) {
  auto entry = EntryFromFlags(ctx, f);
  if (!entry.ok()) return Fail(ctx, entry.status());
  Secret secret;
  if (!f.secret_file.empty()) {
    auto s = ReadSecretFile(ctx.fs, f.secret_file, "--secret-file");
    if (!s.ok()) return Fail(ctx, s.status());
    secret = std::move(*s);
  }
  auto v = UnlockVault(ctx);
  if (!v.ok()) return Fail(ctx, v.status());
  if (secret.empty()) {
    auto s = AskSecret(ctx, *entry);
    if (!s.ok()) return Fail(ctx, s.status());
    secret = std::move(*s);
  }
  if (const CredentialField* field = SecretField(entry->creds.account.service))
    entry->creds.secrets[field->name] = std::move(secret);
  std::string account = entry->creds.account.ToString();
  Timestamp expires = entry->expires_at;
  // The expiry was in the future when the flags were read; unlocking (a
  // person typing, scrypt on a busy machine) may have outlasted it, and the
  // save drops expired entries: say so instead of "Stored".
  if (expires <= ctx.clock->Now())
    return Fail(
        ctx,
        Status::InvalidArgument(
            "--expires " + expires.ToRfc3339() +
                " passed while the vault was being unlocked; nothing stored",
            "保管庫を開いている間に --expires " + expires.ToRfc3339() +
                " を過ぎたため、何も保管していません"));
  Status s = PutEntries(v->get(), {std::move(*entry)}, f.replace, "add");
  if (!s.ok()) return Fail(ctx, s);
  if (expires <= ctx.clock->Now())
    return Fail(ctx,
                Status::Internal(account + " expired (" + expires.ToRfc3339() +
                                     ") while the vault was being saved, and "
                                     "the save dropped it (see the audit log)",
                                 account + " は保管庫の保存中に期限切れ（" +
                                     expires.ToRfc3339() +
                                     "）になったため、保存されませんでした（監"
                                     "査ログを参照してください）"));
  Say(Tr(ctx.lang(), "vault.added", account, f.ticket, expires.ToRfc3339(),
         DaysLeft(ctx.clock->Now(), expires)));
  return kExitOk;
}

int RunImport(const CommandContext& ctx, const StoreFlags& f) {
  auto expires = Expiry(ctx, f);
  if (!expires.ok()) return Fail(ctx, expires.status());
  Status priv = CheckPrivateFile(ctx.fs, f.file);
  if (!priv.ok()) return Fail(ctx, priv);
  auto text = ctx.fs->ReadFile(f.file, kMaxCredentialsFileBytes);
  if (!text.ok()) return Fail(ctx, text.status());
  auto creds = ParseCredentialsJson(*text, f.file);
  Wipe(&*text);
  if (!creds.ok()) return Fail(ctx, creds.status());
  size_t count = creds->size();
  auto v = UnlockVault(ctx);
  if (!v.ok()) return Fail(ctx, v.status());
  Status s = PutEntries(
      v->get(),
      EntriesFromCredentials(std::move(*creds), f.ticket, ctx.clock->Now(),
                             CreatedBy(ctx), *expires),
      f.replace, "import");
  if (!s.ok()) return Fail(ctx, s);
  Say(Tr(ctx.lang(), "vault.imported", count, f.file, (*v)->path(),
         expires->ToRfc3339()));
  Say(Tr(ctx.lang(), "vault.delete_file", f.file));
  return kExitOk;
}

}  // namespace

void RegisterAdd(CLI::App* parent, CommandContext* ctx, CommandRun* run) {
  auto f = std::make_shared<StoreFlags>();
  CLI::App* cmd = parent->add_subcommand(
      "add", "store one customer's login; the secret is asked with echo off");
  cmd->add_option("--customer", f->customer, "customer id, e.g. C-10001")
      ->required();
  cmd->add_option("--service", f->service, "ess|cdn: the service")->required();
  cmd->add_option("--api-base", f->api_base,
                  "management API base URL, e.g. https://ess.example.net")
      ->required();
  cmd->add_option("--username", f->username, "console user (ess)");
  cmd->add_option("--ca-file", f->ca_file, "extra CA bundle (PEM), optional");
  cmd->add_option("--secret-file", f->secret_file,
                  "for scripts: 0600 file holding the password (ess) or API "
                  "token (cdn) instead of the prompt");
  AddExpiryFlags(cmd, f.get());
  AddCommonFlags(cmd, ctx);
  cmd->footer(
      "Examples:\n"
      "  renumber vault add --customer C-10001 --service ess \\\n"
      "      --api-base https://ess.example.net --username admin@example.jp "
      "\\\n"
      "      --ticket T-4711 --maintenance-end 2026-12-10T06:00:00+09:00\n"
      "  renumber vault add --customer C-10001 --service cdn \\\n"
      "      --api-base https://api.cdn.example --ticket T-4711 "
      "--secret-file token.txt\n"
      "The secret is never taken from an argument.");
  cmd->callback(
      [ctx, run, f] { *run = [ctx, f] { return RunAdd(*ctx, *f); }; });
}

void RegisterImport(CLI::App* parent, CommandContext* ctx, CommandRun* run) {
  auto f = std::make_shared<StoreFlags>();
  CLI::App* cmd = parent->add_subcommand(
      "import", "store every account of a credentials file (template format)");
  cmd->add_option("FILE", f->file, "credentials file, mode 0600")->required();
  AddExpiryFlags(cmd, f.get());
  AddCommonFlags(cmd, ctx);
  cmd->footer(
      "Examples:\n"
      "  renumber vault import creds.json --ticket T-4711\n"
      "  renumber vault import creds.json --ticket T-4711 "
      "--maintenance-end 2026-12-10T06:00:00+09:00\n"
      "All accounts are stored or none. Delete the file afterwards.");
  cmd->callback(
      [ctx, run, f] { *run = [ctx, f] { return RunImport(*ctx, *f); }; });
}

}  // namespace renumber::vault
