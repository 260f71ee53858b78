// DrainAcceptedConnections: /proc/net/tcp{,6} names the sockets whose local
// port is the server's, /proc/self/fd says which of them this process holds.
#include "src/http/connection_drain.h"

#include <dirent.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace renumber {
namespace {

constexpr const char* kListenState = "0A";  // TCP_LISTEN in /proc/net/tcp

// The local port of a /proc/net/tcp line ("  12: 0100007F:1F90 ..."), as
// its 4 hex digits, or an empty view.
std::string_view LocalPortHex(std::string_view line) {
  const auto sl_end = line.find(':');
  if (sl_end == std::string_view::npos) return {};
  const auto local = line.find_first_not_of(' ', sl_end + 1);
  if (local == std::string_view::npos) return {};
  const auto local_end = line.find(' ', local);
  if (local_end == std::string_view::npos) return {};
  const auto colon = line.rfind(':', local_end);
  if (colon == std::string_view::npos || colon < local) return {};
  return line.substr(colon + 1, local_end - colon - 1);
}

// Adds the inode of every non-listening socket bound to local `port` listed
// in `table` (the format of /proc/net/tcp: "sl local rem st ... inode").
// Only lines of that port are parsed in full: after a test suite's
// thousands of connections the table holds as many closed ones.
// Returns false if the table cannot be read.
bool AddAcceptedSockets(const char* table, int port,
                        std::set<unsigned long>* inodes) {
  std::ifstream in(table);
  if (!in) return false;
  char port_hex[8];
  std::snprintf(port_hex, sizeof port_hex, "%04X", port);
  std::string line;
  std::getline(in, line);  // the header
  while (std::getline(in, line)) {
    if (LocalPortHex(line) != port_hex) continue;
    std::istringstream fields(line);
    std::string sl, local, remote, state, queues, timer, retransmits, uid,
        timeout;
    unsigned long inode = 0;
    if (!(fields >> sl >> local >> remote >> state >> queues >> timer >>
          retransmits >> uid >> timeout >> inode))
      continue;
    if (state != kListenState && inode != 0) inodes->insert(inode);
  }
  return true;
}

// The socket inode an fd of this process refers to, or 0.
unsigned long SocketInode(const std::string& fd_path) {
  char target[64];
  const ssize_t n = ::readlink(fd_path.c_str(), target, sizeof target - 1);
  if (n <= 0) return 0;
  target[n] = '\0';
  unsigned long inode = 0;
  if (std::sscanf(target, "socket:[%lu]", &inode) != 1) return 0;
  return inode;
}

// The fds of this process that refer to one of `inodes`.
std::vector<int> HeldFds(const std::set<unsigned long>& inodes) {
  std::vector<int> fds;
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return fds;
  while (const dirent* e = ::readdir(dir)) {
    if (e->d_name[0] == '.') continue;
    const unsigned long inode =
        SocketInode(std::string("/proc/self/fd/") + e->d_name);
    if (inode != 0 && inodes.count(inode)) fds.push_back(std::atoi(e->d_name));
  }
  ::closedir(dir);
  return fds;
}

// Shuts down the socket behind `fd` if it still is one of `inodes`. A dup
// pins the socket first, so an fd closed and reused by another thread in
// between is never shut down by mistake.
bool ShutDownIfStill(int fd, const std::set<unsigned long>& inodes) {
  const int pinned = ::dup(fd);
  if (pinned < 0) return false;
  const unsigned long inode =
      SocketInode("/proc/self/fd/" + std::to_string(pinned));
  const bool ours = inode != 0 && inodes.count(inode) > 0;
  if (ours) ::shutdown(pinned, SHUT_RDWR);
  ::close(pinned);
  return ours;
}

}  // namespace

Result<int> DrainAcceptedConnections(int port,
                                     std::chrono::milliseconds deadline,
                                     const std::function<int()>& busy) {
  std::set<unsigned long> inodes;
  const bool v4 = AddAcceptedSockets("/proc/net/tcp", port, &inodes);
  const bool v6 = AddAcceptedSockets("/proc/net/tcp6", port, &inodes);
  if (!v4 && !v6)
    return Status::Unavailable("cannot read /proc/net/tcp",
                               "/proc/net/tcp を読めません");
  int shut = 0;
  for (int fd : HeldFds(inodes)) shut += ShutDownIfStill(fd, inodes) ? 1 : 0;
  const auto until = std::chrono::steady_clock::now() + deadline;
  const auto still_answering = [&busy] { return busy ? busy() : 0; };
  while (static_cast<int>(HeldFds(inodes).size()) > still_answering()) {
    if (std::chrono::steady_clock::now() >= until)
      return Status::Timeout("connections on port " + std::to_string(port) +
                                 " still open after shutdown",
                             "ポート " + std::to_string(port) +
                                 " の接続が shutdown 後も閉じられていません");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return shut;
}

}  // namespace renumber
