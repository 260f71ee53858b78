// The connection string of a PostgreSQL campaign store, checked and
// completed before anything connects.
//
// `spec` is what the user gave (--store or $RENUMBER_STORE): a libpq URI
// (postgresql://user@host:port/db?…) or key=value string. It must not hold
// a password (the password comes from ~/.pgpass — libpq's own file, or
// $PGPASSFILE; never a command line). Over TCP the
// server's certificate is verified like every other connection renumber
// makes: sslmode=verify-full unless given (weaker modes are refused), and
// the CA bundle is sslrootcert if given, else --ca-file, else the system's.
// A Unix-socket host (a path) needs no TLS. Timeouts are added when absent
// (connect_timeout, TCP keepalives, tcp_user_timeout) so a server that
// vanishes is noticed instead of waited on forever.
#ifndef RENUMBER_STORE_PG_CONNINFO_H_
#define RENUMBER_STORE_PG_CONNINFO_H_

#include <string>

#include "src/core/status.h"

namespace renumber {

struct PgConnInfo {
  std::string conninfo;  // for libpq: key='value' pairs
  std::string where;     // postgresql://user@host:port/db, for messages
  bool tls = false;      // TCP with verify-full
};

// True when `spec` names a PostgreSQL store (postgresql:// or postgres://).
bool IsPostgresSpec(const std::string& spec);

// kInvalidArgument (nothing connected) on a parse error, a password in the
// string, or a TLS mode that does not verify the server.
// `application_name` is what pg_stat_activity shows others.
Result<PgConnInfo> PreparePgConnInfo(const std::string& spec,
                                     const std::string& ca_file,
                                     const std::string& application_name);

}  // namespace renumber

#endif  // RENUMBER_STORE_PG_CONNINFO_H_
