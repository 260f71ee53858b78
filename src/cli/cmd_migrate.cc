// Registers plan, prepare, verify, cutover, rollback and status.
#include <cstdio>
#include <memory>

#include "src/cli/app.h"
#include "src/cli/migration.h"
#include "src/engine/state_dir.h"
#include "src/engine/status_report.h"
#include "src/log/terminal_text.h"
#include "src/model/paths.h"

namespace renumber {
namespace {

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
     "  renumber plan --service ess --customer C-10001 --old-ip 203.0.113.10 "
     "--new-ip 198.51.100.20 --credentials creds.json --json\n"},
    {Command::kPrepare, "prepare",
     "Add the new IP next to the old one (ESS failover route, CDN twin "
     "backend). Shows the plan and asks once; --yes skips the question.",
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
     "  renumber verify --plan plan.csv --expect cut-over --format json\n"
     "  renumber verify --plan plan.csv --expect cut-over --read-only   "
     "(monitoring)\n"},
    {Command::kCutover, "cutover",
     "After the maintenance: promote the new IP and remove the old one. "
     "Refused before maintenance_end (--ignore-window overrides; journaled) "
     "and for accounts whose new side does not verify.",
     "Examples:\n"
     "  renumber cutover --plan plan.csv\n"
     "  renumber cutover --plan plan.csv --yes --ignore-window\n"},
    {Command::kRollback, "rollback",
     "Undo a phase from the journal: --phase prepare removes what prepare "
     "added; --phase cutover puts the old IP back in its role.",
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
  if (spec.command == Command::kCutover)
    cmd->add_flag("--ignore-window", inv->ignore_window,
                  "cut over before maintenance_end (recorded in the journal)");
  if (spec.command == Command::kRollback) {
    cmd->add_option("--phase", inv->rollback_phase, "prepare|cutover")
        ->required();
    cmd->add_flag("--force", inv->force,
                  "roll back even if someone changed the account after us");
  }
  if (spec.command == Command::kVerify) {
    cmd->add_option("--expect", inv->expect,
                    "not-started|prepared|cut-over: exit 3 otherwise");
    cmd->add_option("--format", inv->format, "text|json (json on stdout)");
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

void AddStatus(CLI::App& app, GlobalOptions& global, CommandRun& run) {
  struct Opts {
    std::string state_dir, campaign;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "status",
      "From the journal (no vendor call): per account, the last phase, its "
      "result and state, the last error, and when.");
  cmd->footer(
      "Examples:\n  renumber status\n  renumber status --campaign "
      "plan-2026-12 --json\n");
  cmd->add_option("--state-dir", o->state_dir,
                  "state directory (default $XDG_STATE_HOME/renumber)");
  cmd->add_option("--campaign", o->campaign, "only this campaign");
  cmd->add_flag("--json", o->json, "one JSON document on stdout");
  cmd->callback([o, &global, &run] {
    run = [o, &global] {
      // A missing state dir is an empty status; one that is not the
      // user's own is refused like every other command does.
      std::string root = ResolveStateDir(o->state_dir);
      auto state = OpenStateDir(PosixFileSystem(), root, /*create=*/false);
      if (!state.ok() && !state.status().Is(Code::kNotFound)) {
        PrintForHumans(
            stderr,
            Tr(global.lang, "cli.error", state.status().message()) + "\n");
        return static_cast<int>(kExitBadInput);
      }
      auto s = BuildStatus(state.ok() ? state->fs.get() : PosixFileSystem(),
                           root + "/journal", o->campaign);
      if (!s.ok()) {
        PrintForHumans(
            stderr, Tr(global.lang, "cli.error", s.status().message()) + "\n");
        return static_cast<int>(s.status().Is(Code::kNotFound) ? kExitBadInput
                                                               : kExitFailed);
      }
      // The journal quotes vendors' error messages: terminal-safe.
      PrintForHumans(stderr, RenderStatus(*s, global.lang));
      if (o->json) std::printf("%s\n", StatusJson(*s).dump(2).c_str());
      return static_cast<int>(kExitOk);
    };
  });
}

}  // namespace

void AddMigrationOptions(CLI::App* cmd, MigrationInvocation* inv) {
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
  cmd->add_option("--credentials", inv->credentials_file,
                  "credentials JSON (0600); default: the vault");
  AddVaultAccessOptions(cmd, &inv->vault);
  cmd->add_option("--ca-file", inv->ca_file,
                  "extra CA (PEM) to trust; verification is always on");
  cmd->add_option("--hosts", inv->hosts_file,
                  "hosts(5)-format file consulted before DNS when looking "
                  "for host names that point at the old IP");
  cmd->add_option("--jobs,-j", inv->jobs, "accounts in parallel (default 8)");
  cmd->add_flag("--json", inv->json,
                "one JSON document on stdout; human output on stderr");
  cmd->add_option("--state-dir", inv->state_dir,
                  "journal, locks, vault (default $XDG_STATE_HOME/renumber)");
  cmd->add_option("--operator", inv->operator_name,
                  "name recorded in the journal (default: OS user)");
  cmd->add_option("--campaign", inv->campaign,
                  "journal name (default: the plan file's name)");
}

void RegisterMigrationCommands(CLI::App& app, GlobalOptions& global,
                               CommandRun& run) {
  for (const CommandSpec& spec : kSpecs) AddCommand(app, spec, global, run);
  AddStatus(app, global, run);
}

}  // namespace renumber
