#include "src/cli/migration.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "adapters/registry.h"
#include "src/cli/app.h"
#include "src/cli/migration_inputs.h"
#include "src/cli/progress.h"
#include "src/core/resolver.h"
#include "src/engine/campaign.h"
#include "src/engine/report.h"
#include "src/engine/state_dir.h"
#include "src/engine/transport_stack.h"
#include "src/http/transport.h"
#include "src/log/log.h"
#include "src/log/terminal_text.h"
#include "src/model/paths.h"

namespace renumber {
namespace {

using json = nlohmann::json;

// Everything this command prints may quote a vendor's error text (which
// may echo a credential back, or hold terminal escapes) or a plan's ticket:
// scrubbed and made terminal-safe on the way out. JSON documents are
// scrubbed only: JSON escapes control characters itself.
void Print(const std::string& text, std::FILE* to) { PrintForHumans(to, text); }

void PrintJson(const std::string& text) {
  std::fputs(ScrubSecrets(text).c_str(), stdout);
}

// One command run: inputs checked first (Load), then the campaign (Run).
class MigrationRun {
 public:
  MigrationRun(const MigrationInvocation& inv, const GlobalOptions& global)
      : inv_(inv), lang_(global.lang) {}

  int Execute() {
    int code = Load();
    return code != kExitOk ? code : Run();
  }

 private:
  // Prints the error (and, with --json, a JSON document saying it) and
  // returns `code`.
  int Fail(int code, const std::string& raw) {
    const std::string message = ScrubSecrets(raw);
    Print(Tr(lang_, "cli.error", message) + "\n", stderr);
    if (inv_.json || inv_.format == "json")
      PrintJson(JsonErrorDocument(CommandName(inv_.command), message, code));
    return code;
  }

  int Load();
  int Run();
  Status LoadResolver();
  bool Confirm(const std::vector<const AccountReport*>& work);

