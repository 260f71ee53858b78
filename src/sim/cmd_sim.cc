#include "src/sim/cmd_sim.h"

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <map>
#include <memory>
#include <utility>

#include "src/cli/app.h"
#include "src/cli/exit_codes.h"
#include "src/core/fs.h"
#include "src/core/json_depth.h"
#include "src/http/transport.h"
#include "src/model/service.h"
#include "src/sim/admin.h"
#include "src/sim/cluster.h"
#include "src/sim/dns_sim.h"
#include "src/sim/sim_vendors.h"

namespace renumber {
namespace {

struct SimFlags {
  // service -> listen HOST:PORT (`--<service>`), every vendor simulator's
  // default to start with.
  std::map<std::string, std::string> listen;
  int seed = 6;
  std::string maintenance_end = "2026-12-10T06:00:00+09:00";
  std::string state;
  std::string plan;
  std::string credentials;
  std::string domains;
  std::string dns;  // "" = no DNS simulator
  std::string faults;
  std::string admin_token;
  bool no_serve = false;
  bool json = false;
  std::string origins;  // "" (none), before, synced, after, timed, stale-copy
  std::string origin_dir;  // where to write connect-to and the CA
};

constexpr const char* kFooter =
    R"(Serves both simulators on loopback until Ctrl-C (SIGINT/SIGTERM). The
printed credentials are SIMULATOR-ONLY: fake, generated from --seed, valid
only against this simulator. The state (customers, routes, backends, change
log) is loaded from --state at start when the file exists and saved to it on
exit, so a campaign can span several runs.

--write-plan / --write-credentials write their files and the simulators keep
serving; add --no-serve to write the files and exit at once (the credentials
then point at the --ess/--cdn addresses, which must have fixed ports).

--dns HOST:PORT also serves the customers' DNS zones (UDP), for
`renumber preflight --dns-server HOST:PORT --domains FILE` with the file of
--write-domains.

Faults (JSON, the shape of GET /_sim/faults) can be set at start with
--faults and changed at run time:
  curl -u sim-admin:TOKEN -X PUT -d '{"error":{"rate":0.1}}' ESS_URL/_sim/faults

--origins PHASE also serves a real HTTP(S) origin server for every CDN
customer's old and new address (PHASE: before — the new ones answer a
placeholder; synced — both the site; after — the old ones are off; timed —
before until --maintenance-end, then after, the new servers coming back one
by one; stale-copy — the new ones serve an older copy of the site, the same
title with another body); --write-origins DIR writes DIR/connect-to and DIR/origins-ca.pem
for renumber's --connect-to and --ca-file.

Examples:
  renumber sim --seed 50
  renumber sim --seed 12 --origins before --write-origins /tmp/origins
  renumber sim --ess 127.0.0.1:18025 --cdn 127.0.0.1:18080 --seed 200 \
      --state sim.json --write-plan plan.csv --write-credentials creds.json
  renumber sim --seed 20 --write-plan plan.csv --write-credentials creds.json --no-serve
  renumber sim --seed 50 --faults faults.json --json > sim-info.json &
  renumber sim --dns 127.0.0.1:5353 --write-plan plan.csv --write-domains domains.txt)";

void Say(const std::string& line) {
  std::fprintf(stderr, "%s\n", line.c_str());
}

int Fail(Lang lang, int code, const std::string& message) {
  Say(Tr(lang, "cli.error", message));
  return code;
}

Result<FaultConfig> ReadFaults(const std::string& path) {
  if (path.empty()) return FaultConfig{};
  RN_ASSIGN_OR_RETURN(std::string text, PosixFileSystem()->ReadFile(path));
  auto j = ParseBoundedJson(text);
  if (!j.ok())
    return Status::InvalidArgument("not valid JSON",
                                   "JSON として正しくありません");
  return FaultConfigFromJson(*j);
}

// Every other console login the simulators seeded (SimVendorSpec::logins),
// by (customer, service). Read once: each simulator's whole state is saved
// to find them.
using SimLogins =
    std::map<std::pair<std::string, std::string>, std::vector<SimLogin>>;

SimLogins Logins(SimCluster& cluster) {
  SimLogins out;
  for (const SimVendorSpec& v : SimVendors()) {
    if (!v.logins) continue;
    for (SimLogin& l : v.logins(cluster.host(v.service)->api()->SaveState()))
      out[{l.customer, v.service}].push_back(std::move(l));
  }
  return out;
}

