// For tests only: a small SMTP responder on a real loopback socket
// (127.0.0.x, any port), behaving as one of the servers a probe meets:
//   kGood          "220 ..." greeting, EHLO answered (STARTTLS offered or
//                  not), QUIT answered with 221;
//   kBadGreeting   "554 ..." greeting, QUIT answered;
//   kSilent        accepts, never says anything;
//   kCloseAtOnce   accepts and closes at once;
//   kSlow          greets like kGood, but only after `delay`;
//   kUnanswered    never completes a connection (its accept queue is full,
//                  so the kernel drops the SYNs: a silent, firewalled port).
// It records every line it receives and how many connections were open at
// once. Header-only; the destructor stops it and joins its threads.
// Written for the probe tests from RFC 5321, shares no code with the
// probe or with the ESS simulator.
#ifndef RENUMBER_PROBE_TEST_SMTP_RESPONDER_H_
#define RENUMBER_PROBE_TEST_SMTP_RESPONDER_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace renumber {

class TestSmtpResponder {
 public:
  enum class Mode {
    kGood,
    kBadGreeting,
    kSilent,
    kCloseAtOnce,
    kSlow,
    kUnanswered
  };

  explicit TestSmtpResponder(
      Mode mode, std::string ip = "127.0.0.1",
      std::chrono::milliseconds delay = std::chrono::milliseconds(0),
      bool starttls = true)
      : mode_(mode), ip_(std::move(ip)), delay_(delay), starttls_(starttls) {
    if (pipe(stop_) != 0) return;
    listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    inet_pton(AF_INET, ip_.c_str(), &a.sin_addr);
    int one = 1;
    setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
      return;
    socklen_t len = sizeof a;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    if (mode_ == Mode::kUnanswered) {
      // Backlog 0 holds one connection; ours fills it and is never
      // accepted, so the kernel drops every later SYN.
      listen(listen_fd_, 0);
      filler_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      if (connect(filler_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
        port_ = 0;
      return;
    }
    listen(listen_fd_, 64);
    acceptor_ = std::thread([this] { AcceptLoop(); });
  }

  ~TestSmtpResponder() {
    if (stop_[1] >= 0) (void)!write(stop_[1], "x", 1);
    if (acceptor_.joinable()) acceptor_.join();
    std::vector<std::thread> sessions;
    {
      std::lock_guard<std::mutex> l(mu_);
      sessions.swap(sessions_);
    }
    for (std::thread& t : sessions) t.join();
    for (int fd : {listen_fd_, filler_, stop_[0], stop_[1]})
      if (fd >= 0) close(fd);
  }

  const std::string& ip() const { return ip_; }
  int port() const { return port_; }  // 0: could not listen
  int connections() const {
    std::lock_guard<std::mutex> l(mu_);
    return connections_;
  }
  int max_open() const {
    std::lock_guard<std::mutex> l(mu_);
    return max_open_;
  }
  std::vector<std::string> lines() const {
    std::lock_guard<std::mutex> l(mu_);
    return lines_;
  }
  // Waits until `n` connections were accepted (false after `wait`).
  bool WaitForConnections(int n, std::chrono::milliseconds wait) {
    std::unique_lock<std::mutex> l(mu_);
    return cv_.wait_for(l, wait, [&] { return connections_ >= n; });
  }

 private:
  void AcceptLoop() {
    for (;;) {
      pollfd p[2] = {{listen_fd_, POLLIN, 0}, {stop_[0], POLLIN, 0}};
      if (poll(p, 2, -1) < 0 || (p[1].revents & POLLIN)) return;
      int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      std::lock_guard<std::mutex> l(mu_);
      ++connections_;
      max_open_ = std::max(max_open_, ++open_);
      cv_.notify_all();
      sessions_.emplace_back([this, fd] {
        Session(fd);
        close(fd);
        std::lock_guard<std::mutex> l2(mu_);
        --open_;
      });
    }
  }

  // Waits for a line or the client's close; false when the session ends.
  bool ReadLine(int fd, std::string* buffer, std::string* line) {
    for (;;) {
      size_t eol = buffer->find("\r\n");
      if (eol != std::string::npos) {
        *line = buffer->substr(0, eol);
        buffer->erase(0, eol + 2);
        std::lock_guard<std::mutex> l(mu_);
        lines_.push_back(*line);
        return true;
      }
      pollfd p[2] = {{fd, POLLIN, 0}, {stop_[0], POLLIN, 0}};
      if (poll(p, 2, -1) < 0 || (p[1].revents & POLLIN)) return false;
      char buf[1024];
      ssize_t n = read(fd, buf, sizeof buf);
      if (n <= 0) return false;
      buffer->append(buf, static_cast<size_t>(n));
    }
  }

  void Say(int fd, const std::string& text) {
    (void)!send(fd, text.data(), text.size(), MSG_NOSIGNAL);
  }

  void Session(int fd) {
    if (mode_ == Mode::kCloseAtOnce) return;
    if (mode_ == Mode::kSlow) {
      pollfd p{stop_[0], POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(delay_.count())) != 0) return;
    }
    if (mode_ == Mode::kBadGreeting) {
      Say(fd, "554 5.7.1 no SMTP service here\r\n");
    } else if (mode_ != Mode::kSilent) {
      Say(fd, "220 mx.test.example ESMTP ready\r\n");
    }
    std::string buffer, line;
    while (ReadLine(fd, &buffer, &line)) {
      if (mode_ == Mode::kSilent) continue;
      std::string verb = line.substr(0, 4);
      for (char& c : verb) c = static_cast<char>(toupper(c));
      if (verb == "QUIT") {
        Say(fd, "221 2.0.0 bye\r\n");
        return;
      }
      if (verb == "EHLO" && mode_ != Mode::kBadGreeting) {
        Say(fd, std::string("250-mx.test.example\r\n250-PIPELINING\r\n") +
                    (starttls_ ? "250-STARTTLS\r\n" : "") + "250 8BITMIME\r\n");
      } else {
        Say(fd, "503 5.5.1 bad sequence of commands\r\n");
      }
    }
  }

  const Mode mode_;
  const std::string ip_;
  const std::chrono::milliseconds delay_;
  const bool starttls_;
  int stop_[2] = {-1, -1};
  int listen_fd_ = -1;
  int filler_ = -1;
  int port_ = 0;
  std::thread acceptor_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::thread> sessions_;
  std::vector<std::string> lines_;
  int connections_ = 0;
  int open_ = 0;
  int max_open_ = 0;
};

}  // namespace renumber

#endif  // RENUMBER_PROBE_TEST_SMTP_RESPONDER_H_