  const MigrationInvocation& inv_;
  const Lang lang_;
  FileSystem* fs_ = PosixFileSystem();
  Clock* clock_ = RealClock();
  CommandOptions options_;
  StateDir state_;
  std::vector<PlanRow> rows_;
  bool writes_ = false;
  std::unique_ptr<Resolver> hosts_;
  Resolver* resolver_ = SystemResolver();
  std::unique_ptr<CredentialSource> source_;
};

Status MigrationRun::LoadResolver() {
  if (inv_.hosts_file.empty()) return Status::Ok();
  RN_ASSIGN_OR_RETURN(std::string text, fs_->ReadFile(inv_.hosts_file));
  RN_ASSIGN_OR_RETURN(
      hosts_, NewHostsFileResolver(text, inv_.hosts_file, SystemResolver()));
  resolver_ = hosts_.get();
  return Status::Ok();
}

int MigrationRun::Load() {
  if (Status s = ValidateOptions(inv_, &options_); !s.ok())
    return Fail(kExitBadInput, s.message());
  auto rows = LoadRows(inv_, fs_, clock_);
  if (!rows.ok()) return Fail(kExitBadInput, rows.status().message());
  rows_ = std::move(*rows);
  writes_ = IsWriteCommand(inv_.command) && !inv_.dry_run;
  bool terminal = inv_.assume_terminal || (isatty(0) && isatty(2));
  if (writes_ && !inv_.yes && !terminal)
    return Fail(kExitRefused, Tr(lang_, "cli.no_terminal"));
  if (Status s = LoadResolver(); !s.ok())
    return Fail(kExitBadInput, s.message());
  // A state dir someone else owns or may write is refused before anything
  // is read from it or sent anywhere.
  auto state = OpenStateDir(fs_, ResolveStateDir(inv_.state_dir),
                            /*create=*/true);
  if (!state.ok()) return Fail(kExitBadInput, state.status().message());
  state_ = std::move(*state);
  // --ca-file must be readable PEM before anything is sent (an account's own
  // ca_file is checked when its transport is built).
  if (!inv_.ca_file.empty())
    if (Status s = ValidateTransportOptions({inv_.ca_file}); !s.ok())
      return Fail(kExitBadInput, s.message());
  auto source = OpenSource(inv_, fs_, clock_);
  if (!source.ok()) {
    const Status& s = source.status();
    bool bad_input = s.Is(Code::kInvalidArgument) || s.Is(Code::kNotFound) ||
                     s.Is(Code::kUnauthorized);
    return Fail(bad_input ? kExitBadInput : kExitFailed, s.message());
  }
  source_ = std::move(*source);
  if (Status s = CheckCredentials(
          source_.get(), rows_, inv_.credentials_file.empty(), inv_.plan_file);
      !s.ok())
    return Fail(kExitBadInput, s.message());
  return kExitOk;
}

bool MigrationRun::Confirm(const std::vector<const AccountReport*>& work) {
  size_t changes = 0;
  for (const AccountReport* r : work) {
    Print(RenderAccountDetail(*r, inv_.command, lang_), stderr);
    changes += r->plan.changes.size();
  }
  if (inv_.yes || inv_.dry_run) return true;
  std::fprintf(stderr, "%s ",
               Tr(lang_, work.size() == 1 ? "cli.confirm_one" : "cli.confirm",
                  changes, work.size())
                   .c_str());
  std::fflush(stderr);
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes" || answer == "はい";
}

int MigrationRun::Run() {
  std::string campaign = CampaignName(inv_);
  std::string journal_path = state_.JournalPath(campaign);
  // A journal that is a link, a FIFO or another user's file is refused
  // (kInvalidArgument: exit 2) before anything is sent.
  auto exit_for = [](const Status& s) {
    return s.Is(Code::kInvalidArgument) ? kExitBadInput : kExitFailed;
  };
  auto contents = ReadJournal(state_.fs.get(), journal_path);
  if (!contents.ok())
    return Fail(exit_for(contents.status()), contents.status().message());
  std::unique_ptr<JournalWriter> journal;
  if (writes_) {
    auto j = JournalWriter::Open(state_.fs.get(), journal_path, clock_);
    if (!j.ok()) return Fail(exit_for(j.status()), j.status().message());
    journal = std::move(*j);
  }
  RunInfo run{SystemRandom()->Hex(8), campaign, CommandName(inv_.command),
              OsUserName(),
              inv_.operator_name.empty() ? OsUserName() : inv_.operator_name};
  char host[256] = "?";
  gethostname(host, sizeof host - 1);
  AccountLocks locks(
      state_.fs.get(), state_.locks_dir(),
      LockHolder{run.user, run.operator_name, run.command, campaign,
                 static_cast<long>(getpid()), host, ""},
      clock_);
  InitHttpRuntime(std::max(64, inv_.jobs * 4));
  TransportStack stack(clock_, SystemRandom(), inv_.ca_file);
  EngineDeps deps;
  deps.clock = clock_;
  deps.credentials = source_.get();
  deps.make_adapter =
      [&](const Credentials& c) -> Result<std::unique_ptr<Adapter>> {
    RN_ASSIGN_OR_RETURN(HttpTransport * t, stack.For(c));
    return NewAdapter(c, AdapterDeps{t, clock_, resolver_, SystemRandom()});
  };
  deps.journal = journal.get();
  deps.locks = writes_ ? &locks : nullptr;
  deps.journal_records = &contents->records;
  deps.run = run;

  std::unique_ptr<Executor> executor;
  if (IsWriteCommand(inv_.command))
    executor = inv_.dry_run ? NewDryRunExecutor()
                            : NewLiveExecutor(journal.get(), run);
  std::unique_ptr<TerminalProgress> progress;
  if (isatty(2) && !inv_.assume_terminal)
    progress = std::make_unique<TerminalProgress>(stderr, clock_, lang_);
  CampaignResult result = RunCampaign(
      deps, options_, rows_, inv_.jobs, executor.get(),
      [this](const std::vector<const AccountReport*>& work) {
        return Confirm(work);
      },
      progress.get());
  int code = CampaignExitCode(result);
  // plan: every account's findings and changes; verify: the accounts that
  // are not as expected (the table lists the rest); writing commands showed
  // their plans before asking.
  for (const AccountReport& r : result.accounts)
    if (inv_.command == Command::kPlan ||
        (inv_.command == Command::kVerify && r.result != AccountResult::kOk))
      Print(RenderAccountDetail(r, inv_.command, lang_), stderr);
  Print(RenderSummaryTable(result, inv_.command, lang_), stderr);
  if (inv_.json || inv_.format == "json") {
    json doc = CampaignJson(result, inv_.command, campaign, code);
    doc["expect"] = inv_.expect.empty() ? json() : json(inv_.expect);
    PrintJson(doc.dump(2) + "\n");
  }
  return code;
}

}  // namespace

int ExecuteMigration(const MigrationInvocation& inv,
                     const GlobalOptions& global) {
  return MigrationRun(inv, global).Execute();
}

}  // namespace renumber