const std::vector<SimLogin>& LoginsOf(const SimLogins& logins,
                                      const std::string& customer,
                                      const std::string& service) {
  static const std::vector<SimLogin> kNone;
  auto it = logins.find({customer, service});
  return it == logins.end() ? kNone : it->second;
}

// "username admin@c10001.example.jp  password sim-ess-…": the fields in
// the order the service declares them (ServiceSpec), any others after.
std::string FieldsLine(const std::string& service,
                       std::map<std::string, std::string> fields) {
  std::string out;
  auto add = [&out](const std::string& name, const std::string& value) {
    out += (out.empty() ? "" : "  ") + name + " " + value;
  };
  if (auto s = ParseService(service); s.ok()) {
    for (const CredentialField& field : s->spec().credentials) {
      auto it = fields.find(field.name);
      if (it == fields.end()) continue;
      add(it->first, it->second);
      fields.erase(it);
    }
  }
  for (const auto& [name, value] : fields) add(name, value);
  return out;
}

void PrintHuman(Lang lang, SimCluster& c, const SimFlags& f, bool loaded,
                const SimLogins& logins) {
  Say(Tr(lang, "sim.title"));
  for (const SimVendorSpec& v : SimVendors())
    Say(Tr(lang, "sim.api_url", lang == Lang::kJa ? v.title.ja : v.title.en,
           c.host(v.service)->base_url()));
  SimHost* first = c.hosts().front();
  Say(Tr(lang, "sim.admin", kSimAdminUser, first->admin_token(), kSimAdminUser,
         first->base_url()));
  Say(loaded ? Tr(lang, "sim.customers_loaded", c.customers().size(), f.state)
             : Tr(lang, "sim.customers_seeded", c.customers().size()));
  Say("");
  Say(Tr(lang, "sim.creds_header"));
  for (const SimCustomer& s : c.customers()) {
    for (const SimService& service : s.services) {
      Say(Tr(lang, "sim.cred", s.id, service.name,
             FieldsLine(service.name, service.credentials)));
      for (const SimLogin& l : LoginsOf(logins, s.id, service.name))
        Say(Tr(lang, "sim.cred_other", s.id, service.name,
               FieldsLine(service.name, l.fields),
               lang == Lang::kJa ? l.note.ja : l.note.en));
    }
  }
  Say("");
}

void PrintJson(SimCluster& c, const SimLogins& logins) {
  nlohmann::json accounts = nlohmann::json::array();
  for (const SimCustomer& s : c.customers()) {
    nlohmann::json a = {
        {"customer", s.id}, {"old_ip", s.old_ip}, {"new_ip", s.new_ip}};
    for (const SimService& service : s.services) {
      nlohmann::json& entry = a[service.name] = service.credentials;
      for (const SimLogin& l : LoginsOf(logins, s.id, service.name))
        entry[l.role] = l.fields;
    }
    accounts.push_back(a);
  }
  nlohmann::json out = {{"simulator_only", true}};
  for (const auto& [service, url] : c.base_urls()) out[service] = url;
  out["admin"] = {{"user", kSimAdminUser},
                  {"token", c.hosts().front()->admin_token()}};
  out["accounts"] = accounts;
  std::printf("%s\n", out.dump().c_str());
  std::fflush(stdout);
}

// `domains`: what the running simulators hold (null with --no-serve).
Status WriteFiles(Lang lang, const SimFlags& f,
                  const std::vector<SimCustomer>& customers,
                  const std::map<std::string, std::string>& api_bases,
                  const SimAccountDomains* domains) {
  if (!f.plan.empty()) {
    RN_RETURN_IF_ERROR(WritePlanFile(customers, f.plan).Annotate(f.plan));
    Say(Tr(lang, "sim.wrote_plan", f.plan));
  }
  if (!f.credentials.empty()) {
    RN_RETURN_IF_ERROR(WriteCredentialsFile(customers, api_bases, f.credentials)
                           .Annotate(f.credentials));
    Say(Tr(lang, "sim.wrote_credentials", f.credentials));
  }
  if (!f.domains.empty() && domains) {
    RN_RETURN_IF_ERROR(WriteFileAtomic(PosixFileSystem(), f.domains,
                                       SimDomainsFile(customers, *domains),
                                       0644)
                           .Annotate(f.domains));
    Say(Tr(lang, "sim.wrote_domains", f.domains));
  }
  return Status::Ok();
}

