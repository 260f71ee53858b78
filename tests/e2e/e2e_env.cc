#include "tests/e2e/e2e_env.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "src/http/transport.h"

namespace renumber {
namespace {

using json = nlohmann::json;

// Reads both pipes until both close, so a chatty child never blocks.
void Drain(int out_fd, int err_fd, RunResult* r, pid_t pid, int timeout_s) {
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open = 2;
  char buf[65536];
  while (open > 0) {
    int ms =
        static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                             deadline - std::chrono::steady_clock::now())
                             .count());
    if (ms <= 0) {
      kill(pid, SIGKILL);
      break;
    }
    if (poll(fds, 2, ms) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open;
      } else {
        (i == 0 ? r->out : r->err).append(buf, static_cast<size_t>(n));
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) close(f.fd);
}

json SortedRoutes(const json& routes, const std::string& collection) {
  json out = json::array();
  for (const json& r : routes)
    out.push_back({collection, r.value("address", ""), r.value("port", 0),
                   r.value("role", "")});
  std::sort(out.begin(), out.end());
  return out;
}

json NormalizeEss(const json& state) {
  json accounts = json::object();
  for (const json& a : state.value("accounts", json::array())) {
    json routes = SortedRoutes(a["default_routes"]["routes"], "default");
    for (const json& d : a.value("domains", json::array()))
      for (const json& r : SortedRoutes(d["routes"]["routes"], d["name"]))
        routes.push_back(r);
    json outbound = json::array();
    for (const json& o : a["outbound"]["servers"])
      outbound.push_back(o.value("address", ""));
    std::sort(outbound.begin(), outbound.end());
    accounts[a.value("customer", "")] = {{"routes", routes},
                                         {"outbound", outbound}};
  }
  return accounts;
}

json NormalizeCdn(const json& state) {
  json services = json::object();
  for (const json& s : state.value("services", json::array())) {
    json active;
    for (const json& v : s["versions"])
      if (v.value("active", false)) active = v;
    if (active.is_null()) {
      services[s.value("id", "")] = nullptr;
      continue;
    }
    auto by_name = [](json list) {
      std::sort(list.begin(), list.end(), [](const json& a, const json& b) {
        return a.value("name", "") < b.value("name", "");
      });
      return list;
    };
    services[s.value("id", "")] = {
        {"active", active["number"]},
        {"backends", by_name(active["backends"])},
        {"directors", by_name(active["directors"])},
        {"healthchecks", by_name(active["healthchecks"])}};
  }
  return services;
}

}  // namespace

std::string RenumberBinary() { return RENUMBER_BINARY; }

json StdoutJson(const RunResult& r) {
  json j = json::parse(r.out, nullptr, false);
  if (j.is_discarded())
    throw std::runtime_error("stdout is not JSON: " + r.out +
                             "\nstderr: " + r.err);
  return j;
}

json Accounts(const RunResult& r) { return StdoutJson(r)["accounts"]; }

E2eEnv::E2eEnv(const E2eOptions& o) {
  InitHttpRuntime(64);
  char tmpl[] = "/tmp/renumber-e2e-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  SimClusterOptions copts;
  copts.seed = o.customers;
  copts.maintenance_end =
      o.maintenance_end.empty()
          ? (RealClock()->Now() - std::chrono::hours(1)).ToRfc3339()
          : o.maintenance_end;
  copts.faults = o.faults;
  copts.origins = true;
  copts.origin_options.phase = o.origin_phase;
  copts.origin_options.stagger = o.origin_stagger;
  auto c = SimCluster::Start(copts);
  if (!c.ok()) throw std::runtime_error(c.status().ToString());
  cluster_ = std::move(*c);
  Status s = cluster_->WritePlan(plan());
  if (s.ok()) s = cluster_->WriteCredentials(credentials());
  if (s.ok()) s = cluster_->WriteHostsFile(hosts());
  if (s.ok()) s = cluster_->WriteConnectTo(connect_to());
  if (!s.ok()) throw std::runtime_error(s.ToString());
}

