// renumber_bench: a campaign of N accounts on the simulators, through the
// real `renumber` binary (plan → prepare → verify → cutover), measured per
// phase (issue 15). Not a test: it prints what it measured and passes or
// fails nothing. README.md "Development" explains every number.
//
//   renumber_bench [--accounts N] [--latency-ms MS] [--jobs J] [--json]
//                  [--binary PATH]
//
// The world is SeedCustomers(n) with n chosen so that about N/2 accounts are
// ESS and N/2 CDN (the seed's shapes: both, ESS only, CDN only, both, …);
// both simulators answer every request after a fixed latency, with their
// default per-user rate limits (as `renumber sim` runs them); the CDN's
// origins answer in phase "synced" and the maintenance ended an hour ago,
// so the cut over may run. Per phase: the simulators' counters (reset
// before it), their whole state before and after (for the minimum,
// bench_minimum.h), the binary's --json, and wait4()'s rusage of the child
// (started by a small launcher process, so that its peak RSS is its own).
//
// Exit 0 when every phase was measured (whatever renumber's exit codes),
// 2 on bad arguments, 1 when the environment could not be set up or the
// binary could not be run.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "src/core/status.h"
#include "src/http/transport.h"
#include "tests/bench/bench_minimum.h"
#include "tests/e2e/e2e_env.h"

namespace renumber::bench {
namespace {

using json = nlohmann::json;

struct BenchOptions {
  int accounts = 2000;
  int latency_ms = 20;
  int jobs = 32;
  bool json_out = false;
  std::string binary;  // "" = the built one
};

constexpr char kUsage[] =
    "usage: renumber_bench [--accounts N] [--latency-ms MS] [--jobs J] "
    "[--json] [--binary PATH]\n";

Result<int> PositiveArg(const std::string& name, const char* value) {
  if (!value) return Status::InvalidArgument(name + " needs a value");
  char* end = nullptr;
  long v = std::strtol(value, &end, 10);
  if (*end != '\0' || v < 1 || v > 1000000)
    return Status::InvalidArgument(name +
                                   ": not a whole number >= 1: " + value);
  return static_cast<int>(v);
}

Result<BenchOptions> ParseArgs(int argc, char** argv) {
  BenchOptions o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const char* next = i + 1 < argc ? argv[i + 1] : nullptr;
    if (a == "--json") {
      o.json_out = true;
      continue;
    }
    if (a == "--binary") {
      if (!next) return Status::InvalidArgument("--binary needs a value");
      o.binary = next;
    } else if (a == "--accounts") {
      RN_ASSIGN_OR_RETURN(o.accounts, PositiveArg(a, next));
    } else if (a == "--latency-ms") {
      RN_ASSIGN_OR_RETURN(o.latency_ms, PositiveArg(a, next));
    } else if (a == "--jobs") {
      RN_ASSIGN_OR_RETURN(o.jobs, PositiveArg(a, next));
    } else {
      return Status::InvalidArgument("unknown argument: " + a);
    }
    ++i;
  }
  return o;
}

// One run of the binary: stdout and stderr into files, rusage from wait4.
struct ChildRun {
  int exit_code = -1;  // -1 when killed by a signal
  double wall_s = 0;
  double cpu_s = 0;  // user + system
  long max_rss_kb = 0;
  std::string out;  // stdout
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

[[noreturn]] void ExecChild(const std::vector<std::string>& argv_s,
                            const std::string& out, const std::string& err) {
  int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int in = open("/dev/null", O_RDONLY);
  if (o < 0 || e < 0 || in < 0) _exit(127);
  dup2(in, 0);
  dup2(o, 1);
  dup2(e, 2);
  setsid();
  setenv("LANG", "C.UTF-8", 1);
  std::vector<char*> argv;
  for (const std::string& a : argv_s)
    argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv(argv[0], argv.data());
  _exit(127);
}

double Seconds(const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; }

// Starting the children. Linux counts in a child's ru_maxrss the resident
// size of the process it was forked from (exec keeps the larger of the two
// high-water marks: fs/exec.c, setmax_mm_hiwater_rss), so a child forked
// from this process, which holds both simulators' worlds (hundreds of MB
// at 2,000 accounts), would report the bench's size instead of renumber's.
// The launcher is a process forked at start, while this one is still
// small, that starts every child and sends back its exit status and
// rusage: one JSON line each way over two pipes.
struct Launcher {
  int to = -1;           // requests: {"argv": [...], "out": path, "err": path}
  FILE* from = nullptr;  // answers: {"status", "utime", "stime", "maxrss"}
};

Launcher* TheLauncher() {
  static Launcher launcher;
  return &launcher;
}

std::string ReadLine(FILE* f) {
  std::string line;
  for (int c = fgetc(f); c != EOF && c != '\n'; c = fgetc(f))
    line += static_cast<char>(c);
  return line;
}

void WriteLine(int fd, const std::string& line) {
  std::string text = line + "\n";
  for (size_t done = 0; done < text.size();) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) _exit(1);
    done += static_cast<size_t>(n);
  }
}

