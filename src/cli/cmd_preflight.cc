// `renumber preflight` (preflight_command.h).
#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>

#include "adapters/registry.h"
#include "src/cli/app.h"
#include "src/cli/migration_inputs.h"
#include "src/cli/output.h"
#include "src/cli/preflight_command.h"
#include "src/cli/progress.h"
#include "src/cli/terminal.h"
#include "src/dns/dns_resolver.h"
#include "src/engine/campaign.h"
#include "src/engine/transport_stack.h"
#include "src/http/transport.h"
#include "src/log/log.h"
#include "src/model/paths.h"
#include "src/preflight/campaign_domain_source.h"
#include "src/preflight/preflight.h"
#include "src/preflight/preflight_report.h"
#include "src/store/open_store.h"

namespace renumber {
namespace {

using json = nlohmann::json;

// The vault's audit log says what a login was used for: here, reading the
// account's domains for preflight (the campaign underneath is a `plan`).
class PreflightPurpose : public CredentialSource {
 public:
  explicit PreflightPurpose(CredentialSource* base) : base_(base) {}
  Result<Credentials> Get(const AccountKey& account,
                          const std::string& purpose) override {
    return base_->Get(account, "preflight: read the domains (" + purpose + ")");
  }
  std::vector<AccountKey> Accounts() override { return base_->Accounts(); }

 private:
  CredentialSource* base_;
};

// One run: every input checked first (Load), then discovery when the
// domains come from the vendors, then the DNS checks (Run).
class PreflightRun {
 public:
  PreflightRun(const PreflightInvocation& inv, const GlobalOptions& global)
      : inv_(inv), lang_(global.lang), out_(inv.json, clock_) {}

  int Execute() {
    int code = Load();
    return code != kExitOk ? code : Run();
  }

 private:
  // `s` in the reader's language on the terminal, in English in the JSON.
  int Fail(int code, const Status& s) {
    const std::string message = ScrubSecrets(s.message());
    out_.Error(Tr(lang_, "cli.error", ScrubSecrets(Localized(s, lang_))));
    if (inv_.json) out_.Json(JsonErrorDocument("preflight", message, code));
    return code;
  }
  // Fail with the table's exit code for `s` (exit_codes.h).
  int Fail(const Status& s) { return Fail(ExitCodeFor(s), s); }

  int Load();
  Status LoadGivenDomains();
  int OpenVendors();
  int Run();
  CampaignResult DiscoverDomains();
  static int ExitCodeOf(const PreflightReport& report);

