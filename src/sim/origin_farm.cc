#include "src/sim/origin_farm.h"

#include <atomic>
#include <cctype>
#include <map>
#include <mutex>
#include <set>

#include "src/core/ip.h"
#include "src/http/server.h"
#include "src/http/tls_test_certs.h"

namespace renumber {
namespace {

struct Site {
  std::string domain;    // "c10004.example.jp"
  std::string customer;  // "C-10004"
  bool is_new = false;   // the new server (else the old one)
  int rank = 0;          // among customers with origins, kTimed's stagger
};

// "C-10004" -> "c10004.example.jp" (as the CDN simulator names its sites).
std::string DomainOf(const std::string& customer_id) {
  std::string label;
  for (char c : customer_id)
    if (std::isalnum(static_cast<unsigned char>(c)))
      label += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return (label.empty() ? "site" : label) + ".example.jp";
}

ServerResponse Html(int status, const std::string& title,
                    const std::string& body) {
  ServerResponse r;
  r.status = status;
  r.headers.Set("Content-Type", "text/html; charset=utf-8");
  r.body = "<!doctype html>\n<html><head><title>" + title +
           "</title></head>\n<body>" + body + "</body></html>\n";
  return r;
}

class Farm : public OriginFarm {
 public:
  Farm(const OriginFarmOptions& o)
      : phase_(o.phase),
        end_us_(o.maintenance_end.unix_micros()),
        stagger_(o.stagger),
        clock_(o.clock ? o.clock : RealClock()) {}
  ~Farm() override { Stop(); }

  Status Listen(const std::vector<SimCustomer>& customers,
                const std::vector<SimOrigin>& origins);

  void SetPhase(OriginPhase phase) override { phase_ = phase; }
  void SetMaintenanceEnd(Timestamp end) override {
    end_us_ = end.unix_micros();
  }
  OriginPhase phase() const override { return phase_; }
  const ConnectToMap& connect_to() const override { return map_; }
  std::string ca_file() const override { return pki_.ca_file(); }
  long requests() const override { return requests_; }
  void Stop() override {
    std::lock_guard<std::mutex> l(stop_mu_);
    for (auto& s : servers_) s->Stop();
    servers_.clear();
  }

 private:
  ServerResponse Serve(const Site& site, const ServerRequest& r) {
    ++requests_;
    const std::string host = r.headers.GetOr("Host", site.domain);
    if (!ServesSite(site)) {
      if (!site.is_new) {  // the old server is switched off
        ServerResponse down;
        down.drop_connection = true;
        return down;
      }
      return Html(200, PlaceholderTitle(),
                  "<p>This server is being prepared for the platform "
                  "maintenance.</p><p>基盤変更メンテナンスのため準備中です。"
                  "</p>");
    }
    if (r.path == "/health") {
      ServerResponse ok;
      ok.headers.Set("Content-Type", "text/plain; charset=utf-8");
      ok.body = "OK\n";
      return ok;
    }
    if (site.is_new && phase_.load() == OriginPhase::kStaleCopy)
      return Html(200, SiteTitle(host),
                  "<h1>" + host + "</h1><p>Welcome to " + site.customer +
                      "'s site (copy of last month).</p><p>path " + r.path +
                      "</p>");
    return Html(200, SiteTitle(host),
                "<h1>" + host + "</h1><p>Welcome to " + site.customer +
                    "'s site.</p><p>path " + r.path + "</p>");
  }

  bool ServesSite(const Site& site) const {
    switch (phase_.load()) {
      case OriginPhase::kBefore:
        return !site.is_new;
      case OriginPhase::kSynced:
      case OriginPhase::kStaleCopy:
        return true;
      case OriginPhase::kAfter:
        return site.is_new;
      case OriginPhase::kTimed: {
        const Timestamp now = clock_->Now();
        const Timestamp end = Timestamp::FromUnixMicros(end_us_.load());
        if (!site.is_new) return now < end;
        return !(now < end + stagger_ * site.rank);
      }
    }
    return false;
  }

