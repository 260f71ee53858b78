// FakeSmtpProber: an SmtpProber for tests, no sockets. Answers each
// endpoint with the result set for it (default: ok with a 220 greeting),
// records every probe, and can hold probes until several are in flight at
// once, so a test can see that callers probe in parallel (and no more than
// their bound) by events rather than by timing.
//
// Thread-safe.
#ifndef RENUMBER_PROBE_FAKE_SMTP_PROBER_H_
#define RENUMBER_PROBE_FAKE_SMTP_PROBER_H_

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "src/probe/smtp_probe.h"

namespace renumber {

class FakeSmtpProber : public SmtpProber {
 public:
  // The result for address:port ("198.19.0.1:25", "[2001:db8::1]:25").
  void Set(const std::string& endpoint, SmtpProbeResult result);
  // Each probe waits until `n` probes have been in flight at once (or
  // `wait` passes); after that, probes no longer wait.
  void HoldUntilInFlight(int n, std::chrono::milliseconds wait);

  SmtpProbeResult Probe(const SmtpProbeTarget& target) override;

  std::vector<std::string> probed() const;  // endpoints, in call order
  int max_in_flight() const;

  static std::string EndpointOf(const SmtpProbeTarget& target);
  static SmtpProbeResult Ok(const std::string& greeting = "220 mx ESMTP");
  static SmtpProbeResult Of(SmtpProbeResult::Kind kind,
                            const std::string& detail);

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, SmtpProbeResult> results_;
  std::vector<std::string> probed_;
  int hold_for_ = 0;
  std::chrono::milliseconds hold_wait_{0};
  int in_flight_ = 0;
  int max_in_flight_ = 0;
};

}  // namespace renumber

#endif  // RENUMBER_PROBE_FAKE_SMTP_PROBER_H_