[[noreturn]] void LauncherLoop(int in, int out) {
  FILE* requests = fdopen(in, "r");
  for (std::string line = ReadLine(requests); !line.empty();
       line = ReadLine(requests)) {
    const json req = json::parse(line);
    pid_t pid = fork();
    if (pid == 0)
      ExecChild(req["argv"].get<std::vector<std::string>>(), req["out"],
                req["err"]);
    int status = 0;
    rusage ru{};
    const bool ok = pid > 0 && wait4(pid, &status, 0, &ru) == pid;
    WriteLine(out, json{{"ok", ok},
                        {"status", status},
                        {"utime", Seconds(ru.ru_utime)},
                        {"stime", Seconds(ru.ru_stime)},
                        {"maxrss", ru.ru_maxrss}}
                       .dump());
  }
  _exit(0);
}

// Call first in main, before any thread or large allocation.
void StartLauncher() {
  int req[2], ans[2];
  if (pipe(req) != 0 || pipe(ans) != 0) {
    std::perror("renumber_bench: pipe");
    std::exit(1);
  }
  pid_t pid = fork();
  if (pid < 0) {
    std::perror("renumber_bench: fork");
    std::exit(1);
  }
  if (pid == 0) {
    close(req[1]);
    close(ans[0]);
    LauncherLoop(req[0], ans[1]);
  }
  close(req[0]);
  close(ans[1]);
  TheLauncher()->to = req[1];
  TheLauncher()->from = fdopen(ans[0], "r");
}

Result<ChildRun> RunChild(const std::vector<std::string>& argv,
                          const std::string& dir, const std::string& tag) {
  const std::string out = dir + "/" + tag + ".out",
                    err = dir + "/" + tag + ".err";
  Launcher* launcher = TheLauncher();
  if (launcher->to < 0) return Status::Internal("the launcher is not started");
  auto start = std::chrono::steady_clock::now();
  WriteLine(launcher->to,
            json{{"argv", argv}, {"out", out}, {"err", err}}.dump());
  const std::string line = ReadLine(launcher->from);
  const json answer = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (answer.is_discarded() || !answer.value("ok", false))
    return Status::Internal("the launcher could not run " + argv[0]);
  ChildRun r;
  r.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  const int status = answer["status"];
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (r.exit_code == 127) return Status::Internal("could not run " + argv[0]);
  r.cpu_s = answer["utime"].get<double>() + answer["stime"].get<double>();
  r.max_rss_kb = answer["maxrss"];
  r.out = ReadFile(out);
  return r;
}

// One account at one vendor ("C-10001/ess") in one phase.
struct AccountCost {
  long reads = 0, writes = 0;
  long min_reads = 0, min_writes = 0;
  long chain = 0;
};

struct PhaseReport {
  std::string phase;
  ChildRun run;
  json counters;  // {"ess": …, "cdn": …}
  std::map<std::string, AccountCost> accounts;
  long min_total = 0;
  long longest_chain = 0;
  std::string longest_chain_account;
  double bound_s = 0;
  bool json_ok = true;             // false: minimum writes unknown (taken as 0)
  json outcomes = json::object();  // Outcomes()
};

