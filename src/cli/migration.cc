#include "src/cli/migration.h"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

#include "adapters/registry.h"
#include "src/cli/app.h"
#include "src/cli/migration_inputs.h"
#include "src/cli/output.h"
#include "src/cli/progress.h"
#include "src/cli/terminal.h"
#include "src/dns/dns_resolver.h"
#include "src/engine/campaign.h"
#include "src/engine/monitoring.h"
#include "src/engine/report.h"
#include "src/engine/state_dir.h"
#include "src/engine/status_report.h"
#include "src/engine/text.h"
#include "src/engine/transport_stack.h"
#include "src/http/transport.h"
#include "src/log/log.h"
#include "src/log/terminal_text.h"
#include "src/model/paths.h"
#include "src/preflight/campaign_domain_source.h"
#include "src/preflight/preflight.h"
#include "src/preflight/preflight_report.h"
#include "src/probe/http_probe.h"
#include "src/store/open_store.h"

namespace renumber {
namespace {

// Hands the pages malloc holds free back to the system (glibc keeps them
// otherwise, so a run's peak RSS would be the sum of its phases' highs:
// the journal as read, then the accounts' work, then the reports).
void ReturnFreedMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

using json = nlohmann::json;

// One command run: inputs checked first (Load), then the campaign (Run).
class MigrationRun {
 public:
  MigrationRun(const MigrationInvocation& inv, const GlobalOptions& global)
      : inv_(inv),
        lang_(global.lang),
        json_(inv.json || inv.format == "json"),
        // The result on stdout is for a program: the table moves to stderr.
        out_(json_ || inv.format == "nagios" ||
                 (inv.format == "prometheus" && inv.output_file.empty()) ||
                 inv.on_result != nullptr,
             clock_) {}

  int Execute() {
    int code = Load();
    return code != kExitOk ? code : Run();
  }

 private:
  // Prints the error (and, with --json, a JSON document saying it) and
  // returns `code`.
  // `s` in the reader's language on the terminal; in English in the JSON
  // document and the Nagios line (for programs).
  int Fail(int code, const Status& s) {
    const std::string message = ScrubSecrets(s.message());
    out_.Error(Tr(lang_, "cli.error", ScrubSecrets(Localized(s, lang_))));
    if (json_)
      out_.Json(JsonErrorDocument(CommandName(inv_.command), message, code));
    // A monitoring plugin that could not check says UNKNOWN, not CRITICAL.
    if (inv_.format == "nagios") {
      out_.Json(EscapeForTerminal("RENUMBER UNKNOWN - " + message) + "\n");
      return static_cast<int>(Severity::kUnknown);
    }
    return code;
  }
  // Fail with the table's exit code for `s` (exit_codes.h).
  int Fail(const Status& s) { return Fail(ExitCodeFor(s), s); }

  int Load();
  int Run();
  Status LoadResolver();
  Status LoadProber();
  Status LoadPreflight();
  // plan / verify --preflight, over the domains the campaign discovered.
  // Runs and shows the preflight that --preflight asked for.
  std::optional<PreflightReport> Preflight(const CampaignResult& result);
  Status OpenStore();
  bool Confirm(const ConfirmRequest& request);