  std::atomic<OriginPhase> phase_;
  std::atomic<int64_t> end_us_;
  std::chrono::milliseconds stagger_;
  Clock* clock_;
  TestPki pki_;
  ConnectToMap map_;
  std::atomic<long> requests_{0};
  std::mutex stop_mu_;
  std::vector<std::unique_ptr<HttpServer>> servers_;
};

Status Farm::Listen(const std::vector<SimCustomer>& customers,
                    const std::vector<SimOrigin>& wanted) {
  // (ip, port) -> tls, for every origin at a customer's old IP, and the
  // same ports at the new IP.
  std::set<std::string> with_origins;
  for (const SimOrigin& o : wanted) with_origins.insert(o.customer);
  std::map<std::string, const SimCustomer*> by_id;
  std::map<std::string, int> rank;
  for (const SimCustomer& c : customers) {
    if (!with_origins.count(c.id)) continue;
    by_id[c.id] = &c;
    rank[c.id] = static_cast<int>(rank.size());
  }
  std::map<std::tuple<std::string, int, bool>, Site> origins;
  for (const SimOrigin& o : wanted) {
    auto c = by_id.find(o.customer);
    if (c == by_id.end()) continue;
    auto ip = IpAddress::Parse(o.address);
    auto old_ip = IpAddress::Parse(c->second->old_ip);
    if (!ip.ok() || !old_ip.ok() || *ip != *old_ip) continue;
    Site site{DomainOf(c->first), c->first, false, rank[c->first]};
    origins.emplace(std::make_tuple(c->second->old_ip, o.port, o.tls), site);
    site.is_new = true;
    origins.emplace(std::make_tuple(c->second->new_ip, o.port, o.tls), site);
  }
  RN_RETURN_IF_ERROR(pki_.Create("renumber simulated origins", "", {}));
  // One certificate per customer, naming its own site only (as a real
  // origin's does): one naming every customer's site outgrows what a TLS
  // client accepts (OpenSSL: 100 KiB) at about 2,500 customers.
  std::map<std::string, std::string> cert_of;  // customer -> PEM file
  for (const auto& [key, site] : origins) {
    const auto& [ip, port, tls] = key;
    ServerOptions so;
    so.host = "127.0.0.1";
    if (tls) {
      std::string& cert = cert_of[site.customer];
      if (cert.empty()) {
        RN_ASSIGN_OR_RETURN(
            cert, pki_.IssueServerCert({site.domain, "*." + site.domain}));
      }
      so.cert_file = cert;
      so.key_file = pki_.key_file();
    }
    Status last;
    std::unique_ptr<HttpServer> server;
    for (int attempt = 0; attempt < 5 && !server; ++attempt) {
      RN_ASSIGN_OR_RETURN(so.port, FindFreeLoopbackPort());
      Site copy = site;
      auto started = StartHttpServer(
          so, [this, copy](const ServerRequest& r) { return Serve(copy, r); });
      if (started.ok())
        server = std::move(*started);
      else
        last = started.status();
    }
    if (!server)
      return last.Annotate("cannot start a simulated origin",
                           "シミュレーターのオリジンサーバーを起動できません");
    RN_RETURN_IF_ERROR(map_.Add({ip, port}, {"127.0.0.1", so.port}));
    servers_.push_back(std::move(server));
  }
  return Status::Ok();
}

}  // namespace

const char* OriginPhaseName(OriginPhase phase) {
  switch (phase) {
    case OriginPhase::kBefore:
      return "before";
    case OriginPhase::kSynced:
      return "synced";
    case OriginPhase::kAfter:
      return "after";
    case OriginPhase::kTimed:
      return "timed";
    case OriginPhase::kStaleCopy:
      return "stale-copy";
  }
  return "?";
}

Result<OriginPhase> ParseOriginPhase(const std::string& text) {
  for (OriginPhase p :
       {OriginPhase::kBefore, OriginPhase::kSynced, OriginPhase::kAfter,
        OriginPhase::kTimed, OriginPhase::kStaleCopy})
    if (text == OriginPhaseName(p)) return p;
  return Status::InvalidArgument(
      "origin phase '" + text +
          "': use before, synced, after, timed or stale-copy",
      "オリジンサーバーの段階 '" + text +
          "': before、synced、after、timed、stale-copy のいずれかを指定して"
          "ください");
}

std::string OriginFarm::SiteTitle(const std::string& host) {
  return host + " | official site";
}

std::string OriginFarm::PlaceholderTitle() { return "Server being prepared"; }

Result<std::unique_ptr<OriginFarm>> OriginFarm::Start(
    const std::vector<SimCustomer>& customers,
    const std::vector<SimOrigin>& origins, const OriginFarmOptions& options) {
  auto farm = std::make_unique<Farm>(options);
  RN_RETURN_IF_ERROR(farm->Listen(customers, origins));
  return std::unique_ptr<OriginFarm>(std::move(farm));
}

}  // namespace renumber
