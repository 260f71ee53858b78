// `renumber vault remove`, `purge` and `audit`.
#include <memory>
#include <nlohmann/json.hpp>

#include "src/cli/app.h"
#include "src/i18n/i18n.h"
#include "src/log/terminal_text.h"
#include "src/vault/cmd_common.h"
#include "src/vault/vault_ops.h"

namespace renumber::vault {
namespace {

using json = nlohmann::json;

struct AdminFlags {
  std::string account, ticket;
  bool all = false, yes = false, verify = false, json = false;
};

int RunRemove(const CommandContext& ctx, const AdminFlags& f) {
  auto account = ParseAccount(f.account);
  if (!account.ok()) return Fail(ctx, account.status());
  auto v = UnlockVault(ctx);
  if (!v.ok()) return Fail(ctx, v.status());
  Status s = RemoveEntry(v->get(), *account, f.ticket);
  if (!s.ok()) return Fail(ctx, s);
  Say(Tr(ctx.lang(), "vault.removed", account->ToString(), (*v)->path()));
  return kExitOk;
}

// At most kShown names on the terminal; a cron mail of 5,000 names helps
// nobody, and every purged entry has its own audit record.
std::string PurgedMessage(Lang lang, const std::vector<AccountKey>& removed,
                          const std::string& path) {
  constexpr size_t kShown = 10;
  if (removed.empty()) return Tr(lang, "vault.purged_none", path);
  std::string names;
  for (size_t i = 0; i < removed.size() && i < kShown; ++i)
    names += (i ? ", " : "") + removed[i].ToString();
  if (removed.size() > kShown)
    names = Tr(lang, "vault.purged_more", names, removed.size() - kShown);
  return removed.size() == 1 ? Tr(lang, "vault.purged_one", names)
                             : Tr(lang, "vault.purged", removed.size(), names);
}

int RunPurge(const CommandContext& ctx, const AdminFlags& f) {
  if (f.all && !f.yes)
    return Fail(ctx, Status::PreconditionFailed(
                         Tr(Lang::kEn, "vault.purge_all_needs_yes"),
                         Tr(Lang::kJa, "vault.purge_all_needs_yes")));
  auto v = UnlockVault(ctx);
  if (!v.ok()) return Fail(ctx, v.status());
  auto removed = PurgeEntries(v->get(), f.all, ctx.clock->Now(), f.ticket);
  if (!removed.ok()) return Fail(ctx, removed.status());
  Say(PurgedMessage(ctx.lang(), *removed, (*v)->path()));
  return kExitOk;
}

int PrintAudit(const CommandContext& ctx, const AdminFlags& f,
               const std::string& path) {
  std::string text;
  if (ctx.fs->Exists(path)) {
    // Through the vault's directory: never a link, never another's file.
    auto dir = ctx.fs->OpenPrivateDir(DirName(path), /*create=*/false);
    if (!dir.ok()) return Fail(ctx, dir.status());
    auto read = (*dir)->ReadFile(path);
    if (!read.ok()) return Fail(ctx, read.status());
    text = std::move(*read);
  }
  std::vector<AuditRecord> records = ParseAuditLog(text);
  if (f.json) {
    json out = json::array();
    for (const AuditRecord& r : records)
      out.push_back({{"seq", r.seq},
                     {"time", r.time},
                     {"os_user", r.os_user},
                     {"operator", r.operator_name},
                     {"action", r.action},
                     {"entry", r.entry},
                     {"customer", r.customer},
                     {"ticket", r.ticket},
                     {"result", r.result},
                     {"detail", r.detail}});
    Emit(out.dump(2) + "\n");
    return kExitOk;
  }
  if (records.empty()) {
    Say(Tr(ctx.lang(), "vault.audit_empty", path));
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows;
  for (const AuditRecord& r : records)
    rows.push_back({std::to_string(r.seq), r.time,
                    r.operator_name.empty()
                        ? r.os_user
                        : r.operator_name + " (" + r.os_user + ")",
                    r.action, r.entry, r.ticket, r.result, r.detail});
  PrintForHumans(stdout, FormatTable({"#", Tr(ctx.lang(), "vault.col_time"),
                                      Tr(ctx.lang(), "vault.col_who"),
                                      Tr(ctx.lang(), "vault.col_action"),
                                      Tr(ctx.lang(), "vault.col_entry"),
                                      Tr(ctx.lang(), "vault.col_ticket"),
                                      Tr(ctx.lang(), "vault.col_result"),
                                      Tr(ctx.lang(), "vault.col_detail")},
                                     rows));
  return kExitOk;
}

std::string Lines(const std::vector<size_t>& lines) {
  std::string out;
  for (size_t i = 0; i < lines.size() && i < 10; ++i)
    out += (i ? ", " : "") + std::to_string(lines[i]);
  return lines.size() > 10 ? out + ", ..." : out;
}

// Exit 0 intact, 3 unverified (unauthenticated records), 1 broken.
int RunAudit(const CommandContext& ctx, const AdminFlags& f) {
  std::string path = AuditPathFor(ctx.ResolvedPath());
  if (!f.verify) return PrintAudit(ctx, f, path);
  auto v = UnlockVault(ctx, /*inspect_broken_audit=*/true);
  if (!v.ok()) return Fail(ctx, v.status());
  auto verdict = (*v)->VerifyAudit();
  if (!verdict.ok()) return Fail(ctx, verdict.status());
  const AuditVerdict& a = *verdict;
  const char* word = a.first_broken != 0 ? "broken"
                     : a.intact()        ? "intact"
                                         : "unverified";
  if (f.json)
    Emit(json({{"audit_log", path},
               {"verdict", word},
               {"records", a.records},
               {"unauthenticated", a.unauthenticated},
               {"unauthenticated_lines", a.unauthenticated_lines},
               {"intact", a.intact()},
               {"anchored", a.anchored},
               {"after_anchor", a.after_anchor},
               {"first_broken", a.first_broken},
               {"reason", a.reason}})
             .dump(2) +
         "\n");
  // The verdict in words: the result on stdout, or beside the JSON document
  // (which is then all of stdout) on stderr.
  void (*say)(const std::string&) = f.json ? Remark : Say;
  if (a.first_broken != 0) {
    say(Tr(ctx.lang(), "vault.audit_broken", path, a.first_broken, a.reason));
    return kExitFailed;
  }
  if (!a.anchored) say(Tr(ctx.lang(), "vault.audit_not_anchored"));
  if (!a.intact()) {
    say(Tr(ctx.lang(), "vault.audit_unverified", path, a.records,
           a.unauthenticated, Lines(a.unauthenticated_lines)));
    return kExitNotExpected;
  }
  say(Tr(ctx.lang(), "vault.audit_ok", path, a.records));
  return kExitOk;
}

}  // namespace

void RegisterRemove(CLI::App* parent, CommandContext* ctx, CommandRun* run) {
  auto f = std::make_shared<AdminFlags>();
  CLI::App* cmd =
      parent->add_subcommand("remove", "delete one entry from the vault");
  cmd->add_option("ACCOUNT", f->account, "CUSTOMER/SERVICE, e.g. C-10001/cdn")
      ->required();
  cmd->add_option("--ticket", f->ticket, "ticket, for the audit log");
  AddCommonFlags(cmd, ctx);
  cmd->footer("Example:\n  renumber vault remove C-10001/cdn --ticket T-4711");
  cmd->callback(
      [ctx, run, f] { *run = [ctx, f] { return RunRemove(*ctx, *f); }; });
}

void RegisterPurge(CLI::App* parent, CommandContext* ctx, CommandRun* run) {
  auto f = std::make_shared<AdminFlags>();
  CLI::App* cmd = parent->add_subcommand(
      "purge", "remove expired entries (--all: every entry); for cron");
  cmd->add_flag("--all", f->all, "remove every entry, expired or not");
  cmd->add_flag("--yes", f->yes, "confirm --all");
  cmd->add_option("--ticket", f->ticket, "ticket, for the audit log");
  AddCommonFlags(cmd, ctx);
  cmd->footer(
      "Examples:\n"
      "  renumber vault purge --passphrase-file /etc/renumber/vault.pass\n"
      "  renumber vault purge --all --yes --ticket T-4711   (work is over)\n"
      "crontab: 17 3 * * * renumber vault purge --passphrase-file "
      "/etc/renumber/vault.pass");
  cmd->callback(
      [ctx, run, f] { *run = [ctx, f] { return RunPurge(*ctx, *f); }; });
}

void RegisterAudit(CLI::App* parent, CommandContext* ctx, CommandRun* run) {
  auto f = std::make_shared<AdminFlags>();
  CLI::App* cmd = parent->add_subcommand(
      "audit", "print the vault's audit log; --verify checks chain and MACs");
  cmd->add_flag("--verify", f->verify,
                "check every record's hash chain and MAC and the log's length "
                "against the vault (needs the passphrase); exit 0 intact, 3 "
                "unverified (records without a MAC: failed unlocks), 1 "
                "broken (edited, removed, truncated or deleted)");
  cmd->add_flag("--json", f->json, "JSON on stdout");
  AddCommonFlags(cmd, ctx);
  cmd->footer(
      "Examples:\n"
      "  renumber vault audit\n"
      "  renumber vault audit --verify\n"
      "  renumber vault audit --json | jq '.[] | select(.action==\"reveal\")'");
  cmd->callback(
      [ctx, run, f] { *run = [ctx, f] { return RunAudit(*ctx, *f); }; });
}

}  // namespace renumber::vault
