#include "src/dns/nsd_test_server.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "src/dns/dns_resolver.h"

namespace renumber {
namespace {

using Clock = std::chrono::steady_clock;

const char* kNsd = "/usr/sbin/nsd";

int BoundPort(int type, int port) {
  int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  socklen_t len = sizeof a;
  int out = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    out = ntohs(a.sin_port);
  close(fd);
  return out;
}

Status WriteText(const std::string& path, const std::string& text) {
  std::ofstream f(path);
  f << text;
  f.close();
  if (!f) return Status::Internal("cannot write " + path);
  return Status::Ok();
}

std::string Config(const std::string& dir, int port,
                   const std::vector<TestZone>& zones) {
  std::string c = "server:\n";
  c += "  ip-address: 127.0.0.1@" + std::to_string(port) + "\n";
  c += "  port: " + std::to_string(port) + "\n";
  c += "  username: \"\"\n  chroot: \"\"\n  database: \"\"\n";
  c += "  zonesdir: \"" + dir + "\"\n";
  c += "  zonelistfile: \"" + dir + "/zone.list\"\n";
  c += "  pidfile: \"" + dir + "/nsd.pid\"\n";
  c += "  xfrdfile: \"" + dir + "/xfrd.state\"\n";
  c += "  xfrdir: \"" + dir + "\"\n";
  c += "  logfile: \"" + dir + "/nsd.log\"\n";
  c += "  server-count: 1\n  verbosity: 1\n  hide-version: yes\n";
  c += "remote-control:\n  control-enable: no\n";
  for (const TestZone& z : zones)
    c += "zone:\n  name: \"" + z.origin + "\"\n  zonefile: \"" + z.origin +
         ".zone\"\n";
  return c;
}

std::string ZoneText(const TestZone& z) {
  return "$ORIGIN " + z.origin + ".\n$TTL 300\n@ IN SOA ns.invalid. " +
         "hostmaster.invalid. 1 3600 600 86400 300\n" + z.records + "\n";
}

}  // namespace

Result<int> FreeLoopbackPort() {
  for (int attempt = 0; attempt < 20; ++attempt) {
    int port = BoundPort(SOCK_DGRAM, 0);
    if (port > 0 && BoundPort(SOCK_STREAM, port) == port) return port;
  }
  return Status::Unavailable("no free loopback port for UDP and TCP");
}

Result<std::unique_ptr<NsdTestServer>> NsdTestServer::Start(
    const std::vector<TestZone>& zones) {
  if (zones.empty()) return Status::InvalidArgument("nsd: no zones");
  if (access(kNsd, X_OK) != 0)
    return Status::Unavailable(
        "nsd is not installed (/usr/sbin/nsd): run `sh .ci/bootstrap test` "
        "or apt-get install nsd");
  auto started = Clock::now();
  std::unique_ptr<NsdTestServer> s(new NsdTestServer);
  std::string tmpl =
      std::filesystem::temp_directory_path().string() + "/renumber-nsd-XXXXXX";
  if (!mkdtemp(tmpl.data())) return Status::Internal("mkdtemp failed");
  s->dir_ = tmpl;
  // A port found free may be taken before nsd binds it: try a few.
  Status last;
  for (int attempt = 0; attempt < 3; ++attempt) {
    s->Stop();
    last = s->Launch(zones);
    if (last.ok()) last = s->WaitReady(zones.front().origin);
    if (last.ok()) {
      s->start_seconds_ =
          std::chrono::duration<double>(Clock::now() - started).count();
      return s;
    }
  }
  return last;
}

Status NsdTestServer::Launch(const std::vector<TestZone>& zones) {
  RN_ASSIGN_OR_RETURN(port_, FreeLoopbackPort());
  for (const TestZone& z : zones)
    RN_RETURN_IF_ERROR(WriteText(dir_ + "/" + z.origin + ".zone", ZoneText(z)));
  const std::string conf = dir_ + "/nsd.conf";
  RN_RETURN_IF_ERROR(WriteText(conf, Config(dir_, port_, zones)));
  std::remove((dir_ + "/nsd.log").c_str());
  pid_ = fork();
  if (pid_ < 0) return Status::Internal("fork failed");
  if (pid_ == 0) {
    setpgid(0, 0);
    execl(kNsd, kNsd, "-d", "-c", conf.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  setpgid(pid_, pid_);
  return Status::Ok();
}

Status NsdTestServer::WaitReady(const std::string& zone) {
  DnsOptions o;
  o.servers = {address()};
  o.timeout = std::chrono::milliseconds(200);
  o.tries = 1;
  RN_ASSIGN_OR_RETURN(auto resolver, NewDnsResolver(o));
  const auto deadline = Clock::now() + std::chrono::seconds(20);
  Status last;
  while (Clock::now() < deadline) {
    int wstatus = 0;
    if (waitpid(pid_, &wstatus, WNOHANG) == pid_) {
      pid_ = -1;
      return Status::Unavailable("nsd exited at start (status " +
                                 std::to_string(wstatus) + "): " + Log());
    }
    auto ns = resolver->LookupNs(zone);
    if (ns.ok()) return Status::Ok();
    if (Log().find("error:") != std::string::npos)
      return Status::InvalidArgument("nsd could not load a zone: " + Log());
    last = ns.status();
    // Nothing listening yet answers "connection refused" at once: pace
    // the next question (the loop ends at the deadline or the answer).
    if (last.Is(Code::kUnavailable))
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return Status::Timeout("nsd did not answer within 20 s: " + last.ToString() +
                         "; log: " + Log());
}

std::string NsdTestServer::Log() const {
  std::ifstream f(dir_ + "/nsd.log");
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void NsdTestServer::Stop() {
  if (pid_ <= 0) return;
  kill(-pid_, SIGTERM);
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  int wstatus = 0;
  while (waitpid(pid_, &wstatus, WNOHANG) == 0) {
    if (Clock::now() > deadline) {
      kill(-pid_, SIGKILL);
      waitpid(pid_, &wstatus, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
}

NsdTestServer::~NsdTestServer() {
  Stop();
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

}  // namespace renumber
