#include "adapters/cdn/simulator/seed.h"

#include <cctype>
#include <chrono>

#include "adapters/cdn/simulator/seed_shapes.h"
#include "src/core/time.h"
#include "src/sim/sim_hash.h"

namespace renumber::cdnsim {
namespace {

// "C-10004" -> "c10004.example.jp".
std::string DomainOf(const std::string& customer_id) {
  std::string label;
  for (char c : customer_id)
    if (std::isalnum(static_cast<unsigned char>(c)))
      label += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return (label.empty() ? "site" : label) + ".example.jp";
}

std::string OtherIp(bool v6, int rank) {
  static const char kHex[] = "0123456789abcdef";
  int n = 16 + rank % 200;
  if (!v6) return "203.0.113." + std::to_string(n);
  return std::string("2001:db8:ff::") + kHex[n >> 4] + kHex[n & 15];
}

// A seeded object's time: day `n` of September 2026 (deterministic).
std::string SeedTime(int n) {
  auto base = Timestamp::ParseRfc3339("2026-09-01T00:00:00Z");
  return (*base + std::chrono::hours(24 * n)).ToRfc3339();
}

// Versions 1..d.versions, all locked (each was activated once, or locked
// for review), with d.active active; then the optional unlocked draft.
std::vector<Version> History(const ServiceDraft& d, const SiteInfo& site) {
  std::vector<Version> out;
  for (int n = 1; n <= d.versions; ++n) {
    Version v = d.config;
    v.number = n;
    v.locked = true;
    v.active = n == d.active;
    v.comment = n == 1         ? "Initial configuration"
                : n > d.active ? "Locked for review, never activated"
                               : "Update " + std::to_string(n);
    v.created_at = SeedTime(n);
    v.updated_at = SeedTime(n);
    out.push_back(std::move(v));
  }
  if (d.draft) {
    Version v = d.config;
    v.number = d.versions + 1;
    v.comment = "Work in progress: new application server";
    v.created_at = v.updated_at = SeedTime(d.versions + 1);
    Backend app;
    app.name = "new_app";
    app.address = site.other_ip;
    app.port = 8080;
    app.request_condition = "is_app";
    v.backends.push_back(app);
    Condition c;
    c.name = "is_app";
    c.statement = "req.url ~ \"^/app/\"";
    v.conditions.push_back(c);
    out.push_back(std::move(v));
  }
  return out;
}

// Pools get ids (kept by every version), their servers ids too.
void AssignPoolIds(const std::string& sid, const ServiceDraft& d, Service* s) {
  for (Version& v : s->versions) {
    for (Pool& p : v.pools) p.id = Base62Id("pool:" + sid + ":" + p.name);
  }
  int n = 0;
  for (const auto& [name, servers] : d.pool_servers) {
    const std::string id = Base62Id("pool:" + sid + ":" + name);
    for (PoolServer server : servers) {
      server.id = Base62Id("server:" + id + ":" + std::to_string(n++));
      s->pool_servers[id].push_back(server);
    }
  }
}

}  // namespace

std::string Base62Id(const std::string& key) {
  static const char kAlphabet[] =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  uint64_t state = sim::Fnv1a(key);
  std::string id;
  while (id.size() < 22) id += kAlphabet[sim::SplitMix64(&state) % 62];
  return id;
}

std::string ReadOnlyTokenFor(const std::string& token) {
  return "sim-ro-" + Base62Id("read-only:" + token);
}

CdnWorld SeedCdnWorld(const std::vector<SimCustomer>& customers) {
  CdnWorld world;
  int rank = 0;
  for (const SimCustomer& c : customers) {
    if (!c.Has("cdn")) continue;
    Account account;
    account.id = c.id;
    account.customer_id = Base62Id("customer:" + c.id);
    // Both tokens belong to one user: they share one rate-limit budget.
    const std::string user = Base62Id("user:" + c.id);
    const std::string ro = ReadOnlyTokenFor(c.Credential("cdn", "api_token"));
    account.tokens = {{c.Credential("cdn", "api_token"), "global", user,
                       Base62Id("token:" + c.Credential("cdn", "api_token"))},
                      {ro, "global:read", user, Base62Id("token:" + ro)}};
    world.accounts.push_back(std::move(account));
    bool v6 = c.old_ip.find(':') != std::string::npos;
    SiteInfo site{DomainOf(c.id), c.old_ip, OtherIp(v6, rank), c.id};
    int ordinal = 0;
    for (const ServiceDraft& d : ShapeServices(rank % kShapeCount, site)) {
      Service s;
      s.id = Base62Id("service:" + c.id + ":" + std::to_string(ordinal++));
      s.name = d.name;
      s.type = d.type;
      s.account = c.id;
      s.backend_limit = d.backend_limit;
      s.created_at = SeedTime(0);
      s.versions = History(d, site);
      AssignPoolIds(s.id, d, &s);
      world.services.push_back(std::move(s));
    }
    ++rank;
  }
  return world;
}

}  // namespace renumber::cdnsim
