// `renumber demo`: the whole flow on built-in simulators, in-process.
//
// Starts the ESS and CDN simulators on free loopback ports with a handful of
// varied customers, a DNS simulator serving the customers' zones, and real
// HTTP(S) origin servers for every CDN customer's old and new address
// (src/sim/origin_farm.h: the new one answers a placeholder page until the
// demo's maintenance ends, then the site; the old one then goes away).
// Writes a plan (maintenance_end a few seconds ahead), a credentials file,
// a hosts file and the origins' connect-to map and CA to a temporary
// directory, then runs exactly what a user would type: preflight (against
// the DNS simulator; with the default six customers it finds things to do,
// exit 3, as the seeded world is made to) → plan → prepare → verify; waits
// for the maintenance to end; cutover --wait-ready (each CDN service
// switches as soon as its new origin serves the site) → verify. Exits 0
// when every account ends as expected (cut over; with 7 or more CDN
// customers the world holds hidden origins, whose accounts stay partial:
// exit 3 expected there, SimVendorSpec::stays_partial). It names no vendor:
// the simulators and their titles come from sim_vendors.h.
#include <stdlib.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <vector>

#include "src/cli/app.h"
#include "src/cli/demo.h"
#include "src/cli/migration.h"
#include "src/cli/preflight_command.h"
#include "src/core/fs.h"
#include "src/engine/text.h"
#include "src/http/transport.h"
#include "src/log/terminal_text.h"
#include "src/sim/cluster.h"
#include "src/sim/dns_sim.h"
#include "src/sim/dns_world.h"
#include "src/sim/sim_vendors.h"

namespace renumber {
namespace {

// "06:00:12" (local time).
std::string LocalHourMinuteSecond(Timestamp t) {
  const time_t secs = static_cast<time_t>(t.unix_seconds());
  struct tm local;
  localtime_r(&secs, &local);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", local.tm_hour, local.tm_min,
                local.tm_sec);
  return buf;
}

Status CopyFile(const std::string& from, const std::string& to) {
  RN_ASSIGN_OR_RETURN(std::string text, PosixFileSystem()->ReadFile(from));
  return WriteFileAtomic(PosixFileSystem(), to, text, 0644);
}

struct DemoStep {
  Command command;
  const char* expect;  // verify --expect
  bool after_maintenance;
};

const DemoStep kSteps[] = {
    {Command::kPlan, "", false},           {Command::kPrepare, "", false},
    {Command::kVerify, "prepared", false}, {Command::kCutover, "", true},
    {Command::kVerify, "cut-over", true},
};

constexpr char kWaitReady[] = "2m";
// How far ahead the demo's maintenance ends: enough for plan, prepare and
// verify to run before it.
constexpr std::chrono::seconds kMaintenanceAhead{12};

std::string StepLine(const DemoStep& s, const std::string& dir) {
  std::string line = std::string("renumber ") + CommandName(s.command) +
                     " --plan " + dir + "/plan.csv --credentials " + dir +
                     "/credentials.json --state-dir " + dir +
                     "/state --hosts " + dir + "/hosts --connect-to " + dir +
                     "/connect-to --ca-file " + dir + "/origins-ca.pem";
  if (s.command == Command::kPrepare || s.command == Command::kCutover)
    line += " --yes";
  if (s.command == Command::kCutover)
    line += std::string(" --wait-ready ") + kWaitReady;
  if (*s.expect) line += std::string(" --expect ") + s.expect;
  return line;
}

// Exit 3 after the maintenance when a vendor's seeded world holds accounts
// made to stay partial (with 7 or more CDN customers: hidden origins).
int WantExit(const DemoStep& s, const std::vector<SimCustomer>& customers) {
  bool partial = false;
  for (const SimVendorSpec& v : SimVendors())
    partial = partial || (v.stays_partial && v.stays_partial(customers));
  return s.after_maintenance && partial ? kExitNotExpected : kExitOk;
}

// "ESS (…) simulator at http://…, CDN (…) simulator at http://…".
std::string SimulatorsLine(const SimCluster& cluster, Lang lang) {
  std::string line;
  for (const SimVendorSpec& v : SimVendors()) {
    if (!line.empty()) line += Tr(lang, "demo.sim_join");
    line += Tr(lang, "demo.sim_at", Pick(v.title, lang),
               cluster.host(v.service)->base_url());
  }
  return line;
}

// "12 writes to ESS (…), 30 writes to CDN (…)": what the run changed on
// each simulator.
std::string WritesLine(const SimCluster& cluster, Lang lang) {
  std::string line;
  for (const SimVendorSpec& v : SimVendors()) {
    if (!line.empty()) line += Tr(lang, "demo.sim_join");
    const long writes = cluster.host(v.service)->Counters().value("writes", 0L);
    line += Tr(lang, "demo.writes", writes, Pick(v.title, lang));
  }
  return line;
}

// Step 1: preflight of every customer against the DNS simulator, with the
// domains read from the vendor simulators.
int PreflightStep(const std::string& dir, const SimDns& dns, int total,
                  const GlobalOptions& global) {
  PreflightInvocation inv;
  inv.accounts.plan_file = dir + "/plan.csv";
  inv.accounts.credentials_file = dir + "/credentials.json";
  inv.accounts.state_dir = dir + "/state";
  inv.accounts.hosts_file = dir + "/hosts";
  inv.accounts.jobs = 4;
  inv.accounts.preflight_dns.dns_servers = {dns.address()};
  inv.accounts.preflight_dns.provider_ns = SimProviderNameServers();
  inv.accounts.preflight_dns.dnsbl_zones = {kSimDnsblZone};
  std::string line = "renumber preflight --plan " + inv.accounts.plan_file +
                     " --credentials " + inv.accounts.credentials_file +
                     " --state-dir " + inv.accounts.state_dir + " --hosts " +
                     inv.accounts.hosts_file + " --dns-server " + dns.address();
  for (const std::string& ns : inv.accounts.preflight_dns.provider_ns)
    line += " --provider-ns " + ns;
  line += std::string(" --dnsbl ") + kSimDnsblZone;
  std::fprintf(stdout, "\n== %s ==\n$ %s\n",
               Tr(global.lang, "demo.step", 1, total).c_str(), line.c_str());
  std::fflush(stdout);
  return ExecutePreflight(inv, global);
}

}  // namespace

