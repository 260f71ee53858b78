// End-to-end test environment: both simulators in this process (on free
// loopback ports), real origin servers for every CDN customer's old and new
// address (SimCluster origins, phase "synced" unless set otherwise), a temp
// dir with a plan, a credentials file, a hosts file and the origins'
// connect-to map and CA, and a way to run the real `renumber` binary
// against them and read the simulators' counters and state.
//
// Not thread-safe except Run(), which may be called from several threads
// (concurrent runs of the binary).
#ifndef RENUMBER_TESTS_E2E_E2E_ENV_H_
#define RENUMBER_TESTS_E2E_E2E_ENV_H_

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/sim/cluster.h"

namespace renumber {

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
  std::string tty;        // what the terminal showed (terminal runs)
  bool at_limit = false;  // killed (SIGKILL) because its time limit passed
};

// A run of the binary as a person at a terminal starts it: the terminal is
// its controlling terminal; stdout and stderr go to the terminal too, unless
// piped (`renumber plan | less`, `renumber prepare 2>&1 | tee log`).
struct TerminalOptions {
  bool pipe_stdout = false;
  bool pipe_stderr = false;
  std::vector<std::string> env;  // "NAME=value" additions
  int columns = 100;
};

// One such run in progress: the test reads the terminal, types, and
// collects the result.
class TerminalSession {
 public:
  TerminalSession(const std::vector<std::string>& argv,
                  const TerminalOptions& options);
  ~TerminalSession();
  // Reads until the terminal has shown `text` (true), or the program
  // ended or `timeout_s` passed (false).
  bool WaitFor(const std::string& text, int timeout_s = 60);
  // The same, until it has shown `text` `times` times.
  bool WaitForCount(const std::string& text, size_t times, int timeout_s = 60);
  // Reads until one of `texts` has been shown more often than `seen`
  // counts (`seen` has one count per text): counts it and returns its
  // index; -1 when the program ended or `timeout_s` passed first.
  int WaitForNext(const std::vector<std::string>& texts,
                  std::vector<size_t>* seen, int timeout_s = 60);
  // Types `line` and Enter.
  void Type(const std::string& line);
  // Reads until the program exits (killed after `timeout_s`).
  RunResult Finish(int timeout_s = 120);
  const std::string& tty() const { return r_.tty; }

 private:
  bool Pump(int ms);  // false once nothing can arrive any more
  // Whether the child still runs (reaps it, keeping its status, once not).
  bool ChildRunning();
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  int master_ = -1, out_ = -1, err_ = -1;
  RunResult r_;
};

struct E2eOptions {
  int customers = 12;
  // RFC 3339; "" = one hour ago (cutover allowed).
  std::string maintenance_end;
  FaultConfig faults;
  OriginPhase origin_phase = OriginPhase::kSynced;
  // kTimed: the n-th CDN customer's new origin comes back n × stagger
  // after the origins' maintenance end (OriginFarm::SetMaintenanceEnd).
  std::chrono::milliseconds origin_stagger{2000};
  // Non-empty: these customers instead of SeedCustomers(customers, ...).
  std::vector<SimCustomer> world;
  // The simulators' clock (outlives the env); null = the real clock.
  Clock* clock = nullptr;
};

// Default options with `n` simulated customers.
inline E2eOptions Customers(int n) {
  E2eOptions o;
  o.customers = n;
  return o;
}

class E2eEnv {
 public:
  explicit E2eEnv(const E2eOptions& options = {});
  ~E2eEnv();

  const std::string& dir() const { return dir_; }
  std::string plan() const { return dir_ + "/plan.csv"; }
  std::string credentials() const { return dir_ + "/credentials.json"; }
  std::string state_dir() const { return dir_ + "/state"; }
  // The seeded host names at their customers' old IPs (no DNS needed).
  std::string hosts() const { return dir_ + "/hosts"; }
  // Where the simulated origins listen (--connect-to) and their CA
  // (--ca-file).
  std::string connect_to() const { return dir_ + "/connect-to"; }
  std::string origin_ca() const;
  SimCluster* cluster() { return cluster_.get(); }
  OriginFarm* origins() { return cluster_->origins(); }