  const MigrationInvocation& inv_;
  const Lang lang_;
  const bool json_;
  FileSystem* fs_ = PosixFileSystem();
  Clock* clock_ = RealClock();
  Output out_;
  std::unique_ptr<Terminal> terminal_ = OpenControllingTerminal();
  CommandOptions options_;
  StateDir state_;
  std::vector<PlanRow> rows_;
  bool writes_ = false;
  std::unique_ptr<Resolver> hosts_;
  Resolver* resolver_ = SystemResolver();
  std::unique_ptr<HttpProber> prober_;
  std::unique_ptr<CredentialSource> source_;
  std::optional<PreflightSetup> preflight_;
  std::unique_ptr<Resolver> preflight_dns_;
  std::unique_ptr<CampaignStore> store_;
};

// Our own probe of origin servers (CDN verify and the cutover gate), with
// --ca-file trusted on top of the system store and --connect-to's map.
Status MigrationRun::LoadProber() {
  HttpProberOptions o;
  o.ca_file = inv_.ca_file;
  if (!inv_.connect_to_file.empty()) {
    RN_ASSIGN_OR_RETURN(std::string text, fs_->ReadFile(inv_.connect_to_file));
    RN_ASSIGN_OR_RETURN(o.connect_to,
                        ConnectToMap::Parse(text, inv_.connect_to_file));
  }
  RN_ASSIGN_OR_RETURN(prober_, NewHttpProber(o));
  return Status::Ok();
}

Status MigrationRun::LoadPreflight() {
  if (!inv_.preflight) return Status::Ok();
  if (inv_.format == "nagios" || inv_.format == "prometheus")
    return Status::InvalidArgument(
        "--preflight goes with text or json output; for monitoring, run "
        "`renumber preflight` as a check of its own",
        "--preflight は text または json 出力と組み合わせてご利用ください。"
        "監視に使う場合は `renumber preflight` を単独のチェックとして"
        "実行してください");
  RN_ASSIGN_OR_RETURN(preflight_,
                      LoadPreflightSetup(inv_.preflight_dns, inv_.jobs));
  RN_ASSIGN_OR_RETURN(preflight_dns_, NewDnsResolver(preflight_->dns));
  return Status::Ok();
}

std::optional<PreflightReport> MigrationRun::Preflight(
    const CampaignResult& result) {
  if (!preflight_) return std::nullopt;
  std::unique_ptr<DomainSource> domains = NewCampaignDomainSource(result);
  PreflightReport report =
      RunPreflight(rows_, preflight_->options,
                   {preflight_dns_.get(), domains.get(), clock_});
  out_.Human("\n" + PreflightHeader(*preflight_, lang_) + "\n\n" +
             RenderPreflight(report, lang_));
  return report;
}

Status MigrationRun::LoadResolver() {
  if (inv_.hosts_file.empty()) return Status::Ok();
  RN_ASSIGN_OR_RETURN(std::string text, fs_->ReadFile(inv_.hosts_file));
  RN_ASSIGN_OR_RETURN(
      hosts_, NewHostsFileResolver(text, inv_.hosts_file, SystemResolver()));
  resolver_ = hosts_.get();
  return Status::Ok();
}

Status MigrationRun::OpenStore() {
  StoreOpenOptions o;
  o.spec = ChosenStoreSpec(inv_.store);
  o.state_dir = ResolveStateDir(inv_.state_dir);
  o.ca_file = inv_.ca_file;
  o.application_name =
      "renumber " + std::string(CommandName(inv_.command)) + " " +
      (inv_.operator_name.empty() ? OsUserName() : inv_.operator_name) + "@" +
      HostName();
  // The local store opens the journal and the locks through the state
  // dir checked in Load (state_dir.h: relative to it, never through a link).
  o.fs = state_.fs.get();
  o.clock = clock_;
  // Writing runs journal from several accounts at once (--jobs).
  o.connections = IsWriteCommand(inv_.command) && !inv_.dry_run
                      ? std::min(inv_.jobs, 4)
                      : 1;
  RN_ASSIGN_OR_RETURN(store_, OpenCampaignStore(o));
  return Status::Ok();
}

int MigrationRun::Load() {
  // The flags, the log file, the plan, --hosts, the state dir, the probes'
  // files and --ca-file are the user's to fix, whatever went wrong with
  // them: bad input (exit 2). What is opened from them is the table's.
  if (Status s = ValidateOptions(inv_, &options_); !s.ok())
    return Fail(InputError(s), s);
  if (!inv_.log_file.empty())
    if (Status s = out_.OpenLog(fs_, inv_.log_file); !s.ok())
      return Fail(InputError(s), s);
  auto rows = LoadRows(inv_, fs_, clock_);
  if (!rows.ok()) return Fail(InputError(rows.status()), rows.status());
  rows_ = std::move(*rows);
  writes_ = IsWriteCommand(inv_.command) && !inv_.dry_run;
  // The question is asked on the controlling terminal, whatever stdin,
  // stdout and stderr are (`2>&1 | tee` included); without one (cron,
  // systemd) nobody can answer.
  if (writes_ && !inv_.yes && !terminal_)
    return Fail(Status::PreconditionFailed(Tr(Lang::kEn, "cli.no_terminal"),
                                           Tr(Lang::kJa, "cli.no_terminal")));
  if (Status s = LoadResolver(); !s.ok()) return Fail(InputError(s), s);
  // A state dir someone else owns or may write is refused before anything
  // is read from it or sent anywhere.
  auto state = OpenStateDir(fs_, ResolveStateDir(inv_.state_dir),
                            /*create=*/true);
  if (!state.ok()) return Fail(InputError(state.status()), state.status());
  state_ = std::move(*state);
  if (Status s = LoadProber(); !s.ok()) return Fail(InputError(s), s);
  if (Status s = LoadPreflight(); !s.ok()) return Fail(s);
  // --ca-file must be readable PEM before anything is sent (an account's own
  // ca_file is checked when its transport is built).
  if (!inv_.ca_file.empty())
    if (Status s = ValidateTransportOptions({inv_.ca_file}); !s.ok())
      return Fail(InputError(s), s);
  // The campaign store before the vault: a store that cannot be reached
  // fails before anyone types a passphrase.
  if (Status s = OpenStore(); !s.ok()) return Fail(s);
  auto source = OpenSource(inv_, fs_, clock_, store_.get());
  if (!source.ok()) return Fail(source.status());
  source_ = std::move(*source);
  return kExitOk;
}

bool MigrationRun::Confirm(const ConfirmRequest& request) {
  const auto& work = request.with_work;
  size_t changes = 0;
  for (const AccountReport* r : work) {
    out_.Human(RenderAccountDetail(*r, inv_.command, lang_));
    changes += r->plan.changes.size();
  }
  out_.Human("\n" + RenderPlanSummary(request, lang_));
  if (inv_.yes || inv_.dry_run) return true;
  auto line = terminal_->Ask(
      Tr(lang_, work.size() == 1 ? "cli.confirm_one" : "cli.confirm", changes,
         work.size()) +
      " ");
  Answer answer = ParseYesNo(line.value_or(""));
  std::string said = answer.yes ? Tr(lang_, "cli.answer_yes", answer.typed)
                     : answer.typed.empty()
                         ? Tr(lang_, "cli.answer_none")
                         : Tr(lang_, "cli.answer_no", answer.typed);
  std::fprintf(terminal_->stream(), "%s\n", EscapeForTerminal(said).c_str());
  std::fflush(terminal_->stream());
  return answer.yes;
}

int MigrationRun::Run() {
  const Timestamp checked_at = clock_->Now();
  const auto started = clock_->Steady();
  std::string campaign = CampaignName(inv_);
  // A journal that is a link, a FIFO or another user's file is refused
  // (kInvalidArgument: exit 2) before anything is sent.
  // Trimmed as it is decoded: a campaign's memory (issue 15).
  auto contents = store_->ReadJournal(campaign, JournalRead::kWhatRunsRead);
  if (!contents.ok()) return Fail(contents.status());
  ReturnFreedMemory();
  std::unique_ptr<JournalSink> journal;
  if (writes_) {
    auto j = store_->OpenJournal(campaign);
    if (!j.ok()) return Fail(j.status());
    journal = std::move(*j);
  }
  // verify records what the old origins answer (for the cutover gate); a
  // monitoring user who cannot write the journal still gets its verdict.
  std::unique_ptr<JournalSink> observations;
  if (inv_.command == Command::kVerify) {
    auto j = store_->OpenJournal(campaign);
    if (j.ok())
      observations = std::move(*j);
    else
      out_.Error(Tr(lang_, "cli.warning", j.status().message()));
  }
  RunInfo run{SystemRandom()->Hex(8), campaign, CommandName(inv_.command),
              OsUserName(),
              inv_.operator_name.empty() ? OsUserName() : inv_.operator_name};
  const std::string host = HostName();
  auto locks = store_->Locks(LockHolder{run.user, run.operator_name,
                                        run.command, campaign,
                                        static_cast<long>(getpid()), host, ""});
  if (!locks.ok()) return Fail(locks.status());
  InitHttpRuntime(HttpPoolThreadsFor(inv_.jobs));
  TransportStack stack(clock_, SystemRandom(), inv_.ca_file);
  // Our own probe of new mail servers (ESS verify; reported, never a gate).
  SmtpProbeOptions probe_options;
  probe_options.ehlo_name = host;
  std::unique_ptr<SmtpProber> smtp_prober = NewSmtpProber(probe_options);
  EngineDeps deps;
  deps.clock = clock_;
  deps.credentials = source_.get();
  deps.make_adapter =
      [&](const Credentials& c) -> Result<std::unique_ptr<Adapter>> {
    RateLimiterSlot* slot = nullptr;
    RN_ASSIGN_OR_RETURN(HttpTransport * t, stack.For(c, &slot));
    AdapterDeps ad{t, clock_, resolver_, SystemRandom()};
    ad.smtp_prober = smtp_prober.get();
    ad.http_prober = prober_.get();
    ad.list_domains = inv_.preflight;
    // The staged diffs are shown by plan and prepare (and kept in the
    // --json of rollback's read back); verify and cut over never show them.
    ad.staged_diffs =
        inv_.command != Command::kVerify && inv_.command != Command::kCutover;
    ad.share_rate_budget = [&stack, slot,
                            base = c.api_base](const std::string& user) {
      stack.ShareBudget(slot, base, user);
    };
    return NewAdapter(c, ad);
  };
  deps.journal = journal.get();
  deps.observations = journal ? journal.get() : observations.get();
  deps.locks = writes_ ? locks->get() : nullptr;
  deps.journal_records = &contents->records;
  deps.run = run;

  std::unique_ptr<Executor> executor;
  if (IsWriteCommand(inv_.command))
    executor = inv_.dry_run ? NewDryRunExecutor()
                            : NewLiveExecutor(journal.get(), run);
  std::unique_ptr<TerminalProgress> progress;
  if (terminal_)
    progress =
        std::make_unique<TerminalProgress>(terminal_->stream(), clock_, lang_);
  else  // scripts and cron still see what each account waits for (stderr)
    deps.on_waiting = [this](const AccountReport& r) {
      std::string line = r.row.target.account.ToString() + ":";
      for (const Text& w : r.waiting)
        line += "\n    " + Tr(lang_, "report.waiting", Pick(w, lang_));
      std::fputs(ScrubSecrets(line + "\n").c_str(), stderr);
    };
  CampaignResult result = RunCampaign(
      deps, options_, rows_, inv_.jobs, executor.get(),
      [this](const ConfirmRequest& request) { return Confirm(request); },
      progress.get());
  int code = ExitCodeFor(result);
  // The journal as it was read is needed no more once the monitoring
  // outputs know each account's last change: free it before the reports
  // and the --json document are built (issue 15: it was the largest part
  // of a campaign's peak memory).
  const std::map<std::string, Timestamp> last_change =
      LastChanges(contents->records);
  std::vector<json>().swap(contents->records);
  ReturnFreedMemory();
  // plan: every account's findings and changes; verify: the accounts that
  // are not as expected (the table lists the rest); writing commands showed
  // their plans before asking.
  for (const AccountReport& r : result.accounts)
    if (inv_.command == Command::kPlan ||
        (inv_.command == Command::kVerify && r.result != AccountResult::kOk))
      out_.Human(RenderAccountDetail(r, inv_.command, lang_));
  // prepare: what was staged, as the vendor shows it (CDN diffs).
  if (inv_.command == Command::kPrepare && !inv_.dry_run)
    for (const AccountReport& r : result.accounts)
      for (const Text& a : r.appendix)
        out_.Human(r.row.target.account.ToString() + ": " + Pick(a, lang_) +
                   "\n");
  out_.Human(RenderSummaryTable(result, inv_.command, lang_));
  if (inv_.on_result) {
    inv_.on_result(result, checked_at);
    return code;
  }
  const std::optional<PreflightReport> preflight = Preflight(result);
  MonitoringRun check;
  check.result = &result;
  check.now = checked_at;
  check.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
      clock_->Steady() - started);
  check.grace = options_.expect.grace;
  check.last_change = last_change;
  check.version = RENUMBER_VERSION_STRING;
  if (json_) {
    json extra = {{"expect", inv_.expect.empty() ? json() : json(inv_.expect)},
                  {"checked_at", check.now.ToRfc3339()},
                  {"duration_ms", check.duration.count()},
                  {"version", check.version}};
    std::function<void(json*)> each;
    if (preflight) {
      extra["preflight"] = PreflightJson(*preflight);
      each = [&](json* account) {
        AttachPreflightToAccountJson(*preflight, account);
      };
    }
    // One account's tree at a time (issue 15: memory).
    std::string text =
        CampaignJsonText(result, inv_.command, campaign, code, extra, each);
    text += '\n';
    out_.Json(text);
  }
  if (inv_.format == "nagios") {
    NagiosOutput nagios = RenderNagios(check, lang_);
    // Plain text that quotes vendors' errors: terminal-safe like any.
    out_.Json(EscapeForTerminal(nagios.text));
    return nagios.exit_code;  // the plugin's codes, not renumber's
  }
  if (inv_.format == "prometheus") {
    const std::string text = RenderPrometheus(check);
    if (inv_.output_file.empty()) {
      out_.Json(text);
    } else if (Status s = WriteFileAtomic(fs_, inv_.output_file, text, 0644);
               !s.ok()) {
      return Fail(s);
    }
  }
  return code;
}

}  // namespace

int ExecuteMigration(const MigrationInvocation& inv,
                     const GlobalOptions& global) {
  return MigrationRun(inv, global).Execute();
}

}  // namespace renumber