// Changes each account applied, from the --json document: "C-10001/ess" -> n.
// kInvalidArgument when stdout is not that document (renumber failed).
Result<std::map<std::string, long>> AppliedChanges(const json& doc) {
  std::map<std::string, long> applied;
  if (doc.is_discarded() || !doc.contains("accounts"))
    return Status::InvalidArgument("renumber printed no --json document");
  for (const json& a : doc.value("accounts", json::array())) {
    long n = 0;
    for (const json& c : a.value("applied", json::array()))
      if (c.value("applied", false) && c.value("wrote", false)) ++n;
    applied[a.value("customer", "") + "/" + a.value("service", "")] = n;
  }
  return applied;
}

// What the accounts came to, from the --json document, so that an exit
// code other than 0 is explained by the bench's own output: the count per
// result ("done", "refused", …) and, for the others, the most frequent
// reasons (the refusal or the error, less the account's name in front).
json Outcomes(const json& doc) {
  std::map<std::string, long> results, reasons;
  if (doc.is_discarded()) return json::object();
  for (const json& a : doc.value("accounts", json::array())) {
    const std::string result = a.value("result", "?");
    ++results[result];
    std::string why;
    if (a.contains("refusal") && a["refusal"].is_string())
      why = a["refusal"].get<std::string>();
    else if (a.contains("error") && a["error"].is_object())
      why = a["error"].value("message", "");
    if (why.empty()) continue;
    if (size_t at = why.find(": "); at != std::string::npos && at < 80)
      why = why.substr(at + 2);  // "<account>: …" — the same reason for all
    ++reasons[result + ": " + why.substr(0, 160)];
  }
  std::vector<std::pair<long, std::string>> ranked;
  for (const auto& [why, n] : reasons) ranked.push_back({n, why});
  std::sort(ranked.rbegin(), ranked.rend());
  json top = json::array();
  for (size_t i = 0; i < ranked.size() && i < 5; ++i)
    top.push_back({{"count", ranked[i].first}, {"reason", ranked[i].second}});
  return {{"results", results}, {"reasons", top}};
}

// The vendor's half of the per-account table.
void AddVendor(const std::string& vendor, const json& counters,
               const std::map<std::string, LearnCost>& learn,
               const std::map<std::string, long>& changed,
               const std::map<std::string, long>& applied,
               std::map<std::string, AccountCost>* out) {
  const json by_account = counters.value("by_account", json::object());
  const json writes = counters.value("writes_by_account", json::object());
  for (const auto& [customer, cost] : learn) {
    const std::string key = customer + "/" + vendor;
    AccountCost& a = (*out)[key];
    a.writes = writes.value(customer, 0L);
    a.reads = by_account.value(customer, 0L) - a.writes;
    auto w = applied.find(key);
    a.min_writes = w == applied.end() ? 0 : w->second;
    // One read-back of each object the phase's own writes changed (a
    // verify's vendor checks change routes but are not the phase's writes).
    auto c = changed.find(customer);
    const long readback =
        c == changed.end() || a.min_writes == 0 ? 0 : c->second;
    a.min_reads = cost.reads + readback;
    a.chain = cost.depth + a.min_writes + (readback > 0 ? 1 : 0);
  }
}

void ComputeBound(const BenchOptions& o, PhaseReport* r) {
  for (const auto& [key, a] : r->accounts) {
    r->min_total += a.min_reads + a.min_writes;
    if (a.chain > r->longest_chain) {
      r->longest_chain = a.chain;
      r->longest_chain_account = key;
    }
  }
  const long spread = (r->min_total + o.jobs - 1) / o.jobs;
  r->bound_s = std::max(r->longest_chain, spread) * o.latency_ms / 1000.0;
}

struct SimStates {
  json ess, cdn;
};

SimStates States(E2eEnv& env) {
  return {env.cluster()->host("ess")->api()->SaveState(),
          env.cluster()->host("cdn")->api()->SaveState()};
}

