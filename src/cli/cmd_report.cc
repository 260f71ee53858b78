// Registers `renumber report` and runs it (report_command.h).
#include <cstdio>
#include <memory>

#include "src/cli/app.h"
#include "src/cli/migration_inputs.h"
#include "src/cli/report_command.h"
#include "src/engine/plan_file.h"
#include "src/engine/status_report.h"
#include "src/log/log.h"
#include "src/model/paths.h"
#include "src/report/campaign_report.h"
#include "src/report/report_html.h"
#include "src/report/report_json.h"
#include "src/report/report_markdown.h"
#include "src/store/cmd_store.h"
#include "src/store/open_store.h"
#include "src/vault/cmd_vault_access.h"
#include "src/vault/vault_source.h"

namespace renumber {
namespace {

using json = nlohmann::json;

int Fail(const GlobalOptions& global, int code, const Status& s) {
  std::fprintf(
      stderr, "%s\n",
      Tr(global.lang, "cli.error", ScrubSecrets(Localized(s, global.lang)))
          .c_str());
  return code;
}

// The live verify's result, when it ran.
struct Live {
  bool ran = false;
  CampaignResult result;
  Timestamp at;
  std::chrono::seconds grace{3600};
};

// Runs `renumber verify --read-only --expect auto` over the plan; the
// verify's table goes to stderr. Returns kExitOk when the result is in
// `live`, else the verify's exit code (its error already printed).
int RunLiveVerify(const ReportOptions& o, const GlobalOptions& global,
                  Live* live) {
  MigrationInvocation inv = o.verify;
  inv.command = Command::kVerify;
  inv.plan_file = o.plan_file;
  inv.state_dir = o.state_dir;
  inv.campaign = o.campaign;
  inv.read_only = true;  // GETs only: a report changes nothing
  inv.expect = "auto";
  inv.on_result = [live](const CampaignResult& r, Timestamp at) {
    live->ran = true;
    live->result = r;
    live->at = at;
  };
  CommandOptions checked;
  if (Status s = ValidateOptions(inv, &checked); !s.ok())
    return Fail(global, InputError(s), s);
  live->grace = checked.expect.grace;
  const int code = ExecuteMigration(inv, global);
  return live->ran ? kExitOk : code;
}

std::string Render(const CampaignReport& report, const std::string& format,
                   Lang lang) {
  if (format == "html") return RenderReportHtml(report, lang);
  if (format == "json")
    return ReportJson(report).dump(2, ' ', false,
                                   json::error_handler_t::replace) +
           "\n";
  return RenderReportMarkdown(report, lang);
}

// The journals of every operator, from the campaign store the commands use
// (--store / RENUMBER_STORE, else the state directory), as `status` reads
// them; `where` names the store for messages.
Result<std::vector<CampaignJournal>> ReadStoreJournals(const ReportOptions& o,
                                                       std::string* where) {
  StoreOpenOptions so;
  so.spec = ChosenStoreSpec(o.verify.store);
  so.state_dir = ResolveStateDir(o.state_dir);
  so.ca_file = o.verify.ca_file;
  so.application_name = "renumber report " + OsUserName() + "@" + HostName();
  so.fs = PosixFileSystem();
  so.clock = RealClock();
  RN_ASSIGN_OR_RETURN(auto store, OpenCampaignStore(so));
  *where = store->Shared() ? store->Where() : so.state_dir + "/journal";
  return store->ReadJournals();
}

}  // namespace

int RunReport(const ReportOptions& o, const GlobalOptions& global) {
  if (o.format != "md" && o.format != "html" && o.format != "json")
    return Fail(
        global, kExitBadInput,
        Status::InvalidArgument(
            "--format must be md, html or json",
            "--format には md、html、json のいずれかを指定してください"));
  if (o.live && o.plan_file.empty())
    return Fail(
        global, kExitBadInput,
        Status::InvalidArgument(
            "--live needs --plan FILE: the accounts to verify",
            "--live には確認するアカウントを示す --plan FILE が必要です"));
  if (!o.live &&
      (!o.verify.credentials_file.empty() || !o.verify.cutover_grace.empty()))
    return Fail(
        global, kExitBadInput,
        Status::InvalidArgument(
            "--credentials and --cutover-grace go with --live",
            "--credentials と --cutover-grace は --live と一緒に指定して"
            "ください"));
  FileSystem* fs = PosixFileSystem();
  std::vector<PlanRow> rows;
  MigrationInvocation names;  // the campaign name, as the commands derive it
  names.plan_file = o.plan_file;
  names.campaign = o.campaign;
  if (!o.plan_file.empty()) {
    auto text = fs->ReadFile(o.plan_file);
    // Any failure to read or parse the user's plan is bad input.
    if (!text.ok())
      return Fail(global, InputError(text.status()), text.status());
    auto parsed =
        ParsePlanCsv(*text, o.plan_file, {/*allow_family_change=*/true});
    if (!parsed.ok())
      return Fail(global, InputError(parsed.status()), parsed.status());
    rows = std::move(*parsed);
  }
  const std::string campaign = o.plan_file.empty() && o.campaign.empty()
                                   ? std::string()
                                   : CampaignName(names);
  std::string dir;
  auto journals = ReadStoreJournals(o, &dir);
  if (!journals.ok())
    return Fail(global, ExitCodeFor(journals.status()), journals.status());
  auto status = BuildStatusFrom(*journals, dir, campaign);
  if (!status.ok()) {
    // A plan whose campaign has not run yet is a report of not-run
    // accounts; a --campaign that is not there is a typo.
    if (!status.status().Is(Code::kNotFound) || !o.campaign.empty() ||
        o.plan_file.empty())
      return Fail(global, ExitCodeFor(status.status()), status.status());
    StatusReport empty;
    empty.journal_dir = dir;
    empty.warnings.push_back(Localized(status.status(), global.lang));
    status = std::move(empty);
  }
  if (!o.plan_file.empty()) {
    std::vector<AccountKey> keys;
    for (const PlanRow& r : rows) keys.push_back(r.target.account);
    RestrictToPlan(&*status, keys);
  }
  Live live;
  if (o.live)
    if (int code = RunLiveVerify(o, global, &live); code != kExitOk)
      return code;
  ReportInputs in;
  in.status = &*status;
  in.plan = o.plan_file.empty() ? nullptr : &rows;
  in.live = live.ran ? &live.result : nullptr;
  in.live_at = live.at;
  in.grace = live.grace;
  in.now = RealClock()->Now();
  in.campaign = campaign;
  in.version = RENUMBER_VERSION_STRING;
  const CampaignReport report = BuildCampaignReport(in);
  const std::string text = Render(report, o.format, global.lang);
  if (o.output_file.empty()) {
    std::fputs(text.c_str(), stdout);
    std::fflush(stdout);
  } else if (Status s = WriteFileAtomic(fs, o.output_file, text, 0600);
             !s.ok()) {
    return Fail(global, ExitCodeFor(s), s);
  } else {
    std::fprintf(stderr, "%s\n",
                 Tr(global.lang, "creport.written", o.output_file).c_str());
  }
  return report.totals.needs_attention > 0 ? kExitNotExpected : kExitOk;
}

void RegisterReportCommand(CLI::App& app, GlobalOptions& global,
                           CommandRun& run) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "The campaign report from the journal: per customer and service the "
      "phase, result and state, the last change and who made it, checks, "
      "DNS work and hidden origins left to the customer; totals; a reply "
      "per customer in Japanese and English. HTML adds a chart of accounts "
      "by state over time (one self-contained file). --live runs a "
      "read-only verify first. Exit 3 when an account needs attention.");
  cmd->footer(
      "Examples:\n"
      "  renumber report --plan plan.csv                       (Markdown on "
      "stdout)\n"
      "  renumber report --plan plan.csv --format html --output report.html\n"
      "  renumber report --plan plan.csv --live --format html --output "
      "report.html\n"
      "  renumber report --campaign plan-2026-12 --format json\n"
      "  renumber report --plan plan.csv --store "
      "postgresql://renumber@db.example/renumber   (the team's store)\n"
      "  renumber --lang ja report --plan plan.csv --format html --output "
      "report.ja.html\n");
  cmd->add_option("--format", o->format,
                  "md|html|json (default md): html is one self-contained "
                  "page with the chart");
  cmd->add_option("--output,-o", o->output_file,
                  "write the report to FILE (atomically, mode 0600) instead "
                  "of stdout");
  cmd->add_option("--plan", o->plan_file,
                  "every account of this plan, in its order, never-run ones "
                  "too; the campaign defaults to the plan file's name");
  cmd->add_option("--campaign", o->campaign,
                  "the journal to read (default: the plan file's name; "
                  "without --plan, every campaign)");
  cmd->add_option("--state-dir", o->state_dir,
                  "state directory (default $XDG_STATE_HOME/renumber)");
  AddStoreOption(cmd, &o->verify.store);
  cmd->add_flag("--live", o->live,
                "first run a read-only verify of the plan's accounts (GETs "
                "only, as verify --read-only --expect auto): the state now, "
                "checks and monitoring's verdict");
  cmd->add_option("--credentials", o->verify.credentials_file,
                  "with --live: credentials JSON (0600); default: the vault");
  AddVaultAccessOptions(cmd, &o->verify.vault);
  cmd->add_option("--ca-file", o->verify.ca_file,
                  "extra CA (PEM) to trust: the store's server, and with "
                  "--live the vendors");
  cmd->add_option("--hosts", o->verify.hosts_file,
                  "with --live: hosts(5)-format file consulted before DNS");
  cmd->add_option("--jobs,-j", o->verify.jobs,
                  "with --live: accounts in parallel (default 8)");
  cmd->add_option("--cutover-grace", o->verify.cutover_grace,
                  "with --live: how long after maintenance_end a prepared "
                  "account is only a warning (default 1h)");
  cmd->callback([o, &global, &run] {
    run = [o, &global] { return RunReport(*o, global); };
  });
}

}  // namespace renumber
