// `renumber preflight` (preflight_command.h).
#include <cstdio>
#include <memory>
#include <set>

#include "src/cli/app.h"
#include "src/cli/migration_inputs.h"
#include "src/cli/output.h"
#include "src/cli/preflight_command.h"
#include "src/dns/dns_resolver.h"
#include "src/preflight/preflight.h"
#include "src/preflight/preflight_report.h"

namespace renumber {
namespace {

using json = nlohmann::json;

// Everything checked before the first DNS query.
struct PreflightInputs {
  std::vector<PlanRow> rows;
  std::unique_ptr<DomainSource> domains;
  PreflightOptions options;
  DnsOptions dns;
};

std::string List(const std::vector<std::string>& items, Lang lang) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? Tr(lang, "preflight.none") : out;
}

Result<std::vector<std::string>> DomainNames(
    const std::vector<std::string>& names, const char* flag) {
  std::vector<std::string> out;
  for (const std::string& n : names) {
    auto name = ParseDomainName(n);
    if (!name.ok())
      return Status::InvalidArgument(std::string(flag) + " " +
                                     name.status().message());
    out.push_back(*name);
  }
  return out;
}

Result<std::unique_ptr<DomainSource>> LoadDomains(
    const PreflightInvocation& inv, const std::vector<PlanRow>& rows,
    FileSystem* fs) {
  if (!inv.domains_file.empty() && !inv.domains.empty())
    return Status::InvalidArgument(
        "give the domains either in --domains FILE or with --domain NAME");
  if (!inv.domains_file.empty()) {
    RN_ASSIGN_OR_RETURN(std::string text, fs->ReadFile(inv.domains_file));
    return NewDomainsFileSource(text, inv.domains_file);
  }
  if (inv.domains.empty())
    return Status::InvalidArgument(
        "preflight needs the customers' domains: --domains FILE (lines of "
        "'CUSTOMER[/ess|cdn] DOMAIN...') or --domain NAME for one customer");
  std::set<std::string> customers;
  for (const PlanRow& r : rows) customers.insert(r.target.account.customer);
  if (customers.size() > 1)
    return Status::InvalidArgument(
        "--domain NAME is for one customer; this plan has " +
        std::to_string(customers.size()) +
        " (use --domains FILE, or --only CUSTOMER)");
  return NewFixedDomainSource(inv.domains);
}

Result<PreflightInputs> Load(const PreflightInvocation& inv, FileSystem* fs,
                             Clock* clock) {
  PreflightInputs in;
  MigrationInvocation accounts = inv.accounts;
  accounts.command = Command::kPlan;
  accounts.jobs = inv.jobs;
  CommandOptions unused;
  RN_RETURN_IF_ERROR(ValidateOptions(accounts, &unused));
  RN_ASSIGN_OR_RETURN(in.rows, LoadRows(accounts, fs, clock));
  RN_ASSIGN_OR_RETURN(in.domains, LoadDomains(inv, in.rows, fs));
  if (!inv.provider_ns.empty()) {
    RN_ASSIGN_OR_RETURN(in.options.provider_ns,
                        DomainNames(inv.provider_ns, "--provider-ns"));
  }
  RN_ASSIGN_OR_RETURN(in.options.dnsbl_zones,
                      DomainNames(inv.dnsbl_zones, "--dnsbl"));
  in.options.jobs = inv.jobs;
  for (const std::string& s : inv.dns_servers) {
    RN_ASSIGN_OR_RETURN(std::string server, ParseDnsServer(s));
    in.dns.servers.push_back(server);
  }
  if (!(inv.dns_timeout_seconds >= 0.01 && inv.dns_timeout_seconds <= 60))
    return Status::InvalidArgument("--dns-timeout must be 0.01-60 seconds");
  in.dns.timeout = std::chrono::milliseconds(
      static_cast<int64_t>(inv.dns_timeout_seconds * 1000));
  in.dns.max_in_flight = std::min(256, inv.jobs * 4);
  return in;
}

int ExitCodeOf(const PreflightReport& report) {
  bool errors = false, action = false;
  for (const CustomerPreflight& c : report.customers) {
    errors = errors || c.HasErrors();
    action = action || c.NeedsAction();
  }
  return errors ? kExitFailed : action ? kExitNotExpected : kExitOk;
}

}  // namespace

