#include "src/probe/fake_smtp_prober.h"

#include <algorithm>

namespace renumber {

void FakeSmtpProber::Set(const std::string& endpoint, SmtpProbeResult result) {
  std::lock_guard<std::mutex> l(mu_);
  results_[endpoint] = std::move(result);
}

void FakeSmtpProber::HoldUntilInFlight(int n, std::chrono::milliseconds wait) {
  std::lock_guard<std::mutex> l(mu_);
  hold_for_ = n;
  hold_wait_ = wait;
}

std::string FakeSmtpProber::EndpointOf(const SmtpProbeTarget& t) {
  const std::string a = t.address.ToString();
  return (t.address.is_v6() ? "[" + a + "]" : a) + ":" + std::to_string(t.port);
}

SmtpProbeResult FakeSmtpProber::Ok(const std::string& greeting) {
  SmtpProbeResult r;
  r.kind = SmtpProbeResult::Kind::kOk;
  r.greeting = greeting;
  r.ehlo_ok = true;
  r.detail = greeting + "; EHLO 250, no STARTTLS";
  return r;
}

SmtpProbeResult FakeSmtpProber::Of(SmtpProbeResult::Kind kind,
                                   const std::string& detail) {
  SmtpProbeResult r;
  r.kind = kind;
  r.detail = detail;
  return r;
}

SmtpProbeResult FakeSmtpProber::Probe(const SmtpProbeTarget& target) {
  const std::string endpoint = EndpointOf(target);
  std::unique_lock<std::mutex> l(mu_);
  probed_.push_back(endpoint);
  ++in_flight_;
  max_in_flight_ = std::max(max_in_flight_, in_flight_);
  cv_.notify_all();
  if (hold_for_ > 0)
    cv_.wait_for(l, hold_wait_, [this] { return max_in_flight_ >= hold_for_; });
  --in_flight_;
  auto it = results_.find(endpoint);
  SmtpProbeResult r = it == results_.end() ? Ok() : it->second;
  if (r.detail.rfind(endpoint, 0) != 0) r.detail = endpoint + ": " + r.detail;
  return r;
}

std::vector<std::string> FakeSmtpProber::probed() const {
  std::lock_guard<std::mutex> l(mu_);
  return probed_;
}

int FakeSmtpProber::max_in_flight() const {
  std::lock_guard<std::mutex> l(mu_);
  return max_in_flight_;
}

}  // namespace renumber
