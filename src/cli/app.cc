#include "src/cli/app.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <vector>

#include "src/cli/command.h"
#include "src/cli/help_i18n.h"
#include "src/cli/registrars.h"
#include "src/core/hardening.h"
#include "src/log/log.h"
#include "src/log/terminal_text.h"
#include "src/model/paths.h"
#include "src/store/open_store.h"

namespace renumber {
namespace {

constexpr const char* kDescription =
    "renumber moves Email Security.cloud delivery servers (配送サーバー) and "
    "ZenlogicCDN origin servers (オリジンサーバー) from a server's old IP to "
    "its new IP around the 基盤変更メンテナンス, without a lost mail or a "
    "failed page view.";

constexpr const char* kFooter = R"(Flow per account:
  plan (read-only) -> prepare (add new next to old) -> verify
  -> cutover (after maintenance_end: promote new, remove old) -> verify
  rollback --phase prepare|cutover undoes a phase from the journal.

Examples:
  renumber demo                          run the whole flow on built-in simulators
  renumber sim --seed 50                 serve simulated ESS and CDN APIs
  renumber plan --plan plan.csv --credentials creds.json
  renumber prepare --plan plan.csv --yes
  renumber verify --plan plan.csv --expect prepared --format json
  renumber cutover --plan plan.csv
  renumber rollback --plan plan.csv --phase cutover
  renumber status
  renumber preflight --plan plan.csv        (the customers' DNS)
  renumber vault list

Exit codes:
  0  done, or in the expected state
  1  at least one account failed
  2  bad input; nothing was changed
  3  verify or plan found accounts not in the expected state;
     preflight found something to do
  4  refused by a safety gate; nothing was changed

Run 'renumber COMMAND --help' for a command's options.)";

// With --json or --format json, a command-line error is a JsonErrorDocument
// on stdout too, as other errors before any account ran are, so a cron job
// reading stdout does not get an empty file.
void PrintJsonParseError(const CLI::App& app, int argc, const char* const* argv,
                         const std::string& error) {
  bool json = false;
  std::string command;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--json" || a == "--format=json" ||
        (a == "--format" && i + 1 < argc && std::string(argv[i + 1]) == "json"))
      json = true;
    if (command.empty() && a[0] != '-') {
      for (const CLI::App* sub : app.get_subcommands({}))
        if (sub->get_name() == a) command = a;
    }
  }
  if (!json) return;
  std::fputs(JsonErrorDocument(command, error, kExitBadInput).c_str(), stdout);
}

// Levenshtein distance, for "did you mean".
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min(
          {row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// "renumber prepar": the first word is no command; the closest command
// within two edits, or "" when none is close.
std::string DidYouMean(const CLI::App& app, int argc, const char* const* argv) {
  if (argc < 2 || argv[1][0] == '-') return "";
  const std::string word = argv[1];
  std::string best;
  size_t best_distance = 3;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == word) return "";
    size_t d = EditDistance(word, sub->get_name());
    if (d < best_distance) {
      best_distance = d;
      best = sub->get_name();
    }
  }
  return best;
}

// The language asked for before the command line is parsed (help texts
// are set up before): --lang's value wherever it stands, else LANG.
Lang LangBeforeParsing(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string value;
    if (a == "--lang" && i + 1 < argc) value = argv[i + 1];
    if (a.rfind("--lang=", 0) == 0) value = a.substr(7);
    if (auto lang = ParseLang(value); lang.ok()) return *lang;
  }
  return LangFromEnvironment();
}

}  // namespace

std::unique_ptr<CLI::App> BuildApp(GlobalOptions& global, CommandRun& run) {
  auto app = std::make_unique<CLI::App>(kDescription, "renumber");
  app->footer(kFooter);
  app->set_version_flag("--version",
                        std::string("renumber ") + RENUMBER_VERSION_STRING);
  app->require_subcommand(0, 1);
  app->fallthrough();  // global options may follow the subcommand
  app->add_option("--log-level", global.log_level,
                  "trace|debug|info|warn|error|off (default warn)")
      ->capture_default_str();
  app->add_option("--log-format", global.log_format, "text|json")
      ->capture_default_str();
  app->add_option("--lang", global.lang_flag,
                  "en|ja for messages (default from LANG)");
  for (const CommandRegistrar& reg : AllRegistrars()) reg(*app, global, run);
  return app;
}

int RunCli(int argc, char** argv) {
  // First, before any argument is acted on or any secret read: a crash on
  // hostile input must not write the process's memory (tokens, passwords)
  // to a core file, and no other process of this user may read it.
  if (Status s = DisableCoreDumps(); !s.ok()) {
    std::fprintf(stderr, "renumber: %s\n", s.message().c_str());
    return ExitCodeFor(s);
  }
  GlobalOptions global;
  global.lang = LangBeforeParsing(argc, argv);
  global.open_audit_copy =
      [](const std::string& flag,
         const std::string& vault_path) -> Result<AuditCopyFn> {
    StoreOpenOptions o;
    o.spec = ChosenStoreSpec(flag);
    if (!IsSharedStoreSpec(o.spec)) {
      RN_RETURN_IF_ERROR(ValidateStoreSpec(o.spec));
      return AuditCopyFn();
    }
    o.application_name = "renumber vault " + OsUserName() + "@" + HostName();
    o.fs = PosixFileSystem();
    o.clock = RealClock();
    RN_ASSIGN_OR_RETURN(auto store, OpenCampaignStore(o));
    std::shared_ptr<CampaignStore> shared(std::move(store));
    return AuditCopyFn([shared, vault_path](const std::vector<std::string>& l) {
      return shared->CopyAudit(vault_path, l);
    });
  };
  CommandRun run;
  std::unique_ptr<CLI::App> built = BuildApp(global, run);
  CLI::App& app = *built;
  LocalizeHelp(&app, global.lang);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (std::string near = DidYouMean(app, argc, argv); !near.empty()) {
      const std::string word = argv[1];
      PrintForHumans(stderr,
                     Tr(global.lang, "cli.error",
                        Tr(global.lang, "cli.not_a_command", word, near)) +
                         "\n");
      PrintJsonParseError(app, argc, argv,
                          Tr(Lang::kEn, "cli.not_a_command", word, near));
      return kExitBadInput;
    }
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::fprintf(
        stderr, "%s\n",
        Tr(global.lang, "cli.bad_option", ParseErrorText(e, global.lang))
            .c_str());
    PrintJsonParseError(app, argc, argv, e.what());
    return kExitBadInput;
  }
  if (!global.lang_flag.empty()) {
    auto lang = ParseLang(global.lang_flag);
    if (!lang.ok()) {
      PrintForHumans(stderr, Tr(global.lang, "cli.bad_option",
                                Localized(lang.status(), global.lang)) +
                                 "\n");
      return InputError(lang.status());  // --lang
    }
    global.lang = *lang;
  }
  Status s = InitLogging(global.log_level, global.log_format);
  if (!s.ok()) {
    PrintForHumans(stderr, Tr(global.lang, "cli.bad_option",
                              Localized(s, global.lang)) +
                               "\n");
    return InputError(s);  // --log-level, --log-format
  }
  if (!run) {
    std::fputs(app.help().c_str(), stdout);
    return kExitOk;
  }
  return run();
}

std::string JsonErrorDocument(const std::string& command,
                              const std::string& error, int exit_code) {
  nlohmann::json doc = {
      {"command", command.empty() ? nlohmann::json() : nlohmann::json(command)},
      {"error", error},
      {"exit_code", exit_code},
      {"accounts", nlohmann::json::array()}};
  return doc.dump(2) + "\n";
}

}  // namespace renumber
