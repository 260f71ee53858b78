// The real SmtpProber: non-blocking POSIX sockets with poll() deadlines.
#include "src/probe/smtp_probe.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <vector>

namespace renumber {
namespace {

using Kind = SmtpProbeResult::Kind;
using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr size_t kMaxLine = 2048;       // longer is not an SMTP reply
constexpr size_t kMaxReplyLines = 100;  // a guard against endless replies
constexpr size_t kShown = 200;          // characters of a line in a detail

// Process-wide limit on probes running at once.
class Slots {
 public:
  explicit Slots(int n) : free_(std::max(1, n)) {}
  void Acquire() {
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait(l, [this] { return free_ > 0; });
    --free_;
  }
  void Release() {
    {
      std::lock_guard<std::mutex> l(mu_);
      ++free_;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int free_;
};

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Milliseconds until `deadline`, rounded up (poll() takes whole ms).
int MsLeft(SteadyClock::time_point deadline) {
  auto left = deadline - SteadyClock::now();
  auto ms = std::chrono::ceil<milliseconds>(left).count();
  return static_cast<int>(std::max<int64_t>(0, ms));
}

// A line fit for a one-line detail: printable ASCII, at most kShown chars.
std::string Shown(const std::string& line) {
  std::string out;
  for (char c : line.substr(0, kShown))
    out += std::isprint(static_cast<unsigned char>(c)) ? c : '?';
  return line.size() > kShown ? out + "..." : out;
}

std::string Endpoint(const SmtpProbeTarget& t) {
  const std::string a = t.address.ToString();
  return (t.address.is_v6() ? "[" + a + "]" : a) + ":" + std::to_string(t.port);
}

struct Connected {
  int fd = -1;
  Kind kind = Kind::kOk;  // not kOk: why no connection
  std::string detail;
};

Connected Connect(const SmtpProbeTarget& t, milliseconds timeout) {
  sockaddr_storage ss{};
  socklen_t len;
  if (t.address.EffectiveFamily() == IpAddress::Family::kV4) {
    auto* sin = reinterpret_cast<sockaddr_in*>(&ss);
    sin->sin_family = AF_INET;
    sin->sin_port = htons(static_cast<uint16_t>(t.port));
    std::memcpy(&sin->sin_addr, t.address.bytes16().data() + 12, 4);
    len = sizeof *sin;
  } else {
    auto* sin6 = reinterpret_cast<sockaddr_in6*>(&ss);
    sin6->sin6_family = AF_INET6;
    sin6->sin6_port = htons(static_cast<uint16_t>(t.port));
    std::memcpy(&sin6->sin6_addr, t.address.bytes16().data(), 16);
    len = sizeof *sin6;
  }
  int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return {-1, Kind::kError, std::string("socket: ") + strerror(errno)};
  int rc = connect(fd, reinterpret_cast<sockaddr*>(&ss), len);
  int err = rc == 0 ? 0 : errno;
  if (err == EINPROGRESS) {
    pollfd p{fd, POLLOUT, 0};
    int n = poll(&p, 1, static_cast<int>(timeout.count()));
    if (n == 0) {
      close(fd);
      return {-1, Kind::kFiltered,
              "no answer to the connection within " +
                  std::to_string(timeout.count()) + " ms (a silent port)"};
    }
    socklen_t elen = sizeof err;
    if (n < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0)
      err = errno;
  }
  if (err == 0) return {fd, Kind::kOk, ""};
  close(fd);
  const std::string why = std::string("connect: ") + strerror(err);
  if (err == ECONNREFUSED || err == EHOSTUNREACH || err == ENETUNREACH ||
      err == ETIMEDOUT || err == EACCES || err == EPERM)
    return {-1, Kind::kFiltered, why};
  return {-1, Kind::kError, why};
}

// One SMTP reply: "ddd-text" lines ending with a "ddd text" (or "ddd") line.
struct Reply {
  enum class State { kComplete, kEof, kTimeout, kGarbage, kError };
  State state = State::kError;
  int code = 0;
  std::vector<std::string> lines;  // without CRLF
  std::string partial;             // what arrived of an incomplete reply
  std::string error;
};

bool ReplyLine(const std::string& line) {
  if (line.size() < 3) return false;
  for (int i = 0; i < 3; ++i)
    if (!std::isdigit(static_cast<unsigned char>(line[i]))) return false;
  return line.size() == 3 || line[3] == ' ' || line[3] == '-';
}

class Conversation {
 public:
  explicit Conversation(int fd) : fd_(fd) {}

  Reply Read(milliseconds timeout) {
    Reply r;
    const auto deadline = SteadyClock::now() + timeout;
    for (;;) {
      size_t eol;
      while ((eol = buffer_.find('\n')) != std::string::npos) {
        std::string line = buffer_.substr(0, eol);
        buffer_.erase(0, eol + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!ReplyLine(line) ||
            (!r.lines.empty() && line.compare(0, 3, r.lines[0], 0, 3) != 0)) {
          r.state = Reply::State::kGarbage;
          r.lines.push_back(line);
          return r;
        }
        r.lines.push_back(line);
        if (line.size() == 3 || line[3] == ' ') {
          r.state = Reply::State::kComplete;
          r.code = std::stoi(line.substr(0, 3));
          return r;
        }
        if (r.lines.size() >= kMaxReplyLines) {
          r.state = Reply::State::kGarbage;
          return r;
        }
      }
      if (buffer_.size() > kMaxLine) {
        r.state = Reply::State::kGarbage;
        r.lines.push_back(buffer_.substr(0, kMaxLine));
        return r;
      }
      r.partial = buffer_;
      if (!r.lines.empty()) r.partial = r.lines.back() + "\n" + buffer_;
      pollfd p{fd_, POLLIN, 0};
      int n = poll(&p, 1, MsLeft(deadline));
      if (n == 0 && SteadyClock::now() < deadline) continue;
      if (n == 0) {
        r.state = Reply::State::kTimeout;
        return r;
      }
      if (n < 0) {
        r.state = Reply::State::kError;
        r.error = std::string("poll: ") + strerror(errno);
        return r;
      }
      char buf[4096];
      ssize_t got = recv(fd_, buf, sizeof buf, 0);
      if (got == 0) {
        r.state = Reply::State::kEof;
        return r;
      }
      if (got < 0) {
        if (errno == EAGAIN || errno == EINTR) continue;
        // A reset is the peer closing on us.
        r.state =
            errno == ECONNRESET ? Reply::State::kEof : Reply::State::kError;
        r.error = std::string("recv: ") + strerror(errno);
        return r;
      }
      buffer_.append(buf, static_cast<size_t>(got));
      received_ += static_cast<size_t>(got);
    }
  }

  // False when the line could not be sent in time.
  bool Send(const std::string& line, milliseconds timeout) {
    const std::string data = line + "\r\n";
    const auto deadline = SteadyClock::now() + timeout;
    size_t sent = 0;
    while (sent < data.size()) {
      ssize_t n =
          send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n > 0) {
        sent += static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && errno != EAGAIN && errno != EINTR) return false;
      pollfd p{fd_, POLLOUT, 0};
      if (poll(&p, 1, MsLeft(deadline)) <= 0) return false;
    }
    return true;
  }

  size_t received() const { return received_; }

 private:
  int fd_;
  std::string buffer_;
  size_t received_ = 0;
};

SmtpProbeResult Result(Kind kind, std::string detail) {
  SmtpProbeResult r;
  r.kind = kind;
  r.detail = std::move(detail);
  return r;
}

// What a greeting that is not a complete 220 means.
SmtpProbeResult NoGoodGreeting(const Reply& g, size_t received,
                               milliseconds timeout) {
  switch (g.state) {
    case Reply::State::kComplete:
      return Result(Kind::kBadGreeting,
                    "greeting is not 220: " + Shown(g.lines.front()));
    case Reply::State::kGarbage:
      return Result(Kind::kBadGreeting,
                    "not an SMTP greeting: " +
                        Shown(g.lines.empty() ? "" : g.lines.back()));
    case Reply::State::kEof:
      if (received == 0)
        return Result(Kind::kFiltered,
                      "the connection was closed without a greeting");
      return Result(Kind::kBadGreeting,
                    "the connection was closed in the middle of the "
                    "greeting: " +
                        Shown(g.partial));
    case Reply::State::kTimeout:
      return Result(Kind::kTimeout,
                    std::string(received == 0 ? "no greeting"
                                              : "an incomplete greeting") +
                        " within " + std::to_string(timeout.count()) + " ms");
    case Reply::State::kError:
      break;
  }
  return Result(Kind::kError, g.error);
}

class PosixSmtpProber : public SmtpProber {
 public:
  explicit PosixSmtpProber(const SmtpProbeOptions& o)
      : options_(o), slots_(o.max_parallel) {}