  const PreflightInvocation& inv_;
  const Lang lang_;
  Clock* clock_ = RealClock();
  FileSystem* fs_ = PosixFileSystem();
  Output out_;
  std::vector<PlanRow> rows_;
  PreflightSetup setup_;
  // --domains / --domain; null when the domains come from the vendors.
  std::unique_ptr<DomainSource> given_;
  std::unique_ptr<CredentialSource> credentials_;
  // Team mode: the vault's audit records are also copied to the store.
  std::unique_ptr<CampaignStore> store_;
  std::unique_ptr<Resolver> hosts_;  // --hosts, for the adapters
  std::unique_ptr<Resolver> dns_;    // the DNS preflight asks
};

// The flags and the files they name (log, plan, domains, --hosts,
// --ca-file) are the user's to fix, whatever went wrong with them: bad
// input (exit 2). What is opened from them is the table's.
int PreflightRun::Load() {
  if (!inv_.log_file.empty())
    if (Status s = out_.OpenLog(fs_, inv_.log_file); !s.ok())
      return Fail(InputError(s), s);
  MigrationInvocation accounts = inv_.accounts;
  accounts.command = Command::kPlan;
  CommandOptions unused;
  if (Status s = ValidateOptions(accounts, &unused); !s.ok())
    return Fail(InputError(s), s);
  auto rows = LoadRows(accounts, fs_, clock_);
  if (!rows.ok()) return Fail(InputError(rows.status()), rows.status());
  rows_ = std::move(*rows);
  auto setup =
      LoadPreflightSetup(inv_.accounts.preflight_dns, inv_.accounts.jobs);
  if (!setup.ok()) return Fail(InputError(setup.status()), setup.status());
  setup_ = std::move(*setup);
  if (Status s = LoadGivenDomains(); !s.ok()) return Fail(InputError(s), s);
  if (!given_)
    if (int code = OpenVendors(); code != kExitOk) return code;
  auto dns = NewDnsResolver(setup_.dns);
  if (!dns.ok()) return Fail(dns.status());
  dns_ = std::move(*dns);
  return kExitOk;
}

Status PreflightRun::LoadGivenDomains() {
  if (!inv_.domains_file.empty() && !inv_.domains.empty())
    return Status::InvalidArgument(
        "give the domains either in --domains FILE or with --domain NAME",
        "ドメイン名は --domains FILE か --domain NAME のどちらか一方で"
        "指定してください");
  if (!inv_.domains_file.empty()) {
    RN_ASSIGN_OR_RETURN(std::string text, fs_->ReadFile(inv_.domains_file));
    RN_ASSIGN_OR_RETURN(given_, NewDomainsFileSource(text, inv_.domains_file));
    return Status::Ok();
  }
  if (inv_.domains.empty()) return Status::Ok();  // from the vendors
  std::set<std::string> customers;
  for (const PlanRow& r : rows_) customers.insert(r.target.account.customer);
  if (customers.size() > 1)
    return Status::InvalidArgument(
        "--domain NAME is for one customer; this plan has " +
            std::to_string(customers.size()) +
            " (use --domains FILE, or --only CUSTOMER)",
        "--domain NAME はお客様 1 件分の指定です。この計画には " +
            std::to_string(customers.size()) +
            " 件のお客様が含まれています（--domains FILE または "
            "--only CUSTOMER をご利用ください）");
  RN_ASSIGN_OR_RETURN(given_, NewFixedDomainSource(inv_.domains));
  return Status::Ok();
}

// The credentials (file or vault) and the --hosts file the adapters use,
// as `renumber plan` opens them.
int PreflightRun::OpenVendors() {
  if (!inv_.accounts.hosts_file.empty()) {
    auto text = fs_->ReadFile(inv_.accounts.hosts_file);
    if (!text.ok()) return Fail(InputError(text.status()), text.status());
    auto hosts =
        NewHostsFileResolver(*text, inv_.accounts.hosts_file, SystemResolver());
    if (!hosts.ok()) return Fail(InputError(hosts.status()), hosts.status());
    hosts_ = std::move(*hosts);
  }
  if (!inv_.accounts.ca_file.empty())
    if (Status s = ValidateTransportOptions({inv_.accounts.ca_file}); !s.ok())
      return Fail(InputError(s), s);
  // A team's store before the vault (as `plan` does): one that cannot be
  // reached fails before anyone types a passphrase. Preflight journals
  // nothing; the store only gets the vault's audit copies.
  const std::string spec = ChosenStoreSpec(inv_.accounts.store);
  if (Status s = ValidateStoreSpec(spec); !s.ok())
    return Fail(InputError(s), s);
  if (IsSharedStoreSpec(spec) && inv_.accounts.credentials_file.empty()) {
    StoreOpenOptions o;
    o.spec = spec;
    o.ca_file = inv_.accounts.ca_file;
    o.application_name =
        "renumber preflight " +
        (inv_.accounts.operator_name.empty() ? OsUserName()
                                             : inv_.accounts.operator_name) +
        "@" + HostName();
    o.fs = fs_;
    o.clock = clock_;
    auto store = OpenCampaignStore(o);
    if (!store.ok()) return Fail(store.status());
    store_ = std::move(*store);
  }
  auto source = OpenSource(inv_.accounts, fs_, clock_, store_.get());
  if (!source.ok()) {
    const Status& s = source.status();
    return Fail(Status(
        s.code(),
        s.message() + " (the domains are read from the vendors; without "
                      "their logins, give them with --domains FILE)",
        Localized(s, Lang::kJa) + "（ドメイン名はベンダーから読み取ります。"
                                  "ログイン情報がない場合は --domains FILE "
                                  "で指定してください）"));
  }
  credentials_ = std::move(*source);
  return kExitOk;
}

// The engine's discovery of every account, read-only (a `plan` campaign
// without journal or locks), with the adapters listing the domains.
CampaignResult PreflightRun::DiscoverDomains() {
  InitHttpRuntime(HttpPoolThreadsFor(inv_.accounts.jobs));
  TransportStack stack(clock_, SystemRandom(), inv_.accounts.ca_file);
  PreflightPurpose purpose(credentials_.get());
  Resolver* resolver = hosts_ ? hosts_.get() : SystemResolver();
  EngineDeps deps;
  deps.clock = clock_;
  deps.credentials = &purpose;
  deps.make_adapter =
      [&](const Credentials& c) -> Result<std::unique_ptr<Adapter>> {
    RN_ASSIGN_OR_RETURN(HttpTransport * t, stack.For(c));
    AdapterDeps ad{t, clock_, resolver, SystemRandom()};
    ad.list_domains = true;
    ad.staged_diffs = false;  // preflight reads domains, shows no diff
    return NewAdapter(c, ad);
  };
  const std::string user = OsUserName();
  deps.run = {
      SystemRandom()->Hex(8), CampaignName(inv_.accounts), "preflight", user,
      inv_.accounts.operator_name.empty() ? user : inv_.accounts.operator_name};
  CommandOptions options;
  options.command = Command::kPlan;
  std::unique_ptr<Terminal> terminal = OpenControllingTerminal();
  std::unique_ptr<TerminalProgress> progress;
  if (terminal)
    progress =
        std::make_unique<TerminalProgress>(terminal->stream(), clock_, lang_);
  return RunCampaign(
      deps, options, rows_, inv_.accounts.jobs, nullptr,
      [](const ConfirmRequest&) { return true; }, progress.get());
}

int PreflightRun::ExitCodeOf(const PreflightReport& report) {
  bool errors = false, action = false;
  for (const CustomerPreflight& c : report.customers) {
    errors = errors || c.HasErrors();
    action = action || c.NeedsAction();
  }
  return errors ? kExitFailed : action ? kExitNotExpected : kExitOk;
}

int PreflightRun::Run() {
  out_.Human(PreflightHeader(setup_, lang_) + "\n");
  std::unique_ptr<DomainSource> discovered;
  if (!given_) {
    out_.Human(Tr(lang_, "preflight.domains_from_vendors", rows_.size()) +
               "\n");
    discovered = NewCampaignDomainSource(DiscoverDomains());
  }
  out_.Human("\n");
  DomainSource* domains = given_ ? given_.get() : discovered.get();
  PreflightReport report =
      RunPreflight(rows_, setup_.options, {dns_.get(), domains, clock_});
  const int code = ExitCodeOf(report);
  out_.Human(RenderPreflight(report, lang_));
  if (inv_.json) {
    json doc = PreflightJson(report);
    doc["command"] = "preflight";
    doc["exit_code"] = code;
    doc["domains_from"] = !inv_.domains_file.empty() ? "file"
                          : !inv_.domains.empty()    ? "command-line"
                                                     : "vendors";
    doc["dns_servers"] = setup_.dns.servers;
    doc["provider_ns"] = setup_.options.provider_ns;
    doc["dnsbl_zones"] = setup_.options.dnsbl_zones;
    // DNS text is untrusted: invalid UTF-8 is replaced, never thrown on.
    out_.Json(doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
  }
  return code;
}

}  // namespace

int ExecutePreflight(const PreflightInvocation& inv,
                     const GlobalOptions& global) {
  return PreflightRun(inv, global).Execute();
}

void RegisterPreflightCommand(CLI::App& app, GlobalOptions& global,
                              CommandRun& run) {
  auto inv = std::make_shared<PreflightInvocation>();
  CLI::App* cmd = app.add_subcommand(
      "preflight",
      "Read-only DNS checks per customer, for what the provider's notice "
      "warns about: which name servers serve each domain and the A/AAAA/MX "
      "records still at the old IP (on other name servers the customer "
      "changes them after the maintenance; on Zenlogic's, Zenlogic does); "
      "SPF of mail domains for the new IP; reverse DNS (PTR, forward-"
      "confirmed) of the new IP; the new IP in DNS blocklists. The domains "
      "are read from ESS and the CDN (GETs only), unless --domains or "
      "--domain gives them. Exit 3 when something needs doing, 1 when a "
      "check could not be done.");
  cmd->footer(
      "Examples:\n"
      "  renumber preflight --plan plan.csv --credentials creds.json\n"
      "  renumber preflight --plan plan.csv --json          (vault "
      "credentials)\n"
      "  renumber preflight --plan plan.csv --domains domains.txt   (no "
      "vendor asked)\n"
      "  renumber preflight --service ess --customer C-10001 --old-ip "
      "203.0.113.10 --new-ip 198.51.100.20 --domain example.co.jp "
      "--maintenance-end 2026-12-10T06:00:00+09:00\n"
      "  renumber preflight --plan plan.csv --credentials creds.json "
      "--dns-server 127.0.0.1:5353 --dnsbl bl.example.org\n"
      "domains file: one line per customer or account, e.g.\n"
      "  C-10001      example.co.jp www.example.co.jp\n"
      "  C-10002/ess  example.jp\n");
  AddAccountOptions(cmd, &inv->accounts);
  AddVendorAccessOptions(cmd, &inv->accounts);
  cmd->add_option("--domains", inv->domains_file,
                  "the customers' domains instead of the vendors': lines of "
                  "'CUSTOMER[/ess|cdn] DOMAIN...' (ESS domains get the SPF "
                  "check)");
  cmd->add_option("--domain", inv->domains,
                  "a domain of the one customer, instead of the vendors' "
                  "(repeatable)");
  AddPreflightDnsOptions(cmd, &inv->accounts.preflight_dns);
  cmd->add_option("--jobs,-j", inv->accounts.jobs,
                  "accounts read and customers checked in parallel (default "
                  "8)");
  cmd->add_flag("--json", inv->json,
                "one JSON document on stdout; the report on stderr");
  cmd->add_option("--log", inv->log_file,
                  "also append the output, with times, to FILE (0600)");
  cmd->callback([inv, &global, &run] {
    run = [inv, &global] { return ExecutePreflight(*inv, global); };
  });
}

}  // namespace renumber