std::vector<std::string> PhaseArgs(const E2eEnv& env, const BenchOptions& o,
                                   const std::string& phase) {
  std::vector<std::string> args = {o.binary,        phase,
                                   "--plan",        env.plan(),
                                   "--credentials", env.credentials(),
                                   "--state-dir",   env.state_dir(),
                                   "--hosts",       env.hosts(),
                                   "--connect-to",  env.connect_to(),
                                   "--ca-file",     env.origin_ca(),
                                   "--jobs",        std::to_string(o.jobs),
                                   "--json"};
  if (phase == "prepare" || phase == "cutover") args.push_back("--yes");
  return args;
}

Result<PhaseReport> MeasurePhase(E2eEnv& env, const BenchOptions& o,
                                 const std::string& phase) {
  SimHost* ess = env.cluster()->host("ess");
  SimHost* cdn = env.cluster()->host("cdn");
  const SimStates before = States(env);
  ess->ResetCounters();
  cdn->ResetCounters();
  PhaseReport r;
  r.phase = phase;
  RN_ASSIGN_OR_RETURN(r.run,
                      RunChild(PhaseArgs(env, o, phase), env.dir(), phase));
  r.counters = {{"ess", ess->Counters()}, {"cdn", cdn->Counters()}};
  const SimStates after = States(env);
  const json doc = json::parse(r.run.out, nullptr, false);  // once, for both
  auto parsed = AppliedChanges(doc);
  r.json_ok = parsed.ok();
  const std::map<std::string, long> applied =
      parsed.ok() ? *parsed : std::map<std::string, long>();
  AddVendor("ess", r.counters["ess"], EssLearnCosts(before.ess),
            EssChangedObjects(before.ess, after.ess), applied, &r.accounts);
  AddVendor("cdn", r.counters["cdn"], CdnLearnCosts(before.cdn),
            CdnChangedObjects(before.cdn, after.cdn), applied, &r.accounts);
  r.outcomes = Outcomes(doc);
  ComputeBound(o, &r);
  return r;
}

// --- report ---------------------------------------------------------------

struct Totals {
  long reads = 0, writes = 0, min_reads = 0, min_writes = 0;
  long writes_without_min = 0;  // accounts that wrote where the minimum is 0
};

