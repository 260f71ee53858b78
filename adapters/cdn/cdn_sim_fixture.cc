#include "adapters/cdn/cdn_sim_fixture.h"

#include <algorithm>
#include <cctype>

#include "adapters/cdn/simulator/cdn_sim_vendor.h"
#include "adapters/registry.h"
#include "src/http/retry.h"
#include "src/sim/sim_vendors.h"

namespace renumber::cdn {
namespace {

constexpr int kSeed = 12;  // 9 CDN customers: shapes 0-7, 0 again (on v6)
constexpr int kShapes = 8;

// Lowers every request's timeout to `*limit` (the slow-fault test), and
// first calls `*before_send` when it is set (a test's customer acting in
// the console at a chosen request of ours).
class TimeoutTransport : public HttpTransport {
 public:
  TimeoutTransport(HttpTransport* inner, std::chrono::milliseconds* limit,
                   std::function<void(const HttpRequest&)>* before_send)
      : inner_(inner), limit_(limit), before_send_(before_send) {}
  Result<HttpResponse> Send(const HttpRequest& request) override {
    if (*before_send_) (*before_send_)(request);
    HttpRequest r = request;
    r.timeout = std::min(r.timeout, *limit_);
    return inner_->Send(r);
  }

 private:
  HttpTransport* inner_;
  std::chrono::milliseconds* limit_;
  std::function<void(const HttpRequest&)>* before_send_;
};

std::string Domain(const SimCustomer& c) {
  std::string d;
  for (char ch : c.id)
    if (std::isalnum(static_cast<unsigned char>(ch)))
      d += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return d + ".example.jp";
}

nlohmann::json Strip(nlohmann::json j) {
  for (const char* k : {"service_id", "version", "created_at", "updated_at"})
    j.erase(k);
  return j;
}

}  // namespace

void CdnSimTest::SetUpTestSuite() { InitHttpRuntime(64); }

void CdnSimTest::SetUp() {
  customers_ = SeedCustomers(kSeed, "2026-12-10T06:00:00+09:00");
  auto host = StartSimHost(NewCdnSimApi(customers_, sim_clock_), {});
  ASSERT_TRUE(host.ok()) << host.status().ToString();
  host_ = std::move(*host);
  client_ = std::make_unique<TestClient>(host_->base_url());
  for (const SimCustomer& c : customers_)
    resolver_.Set("origin." + Domain(c), {IpAddress::Parse(c.old_ip).value()});
  real_ = NewCpprestTransport({});
  timeouts_ = std::make_unique<TimeoutTransport>(real_.get(), &request_timeout_,
                                                 &before_send_);
}

HttpTransport* CdnSimTest::TransportFor(const SimCustomer& c) {
  Chain& chain = chains_[c.Credential("cdn", "api_token")];
  if (!chain.retrying) {
    chain.slot = std::make_unique<RateLimiterSlot>(
        limiters_.For(std::to_string(limiter_generation_) +
                      "token:" + c.Credential("cdn", "api_token")));
    chain.pacing = NewPacingTransport(timeouts_.get(), chain.slot.get());
    RetryPolicy policy;
    policy.initial_backoff = std::chrono::milliseconds(20);
    policy.max_backoff = std::chrono::milliseconds(500);
    policy.total_budget = std::chrono::milliseconds(20000);
    chain.retrying =
        NewRetryingTransport(chain.pacing.get(), RealClock(), &random_, policy);
  }
  return chain.retrying.get();
}

void CdnSimTest::RestoreState(const nlohmann::json& state) {
  ASSERT_TRUE(host_->api()->LoadState(state).ok());
  chains_.clear();
  // Forget what pacing learnt: fresh limiters under fresh keys.
  ++limiter_generation_;
}

void CdnSimTest::TearDown() {
  if (host_) host_->Stop();
}

std::vector<const SimCustomer*> CdnSimTest::CdnCustomers() const {
  std::vector<const SimCustomer*> out;
  for (const SimCustomer& c : customers_)
    if (c.Has("cdn")) out.push_back(&c);
  return out;
}

int CdnSimTest::ShapeOf(const SimCustomer& c) const {
  int rank = 0;
  for (const SimCustomer* x : CdnCustomers()) {
    if (x->id == c.id) return rank % kShapes;
    ++rank;
  }
  return -1;
}

const SimCustomer& CdnSimTest::Customer(int shape, bool v6) const {
  for (const SimCustomer* c : CdnCustomers())
    if (ShapeOf(*c) == shape &&
        (c->old_ip.find(':') != std::string::npos) == v6)
      return *c;
  ADD_FAILURE() << "no CDN customer of shape " << shape << (v6 ? " v6" : "");
  return customers_.front();
}

std::unique_ptr<Adapter> CdnSimTest::NewAdapterFor(const SimCustomer& c,
                                                   bool list_domains) {
  Credentials cred;
  cred.account = {c.id, Service("cdn")};
  cred.api_base = host_->base_url();
  cred.secrets["api_token"] = Secret(c.Credential("cdn", "api_token"));
  AdapterDeps deps;
  deps.transport = TransportFor(c);
  deps.clock = RealClock();
  deps.resolver = &resolver_;
  deps.random = &random_;
  deps.http_prober = &prober_;
  RateLimiterSlot* slot = chains_[c.Credential("cdn", "api_token")].slot.get();
  deps.share_rate_budget = [this, slot](const std::string& user) {
    RateLimiter* shared =
        limiters_.For(std::to_string(limiter_generation_) + "user:" + user);
    shared->Absorb(*slot->get());  // as TransportStack::ShareBudget does
    slot->set(shared);
  };
  deps.list_domains = list_domains;
  auto a = NewCdnAdapter(cred, deps);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? std::move(*a) : nullptr;
}

Target CdnSimTest::TargetFor(const SimCustomer& c) const {
  Target t;
  t.account = {c.id, Service("cdn")};
  t.old_ip = IpAddress::Parse(c.old_ip).value();
  t.new_ip = IpAddress::Parse(c.new_ip).value();
  t.maintenance_end = Timestamp::ParseRfc3339(c.maintenance_end).value();
  t.ticket = c.ticket;
  return t;
}

PhaseRun CdnSimTest::RunPhase(Adapter* adapter, const Target& target,
                              Phase phase, const nlohmann::json& history,
                              bool force, int k, Crash crash) {
  PhaseRun run;
  PhaseContext ctx;
  ctx.target = target;
  ctx.history = history;
  ctx.force = force;
  ctx.campaign = "sim-test";
  auto d = adapter->Discover(target);
  if (!d.ok()) return run.status = d.status(), run;
  if (phase == Phase::kCutover) {  // the engine's gate
    VerifyOptions o;
    o.records = records_for_gate_;
    auto v = adapter->Verify(target, o);
    if (!v.ok()) return run.status = v.status(), run;
    run.gate = *v;
    ctx.gate = v->gate;
  }
  auto plan = adapter->PlanPhase(phase, *d, ctx);
  if (!plan.ok()) return run.status = plan.status(), run;
  run.plan = *plan;
  if (plan->projected)
    return run.status = Status::PreconditionFailed("projected plan"), run;
  for (size_t i = 0; i < plan->changes.size(); ++i) {
    const Change& c = plan->changes[i];
    const bool at_k = static_cast<int>(i) == k;
    run.records.push_back({{"change", ChangeToJson(c)}, {"outcome", nullptr}});
    if (at_k && crash == Crash::kBeforeApply) break;
    auto out = adapter->Apply(c, ctx);
    if (!out.ok()) return run.status = out.status(), run;
    run.writes += out->writes;
    if (at_k && crash == Crash::kAfterApply) break;
    run.records.back()["outcome"] = out->result;
  }
  return run;
}

int CdnSimTest::OldBackends(int shape) {
  static const int kOld[kShapes] = {1, 3, 1, 2, 1, 2, 1, 1};
  return kOld[shape % kShapes];
}

void CdnSimTest::SetOrigins(const SimCustomer& c, Origins origins) {
  const OriginAnswer site = HtmlPage("Site of " + c.id, "welcome");
  const OriginAnswer placeholder = HtmlPage("Server being prepared", "soon");
  for (int port : {80, 443, 8080, 8443, 9443}) {
    if (origins == Origins::kAfter)
      prober_.Set(c.old_ip, port, Status::Unavailable("connection refused"));
    else
      prober_.Set(c.old_ip, port, site);
    prober_.Set(c.new_ip, port,
                origins == Origins::kBefore ? placeholder : site);
  }
}

nlohmann::json CdnSimTest::Activations() {
  auto r = client_->Send("GET", "/_sim/activations", "",
                         {BasicAuthHeader("sim-admin", host_->admin_token())});
  EXPECT_TRUE(r.ok() && r->status == 200);
  return r.ok() ? BodyJson(*r) : nlohmann::json();
}

nlohmann::json CdnSimTest::Route(const std::string& sid,
                                 const std::string& health) {
  auto r = client_->Send(
      "GET", "/_sim/route/" + sid + (health.empty() ? "" : "?health=" + health),
      "", {BasicAuthHeader("sim-admin", host_->admin_token())});
  EXPECT_TRUE(r.ok() && r->status == 200);
  return r.ok() ? BodyJson(*r) : nlohmann::json();
}

std::vector<std::string> CdnSimTest::ServiceIds(const SimCustomer& c) {
  std::vector<std::string> out;
  for (const auto& s : BodyJson(Vendor(c, "GET", "/service?per_page=100")))
    out.push_back(s["id"]);
  return out;
}

nlohmann::json CdnSimTest::Counters() {
  auto r = client_->Send("GET", "/_sim/counters", "",
                         {BasicAuthHeader("sim-admin", host_->admin_token())});
  EXPECT_TRUE(r.ok() && r->status == 200);
  return r.ok() ? BodyJson(*r) : nlohmann::json();
}

void CdnSimTest::ResetCounters() {
  auto r = client_->Send("POST", "/_sim/counters/reset", "",
                         {BasicAuthHeader("sim-admin", host_->admin_token())});
  EXPECT_TRUE(r.ok() && r->status / 100 == 2);
}

void CdnSimTest::SetFaults(const nlohmann::json& faults) {
  auto r = client_->Send("PUT", "/_sim/faults", faults.dump(),
                         {BasicAuthHeader("sim-admin", host_->admin_token())});
  ASSERT_TRUE(r.ok() && r->status / 100 == 2) << (r.ok() ? r->body : "");
}

void CdnSimTest::SetRateLimit(int size, int window_s) {
  nlohmann::json s = {{"rate_limit", {{"size", size}, {"window_s", window_s}}}};
  auto r = client_->Send("PUT", "/_sim/settings", s.dump(),
                         {BasicAuthHeader("sim-admin", host_->admin_token())});
  ASSERT_TRUE(r.ok() && r->status / 100 == 2) << (r.ok() ? r->body : "");
}

HttpResponse CdnSimTest::Vendor(const SimCustomer& c, const std::string& method,
                                const std::string& path,
                                const std::string& form) {
  std::vector<std::pair<std::string, std::string>> h = {
      {"Fastly-Key", c.Credential("cdn", "api_token")}};
  if (!form.empty())
    h.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  auto r = client_->Send(method, path, form, h);
  EXPECT_TRUE(r.ok()) << method << " " << path;
  return r.ok() ? *r : HttpResponse{};
}

nlohmann::json CdnSimTest::Versions(const SimCustomer& c,
                                    const std::string& sid) {
  return BodyJson(Vendor(c, "GET", "/service/" + sid + "/version"));
}

nlohmann::json CdnSimTest::ActiveState(const SimCustomer& c) {
  nlohmann::json out = nlohmann::json::object();
  auto list = BodyJson(Vendor(c, "GET", "/service?page=1&per_page=100"));
  for (const auto& s : list) {
    const std::string sid = s["id"];
    auto details = BodyJson(Vendor(c, "GET", "/service/" + sid + "/details"));
    if (!details["active_version"].is_object()) continue;
    const int v = details["active_version"]["number"];
    const std::string base =
        "/service/" + sid + "/version/" + std::to_string(v);
    nlohmann::json st = {{"active", v},
                         {"backends", nlohmann::json::object()},
                         {"directors", nlohmann::json::object()},
                         {"healthchecks", nlohmann::json::array()}};
    for (const auto& b : BodyJson(Vendor(c, "GET", base + "/backend")))
      st["backends"][b["name"].get<std::string>()] = Strip(b);
    for (const auto& d : BodyJson(Vendor(c, "GET", base + "/director")))
      st["directors"][d["name"].get<std::string>()] = d["backends"];
    for (const auto& h : BodyJson(Vendor(c, "GET", base + "/healthcheck")))
      st["healthchecks"].push_back(h["name"]);
    out[sid] = st;
  }
  return out;
}

}  // namespace renumber::cdn
