// Registers plan, prepare, verify, cutover, rollback and status.
#include <cstdio>
#include <memory>

#include "src/cli/app.h"
#include "src/cli/migration.h"
#include "src/engine/plan_file.h"
#include "src/engine/state_dir.h"
#include "src/engine/status_report.h"
#include "src/log/terminal_text.h"
#include "src/model/paths.h"
#include "src/store/cmd_store.h"
#include "src/store/open_store.h"
#include "src/vault/cmd_vault_access.h"

namespace renumber {
namespace {

struct StatusOptions {
  std::string state_dir, campaign, plan_file, format = "text", store, ca_file;
  bool json = false;
};

struct CommandSpec {
  Command command;
  const char* name;
  const char* help;
  const char* examples;
};

const CommandSpec kSpecs[] = {
    {Command::kPlan, "plan",
     "Read-only: per account, what references the old IP (including "
     "dns-dependent and CIDR notes) and what prepare and cutover would change.",
     "Examples:\n"
     "  renumber plan --plan plan.csv --credentials creds.json\n"
     "  renumber plan --plan plan.csv --preflight --dnsbl bl.example.org   "
     "(and the customers' DNS)\n"
     "  renumber plan --service ess --customer C-10001 --old-ip 203.0.113.10 "
     "--new-ip 198.51.100.20 --credentials creds.json --json\n"},
    {Command::kPrepare, "prepare",
     "Before the maintenance: ESS — add the new IP as a failover next to the "
     "old one; CDN — stage, per service, an inactive version with the "
     "origin servers at the new IP (nothing live changes) and record what "
     "the old origin answers. Shows the plan and asks once; --yes skips the "
     "question.",
     "Examples:\n"
     "  renumber prepare --plan plan.csv --credentials creds.json\n"
     "  renumber prepare --plan plan.csv --yes --jobs 16   (vault "
     "credentials)\n"
     "  renumber prepare --plan plan.csv --dry-run\n"},
    {Command::kVerify, "verify",
     "Read back every account, run the vendor checks and classify it "
     "(not-started, prepared, cut-over, partial, missing). Exit 3 when an "
     "account is not in the expected state. ESS: a new route whose last "
     "PASS is missing or over 24 hours old gets a fresh delivery check "
     "(POST .../check: records a check, changes no setting) unless "
     "--read-only.",
     "Examples:\n"
     "  renumber verify --plan plan.csv --expect prepared\n"
     "  (CDN: also probes the old and new origin servers and records what "
     "the old one answers, for the cutover gate)\n"
     "  renumber verify --plan plan.csv --expect cut-over --format json\n"
     "  renumber verify --plan plan.csv --expect auto --read-only --format "
     "nagios   (monitoring)\n"
     "  renumber verify --plan plan.csv --expect auto --read-only --format "
     "prometheus \\\n"
     "      --output /var/lib/prometheus/node-exporter/renumber.prom\n"},
    {Command::kCutover, "cutover",
     "After the maintenance: ESS — promote the new IP and remove the old "
     "one; CDN — activate each service's staged version in one switch, as "
     "soon as its new origin answers for the site (not with a placeholder). "
     "Refused before maintenance_end (--ignore-window overrides; journaled) "
     "and for accounts whose new side does not verify; --wait-ready keeps "
     "polling and switches each service when it is ready.",
     "Examples:\n"
     "  renumber cutover --plan plan.csv --dry-run     (preview, any time)\n"
     "  renumber cutover --plan plan.csv               (after "
     "maintenance_end; asks once)\n"
     "  renumber cutover --plan plan.csv --only C-10001\n"
     "  renumber cutover --plan plan.csv --yes --wait-ready 30m\n"
     "  renumber cutover --plan plan.csv --yes --check-path /health "
     "--check-text OK\n"},
    {Command::kRollback, "rollback",
     "Undo a phase from the journal: --phase prepare removes what prepare "
     "added (CDN: the staged version is marked abandoned; nothing live "
     "changed); --phase cutover puts the old IP back in its role (CDN: the "
     "version active before the switch is activated again).",
     "Examples:\n"
     "  renumber rollback --plan plan.csv --phase cutover\n"
     "  renumber rollback --plan plan.csv --phase prepare --yes\n"},
};

void AddCommand(CLI::App& app, const CommandSpec& spec, GlobalOptions& global,
                CommandRun& run) {
  auto inv = std::make_shared<MigrationInvocation>();
  inv->command = spec.command;
  CLI::App* cmd = app.add_subcommand(spec.name, spec.help);
  cmd->footer(spec.examples);
  AddMigrationOptions(cmd, inv.get());
  if (spec.command == Command::kPrepare || spec.command == Command::kCutover ||
      spec.command == Command::kRollback) {
    cmd->add_flag("--yes,-y", inv->yes, "apply without asking");
    cmd->add_flag("--dry-run", inv->dry_run,
                  "show what would change; write nothing");
    cmd->add_option("--wait-lock", inv->wait_lock_seconds,
                    "seconds to wait for another run holding an account");
  }
  if (spec.command == Command::kPlan || spec.command == Command::kVerify) {
    cmd->add_flag("--preflight", inv->preflight,
                  "also check the customers' DNS (renumber preflight) for "
                  "the domains discovery reads from ESS and the CDN, and "
                  "show the findings after the accounts (text and json "
                  "output; the exit code stays the accounts')");
    AddPreflightDnsOptions(cmd, &inv->preflight_dns);
  }
  if (spec.command == Command::kCutover) {
    cmd->add_flag("--ignore-window", inv->ignore_window,
                  "cut over before maintenance_end (recorded in the journal); "
                  "only with a lead's approval, see the runbook");
    cmd->add_option("--wait-ready", inv->wait_ready,
                    "CDN: keep polling the new origins for up to DURATION "
                    "(90s, 10m, 1h) and switch each service as soon as its "
                    "new origin answers for the site");
  }
  if (spec.command != Command::kRollback) {
    cmd->add_option("--check-path", inv->check_path,
                    "CDN: the page the new origin must serve before cut over "
                    "(default /), for plan rows without a check_path");
    cmd->add_option("--check-text", inv->check_text,
                    "CDN: a text that page must contain (default: compare "
                    "status, Content-Type and HTML title with the old "
                    "origin's answer recorded before the maintenance)");
  }
  if (spec.command == Command::kRollback) {
    cmd->add_option("--phase", inv->rollback_phase, "prepare|cutover")
        ->required();
    cmd->add_flag("--force", inv->force,
                  "roll back even if someone changed the account after us");
  }
  if (spec.command == Command::kVerify) {
    cmd->add_option("--expect", inv->expect,
                    "not-started|prepared|cut-over, several comma-separated, "
                    "or auto (prepared before each account's "
                    "maintenance_end, cut-over after it): exit 3 otherwise");
    cmd->add_option("--cutover-grace", inv->cutover_grace,
                    "with --expect auto: how long after maintenance_end a "
                    "prepared account is still only a warning (default 1h)");
    cmd->add_option("--format", inv->format,
                    "text|json|nagios|prometheus: json on stdout; nagios: a "
                    "plugin's status line, perfdata and exit code (0 OK, 1 "
                    "WARNING, 2 CRITICAL, 3 UNKNOWN); prometheus: the "
                    "text-exposition format");
    cmd->add_option("--output", inv->output_file,
                    "with --format prometheus: write the file atomically "
                    "here (node_exporter's textfile collector directory)");
    cmd->add_flag("--read-only", inv->read_only,
                  "send no request but GETs: report the vendors' last check "
                  "results instead of asking ESS to run its delivery check "
                  "(for monitoring; a read-only CDN token is enough, ESS "
                  "answers only administrators)");
  }
  cmd->callback([inv, &global, &run] {
    run = [inv, &global] { return ExecuteMigration(*inv, global); };
  });
}

// `renumber status`: the journal's view, optionally over every account of a
// plan; exit 3 when an account needs someone to look (interrupted, failed,
// refused), as verify's 3 does.
int RunStatus(const StatusOptions& o, const GlobalOptions& global) {
  const bool json = o.json || o.format == "json";
  // The journal quotes vendors' error messages and plans' tickets: every
  // human line is scrubbed and made terminal-safe (terminal_text.h).
  auto fail = [&](int code, const Status& s) {
    PrintForHumans(stderr,
                   Tr(global.lang, "cli.error", Localized(s, global.lang)) +
                       "\n");
    if (json)
      std::fputs(JsonErrorDocument("status", s.message(), code).c_str(),
                 stdout);
    return code;
  };
  if (o.format != "text" && o.format != "json")
    return fail(kExitBadInput,
                Status::InvalidArgument(
                    "--format must be text or json",
                    "--format には text か json を指定してください"));
  std::vector<AccountKey> plan_accounts;
  if (!o.plan_file.empty()) {
    auto text = PosixFileSystem()->ReadFile(o.plan_file);
    // Any failure to read or parse the user's plan is bad input.
    if (!text.ok()) return fail(InputError(text.status()), text.status());
    auto rows =
        ParsePlanCsv(*text, o.plan_file, {/*allow_family_change=*/true});
    if (!rows.ok()) return fail(InputError(rows.status()), rows.status());
    for (const PlanRow& r : *rows) plan_accounts.push_back(r.target.account);
  }
  StoreOpenOptions so;
  so.spec = ChosenStoreSpec(o.store);
  so.state_dir = ResolveStateDir(o.state_dir);
  so.ca_file = o.ca_file;
  so.application_name = "renumber status " + OsUserName() + "@" + HostName();
  so.fs = PosixFileSystem();
  so.clock = RealClock();
  // The local store: a missing state dir is an empty status; one that is
  // not the user's own is refused like every other command does, and the
  // journals are read through it (never through a link).
  Result<StateDir> state = Status::NotFound("");
  if (!IsSharedStoreSpec(so.spec)) {
    state = OpenStateDir(PosixFileSystem(), so.state_dir, /*create=*/false);
    if (!state.ok() && !state.status().Is(Code::kNotFound))
      return fail(InputError(state.status()), state.status());
    if (state.ok()) so.fs = state->fs.get();
  }
  auto store = OpenCampaignStore(so);
  if (!store.ok()) return fail(ExitCodeFor(store.status()), store.status());
  auto journals = (*store)->ReadJournals();
  if (!journals.ok())
    return fail(ExitCodeFor(journals.status()), journals.status());
  // The local store names its journal directory, as status always did.
  const std::string where =
      (*store)->Shared() ? (*store)->Where() : so.state_dir + "/journal";
  auto s = BuildStatusFrom(*journals, where, o.campaign);
  if (!s.ok()) return fail(ExitCodeFor(s.status()), s.status());
  // A shared store also shows who is working on which account right now.
  std::vector<HeldLock> held;
  if ((*store)->Shared()) {
    auto h = (*store)->HeldLocks();
    if (!h.ok()) return fail(ExitCodeFor(h.status()), h.status());
    held = std::move(*h);
  }
  if (!o.plan_file.empty()) RestrictToPlan(&*s, plan_accounts);
  const int code = NeedsAttention(*s) ? kExitNotExpected : kExitOk;
  // The table is the result (stdout), unless the JSON document is.
  std::string text = RenderStatus(*s, global.lang);
  if ((*store)->Shared())
    text += RenderHeldLocks(held, (*store)->Where(), global.lang);
  PrintForHumans(json ? stderr : stdout, text);
  if (json) {
    nlohmann::json doc = StatusJson(*s);
    if ((*store)->Shared()) {
      doc["store"] = (*store)->Where();
      doc["locks"] = HeldLocksJson(held);
    }
    doc["command"] = "status";
    doc["exit_code"] = code;
    std::printf("%s\n", doc.dump(2).c_str());
  }
  return code;
}

void AddStatus(CLI::App& app, GlobalOptions& global, CommandRun& run) {
  auto o = std::make_shared<StatusOptions>();
  CLI::App* cmd = app.add_subcommand(
      "status",
      "From the journal (no vendor call): per account, the last phase, its "
      "result and state, who last changed it, the last error, and when. "
      "Exit 3 when an account was interrupted, failed or refused.");
  cmd->footer(
      "Examples:\n  renumber status\n"
      "  renumber status --plan plan.csv      (every account of the batch, "
      "never-run ones too)\n"
      "  renumber status --campaign plan-2026-12 --format json\n"
      "  renumber status --store postgresql://renumber@db.example/renumber\n"
      "      (team mode: every operator's records, and who holds which "
      "account now)\n");
  cmd->add_option("--state-dir", o->state_dir,
                  "state directory (default $XDG_STATE_HOME/renumber)");
  cmd->add_option("--campaign", o->campaign, "only this campaign");
  AddStoreOption(cmd, &o->store);
  cmd->add_option("--ca-file", o->ca_file,
                  "extra CA (PEM) to trust for the store's server");
  cmd->add_option("--plan", o->plan_file,
                  "show every account of this plan, in its order, including "
                  "those no run has reached (not-run)");
  cmd->add_flag("--json", o->json, "one JSON document on stdout");
  cmd->add_option("--format", o->format, "text|json (json: as --json)");
  cmd->callback([o, &global, &run] {
    run = [o, &global] { return RunStatus(*o, global); };
  });
}

}  // namespace

void AddAccountOptions(CLI::App* cmd, MigrationInvocation* inv) {
  cmd->add_option("--plan", inv->plan_file,
                  "plan CSV: customer,service,old_ip,new_ip,maintenance_end,"
                  "ticket");
  cmd->add_option("--only", inv->only,
                  "only these accounts of the plan: C-10001 or C-10001/ess "
                  "(repeatable)");
  cmd->add_option("--service", inv->service, "one account: ess|cdn");
  cmd->add_option("--customer", inv->customer, "one account: customer id");
  cmd->add_option("--old-ip", inv->old_ip, "one account: the old server IP");
  cmd->add_option("--new-ip", inv->new_ip, "one account: the new server IP");
  cmd->add_option("--maintenance-end", inv->maintenance_end,
                  "one account: RFC 3339 end of the maintenance (required by "
                  "cutover; otherwise default now)");
  cmd->add_option("--ticket", inv->ticket, "ticket id written to notes");
  cmd->add_flag("--allow-family-change", inv->allow_family_change,
                "allow IPv4 <-> IPv6 moves");
}

void AddVendorAccessOptions(CLI::App* cmd, MigrationInvocation* inv) {
  cmd->add_option("--credentials", inv->credentials_file,
                  "credentials JSON (0600); default: the vault");
  AddVaultAccessOptions(cmd, &inv->vault);
  cmd->add_option("--ca-file", inv->ca_file,
                  "extra CA (PEM) to trust; verification is always on")
      ->envname("RENUMBER_CA_FILE");
  cmd->add_option("--hosts", inv->hosts_file,
                  "hosts(5)-format file consulted before DNS when looking "
                  "for host names that point at the old IP");
  cmd->add_option("--state-dir", inv->state_dir,
                  "journal, locks, vault (default $XDG_STATE_HOME/renumber)");
  AddStoreOption(cmd, &inv->store);
  cmd->add_option("--operator", inv->operator_name,
                  "name recorded in the journal (default: OS user)");
}

void AddMigrationOptions(CLI::App* cmd, MigrationInvocation* inv) {
  AddAccountOptions(cmd, inv);
  AddVendorAccessOptions(cmd, inv);
  cmd->add_option("--connect-to", inv->connect_to_file,
                  "origin probes: a file of 'ORIGIN_IP PORT CONNECT_IP "
                  "PORT' lines; connect there instead (like curl "
                  "--connect-to; Host, SNI and certificate checks unchanged)")
      ->envname("RENUMBER_CONNECT_TO");
  cmd->add_option("--jobs,-j", inv->jobs, "accounts in parallel (default 8)");
  cmd->add_flag("--json", inv->json,
                "one JSON document on stdout; human output on stderr");
  cmd->add_option("--campaign", inv->campaign,
                  "journal name (default: the plan file's name)");
  cmd->add_option("--log", inv->log_file,
                  "also append the output, with times, to FILE (0600): a "
                  "session record without tee");
}

void RegisterMigrationCommands(CLI::App& app, GlobalOptions& global,
                               CommandRun& run) {
  for (const CommandSpec& spec : kSpecs) AddCommand(app, spec, global, run);
  AddStatus(app, global, run);
}

}  // namespace renumber
