// SimHost over StartHttpServer: admin paths, faults, counters (host.h).
#include "src/sim/host.h"

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>

#include "src/core/random.h"
#include "src/sim/admin.h"
#include "src/sim/counters.h"
#include "src/sim/faults.h"

namespace renumber {
namespace {

// A 5xx a host answers on its own (error and lost_response faults). The body
// carries both vendors' error shapes, like a proxy in front of either would
// send something the client has to cope with.
ServerResponse FaultError(int status) {
  ServerResponse r;
  r.status = status;
  r.headers.Set("Content-Type", "application/json; charset=utf-8");
  r.body = nlohmann::json{{"status", "FAILURE"},
                          {"code", "INTERNAL"},
                          {"message", "simulated server fault"},
                          {"msg", "Internal Server Error"},
                          {"detail", "simulated server fault"}}
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

// Truncated JSON: half of the body (never valid when the body was an
// object or array), "{" when it was empty.
std::string Malformed(const std::string& body) {
  if (body.size() < 2) return "{";
  return body.substr(0, body.size() / 2);
}

class SimHostImpl : public SimHost {
 public:
  SimHostImpl(std::unique_ptr<SimApi> api, const FaultConfig& faults,
              std::string token)
      : api_(std::move(api)), faults_(faults), token_(std::move(token)) {}
  ~SimHostImpl() override { Stop(); }

  Status Listen(const SimHostOptions& options);

  std::string base_url() const override { return base_url_; }
  std::string admin_token() const override { return token_; }
  SimApi* api() override { return api_.get(); }
  void SetFaults(const FaultConfig& faults) override {
    faults_.Set(faults);
    // Requests waiting out a latency look at the new one (WaitLatency).
    std::lock_guard<std::mutex> l(flight_mu_);
    sleep_cv_.notify_all();
  }
  FaultConfig faults() const override { return faults_.config(); }
  nlohmann::json Counters() const override { return counters_.ToJson(); }
  int InFlight() const override {
    std::lock_guard<std::mutex> l(flight_mu_);
    return vendor_inflight_;
  }
  void ResetCounters() override { counters_.Reset(); }
  // Closes the listener, cuts short injected sleeps and waits until no
  // handler runs any more, so nothing touches this host after Stop.
  void Stop() override {
    std::lock_guard<std::mutex> l(stop_mu_);
    {
      std::lock_guard<std::mutex> f(flight_mu_);
      stopping_ = true;
      sleep_cv_.notify_all();
    }
    if (server_) server_->Stop();
    server_.reset();
    std::unique_lock<std::mutex> f(flight_mu_);
    flight_cv_.wait(f, [this] { return inflight_ == 0; });
  }

 private:
  ServerResponse Serve(const ServerRequest& request);
  ServerResponse ServeVendor(const ServerRequest& request, RequestRecord* rec);
  void MaybeCustomerChange(const ServerRequest& request,
                           const std::string& target, RequestRecord* rec);
  std::string KnownAccount(const ServerRequest& request);
  void Learn(const ServerRequest& request, const std::string& account);
  static size_t CredentialKey(const ServerRequest& request);
  // Sleeps for `d` unless the host stops first.
  void Sleep(std::chrono::milliseconds d);
  // Sleeps for the `drawn` latency, cut short by Stop(), and by SetFaults
  // to at most the new latency_ms + jitter_ms (counted from the start).
  void WaitLatency(std::chrono::milliseconds drawn);

  std::unique_ptr<SimApi> api_;
  FaultInjector faults_;
  SimCounters counters_;
  const std::string token_;
  std::string base_url_;
  std::mutex stop_mu_;
  std::unique_ptr<HttpServer> server_;
  std::mutex known_mu_;
  std::map<size_t, std::string> known_;  // hash of credential headers
  mutable std::mutex flight_mu_;
  // flight_cv_: inflight_ reached 0 (Stop waits for it). sleep_cv_: a
  // sleeping request must look again (SetFaults, Stop). Two, so a request
  // ending wakes no sleeper: with one, each answer woke every request
  // waiting out its latency (32 at --jobs 32), measured as the simulators'
  // largest CPU cost in the bench.
  std::condition_variable flight_cv_;
  std::condition_variable sleep_cv_;
  int inflight_ = 0;
  int vendor_inflight_ = 0;  // of inflight_, the vendor requests
  bool stopping_ = false;
};

void SimHostImpl::Sleep(std::chrono::milliseconds d) {
  std::unique_lock<std::mutex> l(flight_mu_);
  sleep_cv_.wait_for(l, d, [this] { return stopping_; });
}

void SimHostImpl::WaitLatency(std::chrono::milliseconds drawn) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> l(flight_mu_);
  for (;;) {
    const FaultConfig now = faults_.config();
    const std::chrono::milliseconds cap(now.latency_ms +
                                        std::max(0, now.jitter_ms));
    const auto until = start + std::min(drawn, cap);
    if (stopping_ || std::chrono::steady_clock::now() >= until) return;
    sleep_cv_.wait_until(l, until);
  }
}

Status SimHostImpl::Listen(const SimHostOptions& options) {
  Status last;
  // A free port can be taken between the probe and the bind: try again.
  for (int attempt = 0; attempt < 5; ++attempt) {
    ServerOptions so;
    so.host = options.host;
    so.port = options.port;
    if (so.port == 0) {
      RN_ASSIGN_OR_RETURN(so.port, FindFreeLoopbackPort());
    }
    auto server = StartHttpServer(
        so, [this](const ServerRequest& r) { return Serve(r); });
    if (server.ok()) {
      server_ = std::move(server).value();
      base_url_ = server_->base_url();
      return Status::Ok();
    }
    last = server.status();
    if (options.port != 0) break;
  }
  return last;
}

ServerResponse SimHostImpl::Serve(const ServerRequest& request) {
  {
    std::lock_guard<std::mutex> l(flight_mu_);
    if (stopping_) {
      ServerResponse r;
      r.drop_connection = true;
      return r;
    }
    ++inflight_;
    if (!IsAdminPath(request.path)) ++vendor_inflight_;
  }
  ServerResponse resp;
  if (IsAdminPath(request.path)) {
    resp = ServeAdmin(request, this);
  } else {
    RequestRecord rec;
    rec.method = request.method;
    resp = ServeVendor(request, &rec);
    rec.status = resp.drop_connection ? 0 : resp.status;
    counters_.Record(rec);
  }
  std::lock_guard<std::mutex> l(flight_mu_);
  --inflight_;
  if (!IsAdminPath(request.path)) --vendor_inflight_;
  if (inflight_ == 0) flight_cv_.notify_all();
  return resp;
}

ServerResponse SimHostImpl::ServeVendor(const ServerRequest& request,
                                        RequestRecord* rec) {
  const std::string target = request.method + " " + request.path;
  auto latency = faults_.Latency();
  if (latency.count() > 0) WaitLatency(latency);
  if (faults_.Fires(FaultKind::kDrop, request.method, target)) {
    rec->faults.push_back(FaultKindName(FaultKind::kDrop));
    ServerResponse r;
    r.drop_connection = true;
    return r;
  }
  if (faults_.Fires(FaultKind::kError, request.method, target)) {
    rec->faults.push_back(FaultKindName(FaultKind::kError));
    return FaultError(faults_.config().error_status);
  }
  MaybeCustomerChange(request, target, rec);
  SimCall call;
  ServerResponse resp = api_->Handle(request, &call);
  rec->endpoint = call.endpoint;
  rec->account = call.account;
  rec->committed = call.committed;
  if (!call.account.empty()) Learn(request, call.account);
  if (call.committed &&
      faults_.Fires(FaultKind::kLostResponse, request.method, target)) {
    rec->faults.push_back(FaultKindName(FaultKind::kLostResponse));
    resp = FaultError(500);
  }
  if (faults_.Fires(FaultKind::kSlow, request.method, target)) {
    rec->faults.push_back(FaultKindName(FaultKind::kSlow));
    Sleep(std::chrono::milliseconds(faults_.config().slow_ms));
  }
  if (faults_.Fires(FaultKind::kMalformed, request.method, target)) {
    rec->faults.push_back(FaultKindName(FaultKind::kMalformed));
    resp.body = Malformed(resp.body);
  }
  return resp;
}

void SimHostImpl::MaybeCustomerChange(const ServerRequest& request,
                                      const std::string& target,
                                      RequestRecord* rec) {
  if (!IsWriteMethod(request.method)) return;
  FaultConfig c = faults_.config();
  if (c.customer_change.next <= 0 && c.customer_change.rate <= 0) return;
  std::string account = api_->AccountOf(request);
  if (account.empty()) account = KnownAccount(request);
  if (account.empty()) return;  // nobody to change: the fault cannot apply
  if (!faults_.Fires(FaultKind::kCustomerChange, request.method, target))
    return;
  if (api_->CustomerChange(account).ok())
    rec->faults.push_back(FaultKindName(FaultKind::kCustomerChange));
}

size_t SimHostImpl::CredentialKey(const ServerRequest& request) {
  return std::hash<std::string>()(request.headers.GetOr("Authorization", "") +
                                  "\n" +
                                  request.headers.GetOr("Fastly-Key", ""));
}

std::string SimHostImpl::KnownAccount(const ServerRequest& request) {
  std::lock_guard<std::mutex> l(known_mu_);
  auto it = known_.find(CredentialKey(request));
  return it == known_.end() ? "" : it->second;
}

void SimHostImpl::Learn(const ServerRequest& request,
                        const std::string& account) {
  std::lock_guard<std::mutex> l(known_mu_);
  if (known_.size() > 100000) known_.clear();
  known_[CredentialKey(request)] = account;
}

}  // namespace

Result<std::unique_ptr<SimHost>> StartSimHost(std::unique_ptr<SimApi> api,
                                              const SimHostOptions& options) {
  if (!api) return Status::InvalidArgument("StartSimHost: no API");
  std::string token = options.admin_token.empty() ? SystemRandom()->Hex(16)
                                                  : options.admin_token;
  auto host = std::make_unique<SimHostImpl>(std::move(api), options.faults,
                                            std::move(token));
  RN_RETURN_IF_ERROR(host->Listen(options).Annotate(
      "cannot start the " + host->api()->vendor() + " simulator",
      host->api()->vendor() + " のシミュレーターを起動できません"));
  return std::unique_ptr<SimHost>(std::move(host));
}

}  // namespace renumber
