// DrainAcceptedConnections: /proc/self/fd lists this process's descriptors;
// each is asked for its own address (getsockname), and only those on the
// port are pinned by a dup and asked whether they listen (SO_ACCEPTCONN).
// Measured: parsing /proc/net/tcp instead cost about 11 ms of system time a
// stop once a test run had left a few hundred closed connections in the
// table. The scan is one getsockname per descriptor: a process holding
// thousands of listeners (the origin farm of renumber_bench at 10,000
// accounts: 15,002) stops each of them, so a scan that cost five system
// calls a descriptor (readlink, dup, readlink, getsockname, close) made the
// bench's tear-down last over ten minutes.
#include "src/http/connection_drain.h"

#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <set>
#include <string>
#include <thread>

namespace renumber {
namespace {

// The local TCP/IP port of socket `fd`, or -1 (not an IP socket, closed).
int LocalPort(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    return -1;
  if (addr.ss_family == AF_INET)
    return ntohs(reinterpret_cast<const sockaddr_in*>(&addr)->sin_port);
  if (addr.ss_family == AF_INET6)
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&addr)->sin6_port);
  return -1;
}

// The socket's inode (what /proc/self/fd/N names as socket:[inode]), or 0.
unsigned long SocketInode(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) return 0;
  return static_cast<unsigned long>(st.st_ino);
}

// Whether `fd` is a connected TCP socket whose local port is `port` (the
// server side of a connection accepted on it; a client's own port is never
// a listener's).
bool IsAcceptedOn(int fd, int port) {
  if (LocalPort(fd) != port) return false;
  int listening = 1;
  socklen_t size = sizeof listening;
  return ::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) == 0 &&
         listening == 0;
}

// Calls `each(fd)` for every descriptor of this process. False if
// /proc/self/fd cannot be read.
template <typename Each>
bool ForEachFd(Each each) {
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return false;
  while (const dirent* e = ::readdir(dir))
    if (e->d_name[0] != '.') each(std::atoi(e->d_name));
  ::closedir(dir);
  return true;
}

// Calls `each(fd)` for every descriptor whose local port is `port` at the
// moment it is looked at (one getsockname a descriptor).
template <typename Each>
bool ForEachOnPort(int port, Each each) {
  return ForEachFd([&](int fd) {
    if (LocalPort(fd) == port) each(fd);
  });
}

// Shuts down every socket accepted on `port` that this process holds and
// adds its inode to `shut`. A dup pins each socket before it is checked, so
// a descriptor the library closes (and another thread reuses) in between is
// never shut down by mistake: what is checked and shut down is the pinned
// socket itself.
bool ShutDownAccepted(int port, std::set<unsigned long>* shut) {
  return ForEachOnPort(port, [&](int fd) {
    const int pinned = ::dup(fd);
    if (pinned < 0) return;
    const unsigned long inode = SocketInode(pinned);
    if (inode != 0 && IsAcceptedOn(pinned, port)) {
      ::shutdown(pinned, SHUT_RDWR);
      shut->insert(inode);
    }
    ::close(pinned);
  });
}

// How many of `inodes` this process still holds, by inode over every
// descriptor: what was shut is that socket, whichever descriptor holds it.
int StillHeld(const std::set<unsigned long>& inodes) {
  if (inodes.empty()) return 0;
  std::set<unsigned long> held;
  ForEachFd([&](int fd) {
    const unsigned long inode = SocketInode(fd);
    if (inodes.count(inode)) held.insert(inode);
  });
  return static_cast<int>(held.size());
}

}  // namespace

Result<int> DrainAcceptedConnections(int port,
                                     std::chrono::milliseconds deadline,
                                     const std::function<int()>& busy) {
  std::set<unsigned long> shut;
  if (!ShutDownAccepted(port, &shut))
    return Status::Unavailable("cannot read /proc/self/fd",
                               "/proc/self/fd を読めません");
  const auto until = std::chrono::steady_clock::now() + deadline;
  const auto still_answering = [&busy] { return busy ? busy() : 0; };
  while (StillHeld(shut) > still_answering()) {
    if (std::chrono::steady_clock::now() >= until)
      return Status::Timeout("connections on port " + std::to_string(port) +
                                 " still open after shutdown",
                             "ポート " + std::to_string(port) +
                                 " の接続が shutdown 後も閉じられていません");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return static_cast<int>(shut.size());
}

}  // namespace renumber