// Over every account, or those of one vendor ("/ess", "/cdn").
Totals Sum(const PhaseReport& r, const std::string& suffix = "") {
  Totals t;
  for (const auto& [key, a] : r.accounts) {
    if (key.size() < suffix.size() ||
        key.compare(key.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    t.reads += a.reads;
    t.writes += a.writes;
    t.min_reads += a.min_reads;
    t.min_writes += a.min_writes;
    if (a.min_writes == 0 && a.writes > 0) ++t.writes_without_min;
  }
  return t;
}

double Ratio(long a, long b) { return b > 0 ? static_cast<double>(a) / b : 0; }

// The `n` accounts of `vendor` with the highest value/minimum (minimum > 0
// only; ties: the larger count first).
json Worst(const PhaseReport& r, const std::string& vendor, bool writes,
           size_t n) {
  std::vector<std::tuple<double, long, std::string>> ranked;
  for (const auto& [key, a] : r.accounts) {
    if (key.substr(key.find('/') + 1) != vendor) continue;
    long v = writes ? a.writes : a.reads,
         m = writes ? a.min_writes : a.min_reads;
    if (m > 0) ranked.push_back({Ratio(v, m), v, key});
  }
  std::sort(ranked.rbegin(), ranked.rend());
  json out = json::array();
  for (size_t i = 0; i < ranked.size() && i < n; ++i) {
    const auto& [ratio, count, key] = ranked[i];
    const AccountCost& a = r.accounts.at(key);
    out.push_back({{"account", key},
                   {"measured", count},
                   {"minimum", writes ? a.min_writes : a.min_reads},
                   {"ratio", ratio}});
  }
  return out;
}

json WorstByVendor(const PhaseReport& r, bool writes) {
  return {{"ess", Worst(r, "ess", writes, 2)},
          {"cdn", Worst(r, "cdn", writes, 2)}};
}

json Endpoints(const json& counters) {
  json out = json::object();
  for (const char* v : {"ess", "cdn"}) {
    const json by_endpoint = counters[v].value("by_endpoint", json::object());
    for (auto it = by_endpoint.begin(); it != by_endpoint.end(); ++it)
      out[std::string(v) + " " + it.key()] = it.value();
  }
  return out;
}

json VendorJson(const PhaseReport& r, const std::string& vendor) {
  const Totals t = Sum(r, "/" + vendor);
  return {{"reads", t.reads},
          {"min_reads", t.min_reads},
          {"writes", t.writes},
          {"min_writes", t.min_writes}};
}

json PhaseJson(const PhaseReport& r, const BenchOptions& o, size_t accounts) {
  const Totals t = Sum(r);
  const long requests = r.counters["ess"].value("requests", 0L) +
                        r.counters["cdn"].value("requests", 0L);
  const long limited = r.counters["ess"].value("rate_limited", 0L) +
                       r.counters["cdn"].value("rate_limited", 0L);
  return {{"phase", r.phase},
          {"exit_code", r.run.exit_code},
          {"json_ok", r.json_ok},
          {"outcomes", r.outcomes},
          {"wall_s", r.run.wall_s},
          {"requests", requests},
          {"writes", t.writes},
          {"rate_limited", limited},
          {"by_endpoint", Endpoints(r.counters)},
          {"accounts", accounts},
          {"reads", t.reads},
          {"min_reads", t.min_reads},
          {"min_writes", t.min_writes},
          {"ess", VendorJson(r, "ess")},
          {"cdn", VendorJson(r, "cdn")},
          {"accounts_writing_where_minimum_is_0", t.writes_without_min},
          {"worst_reads", WorstByVendor(r, false)},
          {"worst_writes", WorstByVendor(r, true)},
          {"min_requests", r.min_total},
          {"longest_chain", r.longest_chain},
          {"longest_chain_account", r.longest_chain_account},
          {"bound_s", r.bound_s},
          {"wall_over_bound", r.bound_s > 0 ? r.run.wall_s / r.bound_s : 0},
          {"max_rss_mb", r.run.max_rss_kb / 1024.0},
          {"cpu_s", r.run.cpu_s},
          {"cpu_pct_of_wall", 100 * r.run.cpu_s / r.run.wall_s},
          {"jobs", o.jobs},
          {"latency_ms", o.latency_ms}};
}

std::string Fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string WorstLine(const json& by_vendor) {
  std::string s;
  for (const char* vendor : {"ess", "cdn"})
    for (const json& w : by_vendor[vendor])
      s += "  " + w["account"].get<std::string>() + " " +
           std::to_string(w["measured"].get<long>()) + "/" +
           std::to_string(w["minimum"].get<long>()) +
           Fmt(" (%.2f)", w["ratio"].get<double>());
  return s.empty() ? "  -" : s;
}

std::string VendorLine(const std::string& vendor, const json& v) {
  return "    " + vendor + ": reads " + std::to_string(v["reads"].get<long>()) +
         " / min " + std::to_string(v["min_reads"].get<long>()) +
         Fmt(" (x%.2f)", Ratio(v["reads"], v["min_reads"])) + ", writes " +
         std::to_string(v["writes"].get<long>()) + " / min " +
         std::to_string(v["min_writes"].get<long>()) + "\n";
}

std::string OutcomeLine(const json& outcomes) {
  std::string s;
  const json results = outcomes.value("results", json::object());
  for (const auto& [result, n] : results.items())
    s += " " + result + " " + std::to_string(n.get<long>());
  for (const json& r : outcomes.value("reasons", json::array()))
    s += "\n    " + std::to_string(r["count"].get<long>()) + " x " +
         r["reason"].get<std::string>();
  return s.empty() ? " -" : s;
}

void PrintPhase(const json& p, std::ostream& os) {
  const double accounts = std::max(1.0, p["accounts"].get<double>());
  os << "== " << p["phase"].get<std::string>() << " (exit " << p["exit_code"]
     << ")"
     << (p["json_ok"].get<bool>()
             ? ""
             : "  renumber printed no --json: minimum writes unknown (0)")
     << "\n"
     << "  wall " << Fmt("%.2f s", p["wall_s"]) << "   bound "
     << Fmt("%.2f s", p["bound_s"]) << " = max(chain " << p["longest_chain"]
     << " [" << p["longest_chain_account"].get<std::string>() << "], "
     << p["min_requests"] << " min requests / " << p["jobs"] << " jobs) x "
     << p["latency_ms"] << " ms   wall/bound "
     << Fmt("%.2f", p["wall_over_bound"]) << "\n"
     << "  requests " << p["requests"] << ", writes " << p["writes"]
     << ", 429s " << p["rate_limited"] << "\n"
     << "  per account: reads "
     << Fmt("%.2f", p["reads"].get<double>() / accounts) << " (min "
     << Fmt("%.2f", p["min_reads"].get<double>() / accounts) << ", x"
     << Fmt("%.2f", Ratio(p["reads"], p["min_reads"])) << ")"
     << ", writes " << Fmt("%.2f", p["writes"].get<double>() / accounts)
     << " (min " << Fmt("%.2f", p["min_writes"].get<double>() / accounts)
     << ", x" << Fmt("%.2f", Ratio(p["writes"], p["min_writes"])) << ")"
     << "; accounts writing where the minimum is 0: "
     << p["accounts_writing_where_minimum_is_0"] << "\n"
     << VendorLine("ess", p["ess"]) << VendorLine("cdn", p["cdn"])
     << "  worst reads/min: " << WorstLine(p["worst_reads"]) << "\n"
     << "  worst writes/min:" << WorstLine(p["worst_writes"]) << "\n"
     << "  accounts:" << OutcomeLine(p["outcomes"]) << "\n"
     << "  renumber: peak RSS " << Fmt("%.1f MB", p["max_rss_mb"]) << ", CPU "
     << Fmt("%.2f s", p["cpu_s"]) << " ("
     << Fmt("%.1f%% of wall", p["cpu_pct_of_wall"]) << ")\n"
     << "  by endpoint:\n";
  for (const auto& [e, n] : p["by_endpoint"].items())
    os << "    " << n.get<long>() << "\t" << e << "\n";
}

// --- main -----------------------------------------------------------------

// Customers so that about accounts/2 are ESS and accounts/2 CDN: three in
// four customers have each service.
int SeedSize(int accounts) { return std::max(1, (2 * accounts + 1) / 3); }

Result<json> Bench(const BenchOptions& o) {
  InitHttpRuntime(std::max(64, 2 * o.jobs + 32));
  E2eOptions eo;
  eo.customers = SeedSize(o.accounts);
  eo.faults.latency_ms = o.latency_ms;
  E2eEnv env(eo);
  size_t ess = 0, cdn = 0;
  for (const SimCustomer& c : env.cluster()->customers()) {
    ess += c.Has("ess");
    cdn += c.Has("cdn");
  }
  std::cerr << "renumber_bench: " << eo.customers << " customers, " << ess
            << " ESS + " << cdn << " CDN accounts, latency " << o.latency_ms
            << " ms, --jobs " << o.jobs << "\n";
  json phases = json::array();
  for (const char* phase : {"plan", "prepare", "verify", "cutover"}) {
    RN_ASSIGN_OR_RETURN(PhaseReport r, MeasurePhase(env, o, phase));
    phases.push_back(PhaseJson(r, o, ess + cdn));
    std::ostream& os = o.json_out ? std::cerr : std::cout;
    PrintPhase(phases.back(), os);
    os.flush();
  }
  return json{{"customers", eo.customers},  {"ess_accounts", ess},
              {"cdn_accounts", cdn},        {"jobs", o.jobs},
              {"latency_ms", o.latency_ms}, {"phases", phases}};
}

}  // namespace
}  // namespace renumber::bench

int main(int argc, char** argv) {
  using namespace renumber::bench;
  StartLauncher();  // while this process is small (see Launcher)
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
  }
  auto o = ParseArgs(argc, argv);
  if (!o.ok()) {
    std::cerr << o.status().message() << "\n" << kUsage;
    return 2;
  }
  if (o->binary.empty()) o->binary = renumber::RenumberBinary();
  auto result = Bench(*o);
  if (!result.ok()) {
    std::cerr << "renumber_bench: " << result.status().ToString() << "\n";
    return 1;
  }
  if (o->json_out) std::cout << result->dump(2) << "\n";
  return 0;
}
