#include "adapters/ess/simulator/smtp_probe.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace renumber::ess_sim {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

int ToMs(std::chrono::milliseconds d) {
  return static_cast<int>(d.count() < 0 ? 0 : d.count());
}

// Non-blocking connect with a timeout; "" on success, else what failed.
std::string Connect(int fd, const IpAddress& ip, int port,
                    std::chrono::milliseconds timeout) {
  sockaddr_storage ss{};
  socklen_t len;
  if (ip.EffectiveFamily() == IpAddress::Family::kV4) {
    auto* a = reinterpret_cast<sockaddr_in*>(&ss);
    a->sin_family = AF_INET;
    a->sin_port = htons(static_cast<uint16_t>(port));
    std::memcpy(&a->sin_addr, ip.bytes16().data() + 12, 4);
    len = sizeof *a;
  } else {
    auto* a = reinterpret_cast<sockaddr_in6*>(&ss);
    a->sin6_family = AF_INET6;
    a->sin6_port = htons(static_cast<uint16_t>(port));
    std::memcpy(&a->sin6_addr, ip.bytes16().data(), 16);
    len = sizeof *a;
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&ss), len) == 0) return "";
  if (errno != EINPROGRESS) return std::strerror(errno);
  pollfd p{fd, POLLOUT, 0};
  int n = ::poll(&p, 1, ToMs(timeout));
  if (n == 0) return "connection timed out";
  if (n < 0) return std::strerror(errno);
  int err = 0;
  socklen_t elen = sizeof err;
  ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen);
  return err == 0 ? "" : std::strerror(err);
}

// Reads until CRLF, EOF, 512 bytes or the deadline.
std::string ReadLine(int fd, std::chrono::milliseconds timeout,
                     bool* timed_out) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string line;
  while (line.size() < 512 && line.find('\n') == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{fd, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, ToMs(left)) <= 0) {
      *timed_out = true;
      break;
    }
    char buf[256];
    ssize_t got = ::recv(fd, buf, sizeof buf, 0);
    if (got <= 0) break;
    line.append(buf, static_cast<size_t>(got));
  }
  size_t end = line.find_first_of("\r\n");
  return end == std::string::npos ? line : line.substr(0, end);
}

}  // namespace

ProbeResult ProbeSmtp(const IpAddress& ip, int port,
                      std::chrono::milliseconds timeout) {
  bool v4 = ip.EffectiveFamily() == IpAddress::Family::kV4;
  Fd fd(::socket(v4 ? AF_INET : AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0)
    return {false, std::string("socket: ") + std::strerror(errno)};
  std::string err = Connect(fd.get(), ip, port, timeout);
  if (!err.empty()) return {false, "connect: " + err};
  bool timed_out = false;
  std::string line = ReadLine(fd.get(), timeout, &timed_out);
  if (line.rfind("220", 0) == 0 &&
      (line.size() == 3 || line[3] == ' ' || line[3] == '-')) {
    static const char kQuit[] = "QUIT\r\n";
    (void)!::send(fd.get(), kQuit, sizeof kQuit - 1, MSG_NOSIGNAL);
    return {true, line};
  }
  if (line.empty())
    return {false, timed_out ? "no greeting (timed out)"
                             : "connection closed without a greeting"};
  return {false, "unexpected greeting: " + line.substr(0, 200)};
}

}  // namespace renumber::ess_sim
