#include "src/core/hardening.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace renumber {

Status DisableCoreDumps() {
  rlimit none = {0, 0};
  if (::setrlimit(RLIMIT_CORE, &none) != 0)
    return Status::Internal(
        std::string("cannot disable core dumps: ") + std::strerror(errno),
        std::string("コアダンプを無効にできません: ") + std::strerror(errno));
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    return Status::Internal(
        std::string("cannot mark the process non-dumpable: ") +
            std::strerror(errno),
        std::string("プロセスをダンプ不可に設定できません: ") +
            std::strerror(errno));
  return Status::Ok();
}

bool CoreDumpsDisabled() {
  rlimit lim;
  if (::getrlimit(RLIMIT_CORE, &lim) != 0) return false;
  return lim.rlim_cur == 0 && lim.rlim_max == 0 &&
         ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
}

}  // namespace renumber
