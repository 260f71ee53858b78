// SmtpProber: renumber's own look at a mail server, beside the vendor's
// delivery check. One probe connects to address:port, reads the greeting,
// says EHLO, notes whether STARTTLS is offered, and says QUIT. It never
// sends MAIL FROM (or anything after EHLO but QUIT): no mail is ever
// started.
//
// Outcomes:
//   ok            a 220 greeting (EHLO answered or not; see `ehlo_ok`)
//   filtered      the connection was refused, never answered within the
//                 connect timeout (a silent port), unreachable, or closed
//                 before any greeting: what a server that accepts port 25
//                 only from ESS's ranges looks like from anywhere else
//   bad-greeting  an answer that is not a 220 greeting (e.g. "554 ...", or
//                 not SMTP at all)
//   timeout       connected, but no complete greeting within the read
//                 timeout (a server slower than the timeout)
//   error         anything else (socket errors)
// None of these is an error value: a probe always has a result.
//
// Threads: Probe() blocks for at most about connect_timeout + 3 x
// read_timeout and is thread-safe; the real prober lets at most
// `max_parallel` probes run at once in the process (more calls wait their
// turn). Ownership: callers own the prober.
#ifndef RENUMBER_PROBE_SMTP_PROBE_H_
#define RENUMBER_PROBE_SMTP_PROBE_H_

#include <chrono>
#include <memory>
#include <string>

#include "src/core/ip.h"

namespace renumber {

struct SmtpProbeTarget {
  IpAddress address;
  int port = 25;
};

struct SmtpProbeOptions {
  std::chrono::milliseconds connect_timeout{5000};
  // Per answer: the greeting, the EHLO reply, the QUIT reply.
  std::chrono::milliseconds read_timeout{10000};
  std::string ehlo_name = "localhost";  // the name we give in EHLO
  int max_parallel = 8;                 // probes at once, process-wide
};

struct SmtpProbeResult {
  enum class Kind { kOk, kFiltered, kBadGreeting, kTimeout, kError };
  Kind kind = Kind::kError;
  std::string greeting;   // the first greeting line, as received
  bool ehlo_ok = false;   // EHLO got a 250
  bool starttls = false;  // STARTTLS among the EHLO extensions
  std::string detail;     // what happened, one line, English
  std::chrono::milliseconds elapsed{0};
};

// "ok", "filtered", "bad-greeting", "timeout", "error".
const char* SmtpProbeKindName(SmtpProbeResult::Kind kind);

class SmtpProber {
 public:
  virtual ~SmtpProber() = default;
  virtual SmtpProbeResult Probe(const SmtpProbeTarget& target) = 0;
};

// The real prober over POSIX sockets.
std::unique_ptr<SmtpProber> NewSmtpProber(const SmtpProbeOptions& options);

}  // namespace renumber

#endif  // RENUMBER_PROBE_SMTP_PROBE_H_
