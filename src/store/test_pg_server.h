// Test support: a real, throw-away PostgreSQL server (Debian's
// `postgresql` package) — never a mock.
//
// Start() copies a cluster made by initdb (a template built once a day per
// user under /tmp, since initdb takes seconds and ctest starts a process
// per test) into a fresh temporary directory and starts the server on a
// free loopback port with TLS (a test CA's certificate for 127.0.0.1)
// and scram-sha-256 passwords over TCP only with TLS (pg_hba: hostssl). The
// server runs as an unprivileged user, since PostgreSQL refuses root: when
// the tests run as root (CI), the Debian `postgres` user, or else a
// `renumber-pgtest` system user created with useradd. Clients use role
// `renumber` (password in a 0600 pgpass file that ClientEnv() names) and
// fresh databases from CreateDatabase().
//
// Missing() says why no server can be started (no initdb/pg_ctl): the
// tests then skip with that message. Not thread-safe; one per test process.
#ifndef RENUMBER_STORE_TEST_PG_SERVER_H_
#define RENUMBER_STORE_TEST_PG_SERVER_H_

#include <string>
#include <vector>

#include "src/core/status.h"

namespace renumber {

class TestPgServer {
 public:
  TestPgServer() = default;
  TestPgServer(const TestPgServer&) = delete;
  TestPgServer& operator=(const TestPgServer&) = delete;
  ~TestPgServer();  // stops the server and removes its directory

  // "" when the PostgreSQL server binaries are installed; else a message
  // saying what is missing and how to install it.
  static std::string Missing();

  Status Start();
  // Stops the server: fast (clean) or immediate (like a crash: no
  // checkpoint; recovery on the next start).
  Status Stop(bool immediate = false);
  bool running() const { return running_; }

  // A new empty database owned by `renumber`; returns its store spec.
  Result<std::string> CreateDatabase(const std::string& name);
  // postgresql://renumber@127.0.0.1:<port>/<db>?sslrootcert=<ca>
  std::string Spec(const std::string& db) const;
  // The <db> of such a spec.
  static std::string DatabaseOf(const std::string& spec);
  // Environment a client process needs: PGPASSFILE.
  std::vector<std::string> ClientEnv() const;
  // Runs SQL as the superuser over the Unix socket (test set-up and
  // inspection), returning the first column of every row.
  Result<std::vector<std::string>> AdminQuery(const std::string& db,
                                              const std::string& sql);
  // Several statements, as the superuser.
  Status AdminScript(const std::string& db, const std::string& sql);

  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  const std::string& ca_file() const { return ca_file_; }
  const std::string& pgpass_file() const { return pgpass_; }
  const std::string& log_file() const { return log_; }

 private:
  Status ChooseUser();
  Status BuildTemplate(const std::string& dir);
  Status InitCluster();
  Status RunAsServerUser(const std::vector<std::string>& argv);

  std::string bindir_, dir_, ca_file_, pgpass_, log_;
  int port_ = 0;
  unsigned uid_ = 0, gid_ = 0;
  bool as_other_user_ = false;
  bool running_ = false;
};

// Sets PGPASSFILE in this process (for in-process store tests).
void UseTestPgPass(const TestPgServer& server);

// The test process's one server, started on first use (and stopped at
// exit), with PGPASSFILE set. kNotFound with Missing()'s message when
// PostgreSQL is not installed (skip); other errors fail the test.
Result<TestPgServer*> SharedTestPgServer();
// A fresh database on it: its store spec ("t_<pid>_<n>").
Result<std::string> FreshTestDatabase();

}  // namespace renumber

#endif  // RENUMBER_STORE_TEST_PG_SERVER_H_