  SmtpProbeResult Probe(const SmtpProbeTarget& t) override {
    slots_.Acquire();
    const auto start = SteadyClock::now();
    SmtpProbeResult r = Run(t);
    slots_.Release();
    r.elapsed =
        std::chrono::duration_cast<milliseconds>(SteadyClock::now() - start);
    r.detail = Endpoint(t) + ": " + r.detail;
    return r;
  }

 private:
  SmtpProbeResult Run(const SmtpProbeTarget& t) {
    if (t.port < 1 || t.port > 65535)
      return Result(Kind::kError, "port out of range");
    Connected c = Connect(t, options_.connect_timeout);
    if (c.fd < 0) return Result(c.kind, c.detail);
    Fd fd(c.fd);
    Conversation talk(fd.get());
    Reply greeting = talk.Read(options_.read_timeout);
    if (greeting.state != Reply::State::kComplete || greeting.code != 220) {
      SmtpProbeResult bad =
          NoGoodGreeting(greeting, talk.received(), options_.read_timeout);
      if (!greeting.lines.empty()) bad.greeting = Shown(greeting.lines[0]);
      if (bad.kind == Kind::kBadGreeting && talk.Send("QUIT", Short()))
        talk.Read(Short());  // be polite; the answer does not matter
      return bad;
    }
    SmtpProbeResult ok = Result(Kind::kOk, Shown(greeting.lines[0]));
    ok.greeting = Shown(greeting.lines[0]);
    Ehlo(&talk, &ok);
    if (talk.Send("QUIT", options_.read_timeout))
      talk.Read(options_.read_timeout);
    return ok;
  }

