// `renumber vault list` and `renumber vault show`.
#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "src/cli/app.h"
#include "src/i18n/i18n.h"
#include "src/log/terminal_text.h"
#include "src/vault/cmd_common.h"

namespace renumber::vault {
namespace {

using json = nlohmann::json;

struct ReadFlags {
  bool json = false;
  std::string account, ticket, reason;
  bool reveal = false;
};

std::string DaysText(const CommandContext& ctx, const VaultEntry& e) {
  Timestamp now = ctx.clock->Now();
  if (e.ExpiredAt(now)) return Tr(ctx.lang(), "vault.expired_mark");
  return std::to_string(DaysLeft(now, e.expires_at));
}

json EntryInfo(const CommandContext& ctx, const VaultEntry& e) {
  Timestamp now = ctx.clock->Now();
  return {{"customer", e.creds.account.customer},
          {"service", ServiceName(e.creds.account.service)},
          {"api_base", e.creds.api_base},
          {"ticket", e.ticket},
          {"created_at", e.created_at.ToRfc3339()},
          {"created_by", e.created_by},
          {"expires_at", e.expires_at.ToRfc3339()},
          {"days_left", DaysLeft(now, e.expires_at)},
          {"expired", e.ExpiredAt(now)}};
}

int RunList(const CommandContext& ctx, const ReadFlags& f) {
  auto v = UnlockVault(ctx);
  if (!v.ok()) return Fail(ctx, v.status());
  auto entries = (*v)->Entries();
  if (!entries.ok()) return Fail(ctx, entries.status());
  std::sort(entries->begin(), entries->end(),
            [](const VaultEntry& a, const VaultEntry& b) {
              return a.creds.account < b.creds.account;
            });
  if (f.json) {
    json out = {{"vault", (*v)->path()}, {"entries", json::array()}};
    for (const VaultEntry& e : *entries)
      out["entries"].push_back(EntryInfo(ctx, e));
    Emit(out.dump(2) + "\n");
    return kExitOk;
  }
  if (entries->empty()) {
    Say(Tr(ctx.lang(), "vault.list_empty", (*v)->path()));
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows;
  for (const VaultEntry& e : *entries)
    rows.push_back({e.creds.account.customer,
                    ServiceName(e.creds.account.service), e.creds.api_base,
                    e.ticket, e.expires_at.ToRfc3339(), DaysText(ctx, e)});
  PrintForHumans(stdout, FormatTable({Tr(ctx.lang(), "vault.col_customer"),
                                      Tr(ctx.lang(), "vault.col_service"),
                                      Tr(ctx.lang(), "vault.col_api_base"),
                                      Tr(ctx.lang(), "vault.col_ticket"),
                                      Tr(ctx.lang(), "vault.col_expires"),
                                      Tr(ctx.lang(), "vault.col_days_left")},
                                     rows));
  Say(entries->size() == 1
          ? Tr(ctx.lang(), "vault.list_count_one", (*v)->path())
          : Tr(ctx.lang(), "vault.list_count", entries->size(), (*v)->path()));
  return kExitOk;
}

int RunReveal(const CommandContext& ctx, const ReadFlags& f, Vault* v,
              const AccountKey& account) {
  if (f.ticket.empty())
    return Fail(ctx, Status::InvalidArgument(
                         Tr(Lang::kEn, "vault.reveal_needs_ticket"),
                         Tr(Lang::kJa, "vault.reveal_needs_ticket")));
  auto e = v->Reveal(account, f.ticket, f.reason);
  if (!e.ok()) return Fail(ctx, e.status());
  // Every secret field of the service, in its order (ESS: the password;
  // CDN: the API token).
  for (const CredentialField& field : account.service.spec().credentials) {
    if (!field.secret) continue;
    Emit(e->creds.secret(field.name).reveal());  // no concatenated copy
    Emit("\n");
  }
  Remark(Tr(ctx.lang(), "vault.revealed", account.ToString(), f.ticket));
  return kExitOk;
}

int RunShow(const CommandContext& ctx, const ReadFlags& f) {
  auto account = ParseAccount(f.account);
  if (!account.ok()) return Fail(ctx, account.status());
  if (f.reveal && f.ticket.empty())
    return Fail(ctx, Status::InvalidArgument(
                         Tr(Lang::kEn, "vault.reveal_needs_ticket"),
                         Tr(Lang::kJa, "vault.reveal_needs_ticket")));
  auto v = UnlockVault(ctx);
  if (!v.ok()) return Fail(ctx, v.status());
  if (f.reveal) return RunReveal(ctx, f, v->get(), *account);
  auto entries = (*v)->Entries();
  if (!entries.ok()) return Fail(ctx, entries.status());
  int i = FindEntry(*entries, *account);
  if (i < 0)
    return Fail(ctx,
                Status::NotFound(
                    "the vault has no entry for " + account->ToString(),
                    "保管庫に " + account->ToString() + " の登録がありません"));
  const VaultEntry& e = (*entries)[i];
  json info = EntryInfo(ctx, e);
  std::vector<std::string> keys = {"customer", "service", "api_base"};
  for (const CredentialField& field :
       e.creds.account.service.spec().credentials)
    if (!field.secret) {
      info[field.name] = e.creds.field(field.name);
      keys.push_back(field.name);
    }
  info["ca_file"] = e.creds.ca_file;
  if (f.json) {
    Emit(info.dump(2) + "\n");
    return kExitOk;
  }
  for (const char* key :
       {"ca_file", "ticket", "created_at", "created_by", "expires_at"})
    keys.push_back(key);
  for (const std::string& key : keys) {
    std::string value = info[key].get<std::string>();
    if (!value.empty()) Say(key + ": " + value);
  }
  Say(Tr(ctx.lang(), "vault.col_days_left") + ": " + DaysText(ctx, e));
  return kExitOk;
}

}  // namespace

void RegisterList(CLI::App* parent, CommandContext* ctx, CommandRun* run) {
  auto f = std::make_shared<ReadFlags>();
  CLI::App* cmd = parent->add_subcommand(
      "list",
      "list entries without secrets (customer, service, api_base, "
      "ticket, expiry, days left)");
  cmd->add_flag("--json", f->json, "one JSON document on stdout");
  AddCommonFlags(cmd, ctx);
  cmd->footer(
      "Examples:\n"
      "  renumber vault list\n"
      "  renumber vault list --json | jq '.entries[] | select(.days_left < "
      "3)'");
  cmd->callback(
      [ctx, run, f] { *run = [ctx, f] { return RunList(*ctx, *f); }; });
}

void RegisterShow(CLI::App* parent, CommandContext* ctx, CommandRun* run) {
  auto f = std::make_shared<ReadFlags>();
  CLI::App* cmd = parent->add_subcommand(
      "show", "show one entry; --reveal prints its secret (audited)");
  cmd->add_option("ACCOUNT", f->account, "CUSTOMER/SERVICE, e.g. C-10001/ess")
      ->required();
  cmd->add_flag("--reveal", f->reveal,
                "print the password or API token on stdout (needs --ticket; "
                "written to the audit log first)");
  cmd->add_option("--ticket", f->ticket, "ticket justifying the reveal");
  cmd->add_option("--reason", f->reason, "free-text reason for the audit log");
  cmd->add_flag("--json", f->json, "entry details as JSON on stdout");
  AddCommonFlags(cmd, ctx);
  cmd->footer(
      "Examples:\n"
      "  renumber vault show C-10001/ess\n"
      "  renumber vault show C-10001/ess --reveal --ticket T-4711 "
      "--reason 'customer asked for a manual check'\n"
      "Expired entries are never revealed.");
  cmd->callback(
      [ctx, run, f] { *run = [ctx, f] { return RunShow(*ctx, *f); }; });
}

}  // namespace renumber::vault