  // Runs the binary with `args` (no shell) and `env` additions
  // ("NAME=value"). Kills it after `timeout_s` and says so in `err`: a net
  // for a hung run, not a bound. Generous: a run starved on a loaded
  // machine (a fault campaign's run at nice 19 beside a CI build) was once
  // killed at the 180 s this was, with nothing on its stderr.
  RunResult Run(const std::vector<std::string>& args,
                const std::vector<std::string>& env = {},
                int timeout_s = 600) const;
  // Runs the binary on a pseudo-terminal (stdin, stdout and stderr), as a
  // person would; when the output shows "[y/N]" it types `answer` + Enter.
  // Output of both streams is in `out`.
  RunResult RunOnTerminal(const std::vector<std::string>& args,
                          const std::string& answer, int timeout_s = 120) const;
  // The same with the streams of `options`; the terminal's text is in
  // `tty`, piped streams in `out` / `err`.
  RunResult RunAtTerminal(const std::vector<std::string>& args,
                          const std::string& answer,
                          const TerminalOptions& options,
                          int timeout_s = 120) const;
  // A terminal run the test drives itself (two terminals at once).
  std::unique_ptr<TerminalSession> StartAtTerminal(
      const std::vector<std::string>& args,
      const TerminalOptions& options = {}) const;
  // `renumber <command> --plan P --credentials C --state-dir S --hosts H
  // --connect-to M --ca-file CA <more...>`
  RunResult Renumber(const std::string& command,
                     const std::vector<std::string>& more = {},
                     const std::vector<std::string>& env = {}) const;
  // The same, killed from outside (SIGKILL, like `kill -9` or a power cut)
  // `after` it started unless it ended first (then its exit code is kept).
  RunResult RenumberKilledAfter(const std::string& command,
                                const std::vector<std::string>& more,
                                const std::vector<std::string>& env,
                                std::chrono::milliseconds after) const;

  // Non-GET requests both simulators received, and all requests.
  long Writes() const;
  long Requests() const;
  // The vendors' state, normalized to what a migration may change and must
  // restore: ESS routes in order as (collection, address, port, role),
  // named routes as the addresses they hold in order, and outbound
  // addresses (sorted: a set); CDN per service the active version number
  // and its backends (all settings), directors and healthchecks.
  nlohmann::json Normalized() const;
  // The ESS simulator's delivery model for `account` with the servers
  // `down` down (GET /_sim/delivery/{account}?down=..., over HTTP with the
  // admin token): {"now", "history": [moments]} (ess_delivery.h).
  nlohmann::json EssDelivery(const std::string& account,
                             const std::vector<std::string>& down = {}) const;
  // The number of versions per CDN service ("no second clone left behind").
  nlohmann::json CdnVersionCounts() const;
  // Per CDN service, the unlocked versions whose comment tags them as a
  // staged switch ("[renumber-staged ").
  nlohmann::json CdnStagedCounts() const;
  // Sets the faults of both simulators.
  void SetFaults(const FaultConfig& faults);
  // Rewrites the plan with every row's maintenance_end set to `rfc3339`
  // (an operator moving the window, or a test stepping over it).
  Status RewritePlan(const std::string& rfc3339);

 private:
  std::vector<std::string> RenumberArgs(
      const std::string& command, const std::vector<std::string>& more) const;
  RunResult RunFor(const std::vector<std::string>& args,
                   const std::vector<std::string>& env,
                   std::chrono::milliseconds limit) const;
  std::string dir_;
  std::unique_ptr<SimCluster> cluster_;
};

// The path of the built binary (from the build system), or of the one
// RENUMBER_E2E_BINARY names: run the same tests against an older build to
// see which of them fail on it (e.g. the security tests of issue 12).
std::string RenumberBinary();

// Parses the JSON document a --json run printed on stdout.
nlohmann::json StdoutJson(const RunResult& r);
// Its "accounts" list, by value (safe to iterate over directly).
nlohmann::json Accounts(const RunResult& r);

}  // namespace renumber

#endif  // RENUMBER_TESTS_E2E_E2E_ENV_H_
