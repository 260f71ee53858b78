// For tests only: a tiny TCP server on 127.0.0.1 that answers every
// connection with a fixed first line (default "220 test ESMTP\r\n"), waits
// briefly for the client to send something (QUIT) or close, and closes.
// Runs one thread; the destructor stops it.
#ifndef RENUMBER_ADAPTERS_ESS_SIMULATOR_TEST_SMTP_GREETER_H_
#define RENUMBER_ADAPTERS_ESS_SIMULATOR_TEST_SMTP_GREETER_H_

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>

namespace renumber {

class TestSmtpGreeter {
 public:
  explicit TestSmtpGreeter(std::string greeting = "220 test ESMTP\r\n")
      : greeting_(std::move(greeting)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      return;
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { Loop(); });
  }
  ~TestSmtpGreeter() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
  }
  int port() const { return port_; }  // 0 when the server failed to start
  int connections() const { return connections_; }

 private:
  void Loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      ++connections_;
      (void)!::send(c, greeting_.data(), greeting_.size(), MSG_NOSIGNAL);
      pollfd q{c, POLLIN, 0};
      if (::poll(&q, 1, 500) > 0) {
        char buf[64];
        (void)!::recv(c, buf, sizeof buf, 0);
      }
      ::close(c);
    }
  }

  std::string greeting_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_SIMULATOR_TEST_SMTP_GREETER_H_