int RunNoServe(Lang lang, const SimFlags& f, const SimClusterOptions& o) {
  auto customers = LoadOrSeedCustomers(o);
  if (!customers.ok())
    return Fail(lang, InputError(customers.status()),
                Localized(customers.status(), lang));
  std::map<std::string, std::string> api_bases;
  if (!f.credentials.empty()) {
    for (const auto& [service, listen] : f.listen) {
      auto base = BaseUrlFor(listen);
      if (!base.ok())
        return Fail(
            lang, InputError(base.status()),
            Tr(lang, "sim.no_serve_port", Localized(base.status(), lang)));
      api_bases[service] = *base;
    }
  }
  Status s = WriteFiles(lang, f, *customers, api_bases, nullptr);
  if (!s.ok()) return Fail(lang, ExitCodeFor(s), Localized(s, lang));
  return kExitOk;
}

// Blocks until SIGINT or SIGTERM (already blocked in every thread).
void WaitForSignal(const sigset_t& set) {
  int sig = 0;
  while (sigwait(&set, &sig) != 0) {
  }
}

int RunServe(Lang lang, const SimFlags& f, const SimClusterOptions& o) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  // Before any thread exists, so every server thread inherits the mask and
  // only sigwait below sees the signals.
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  InitHttpRuntime(64);
  bool loaded =
      !o.state_file.empty() && PosixFileSystem()->Exists(o.state_file);
  auto cluster = SimCluster::Start(o);
  if (!cluster.ok()) {
    return Fail(
        lang, ExitCodeFor(cluster.status()),
        Tr(lang, "sim.start_failed", Localized(cluster.status(), lang)));
  }
  SimCluster& c = **cluster;
  std::unique_ptr<SimDns> dns;
  if (!f.dns.empty()) {
    auto a = ParseListenAddress(f.dns);
    auto started = SimDns::Start(SimDnsZones(c.customers(), c.AccountDomains()),
                                 {a->host, a->port});
    if (!started.ok())
      return Fail(lang, ExitCodeFor(started.status()),
                  Tr(lang, "sim.start_failed", started.status().message()));
    dns = std::move(*started);
  }
  const SimLogins logins = Logins(c);
  if (f.json) PrintJson(c, logins);
  PrintHuman(lang, c, f, loaded, logins);
  if (dns) Say(Tr(lang, "sim.dns_address", dns->address()));
  const SimAccountDomains domains = c.AccountDomains();
  Status s = WriteFiles(lang, f, c.customers(), c.base_urls(), &domains);
  if (s.ok() && !f.state.empty()) s = c.SaveState(f.state).Annotate(f.state);
  if (s.ok() && c.origins() && !f.origin_dir.empty()) {
    s = PosixFileSystem()->CreateDirs(f.origin_dir, 0700);
    if (s.ok()) s = c.WriteConnectTo(f.origin_dir + "/connect-to");
    if (s.ok()) {
      auto ca = PosixFileSystem()->ReadFile(c.origins()->ca_file());
      s = ca.ok() ? WriteFileAtomic(PosixFileSystem(),
                                    f.origin_dir + "/origins-ca.pem", *ca, 0644)
                  : ca.status();
    }
    if (s.ok()) Say(Tr(lang, "sim.wrote_origins", f.origin_dir));
  }
  if (!s.ok()) return Fail(lang, ExitCodeFor(s), Localized(s, lang));
  Say(Tr(lang, "sim.serving"));
  WaitForSignal(set);
  if (dns) dns->Stop();
  c.Stop();
  int rc = kExitOk;
  if (!f.state.empty()) {
    Status saved = c.SaveState(f.state);
    if (saved.ok()) {
      Say(Tr(lang, "sim.state_saved", f.state));
    } else {
      rc = Fail(lang, ExitCodeFor(saved),
                Tr(lang, "sim.save_failed", f.state, Localized(saved, lang)));
    }
  }
  Say(Tr(lang, "sim.stopped"));
  return rc;
}

