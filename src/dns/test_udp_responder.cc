#include "src/dns/test_udp_responder.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace renumber {

Result<std::unique_ptr<TestUdpResponder>> TestUdpResponder::Start(Mode mode) {
  std::unique_ptr<TestUdpResponder> r(new TestUdpResponder);
  r->mode_ = mode;
  r->fd_ = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  r->stop_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (r->fd_ < 0 || r->stop_fd_ < 0)
    return Status::Internal(std::string("socket: ") + strerror(errno));
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (bind(r->fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      getsockname(r->fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
    return Status::Unavailable(std::string("bind: ") + strerror(errno));
  r->port_ = ntohs(a.sin_port);
  r->thread_ = std::thread([p = r.get()] { p->Serve(); });
  return r;
}

TestUdpResponder::~TestUdpResponder() {
  uint64_t one = 1;
  if (stop_fd_ >= 0) (void)!write(stop_fd_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) close(fd_);
  if (stop_fd_ >= 0) close(stop_fd_);
}

void TestUdpResponder::Serve() {
  while (true) {
    pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0 && errno != EINTR) return;
    if (fds[1].revents) return;
    if (!(fds[0].revents & POLLIN)) continue;
    unsigned char buf[1500];
    sockaddr_in from{};
    socklen_t len = sizeof from;
    ssize_t n = recvfrom(fd_, buf, sizeof buf, 0,
                         reinterpret_cast<sockaddr*>(&from), &len);
    if (n < 12) continue;
    ++queries_;
    if (mode_ == Mode::kSilent) continue;
    // Header: id(2) flags(2) qd an ns ar. QR=1, RA=1, RCODE in the low bits.
    buf[2] |= 0x80;
    buf[3] = 0x80;
    size_t out = static_cast<size_t>(n);
    if (mode_ == Mode::kServfail) buf[3] |= 2;
    if (mode_ == Mode::kRefused) buf[3] |= 5;
    if (mode_ == Mode::kMalformed) {
      buf[7] = 3;  // ANCOUNT 3, then two bytes where the answers should be
      buf[out++] = 0xc0;
      buf[out++] = 0xff;
    }
    sendto(fd_, buf, out, 0, reinterpret_cast<sockaddr*>(&from), len);
  }
}

}  // namespace renumber
