// One connection to a PostgreSQL campaign store (libpq). pg_session.cc and
// pg_conninfo.cc are the only files that include libpq.
//
// Exec sends one statement with its parameters as separate text values
// (never spliced into the SQL). Errors are values:
// - kUnavailable: the server cannot be reached or the connection was lost.
//   A lost connection stays lost for this session — its advisory locks are
//   gone, so nothing more may be written under them — and every later call
//   says so; a new run connects afresh.
// - kTimeout: connect_timeout, statement_timeout or tcp_user_timeout.
// - kUnauthorized: authentication failed or no password (→ ~/.pgpass).
// - kForbidden: the server's certificate did not verify, or a privilege is
//   missing.
// - kPreconditionFailed: no renumber schema (→ renumber store init).
// - kConflict: a constraint; kInternal: anything else.
// Messages start with the store's `where` and never hold a password.
//
// Thread-safe: one mutex serializes the calls (libpq connections are not
// shared between threads otherwise).
#ifndef RENUMBER_STORE_PG_SESSION_H_
#define RENUMBER_STORE_PG_SESSION_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "src/core/status.h"
#include "src/store/pg_conninfo.h"

namespace renumber {

using PgValue = std::optional<std::string>;  // nullopt = SQL NULL
using PgRow = std::vector<PgValue>;

struct PgRows {
  std::vector<PgRow> rows;
  long affected = 0;  // rows inserted/updated/deleted
  // The text of row `r`, column `c` ("" for NULL).
  std::string Text(size_t r, size_t c) const {
    return rows.at(r).at(c).value_or("");
  }
};

class PgSession {
 public:
  // Connects and sets the session up (synchronous_commit on, a statement
  // timeout).
  static Result<std::unique_ptr<PgSession>> Connect(const PgConnInfo& info);
  ~PgSession();
  PgSession(const PgSession&) = delete;
  PgSession& operator=(const PgSession&) = delete;

  Result<PgRows> Exec(const std::string& sql,
                      const std::vector<PgValue>& params = {});
  // Several statements, no parameters, in one round trip (migrations).
  Status ExecScript(const std::string& sql);

  // The server process serving this session (pg_stat_activity.pid).
  int backend_pid() const { return backend_pid_; }
  const std::string& where() const { return where_; }
  // Server version, e.g. "15.18".
  const std::string& server_version() const { return server_version_; }

 private:
  struct Conn;
  PgSession(std::unique_ptr<Conn> conn, std::string where);
  Status Lost(const std::string& what);

  std::mutex mu_;
  std::unique_ptr<Conn> conn_;
  std::string where_;
  std::string server_version_;
  int backend_pid_ = 0;
  bool broken_ = false;
  std::string broken_reason_;
};

}  // namespace renumber

#endif  // RENUMBER_STORE_PG_SESSION_H_
