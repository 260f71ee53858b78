// The simulator admin endpoint (/_sim/...), described in host.h. Never part
// of a vendor contract: SimHost routes every /_sim path here before the
// vendor API can see it.
//
// Auth: HTTP Basic with user "sim-admin" and the host's admin token; 401
// with a WWW-Authenticate challenge otherwise. Bodies are JSON; errors are
// {"error": "..."} with 400 (bad JSON or values), 404 (unknown path or
// account) or 405 (wrong method).
//
// Threads: thread-safe as long as `host` is.
#ifndef RENUMBER_SIM_ADMIN_H_
#define RENUMBER_SIM_ADMIN_H_

#include <string>

#include "src/http/server.h"
#include "src/sim/host.h"

namespace renumber {

inline constexpr const char* kSimAdminUser = "sim-admin";

// True for "/_sim" and everything under it.
bool IsAdminPath(const std::string& path);

ServerResponse ServeAdmin(const ServerRequest& request, SimHost* host);

}  // namespace renumber

#endif  // RENUMBER_SIM_ADMIN_H_
