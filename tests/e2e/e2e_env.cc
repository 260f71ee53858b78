#include "tests/e2e/e2e_env.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "src/http/message.h"
#include "src/http/transport.h"
#include "src/sim/test_client.h"
#include "tests/support/child_exec.h"

namespace renumber {
namespace {

using json = nlohmann::json;

// A child's environment: ours with LANG=C.UTF-8, then the test's `env`.
std::vector<std::string> WithLang(const std::vector<std::string>& env) {
  std::vector<std::string> all = {"LANG=C.UTF-8"};
  all.insert(all.end(), env.begin(), env.end());
  return all;
}

// Reads both pipes until both close, so a chatty child never blocks.
void Drain(int out_fd, int err_fd, RunResult* r, pid_t pid,
           std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
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
      r->at_limit = true;
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

json Routes(const json& routes, const std::string& collection) {
  json out = json::array();
  for (const json& r : routes)
    out.push_back({collection, r.value("address", ""), r.value("port", 0),
                   r.value("role", "")});
  return out;
}

// Named routes by the addresses they hold (ids change when a route is
// re-added).
json NamedAddresses(const json& account) {
  json out = json::object();
  const json named = account.value("named_routes", json::object());
  for (const json& n : named.value("named_routes", json::array())) {
    json addresses = json::array();
    for (const json& id : n["routes"])
      for (const json& r : account["default_routes"]["routes"])
        if (r["id"] == id) addresses.push_back(r["address"]);
    out[n["name"].get<std::string>()] = addresses;
  }
  return out;
}

json NormalizeEss(const json& state) {
  json accounts = json::object();
  for (const json& a : state.value("accounts", json::array())) {
    json routes = Routes(a["default_routes"]["routes"], "default");
    for (const json& d : a.value("domains", json::array()))
      for (const json& r : Routes(d["routes"]["routes"], d["name"]))
        routes.push_back(r);
    json outbound = json::array();
    for (const json& o : a["outbound"]["servers"])
      outbound.push_back(o.value("address", ""));
    std::sort(outbound.begin(), outbound.end());
    accounts[a.value("customer", "")] = {{"routes", routes},
                                         {"named", NamedAddresses(a)},
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

std::string RenumberBinary() {
  const char* other = std::getenv("RENUMBER_E2E_BINARY");
  return other && *other ? other : RENUMBER_BINARY;
}

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
  copts.customers = o.world;
  copts.clock = o.clock;
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
  RunResult r = RunFor(args, env, std::chrono::seconds(timeout_s));
  if (r.at_limit)
    r.err += "\n[e2e] killed by the test after its limit of " +
             std::to_string(timeout_s) + " s\n";
  return r;
}

RunResult E2eEnv::RunFor(const std::vector<std::string>& args,
                         const std::vector<std::string>& env,
                         std::chrono::milliseconds limit) const {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  std::vector<std::string> argv_s = {RenumberBinary()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  const ChildExec exec(argv_s, WithLang(env));
  pid_t pid = fork();
  if (pid == 0) {  // async-signal-safe calls only (child_exec.h)
    setsid();  // no controlling terminal: like cron, even under a developer's
    dup2(out[1], 1);
    dup2(err[1], 2);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);  // never a terminal: like cron
    exec.Exec();
  }
  close(out[1]);
  close(err[1]);
  RunResult r;
  Drain(out[0], err[0], &r, pid, limit);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return r;
}

TerminalSession::TerminalSession(const std::vector<std::string>& argv_s,
                                 const TerminalOptions& o) {
  int out[2] = {-1, -1}, err[2] = {-1, -1};
  if (o.pipe_stdout && pipe2(out, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  if (o.pipe_stderr && pipe2(err, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  winsize ws{};
  ws.ws_row = 50;
  ws.ws_col = static_cast<unsigned short>(o.columns);
  const ChildExec exec(argv_s, WithLang(o.env));
  pid_ = forkpty(&master_, nullptr, nullptr, &ws);
  if (pid_ < 0) throw std::runtime_error("forkpty failed");
  if (pid_ == 0) {  // async-signal-safe calls only (child_exec.h)
    if (o.pipe_stdout) dup2(out[1], 1);
    if (o.pipe_stderr) dup2(err[1], 2);
    exec.Exec();
  }
  if (o.pipe_stdout) {
    close(out[1]);
    out_ = out[0];
  }
  if (o.pipe_stderr) {
    close(err[1]);
    err_ = err[0];
  }
}

TerminalSession::~TerminalSession() {
  if (pid_ > 0) {
    if (!reaped_) kill(pid_, SIGKILL);
    Finish(5);
  }
}

bool TerminalSession::ChildRunning() {
  if (reaped_ || pid_ <= 0) return false;
  const pid_t w = waitpid(pid_, &status_, WNOHANG);
  if (w == pid_) reaped_ = true;
  return w == 0;
}

bool TerminalSession::Pump(int ms) {
  pollfd fds[3] = {{master_, POLLIN, 0}, {out_, POLLIN, 0}, {err_, POLLIN, 0}};
  std::string* sinks[3] = {&r_.tty, &r_.out, &r_.err};
  if (master_ < 0 && out_ < 0 && err_ < 0) return false;
  if (poll(fds, 3, ms) <= 0) return true;
  char buf[8192];
  for (int i = 0; i < 3; ++i) {
    if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
      continue;
    ssize_t n = read(fds[i].fd, buf, sizeof buf);
    if (n > 0) {
      sinks[i]->append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    // The terminal is closed only once the child has ended: closing it
    // while the child runs would hang it up (SIGHUP), which a quick block
    // that printed nothing sometimes got when the slave side read as
    // closed (EIO) before the child had exited.
    if (i == 0 && ChildRunning()) {
      usleep(20000);
      continue;
    }
    close(fds[i].fd);  // EOF, or EIO once the child has exited
    (i == 0 ? master_ : i == 1 ? out_ : err_) = -1;
  }
  return master_ >= 0 || out_ >= 0 || err_ >= 0;
}

bool TerminalSession::WaitFor(const std::string& text, int timeout_s) {
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  while (r_.tty.find(text) == std::string::npos) {
    if (std::chrono::steady_clock::now() > deadline || !Pump(100))
      return r_.tty.find(text) != std::string::npos;
  }
  return true;
}

namespace {
size_t CountOf(const std::string& haystack, const std::string& text) {
  size_t n = 0;
  for (size_t at = haystack.find(text); at != std::string::npos;
       at = haystack.find(text, at + text.size()))
    ++n;
  return n;
}
}  // namespace

bool TerminalSession::WaitForCount(const std::string& text, size_t times,
                                   int timeout_s) {
  std::vector<size_t> seen = {times - 1};
  return times == 0 || WaitForNext({text}, &seen, timeout_s) == 0;
}

int TerminalSession::WaitForNext(const std::vector<std::string>& texts,
                                 std::vector<size_t>* seen, int timeout_s) {
  auto next = [&] {
    for (size_t i = 0; i < texts.size(); ++i)
      if (CountOf(r_.tty, texts[i]) > (*seen)[i]) return static_cast<int>(i);
    return -1;
  };
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  int found = next();
  while (found < 0 && std::chrono::steady_clock::now() <= deadline && Pump(100))
    found = next();
  if (found >= 0) ++(*seen)[found];
  return found;
}

void TerminalSession::Type(const std::string& line) {
  std::string typed = line + "\n";
  if (master_ >= 0 && write(master_, typed.data(), typed.size()) < 0) {
    // The program has gone; Finish() reports how it ended.
  }
}

RunResult TerminalSession::Finish(int timeout_s) {
  if (pid_ <= 0) return r_;
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  while (Pump(100)) {
    if (std::chrono::steady_clock::now() > deadline) {
      if (!reaped_) kill(pid_, SIGKILL);
      deadline += std::chrono::seconds(5);
    }
  }
  if (!reaped_) waitpid(pid_, &status_, 0);
  reaped_ = true;
  pid_ = -1;
  if (WIFEXITED(status_)) r_.exit_code = WEXITSTATUS(status_);
  if (WIFSIGNALED(status_)) r_.signal = WTERMSIG(status_);
  return r_;
}

std::unique_ptr<TerminalSession> E2eEnv::StartAtTerminal(
    const std::vector<std::string>& args,
    const TerminalOptions& options) const {
  std::vector<std::string> argv = {RenumberBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return std::make_unique<TerminalSession>(argv, options);
}

RunResult E2eEnv::RunAtTerminal(const std::vector<std::string>& args,
                                const std::string& answer,
                                const TerminalOptions& options,
                                int timeout_s) const {
  auto session = StartAtTerminal(args, options);
  if (session->WaitFor("[y/N]", timeout_s)) session->Type(answer);
  return session->Finish(timeout_s);
}

RunResult E2eEnv::RunOnTerminal(const std::vector<std::string>& args,
                                const std::string& answer,
                                int timeout_s) const {
  RunResult r = RunAtTerminal(args, answer, {}, timeout_s);
  r.out = r.tty;
  return r;
}

std::vector<std::string> E2eEnv::RenumberArgs(
    const std::string& command, const std::vector<std::string>& more) const {
  std::vector<std::string> args = {
      command,       "--plan",    plan(),     "--credentials", credentials(),
      "--state-dir", state_dir(), "--hosts",  hosts(),         "--connect-to",
      connect_to(),  "--ca-file", origin_ca()};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

RunResult E2eEnv::Renumber(const std::string& command,
                           const std::vector<std::string>& more,
                           const std::vector<std::string>& env) const {
  return Run(RenumberArgs(command, more), env);
}

RunResult E2eEnv::RenumberKilledAfter(const std::string& command,
                                      const std::vector<std::string>& more,
                                      const std::vector<std::string>& env,
                                      std::chrono::milliseconds after) const {
  return RunFor(RenumberArgs(command, more), env, after);
}

Status E2eEnv::RewritePlan(const std::string& rfc3339) {
  std::vector<SimCustomer> customers = cluster_->customers();
  for (SimCustomer& c : customers) c.maintenance_end = rfc3339;
  return WritePlanFile(customers, plan());
}

long E2eEnv::Writes() const {
  return cluster_->host("ess")->Counters().value("writes", 0L) +
         cluster_->host("cdn")->Counters().value("writes", 0L);
}

long E2eEnv::Requests() const {
  return cluster_->host("ess")->Counters().value("requests", 0L) +
         cluster_->host("cdn")->Counters().value("requests", 0L);
}

json E2eEnv::Normalized() const {
  return {{"ess", NormalizeEss(cluster_->host("ess")->api()->SaveState())},
          {"cdn", NormalizeCdn(cluster_->host("cdn")->api()->SaveState())}};
}

json E2eEnv::CdnVersionCounts() const {
  json out = json::object();
  for (const json& s : cluster_->host("cdn")->api()->SaveState().value(
           "services", json::array()))
    out[s.value("id", "")] = s["versions"].size();
  return out;
}

json E2eEnv::CdnStagedCounts() const {
  json out = json::object();
  for (const json& s : cluster_->host("cdn")->api()->SaveState().value(
           "services", json::array())) {
    int staged = 0;
    for (const json& v : s["versions"])
      staged +=
          !v.value("locked", true) &&
          v.value("comment", "").find("[renumber-staged ") != std::string::npos;
    out[s.value("id", "")] = staged;
  }
  return out;
}

json E2eEnv::EssDelivery(const std::string& account,
                         const std::vector<std::string>& down) const {
  std::string list;
  for (const std::string& d : down) list += (list.empty() ? "" : ",") + d;
  TestClient client(cluster_->host("ess")->base_url());
  auto r = client.Send(
      "GET", "/_sim/delivery/" + account + "?down=" + UrlEncode(list), "",
      {BasicAuthHeader("sim-admin", cluster_->host("ess")->admin_token())},
      std::chrono::milliseconds(60000));
  if (!r.ok() || r->status != 200)
    throw std::runtime_error("GET /_sim/delivery/" + account + ": " +
                             (r.ok() ? r->body : r.status().ToString()));
  return BodyJson(*r);
}

void E2eEnv::SetFaults(const FaultConfig& faults) {
  cluster_->host("ess")->SetFaults(faults);
  cluster_->host("cdn")->SetFaults(faults);
}

}  // namespace renumber