int RunSim(const SimFlags& f, Lang lang) {
  SimClusterOptions o;
  o.seed = f.seed;
  o.maintenance_end = f.maintenance_end;
  o.listen = f.listen;
  o.admin_token = f.admin_token;
  o.state_file = f.state;
  std::vector<std::string> listens = {f.dns};
  for (const auto& [service, listen] : f.listen) listens.push_back(listen);
  for (const std::string& listen : listens) {
    if (listen.empty()) continue;
    auto a = ParseListenAddress(listen);
    if (!a.ok())
      return Fail(lang, InputError(a.status()), Localized(a.status(), lang));
  }
  auto faults = ReadFaults(f.faults);
  if (!faults.ok())
    return Fail(
        lang, InputError(faults.status()),
        Tr(lang, "sim.bad_faults", f.faults, Localized(faults.status(), lang)));
  o.faults = *faults;
  if (!f.origins.empty()) {
    auto phase = ParseOriginPhase(f.origins);
    if (!phase.ok())
      return Fail(lang, InputError(phase.status()),
                  Localized(phase.status(), lang));
    o.origins = true;
    o.origin_options.phase = *phase;
  } else if (!f.origin_dir.empty()) {
    return Fail(lang, kExitBadInput,
                Tr(lang, "sim.write_origins_needs_origins"));
  }
  // The domains are what the running simulators hold; --dns serves them.
  if (f.no_serve && (!f.domains.empty() || !f.dns.empty()))
    return Fail(lang, kExitBadInput, Tr(lang, "sim.no_serve_dns"));
  return f.no_serve ? RunNoServe(lang, f, o) : RunServe(lang, f, o);
}

}  // namespace

void RegisterSimCommand(CLI::App& app, GlobalOptions& global, CommandRun& run) {
  auto flags = std::make_shared<SimFlags>();
  CLI::App* cmd = app.add_subcommand(
      "sim", "Serve simulated ESS and CDN management APIs (tests, demos)");
  cmd->footer(kFooter);
  for (const SimVendorSpec& v : SimVendors()) {
    std::string& listen = flags->listen[v.service];
    listen = v.default_listen;
    // One text for every vendor's flag (the flag names the service), so a
    // new vendor needs no entry in the help catalog.
    cmd->add_option("--" + v.service, listen,
                    "where this service's simulator listens, HOST:PORT (0 = "
                    "a free port)")
        ->capture_default_str();
  }
  cmd->add_option("--seed", flags->seed,
                  "number of simulated customers (ignored when --state exists)")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  cmd->add_option("--maintenance-end", flags->maintenance_end,
                  "maintenance_end of every seeded customer (RFC 3339)")
      ->capture_default_str();
  cmd->add_option("--state", flags->state,
                  "state file: loaded at start if it exists, saved at start "
                  "and on exit (0600)");
  cmd->add_option("--write-plan", flags->plan, "write the plan CSV here");
  cmd->add_option("--write-credentials", flags->credentials,
                  "write a credentials file (simulator-only, 0600) here");
  cmd->add_option("--write-domains", flags->domains,
                  "write the customers' domains (for renumber preflight "
                  "--domains) here");
  cmd->add_option("--dns", flags->dns,
                  "also serve the customers' DNS zones on this HOST:PORT "
                  "(UDP; 0 = a free port), for renumber preflight");
  cmd->add_option("--faults", flags->faults,
                  "fault configuration (JSON) for both simulators")
      ->check(CLI::ExistingFile);
  cmd->add_option("--admin-token", flags->admin_token,
                  "simulator admin token (default: random; prefer the "
                  "environment variable)")
      ->envname("RENUMBER_SIM_ADMIN_TOKEN");
  cmd->add_option("--origins", flags->origins,
                  "also serve the CDN customers' origin servers: before, "
                  "synced, after, timed or stale-copy (see below)");
  cmd->add_option("--write-origins", flags->origin_dir,
                  "write DIR/connect-to and DIR/origins-ca.pem for the "
                  "origins (renumber --connect-to / --ca-file)");
  cmd->add_flag("--no-serve", flags->no_serve,
                "write the requested files and exit without serving");
  cmd->add_flag("--json", flags->json,
                "also print URLs, admin and test credentials as one JSON "
                "document on stdout");
  cmd->callback([flags, &global, &run] {
    run = [flags, &global] { return RunSim(*flags, global.lang); };
  });
}

}  // namespace renumber