int ExecutePreflight(const PreflightInvocation& inv,
                     const GlobalOptions& global) {
  const Lang lang = global.lang;
  Clock* clock = RealClock();
  FileSystem* fs = PosixFileSystem();
  Output out(inv.json, clock);
  auto fail = [&](int code, const std::string& message) {
    out.Error(Tr(lang, "cli.error", message));
    if (inv.json) out.Json(JsonErrorDocument("preflight", message, code));
    return code;
  };
  if (!inv.log_file.empty())
    if (Status s = out.OpenLog(fs, inv.log_file); !s.ok())
      return fail(kExitBadInput, s.message());
  auto in = Load(inv, fs, clock);
  if (!in.ok()) return fail(kExitBadInput, in.status().message());
  auto resolver = NewDnsResolver(in->dns);
  if (!resolver.ok())
    return fail(resolver.status().Is(Code::kInvalidArgument) ? kExitBadInput
                                                             : kExitFailed,
                resolver.status().message());
  out.Human(Tr(lang, "preflight.header",
               in->dns.servers.empty() ? Tr(lang, "preflight.system_dns")
                                       : List(in->dns.servers, lang),
               List(in->options.provider_ns, lang),
               List(in->options.dnsbl_zones, lang)) +
            "\n\n");
  PreflightReport report = RunPreflight(
      in->rows, in->options, {resolver->get(), in->domains.get(), clock});
  const int code = ExitCodeOf(report);
  out.Human(RenderPreflight(report, lang));
  if (inv.json) {
    json doc = PreflightJson(report);
    doc["command"] = "preflight";
    doc["exit_code"] = code;
    doc["dns_servers"] = in->dns.servers;
    doc["provider_ns"] = in->options.provider_ns;
    doc["dnsbl_zones"] = in->options.dnsbl_zones;
    // DNS text is untrusted: invalid UTF-8 is replaced, never thrown on.
    out.Json(doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
  }
  return code;
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
      "confirmed) of the new IP; the new IP in DNS blocklists. Exit 3 when "
      "something needs doing, 1 when a check could not be done.");
  cmd->footer(
      "Examples:\n"
      "  renumber preflight --plan plan.csv --domains domains.txt\n"
      "  renumber preflight --plan plan.csv --domains domains.txt --json\n"
      "  renumber preflight --service ess --customer C-10001 --old-ip "
      "203.0.113.10 --new-ip 198.51.100.20 --domain example.co.jp "
      "--maintenance-end 2026-12-10T06:00:00+09:00\n"
      "  renumber preflight --plan plan.csv --domains domains.txt "
      "--dns-server 127.0.0.1:5353 --dnsbl bl.example.org\n"
      "domains file: one line per customer or account, e.g.\n"
      "  C-10001      example.co.jp www.example.co.jp\n"
      "  C-10002/ess  example.jp\n");
  AddAccountOptions(cmd, &inv->accounts);
  cmd->add_option("--domains", inv->domains_file,
                  "the customers' domains: lines of 'CUSTOMER[/ess|cdn] "
                  "DOMAIN...' (ESS domains get the SPF check)");
  cmd->add_option("--domain", inv->domains,
                  "a domain of the one customer (repeatable)");
  cmd->add_option("--dns-server", inv->dns_servers,
                  "name server to ask, IP[:PORT] (repeatable; default: the "
                  "system's, from /etc/resolv.conf)");
  cmd->add_option("--provider-ns", inv->provider_ns,
                  "Zenlogic's name servers, or a domain covering them "
                  "(repeatable; default ns1.zenlogic.jp, ns2.zenlogic.jp)");
  cmd->add_option("--dnsbl", inv->dnsbl_zones,
                  "DNS blocklist zone to look the new IP up in (repeatable; "
                  "none by default)");
  cmd->add_option("--dns-timeout", inv->dns_timeout_seconds,
                  "seconds to wait for the first try of a DNS query "
                  "(default 2; two tries, the second twice as long)");
  cmd->add_option("--jobs,-j", inv->jobs,
                  "customers checked in parallel (default 8)");
  cmd->add_flag("--json", inv->json,
                "one JSON document on stdout; the report on stderr");
  cmd->add_option("--log", inv->log_file,
                  "also append the output, with times, to FILE (0600)");
  cmd->callback([inv, &global, &run] {
    run = [inv, &global] { return ExecutePreflight(*inv, global); };
  });
}

}  // namespace renumber
