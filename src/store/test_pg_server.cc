#include "src/store/test_pg_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <glob.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <random>
#include <sstream>

#include "src/http/tls_test_certs.h"
#include "src/store/pg_session.h"

namespace renumber {
namespace {

constexpr const char* kTestUser = "renumber-pgtest";

bool Executable(const std::string& path) {
  return access(path.c_str(), X_OK) == 0;
}

// The directory holding initdb and pg_ctl: $RENUMBER_PG_BINDIR, the newest
// /usr/lib/postgresql/<version>/bin (Debian), or the PATH.
std::string FindBindir() {
  if (const char* env = std::getenv("RENUMBER_PG_BINDIR"))
    return Executable(std::string(env) + "/initdb") ? env : "";
  glob_t g{};
  std::vector<std::string> dirs;
  if (glob("/usr/lib/postgresql/*/bin", 0, nullptr, &g) == 0)
    for (size_t i = 0; i < g.gl_pathc; ++i) dirs.push_back(g.gl_pathv[i]);
  globfree(&g);
  std::sort(dirs.begin(), dirs.end(),
            [](const std::string& a, const std::string& b) {
              // /usr/lib/postgresql/15/bin: by version number.
              return std::atoi(a.c_str() + 20) > std::atoi(b.c_str() + 20);
            });
  for (const std::string& d : dirs)
    if (Executable(d + "/initdb") && Executable(d + "/pg_ctl")) return d;
  const char* path = std::getenv("PATH");
  std::stringstream ss(path ? path : "");
  std::string d;
  while (std::getline(ss, d, ':'))
    if (!d.empty() && Executable(d + "/initdb") && Executable(d + "/pg_ctl"))
      return d;
  return "";
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  close(fd);
  return port;
}

std::string RandomHex(int bytes) {
  std::random_device rd;
  std::string out;
  const char* hex = "0123456789abcdef";
  for (int i = 0; i < bytes; ++i) {
    unsigned v = rd() & 0xFF;
    out += hex[v >> 4];
    out += hex[v & 15];
  }
  return out;
}

Status WriteText(const std::string& path, const std::string& text,
                 unsigned mode, bool append = false) {
  std::ofstream f(path, append ? std::ios::app : std::ios::trunc);
  f << text;
  f.close();
  if (!f) return Status::Internal("cannot write " + path);
  ::chmod(path.c_str(), mode);
  return Status::Ok();
}

Result<std::string> ReadText(const std::string& path) {
  std::ifstream f(path);
  if (!f) return Status::NotFound("cannot read " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string Tail(const std::string& path) {
  auto text = ReadText(path);
  if (!text.ok()) return "";
  return text->size() > 2000 ? text->substr(text->size() - 2000) : *text;
}

}  // namespace

std::string TestPgServer::Missing() {
  if (!FindBindir().empty()) return "";
  return "PostgreSQL server binaries (initdb, pg_ctl) not found in "
         "/usr/lib/postgresql/*/bin, $RENUMBER_PG_BINDIR or the PATH: "
         "install them with `apt-get install postgresql` (.ci/bootstrap "
         "does) to run the tests against a real server";
}

TestPgServer::~TestPgServer() {
  if (running_) (void)Stop(/*immediate=*/true);
  if (!dir_.empty() && std::getenv("RENUMBER_KEEP_PG") == nullptr)
    (void)!std::system(("rm -rf '" + dir_ + "'").c_str());
}

Status TestPgServer::RunAsServerUser(const std::vector<std::string>& argv) {
  const std::string log = dir_ + "/commands.log";
  pid_t pid = fork();
  if (pid < 0) return Status::Internal("fork failed");
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    if (as_other_user_) {
      passwd* pw = getpwuid(uid_);
      if (!pw || initgroups(pw->pw_name, gid_) != 0 || setgid(gid_) != 0 ||
          setuid(uid_) != 0)
        _exit(126);
      setenv("HOME", dir_.c_str(), 1);
    }
    if (chdir(dir_.c_str()) != 0) _exit(125);
    std::vector<char*> args;
    for (const std::string& a : argv)
      args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Status::Ok();
  return Status::Internal(argv[0] + " " + (argv.size() > 1 ? argv[1] : "") +
                          " failed (status " + std::to_string(status) + "):\n" +
                          Tail(log));
}

// The server user: PostgreSQL refuses to run as root.
Status TestPgServer::ChooseUser() {
  if (geteuid() != 0) return Status::Ok();
  passwd* pw = getpwnam("postgres");
  if (!pw) {
    (void)!std::system((std::string("useradd --system --no-create-home "
                                    "--shell /usr/sbin/nologin ") +
                        kTestUser + " >/dev/null 2>&1")
                           .c_str());
    pw = getpwnam(kTestUser);
  }
  if (!pw)
    return Status::Internal(
        "running as root, and neither the postgres user nor a new " +
        std::string(kTestUser) + " user is available to run the server");
  uid_ = pw->pw_uid;
  gid_ = pw->pw_gid;
  as_other_user_ = true;
  return Status::Ok();
}

// initdb is the slow part (seconds on a loaded machine), and ctest runs
// every test in a process of its own: the first process of the day builds
// a template cluster (under a lock), the others copy it.
Status TestPgServer::BuildTemplate(const std::string& dir) {
  const std::string data = dir + "/data";
  dir_ = dir;  // RunAsServerUser works here
  TestPki pki;
  RN_RETURN_IF_ERROR(pki.Create("renumber-pg-test", "127.0.0.1"));
  RN_ASSIGN_OR_RETURN(std::string ca, ReadText(pki.ca_file()));
  RN_ASSIGN_OR_RETURN(std::string cert, ReadText(pki.cert_file()));
  RN_ASSIGN_OR_RETURN(std::string key, ReadText(pki.key_file()));
  RN_RETURN_IF_ERROR(
      RunAsServerUser({bindir_ + "/initdb", "-D", data, "-U", "renumber_admin",
                       "-E", "UTF8", "--locale=C", "--auth-local=trust",
                       "--auth-host=scram-sha-256", "--no-sync"}));
  RN_RETURN_IF_ERROR(WriteText(data + "/server.crt", cert, 0600));
  RN_RETURN_IF_ERROR(WriteText(data + "/server.key", key, 0600));
  RN_RETURN_IF_ERROR(WriteText(
      data + "/pg_hba.conf",
      "# renumber tests: the superuser over the socket; everyone else over\n"
      "# TLS with a password.\n"
      "local all renumber_admin trust\n"
      "hostssl all all 127.0.0.1/32 scram-sha-256\n",
      0600));
  RN_RETURN_IF_ERROR(WriteText(
      data + "/postgresql.conf",
      "\n# renumber tests (port and socket directory: pg_ctl -o)\n"
      "listen_addresses = '127.0.0.1'\n"
      "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n"
      "max_connections = 60\nshared_buffers = 16MB\n"
      "log_connections = on\nlog_disconnections = on\n",
      0600, /*append=*/true));
  if (as_other_user_)
    for (const char* f :
         {"server.crt", "server.key", "pg_hba.conf", "postgresql.conf"})
      if (::chown((data + "/" + f).c_str(), uid_, gid_) != 0)
        return Status::Internal("chown " + data + "/" + f);
  const std::string password = RandomHex(16);
  port_ = FreePort();
  log_ = dir + "/server.log";
  RN_RETURN_IF_ERROR(Start());
  RN_RETURN_IF_ERROR(
      AdminQuery("postgres",
                 "CREATE ROLE renumber LOGIN PASSWORD '" + password + "'")
          .status());
  RN_RETURN_IF_ERROR(Stop());
  // The client's half: the CA and the password; "ready" last.
  RN_RETURN_IF_ERROR(WriteText(dir + "/ca.pem", ca, 0644));
  RN_RETURN_IF_ERROR(WriteText(dir + "/password", password, 0600));
  return WriteText(dir + "/ready", "", 0600);
}

Status TestPgServer::InitCluster() {
  bindir_ = FindBindir();
  if (bindir_.empty()) return Status::NotFound(Missing());
  RN_RETURN_IF_ERROR(ChooseUser());
  char day[16];
  time_t now = time(nullptr);
  strftime(day, sizeof day, "%Y%m%d", gmtime(&now));
  const std::string tmpl =
      "/tmp/renumber-pg-template-" + std::to_string(geteuid()) + "-" + day;
  {
    int lock =
        open((tmpl + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock < 0 || flock(lock, LOCK_EX) != 0)
      return Status::Internal("cannot lock " + tmpl + ".lock");
    Status built = Status::Ok();
    if (access((tmpl + "/ready").c_str(), F_OK) != 0) {
      // Earlier days' templates (certificates valid for a day) go.
      (void)!std::system(("rm -rf /tmp/renumber-pg-template-" +
                          std::to_string(geteuid()) + "-2*[0-9]")
                             .c_str());
      (void)!std::system(("rm -rf '" + tmpl + "'").c_str());
      if (::mkdir(tmpl.c_str(), 0700) != 0 ||
          (as_other_user_ && ::chown(tmpl.c_str(), uid_, gid_) != 0))
        built = Status::Internal("cannot create " + tmpl);
      if (built.ok()) built = BuildTemplate(tmpl);
      if (!built.ok()) (void)!std::system(("rm -rf '" + tmpl + "'").c_str());
    }
    close(lock);
    RN_RETURN_IF_ERROR(built);
  }
  char dir_tmpl[] = "/tmp/renumber-pg-XXXXXX";
  if (!mkdtemp(dir_tmpl)) return Status::Internal("mkdtemp failed");
  dir_ = dir_tmpl;
  // cp -a keeps the owner (the server user) and the 0700 data directory.
  if (std::system(("cp -a '" + tmpl + "/data' '" + dir_ + "/data'").c_str()) !=
      0)
    return Status::Internal("cannot copy the template cluster " + tmpl);
  const std::string client = dir_ + "/client";
  if (::mkdir(client.c_str(), 0700) != 0)
    return Status::Internal("mkdir " + client);
  if (as_other_user_ && ::chown(dir_.c_str(), uid_, gid_) != 0)
    return Status::Internal("chown " + dir_);
  RN_ASSIGN_OR_RETURN(std::string ca, ReadText(tmpl + "/ca.pem"));
  RN_ASSIGN_OR_RETURN(std::string password, ReadText(tmpl + "/password"));
  ca_file_ = client + "/ca.pem";
  RN_RETURN_IF_ERROR(WriteText(ca_file_, ca, 0644));
  log_ = dir_ + "/server.log";
  port_ = FreePort();
  RN_RETURN_IF_ERROR(Start());
  pgpass_ = client + "/pgpass";
  return WriteText(
      pgpass_,
      "127.0.0.1:" + std::to_string(port_) + ":*:renumber:" + password + "\n",
      0600);
}

Status TestPgServer::Start() {
  if (dir_.empty()) return InitCluster();
  Status s;
  for (int attempt = 0; attempt < 3; ++attempt) {
    s = RunAsServerUser(
        {bindir_ + "/pg_ctl", "-D", dir_ + "/data", "-l", log_, "-w", "-t",
         "60", "-o", "-p " + std::to_string(port_) + " -k " + dir_, "start"});
    if (s.ok()) {
      running_ = true;
      return s;
    }
    // Someone took the port between our check and the server's bind.
    if (pgpass_.empty()) port_ = FreePort();
  }
  return s.Annotate("server log:\n" + Tail(log_));
}

Status TestPgServer::Stop(bool immediate) {
  Status s =
      RunAsServerUser({bindir_ + "/pg_ctl", "-D", dir_ + "/data", "-w", "-t",
                       "60", "-m", immediate ? "immediate" : "fast", "stop"});
  if (s.ok()) running_ = false;
  return s;
}

Result<std::string> TestPgServer::CreateDatabase(const std::string& name) {
  RN_RETURN_IF_ERROR(
      AdminQuery("postgres", "CREATE DATABASE " + name + " OWNER renumber")
          .status());
  return Spec(name);
}

std::string TestPgServer::Spec(const std::string& db) const {
  return "postgresql://renumber@127.0.0.1:" + std::to_string(port_) + "/" + db +
         "?sslrootcert=" + ca_file_;
}

std::string TestPgServer::DatabaseOf(const std::string& spec) {
  size_t slash = spec.find('/', spec.find("://") + 3);
  size_t q = spec.find('?', slash);
  return spec.substr(slash + 1, q == std::string::npos ? q : q - slash - 1);
}

std::vector<std::string> TestPgServer::ClientEnv() const {
  return {"PGPASSFILE=" + pgpass_};
}

Result<std::vector<std::string>> TestPgServer::AdminQuery(
    const std::string& db, const std::string& sql) {
  PgConnInfo info;
  info.conninfo = "host='" + dir_ + "' port='" + std::to_string(port_) +
                  "' user='renumber_admin' dbname='" + db + "'";
  info.where = "test server (admin)";
  RN_ASSIGN_OR_RETURN(auto session, PgSession::Connect(info));
  RN_ASSIGN_OR_RETURN(PgRows rows, session->Exec(sql));
  std::vector<std::string> out;
  for (size_t i = 0; i < rows.rows.size(); ++i) out.push_back(rows.Text(i, 0));
  return out;
}

Status TestPgServer::AdminScript(const std::string& db,
                                 const std::string& sql) {
  PgConnInfo info;
  info.conninfo = "host='" + dir_ + "' port='" + std::to_string(port_) +
                  "' user='renumber_admin' dbname='" + db + "'";
  info.where = "test server (admin)";
  RN_ASSIGN_OR_RETURN(auto session, PgSession::Connect(info));
  return session->ExecScript(sql);
}

void UseTestPgPass(const TestPgServer& server) {
  setenv("PGPASSFILE", server.pgpass_file().c_str(), 1);
}

Result<TestPgServer*> SharedTestPgServer() {
  static TestPgServer server;
  static Status started = [] {
    if (!TestPgServer::Missing().empty())
      return Status::NotFound(TestPgServer::Missing());
    return server.Start();
  }();
  RN_RETURN_IF_ERROR(started);
  UseTestPgPass(server);
  return &server;
}

Result<std::string> FreshTestDatabase() {
  static int n = 0;
  RN_ASSIGN_OR_RETURN(TestPgServer * server, SharedTestPgServer());
  return server->CreateDatabase("t_" + std::to_string(getpid()) + "_" +
                                std::to_string(++n));
}

}  // namespace renumber