std::string E2eEnv::origin_ca() const { return cluster_->origins()->ca_file(); }

E2eEnv::~E2eEnv() {
  if (cluster_) cluster_->Stop();
  if (!getenv("RENUMBER_E2E_KEEP")) {
    std::string cmd = "rm -rf '" + dir_ + "'";
    if (system(cmd.c_str()) != 0) {
      // A leftover temp dir is harmless.
    }
  }
}

RunResult E2eEnv::Run(const std::vector<std::string>& args,
                      const std::vector<std::string>& env,
                      int timeout_s) const {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  std::vector<std::string> argv_s = {RenumberBinary()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(err[1], 2);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);  // never a terminal: like cron
    setenv("LANG", "C.UTF-8", 1);
    for (const std::string& e : env) putenv(strdup(e.c_str()));
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  RunResult r;
  Drain(out[0], err[0], &r, pid, timeout_s);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return r;
}

RunResult E2eEnv::RunOnTerminal(const std::vector<std::string>& args,
                                const std::string& answer,
                                int timeout_s) const {
  std::vector<std::string> argv_s = {RenumberBinary()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  int master = -1;
  pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) throw std::runtime_error("forkpty failed");
  if (pid == 0) {
    setenv("LANG", "C.UTF-8", 1);
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  RunResult r;
  bool answered = false;
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  char buf[4096];
  for (;;) {
    pollfd fd = {master, POLLIN, 0};
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      break;
    }
    if (poll(&fd, 1, 200) <= 0) continue;
    ssize_t n = read(master, buf, sizeof buf);
    if (n <= 0) break;  // EIO once the child has exited
    r.out.append(buf, static_cast<size_t>(n));
    if (!answered && r.out.find("[y/N]") != std::string::npos) {
      std::string line = answer + "\n";
      if (write(master, line.data(), line.size()) < 0) break;
      answered = true;
    }
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return r;
}

RunResult E2eEnv::Renumber(const std::string& command,
                           const std::vector<std::string>& more,
                           const std::vector<std::string>& env) const {
  std::vector<std::string> args = {
      command,       "--plan",    plan(),     "--credentials", credentials(),
      "--state-dir", state_dir(), "--hosts",  hosts(),         "--connect-to",
      connect_to(),  "--ca-file", origin_ca()};
  args.insert(args.end(), more.begin(), more.end());
  return Run(args, env);
}

Status E2eEnv::RewritePlan(const std::string& rfc3339) {
  std::vector<SimCustomer> customers = cluster_->customers();
  for (SimCustomer& c : customers) c.maintenance_end = rfc3339;
  return WritePlanFile(customers, plan());
}

long E2eEnv::Writes() const {
  return cluster_->ess()->Counters().value("writes", 0L) +
         cluster_->cdn()->Counters().value("writes", 0L);
}

long E2eEnv::Requests() const {
  return cluster_->ess()->Counters().value("requests", 0L) +
         cluster_->cdn()->Counters().value("requests", 0L);
}

json E2eEnv::Normalized() const {
  return {{"ess", NormalizeEss(cluster_->ess()->api()->SaveState())},
          {"cdn", NormalizeCdn(cluster_->cdn()->api()->SaveState())}};
}

json E2eEnv::CdnVersionCounts() const {
  json out = json::object();
  for (const json& s :
       cluster_->cdn()->api()->SaveState().value("services", json::array()))
    out[s.value("id", "")] = s["versions"].size();
  return out;
}

json E2eEnv::CdnStagedCounts() const {
  json out = json::object();
  for (const json& s :
       cluster_->cdn()->api()->SaveState().value("services", json::array())) {
    int staged = 0;
    for (const json& v : s["versions"])
      staged +=
          !v.value("locked", true) &&
          v.value("comment", "").find("[renumber-staged ") != std::string::npos;
    out[s.value("id", "")] = staged;
  }
  return out;
}

void E2eEnv::SetFaults(const FaultConfig& faults) {
  cluster_->ess()->SetFaults(faults);
  cluster_->cdn()->SetFaults(faults);
}

}  // namespace renumber
