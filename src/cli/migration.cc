#include "src/cli/migration.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "adapters/registry.h"
#include "src/cli/app.h"
#include "src/cli/progress.h"
#include "src/core/resolver.h"
#include "src/engine/campaign.h"
#include "src/engine/report.h"
#include "src/engine/text.h"
#include "src/engine/transport_stack.h"
#include "src/http/transport.h"
#include "src/model/paths.h"

namespace renumber {
namespace {

using json = nlohmann::json;

bool IsWriteCommand(Command c) {
  return c == Command::kPrepare || c == Command::kCutover ||
         c == Command::kRollback;
}

// Checks flags that need no file or network. kInvalidArgument on bad input.
Status ValidateOptions(const MigrationInvocation& inv, CommandOptions* o) {
  o->command = inv.command;
  o->dry_run = inv.dry_run;
  o->ignore_window = inv.ignore_window;
  o->force = inv.force;
  o->lock_wait = std::chrono::seconds(inv.wait_lock_seconds);
  if (inv.jobs < 1 || inv.jobs > 64)
    return Status::InvalidArgument("--jobs must be between 1 and 64");
  if (inv.command == Command::kRollback) {
    if (inv.rollback_phase == "prepare") {
      o->rollback_of = Phase::kPrepare;
    } else if (inv.rollback_phase == "cutover") {
      o->rollback_of = Phase::kCutover;
    } else {
      return Status::InvalidArgument(
          "rollback needs --phase prepare or --phase cutover");
    }
  }
  if (!inv.expect.empty()) {
    RN_ASSIGN_OR_RETURN(AccountState s, ParseState(inv.expect));
    if (s == AccountState::kPartial || s == AccountState::kMissing)
      return Status::InvalidArgument(
          "--expect takes not-started, prepared or cut-over");
    o->expect = s;
  }
  if (inv.format != "text" && inv.format != "json")
    return Status::InvalidArgument("--format must be text or json");
  bool single = !inv.customer.empty() || !inv.service.empty() ||
                !inv.old_ip.empty() || !inv.new_ip.empty();
  if (inv.plan_file.empty() == !single)
    return Status::InvalidArgument(
        "give either --plan FILE, or --service, --customer, --old-ip and "
        "--new-ip for one account");
  for (char c : inv.campaign)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '_' && c != '.')
      return Status::InvalidArgument(
          "--campaign may hold only letters, digits, '.', '-' and '_'");
  return Status::Ok();
}

Result<std::vector<PlanRow>> LoadRows(const MigrationInvocation& inv,
                                      FileSystem* fs, Clock* clock) {
  PlanOptions po{inv.allow_family_change};
  if (!inv.plan_file.empty()) {
    RN_ASSIGN_OR_RETURN(std::string text, fs->ReadFile(inv.plan_file));
    return ParsePlanCsv(text, inv.plan_file, po);
  }
  RN_ASSIGN_OR_RETURN(PlanRow row,
                      SingleAccountRow(inv.customer, inv.service, inv.old_ip,
                                       inv.new_ip, inv.maintenance_end,
                                       inv.ticket, clock->Now(), po));
  return std::vector<PlanRow>{row};
}

std::string CampaignName(const MigrationInvocation& inv) {
  if (!inv.campaign.empty()) return inv.campaign;
  if (inv.plan_file.empty()) return "single-" + inv.customer;
  std::string base = inv.plan_file.substr(inv.plan_file.rfind('/') + 1);
  if (size_t dot = base.rfind('.'); dot != std::string::npos && dot > 0)
    base.resize(dot);
  std::string safe;
  for (char c : base)
    safe += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ||
                    c == '_' || c == '.'
                ? c
                : '_';
  return safe.empty() ? "campaign" : safe;
}

Result<std::unique_ptr<CredentialSource>> OpenSource(
    const MigrationInvocation& inv, FileSystem* fs, Clock* clock) {
  if (!inv.credentials_file.empty())
    return OpenCredentialsFile(fs, inv.credentials_file);
  VaultAccess access = inv.vault;
  access.state_dir_flag = inv.state_dir;
  if (access.operator_name.empty()) access.operator_name = inv.operator_name;
  return OpenVaultCredentialSource(access, fs, clock, SystemRandom());
}

Status CheckCredentials(CredentialSource* src,
                        const std::vector<PlanRow>& rows) {
  auto have = src->Accounts();
  std::string missing;
  for (const PlanRow& r : rows) {
    bool found = false;
    for (const AccountKey& k : have) found = found || k == r.target.account;
    if (!found)
      missing += (missing.empty() ? "" : ", ") + r.target.account.ToString();
  }
  if (!missing.empty())
    return Status::InvalidArgument("no credentials for " + missing);
  return Status::Ok();
}

bool AskYesNo(const std::string& question) {
  std::fprintf(stderr, "%s ", question.c_str());
  std::fflush(stderr);
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes" ||
         answer == "はい";
}

int Fail(int code, const std::string& msg, Lang lang) {
  std::fprintf(stderr, "%s\n", Tr(lang, "cli.error", msg).c_str());
  return code;
}

}  // namespace

