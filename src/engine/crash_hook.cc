#include "src/engine/crash_hook.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

namespace renumber {

void CrashPoint(const char* point) {
  static const char* spec = std::getenv("RENUMBER_TEST_CRASH_AT");
  if (!spec || !*spec) return;
  static std::mutex mu;
  static std::map<std::string, int> counts;
  std::string s(spec);
  size_t colon = s.find(':');
  if (colon == std::string::npos || s.substr(0, colon) != point) return;
  int target = std::atoi(s.c_str() + colon + 1);
  std::lock_guard<std::mutex> l(mu);
  if (++counts[point] == target) {
    static const char kMsg[] = "renumber: test crash point reached\n";
    (void)!write(2, kMsg, sizeof kMsg - 1);
    kill(getpid(), SIGKILL);
  }
}

}  // namespace renumber