int RunDemo(const DemoOptions& o, const GlobalOptions& global) {
  const Lang lang = global.lang;
  InitHttpRuntime(64);
  std::string dir = o.dir;
  if (!dir.empty()) {
    if (Status s = PosixFileSystem()->CreateDirs(dir, 0700); !s.ok()) {
      PrintForHumans(stderr, Tr(lang, "cli.error", Localized(s, lang)) + "\n");
      return InputError(s);  // --dir is the user's to fix
    }
  } else {
    const char* tmp = std::getenv("TMPDIR");
    std::string base = tmp && *tmp ? tmp : "/tmp";
    std::string path = base + "/renumber-demo-XXXXXX";
    std::vector<char> tmpl(path.c_str(), path.c_str() + path.size() + 1);
    if (!mkdtemp(tmpl.data())) {
      std::fprintf(stderr, "%s\n",
                   Tr(lang, "cli.error", "cannot create a temp dir").c_str());
      return kExitFailed;
    }
    dir = tmpl.data();
  }
  SimClusterOptions copts;
  copts.seed = o.customers;
  // The maintenance ends a few seconds from now: prepare and verify run
  // before it, cutover after it.
  const Timestamp maintenance_end = Timestamp::FromUnixSeconds(
      (RealClock()->Now() + kMaintenanceAhead).unix_seconds());
  copts.maintenance_end = maintenance_end.ToRfc3339();
  copts.origins = true;
  copts.origin_options.phase = OriginPhase::kBefore;
  auto cluster = SimCluster::Start(copts);
  if (!cluster.ok()) {
    PrintForHumans(
        stderr,
        Tr(lang, "cli.error", Localized(cluster.status(), lang)) + "\n");
    return ExitCodeFor(cluster.status());
  }
  // The customers' DNS zones, for the domains the vendor simulators hold.
  auto dns = SimDns::Start(
      SimDnsZones((*cluster)->customers(), (*cluster)->AccountDomains()), {});
  if (!dns.ok()) {
    std::fprintf(stderr, "%s\n",
                 Tr(lang, "cli.error", dns.status().message()).c_str());
    return ExitCodeFor(dns.status());
  }
  Status s = (*cluster)->WritePlan(dir + "/plan.csv");
  if (s.ok()) s = (*cluster)->WriteCredentials(dir + "/credentials.json");
  if (s.ok()) s = (*cluster)->WriteHostsFile(dir + "/hosts");
  if (s.ok()) s = (*cluster)->WriteConnectTo(dir + "/connect-to");
  if (s.ok())
    s = CopyFile((*cluster)->origins()->ca_file(), dir + "/origins-ca.pem");
  if (!s.ok()) {
    PrintForHumans(stderr, Tr(lang, "cli.error", Localized(s, lang)) + "\n");
    return ExitCodeFor(s);
  }
  std::fprintf(stdout, "%s\n",
               Tr(lang, "demo.intro", (*cluster)->customers().size(),
                  SimulatorsLine(**cluster, lang), dir)
                   .c_str());
  std::fprintf(stdout, "%s\n", Tr(lang, "demo.dns", (*dns)->address()).c_str());
  int n = 1, failures = 0;
  const int total = static_cast<int>(std::size(kSteps)) + 1;
  // Findings (3) are what preflight is for; 1 (a check failed) or 2 are not.
  if (int rc = PreflightStep(dir, **dns, total, global);
      rc != kExitOk && rc != kExitNotExpected) {
    ++failures;
    std::fprintf(stderr, "%s\n", Tr(lang, "demo.step_failed", rc).c_str());
  }
  bool maintenance_over = false;
  for (const DemoStep& step : kSteps) {
    if (failures) break;
    if (step.after_maintenance && !maintenance_over) {
      // The platform maintenance: the old servers stop at its end, the new
      // ones come back one by one a little later.
      maintenance_over = true;
      OriginFarm* farm = (*cluster)->origins();
      farm->SetMaintenanceEnd(maintenance_end);
      farm->SetPhase(OriginPhase::kTimed);
      std::fprintf(
          stdout, "\n%s\n",
          Tr(lang, "demo.maintenance", LocalHourMinuteSecond(maintenance_end))
              .c_str());
      std::fflush(stdout);
      const auto left = maintenance_end - RealClock()->Now();
      if (left.count() > 0) RealClock()->SleepFor(left);
    }
    std::fprintf(stdout, "\n== %s ==\n$ %s\n",
                 Tr(lang, "demo.step", ++n, total).c_str(),
                 StepLine(step, dir).c_str());
    MigrationInvocation inv;
    inv.command = step.command;
    inv.plan_file = dir + "/plan.csv";
    inv.credentials_file = dir + "/credentials.json";
    inv.state_dir = dir + "/state";
    inv.store = "local";              // never a team store from $RENUMBER_STORE
    inv.hosts_file = dir + "/hosts";  // the seeded host names: no DNS
    inv.connect_to_file = dir + "/connect-to";  // the simulated origins
    inv.ca_file = dir + "/origins-ca.pem";
    if (step.command == Command::kCutover) inv.wait_ready = kWaitReady;
    inv.expect = step.expect;
    inv.yes = true;
    inv.jobs = 4;
    std::fflush(stdout);
    int rc = ExecuteMigration(inv, global);
    if (rc != WantExit(step, (*cluster)->customers())) {
      ++failures;
      std::fprintf(stderr, "%s\n", Tr(lang, "demo.step_failed", rc).c_str());
      break;
    }
  }
  const std::string writes = WritesLine(**cluster, lang);
  (*cluster)->Stop();
  (*dns)->Stop();
  bool removed = false;
  if (!o.keep && o.dir.empty() && !failures) {
    std::error_code ec;  // leaving a temp dir behind is harmless
    removed = std::filesystem::remove_all(dir, ec) > 0 && !ec;
  }
  std::string done =
      removed ? Tr(lang, "demo.done_removed", writes)
              : Tr(lang, failures ? "demo.failed" : "demo.done", writes, dir);
  std::fprintf(stdout, "\n%s\n", done.c_str());
  return failures ? kExitFailed : kExitOk;
}

void RegisterDemoCommand(CLI::App& app, GlobalOptions& global,
                         CommandRun& run) {
  auto o = std::make_shared<DemoOptions>();
  CLI::App* cmd = app.add_subcommand(
      "demo",
      "Run the whole flow (plan, prepare, verify, cutover, verify) against "
      "built-in ESS and CDN simulators on loopback. Changes nothing real.");
  cmd->footer(
      "Examples:\n  renumber demo\n  renumber --lang ja demo --customers 12 "
      "--keep\n");
  cmd->add_option("--customers", o->customers,
                  "simulated customers (default 6)");
  cmd->add_option("--dir", o->dir, "work directory (default: a temp dir)");
  cmd->add_flag("--keep", o->keep, "keep the temp dir (plan, journal)");
  cmd->callback([o, &global, &run] {
    run = [o, &global] { return RunDemo(*o, global); };
  });
}

}  // namespace renumber