int ExecuteMigration(const MigrationInvocation& inv,
                     const GlobalOptions& global) {
  const Lang lang = global.lang;
  FileSystem* fs = PosixFileSystem();
  Clock* clock = RealClock();
  CommandOptions options;
  if (Status s = ValidateOptions(inv, &options); !s.ok())
    return Fail(kExitBadInput, s.message(), lang);
  auto rows = LoadRows(inv, fs, clock);
  if (!rows.ok()) return Fail(kExitBadInput, rows.status().message(), lang);
  bool writes = IsWriteCommand(inv.command) && !inv.dry_run;
  bool terminal = inv.assume_terminal || (isatty(0) && isatty(2));
  if (writes && !inv.yes && !terminal)
    return Fail(kExitRefused, Tr(lang, "cli.no_terminal"), lang);
  std::unique_ptr<Resolver> hosts;
  Resolver* resolver = SystemResolver();
  if (!inv.hosts_file.empty()) {
    auto text = fs->ReadFile(inv.hosts_file);
    if (!text.ok()) return Fail(kExitBadInput, text.status().message(), lang);
    auto r = NewHostsFileResolver(*text, inv.hosts_file, SystemResolver());
    if (!r.ok()) return Fail(kExitBadInput, r.status().message(), lang);
    hosts = std::move(*r);
    resolver = hosts.get();
  }
  auto source = OpenSource(inv, fs, clock);
  if (!source.ok())
    return Fail(source.status().Is(Code::kInvalidArgument) ||
                        source.status().Is(Code::kNotFound)
                    ? kExitBadInput
                    : kExitFailed,
                source.status().message(), lang);
  if (Status s = CheckCredentials(source->get(), *rows); !s.ok())
    return Fail(kExitBadInput, s.message(), lang);
  // --ca-file must be readable PEM before anything is sent (an account's own
  // ca_file is checked when its transport is built).
  if (!inv.ca_file.empty())
    if (Status s = ValidateTransportOptions({inv.ca_file}); !s.ok())
      return Fail(kExitBadInput, s.message(), lang);

  std::string state_dir = ResolveStateDir(inv.state_dir);
  std::string campaign = CampaignName(inv);
  std::string journal_path = state_dir + "/journal/" + campaign + ".journal";
  if (Status s = fs->CreateDirs(state_dir, 0700); !s.ok())
    return Fail(kExitFailed, s.message(), lang);
  auto contents = ReadJournal(fs, journal_path);
  if (!contents.ok()) return Fail(kExitFailed, contents.status().message(), lang);
  std::unique_ptr<JournalWriter> journal;
  if (writes) {
    auto j = JournalWriter::Open(fs, journal_path, clock);
    if (!j.ok()) return Fail(kExitFailed, j.status().message(), lang);
    journal = std::move(*j);
  }
  RunInfo run{SystemRandom()->Hex(8), campaign, CommandName(inv.command),
              OsUserName(),
              inv.operator_name.empty() ? OsUserName() : inv.operator_name};
  char host[256] = "?";
  gethostname(host, sizeof host - 1);
  AccountLocks locks(fs, state_dir + "/locks",
                     LockHolder{run.user, run.operator_name, run.command,
                                campaign, static_cast<long>(getpid()), host,
                                ""},
                     clock);

  InitHttpRuntime(std::max(64, inv.jobs * 4));
  TransportStack stack(clock, SystemRandom(), inv.ca_file);
  EngineDeps deps;
  deps.clock = clock;
  deps.credentials = source->get();
  deps.make_adapter =
      [&](const Credentials& c) -> Result<std::unique_ptr<Adapter>> {
    RN_ASSIGN_OR_RETURN(HttpTransport * t, stack.For(c));
    return NewAdapter(c, AdapterDeps{t, clock, resolver, SystemRandom()});
  };
  deps.journal = journal.get();
  deps.locks = writes ? &locks : nullptr;
  deps.journal_records = &contents->records;
  deps.run = run;

  std::unique_ptr<Executor> executor;
  if (IsWriteCommand(inv.command))
    executor = inv.dry_run ? NewDryRunExecutor()
                           : NewLiveExecutor(journal.get(), run);
  std::unique_ptr<TerminalProgress> progress;
  if (isatty(2) && !inv.assume_terminal)
    progress = std::make_unique<TerminalProgress>(stderr, clock, lang);
  Confirm confirm = [&](const std::vector<const AccountReport*>& work) {
    size_t changes = 0;
    for (const AccountReport* r : work) {
      std::fputs(RenderAccountDetail(*r, inv.command, lang).c_str(), stderr);
      changes += r->plan.changes.size();
    }
    if (inv.yes || inv.dry_run) return true;
    return AskYesNo(Tr(lang, "cli.confirm", changes, work.size()));
  };
  CampaignResult result = RunCampaign(deps, options, *rows, inv.jobs,
                                      executor.get(), confirm, progress.get());
  int code = CampaignExitCode(result);
  bool show_all = inv.command == Command::kPlan ||
                  inv.command == Command::kVerify;
  for (const AccountReport& r : result.accounts)
    if (show_all || r.result == AccountResult::kNothingToDo)
      std::fputs(RenderAccountDetail(r, inv.command, lang).c_str(), stderr);
  std::fputs(RenderSummaryTable(result, inv.command, lang).c_str(), stderr);
  if (inv.json || inv.format == "json")
    std::printf("%s\n",
                CampaignJson(result, inv.command, campaign, code).dump(2).c_str());
  return code;
}

}  // namespace renumber