  void Ehlo(Conversation* talk, SmtpProbeResult* r) {
    if (!talk->Send("EHLO " + options_.ehlo_name, options_.read_timeout)) {
      r->detail += "; EHLO could not be sent";
      return;
    }
    Reply e = talk->Read(options_.read_timeout);
    if (e.state != Reply::State::kComplete || e.code != 250) {
      r->detail += e.state == Reply::State::kComplete
                       ? "; EHLO refused: " + Shown(e.lines.front())
                       : "; EHLO unanswered";
      return;
    }
    r->ehlo_ok = true;
    for (size_t i = 1; i < e.lines.size(); ++i) {
      if (e.lines[i].size() <= 4) continue;
      std::string ext = e.lines[i].substr(4);
      for (char& ch : ext)
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (ext == "STARTTLS" || ext.rfind("STARTTLS ", 0) == 0)
        r->starttls = true;
    }
    r->detail += r->starttls ? "; EHLO 250, STARTTLS offered"
                             : "; EHLO 250, no STARTTLS";
  }

  milliseconds Short() const {
    return std::min(options_.read_timeout, milliseconds(1000));
  }

  SmtpProbeOptions options_;
  Slots slots_;
};

}  // namespace

const char* SmtpProbeKindName(SmtpProbeResult::Kind kind) {
  switch (kind) {
    case Kind::kOk:
      return "ok";
    case Kind::kFiltered:
      return "filtered";
    case Kind::kBadGreeting:
      return "bad-greeting";
    case Kind::kTimeout:
      return "timeout";
    case Kind::kError:
      return "error";
  }
  return "error";
}

std::unique_ptr<SmtpProber> NewSmtpProber(const SmtpProbeOptions& options) {
  return std::make_unique<PosixSmtpProber>(options);
}

}  // namespace renumber
