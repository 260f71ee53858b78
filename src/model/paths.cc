#include "src/model/paths.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace renumber {

std::string ResolveStateDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* xdg = std::getenv("XDG_STATE_HOME");
  if (xdg && *xdg == '/') return std::string(xdg) + "/renumber";
  const char* home = std::getenv("HOME");
  if (home && *home) return std::string(home) + "/.local/state/renumber";
  return ".renumber-state";
}

std::string OsUserName() {
  if (passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) return pw->pw_name;
  const char* user = std::getenv("USER");
  return user && *user ? user : "unknown";
}

std::string HostName() {
  char host[256] = "?";
  if (gethostname(host, sizeof host - 1) != 0) return "?";
  host[sizeof host - 1] = '\0';
  return host;
}

}  // namespace renumber
